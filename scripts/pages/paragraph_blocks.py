"""Extension point: other parts of the site add blocks to every paragraph page.

A block is a function ``(ctx, paragraph) -> Markdown`` (an empty string to add nothing), for
example the good practices that implement the paragraph, how the countries stand, or the training
modules that teach it. Register it in :data:`PARAGRAPH_BLOCKS`; blocks appear in list order.
"""

from __future__ import annotations

from collections.abc import Callable

from scripts.data.models.guidelines import Paragraph
from scripts.pages.context import RenderContext

ParagraphBlock = Callable[[RenderContext, Paragraph], str]

PARAGRAPH_BLOCKS: list[ParagraphBlock] = []
