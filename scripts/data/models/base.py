"""The base every data record shares, and the small types many records use."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from scripts.data.markup import check_markup


class Translatable:
    """Marks a text type whose values go into the translation catalogs (see :mod:`scripts.i18n`)."""

    def __repr__(self) -> str:
        return "TRANSLATABLE"


TRANSLATABLE = Translatable()


class Record(BaseModel):
    """A strict, immutable record: no unknown keys, no silent type coercion ("17" is not 17)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


#: lowercase kebab-case identifier, e.g. ``subscriber-information``
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80)]
#: a guideline paragraph number
ParagraphNumber = Annotated[int, Field(ge=1, le=9999)]
#: a Budapest Convention article number
ArticleNumber = Annotated[int, Field(ge=1, le=48)]
#: one line of plain text (a title, a heading, a label); translated
Line = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\n]*\S[^\n]*$"), AfterValidator(check_markup),
                 TRANSLATABLE]
#: text that may span paragraphs and hold Markdown; translated
Text = Annotated[str, Field(min_length=1, max_length=100_000), AfterValidator(check_markup), TRANSLATABLE]
#: one line of text that is never translated (a code, a provision's citation as enacted, a proper name)
Name = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\n]*\S[^\n]*$"), AfterValidator(check_markup)]
#: an absolute web address
Url = Annotated[str, Field(max_length=2000,
                           pattern=r"^https?://[^\s/$.?#<>\"'`\\\ue000-\uf8ff][^\s<>\"'`\\\ue000-\uf8ff]*$")]

