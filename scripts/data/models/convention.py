"""The Budapest Convention on Cybercrime (ETS No. 185): the articles the guidelines rest on."""

from __future__ import annotations

import datetime

from pydantic import Field

from scripts.data.models.base import ArticleNumber, Line, Record, Text, Url


class Treaty(Record):
    title: Line
    ets: int
    opened_for_signature: datetime.date
    entry_into_force: datetime.date
    url: Url


class Article(Record):
    number: ArticleNumber
    title: Line
    chapter: Line
    summary: Text


class Convention(Record):
    """``convention.yaml``."""

    treaty: Treaty
    articles: list[Article] = Field(min_length=1)

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)
