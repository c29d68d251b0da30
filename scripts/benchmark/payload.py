"""What a reader downloads: the search index of one language, and a paragraph page with what it loads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from scripts.benchmark.measure import sizes

ASSET = re.compile(r"""<(?:link[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)=["']([^"'#?]+)""", re.IGNORECASE)


def search_index(site: Path, language: str, default: str) -> tuple[Path, bool]:
    """The search index a reader of ``language`` downloads, and whether it is the language's own."""
    own = site / ("" if language == default else language) / "search" / "search_index.json"
    if own.is_file() and language != default:
        return own, True
    shared = site / "search" / "search_index.json"
    return shared, _only_language(shared, language, default)


def _only_language(index: Path, language: str, default: str) -> bool:
    """True when the root index holds only pages of the default language (so it is that language's own)."""
    if language != default:
        return False
    text = index.read_text(encoding="utf-8")
    return not re.search(r'"location":\s*"(?:fr|sq|sr|mk|tr|ka|[a-z]{2})/', text)


def page_weight(site: Path, page: str) -> dict[str, int]:
    """A page's HTML, raw and gzip, and with every same-site stylesheet, script and image it references."""
    html_file = site / page / "index.html"
    html = html_file.read_text(encoding="utf-8")
    result = sizes(html_file)
    total_raw, total_gzip, count = result["raw"], result["gzip"], 0
    base = f"http://site/{page}/"
    seen: set[Path] = set()
    for reference in ASSET.findall(html):
        url = urlparse(urljoin(base, reference))
        if url.netloc != "site":
            continue
        asset = site / url.path.lstrip("/")
        if asset.is_file() and asset not in seen:
            seen.add(asset)
            asset_sizes = sizes(asset)
            total_raw += asset_sizes["raw"]
            total_gzip += asset_sizes["gzip"]
            count += 1
    return {"html_raw": result["raw"], "html_gzip": result["gzip"], "with_assets_raw": total_raw,
            "with_assets_gzip": total_gzip, "assets": count}
