"""The render context: the data, the language, the translator, and Jinja2 set up for Markdown."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from scripts.data.dataset import Dataset
from scripts.pages.dates import format_day
from scripts.pages.names import STATUS_KINDS, mark, unmarked
from scripts.pages.routes import pdf_beside
from scripts.pages.template_cache import TEMPLATES

TEMPLATE_DIR = Path(__file__).parent / "templates"


class TemplateProblem(Exception):
    """A page template that cannot be rendered, with its file and line (``str``: the whole report)."""


def _template_problem(error: Exception, template: str, here: str) -> TemplateProblem | None:
    """``error`` raised while ``template`` was rendered as ``here``, as ``<file>:<line>: <what>``: the line is
    Jinja's for a syntax error, else the last template frame of the traceback (Jinja maps it to the template).
    None when no template line is involved: an error of the Python code itself keeps its traceback."""
    filename, line = None, None
    if isinstance(error, jinja2.TemplateSyntaxError):
        filename, line = error.filename or error.name, error.lineno
    else:
        frame = error.__traceback__
        while frame is not None:
            if frame.tb_frame.f_code.co_filename.endswith(".j2"):
                filename, line = frame.tb_frame.f_code.co_filename, frame.tb_lineno
            frame = frame.tb_next
    if filename is None:
        return None
    where = Path(filename)
    try:
        where = where.resolve().relative_to(TEMPLATE_DIR.parents[2])  # scripts/pages/templates/<name>
    except ValueError:
        pass
    if isinstance(error, KeyError) and error.args:
        what = error.args[0]
    elif isinstance(error, jinja2.TemplateError):
        what = error.message or str(error)
    else:  # a TypeError from "text + 1", a ValueError from a filter: say which
        what = f"{type(error).__name__}: {error}"
    return TemplateProblem(f"{where.as_posix()}:{line or '?'}: {what} (while writing the page {here})")


#: ``translate(english_text) -> text in the page's language``; the identity for the source language.
Translate = Callable[[str], str]


def identity(text: str) -> str:
    return text


@dataclass
class RenderContext:
    dataset: Dataset
    language: str
    translate: Translate = identity
    #: the country edition being built (an ``Edition`` record), or None for the full site
    edition: Any = None
    #: where finished documents are kept between builds (``fetch(name, key, suffix, make) -> bytes``, see
    #: :class:`scripts.staging.cache.DocumentStore`), or None: every document is written afresh
    documents: Any = None
    env: jinja2.Environment = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
            autoescape=False,  # we write Markdown, not HTML; data is validated to hold no raw HTML
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=TEMPLATES,  # compiled once per process, not once per language
        )
        # Both filters depend on the language, so Jinja2 must not fold them into the compiled template, which the
        # bytecode cache shares between the languages of a process: a filter that takes the render context is
        # never evaluated at compile time (``{{ "Purpose" | t }}`` would otherwise be compiled translated into
        # the language that compiled it first, and served to every language).
        self.env.filters["t"] = jinja2.pass_context(lambda _, text: self.text(text))
        self.env.filters["day"] = jinja2.pass_context(lambda _, value: format_day(value, self.language))  # Babel
        self.env.globals.update(label=self.label, link=link, anchor=anchor, count_label=self.count_label,
                                pdf_of=self.pdf_of, measure_name=self.measure_name,
                                status_mark=self.status_mark)

    def text(self, english: str) -> str:
        """``english`` (data) in the page's language, as text: never a mark (:mod:`scripts.pages.names`)."""
        translated = self.translate(english)
        return unmarked(translated) if isinstance(translated, str) else translated

    def measure_name(self, measure: Any) -> str:
        """A measure's heading in the page's language, as a mark filled in after conversion
        (:mod:`scripts.pages.names`); translated here all the same, so that the page's translation notice counts
        it. Not for a page's title or headings."""
        self.translate(measure.heading)
        return mark("name", measure.id)

    def status_mark(self, status: str, compact: bool = False) -> str:
        """A country's status on a measure, as a mark filled in after conversion with its symbol and label
        (``compact``: the label for screen readers and as a title; :func:`scripts.pages.names.status_html`); its
        label translated here all the same, so that the page's translation notice counts it."""
        self.label(f"status.{status}")
        return mark(STATUS_KINDS[1] if compact else STATUS_KINDS[0], status)

    def label(self, key: str) -> str:
        """An interface label from ``ui.yaml``, in the page's language."""
        try:
            return self.translate(self.dataset.ui.labels[key])
        except KeyError:
            raise KeyError(f"ui.yaml has no label {key!r}") from None

    def count_label(self, key: str, count: int, **values: object) -> str:
        """A count sentence from ``ui.yaml`` (a ``one``/``other`` label) in the form the page's language uses
        for ``count`` (gettext ``ngettext``), with ``{count}`` and any other ``{name}`` filled in."""
        label = self.dataset.ui.labels.get(key)
        if label is None or isinstance(label, str):
            raise KeyError(f"ui.yaml has no count label {key!r} (a label with 'one' and 'other')")
        ngettext = getattr(self.translate, "ngettext", None)
        text = ngettext(label.one, label.other, count) if ngettext else (label.one if count == 1 else label.other)
        for name, value in {"count": count, **values}.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def pdf_of(self, path: str) -> str:
        """The PDF printed from the page ``path`` in this language (see :mod:`scripts.pages.paper`)."""
        return pdf_beside(path, self.language)

    def render(self, template: str, here: str, **values: object) -> str:
        """Render ``template`` as the page at path ``here`` (links in it are made relative to it). A template
        that cannot be rendered (a syntax error, an unknown attribute or label) raises :class:`TemplateProblem`."""
        try:
            return self.env.get_template(template).render(here=here, ctx=self, **values)
        except TemplateProblem:
            raise
        except Exception as error:
            problem = _template_problem(error, template, here)
            if problem is None:
                raise
            raise problem from None


#: ``posixpath.relpath``, remembered: a language's pages ask for about 2,600 links, most of them the same few hundred
#: (both paths are relative to the docs root, so the working folder it would join them to makes no difference)
relative_path = functools.lru_cache(maxsize=4096)(posixpath.relpath)


@jinja2.pass_context
def link(context: jinja2.runtime.Context, target: str, anchor: str | None = None) -> str:
    """A relative Markdown link target from the page being rendered to ``target`` (a docs-root path)."""
    here = context["here"]
    rel = relative_path(target, posixpath.dirname(here) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def anchor(identifier: str) -> str:
    """An ``attr_list`` id for a heading: ``{#identifier}`` (written by a function because ``{#`` opens
    a Jinja comment)."""
    return "{#" + identifier + "}"
