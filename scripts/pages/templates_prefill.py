"""What a country edition puts into the templates: its national provisions and the names of its
institutions, looked up by the keys the template fields name (``prefill`` and ``suggest``).

Outside an edition there is no country, and nothing is prefilled. A provision recorded as ``unknown``
is never written into a form: the officer must enter it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scripts.pages.context import RenderContext

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Prefill:
    country: Any = None
    #: prefill key -> text, e.g. ``procedural_powers.preservation`` -> "Criminal Procedure Code, Article ..."
    values: dict[str, str] = field(default_factory=dict)
    #: suggest key -> names offered in a list, e.g. ``institutions`` -> ["State Police", ...]
    suggestions: dict[str, list[str]] = field(default_factory=dict)


def edition_country(ctx: RenderContext) -> Any:
    """The country of the edition being built, or None for the full site."""
    country = getattr(ctx, "country", None)
    if country is not None:
        return country
    edition = getattr(ctx, "edition", None)
    if edition is None:
        return None
    return next((c for c in ctx.dataset.countries if c.id == getattr(edition, "country", None)), None)


def country_prefill(country: Any) -> Prefill:
    if country is None:
        return Prefill()
    values: dict[str, str] = {}
    powers = getattr(country, "procedural_powers", None)
    for power in ("preservation", "production", "interception", "search_and_seizure"):
        entry = getattr(powers, power, None) if powers is not None else None
        provision = getattr(entry, "provision", None)
        if isinstance(provision, str) and provision.strip() and provision.strip().lower() != UNKNOWN:
            values[f"procedural_powers.{power}"] = provision.strip()
    names = []
    for institution in getattr(country, "institutions", None) or []:
        body = getattr(institution, "body", None)
        if isinstance(body, str) and body.strip() and body.strip().lower() != UNKNOWN and body not in names:
            names.append(body)
    return Prefill(country=country, values=values, suggestions={"institutions": names} if names else {})


def prefill_for(ctx: RenderContext) -> Prefill:
    """The edition's prefill, in the page's language (country data is English, like all data)."""
    found = country_prefill(edition_country(ctx))
    return Prefill(
        country=found.country,
        values={key: ctx.translate(text) for key, text in found.values.items()},
        suggestions={key: [ctx.translate(name) for name in names] for key, names in found.suggestions.items()},
    )
