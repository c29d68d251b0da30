"""What a reader downloads: the search index of one language, and a paragraph page with what it loads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from scripts.benchmark.measure import sizes

ASSET = re.compile(r"""<(?:link[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)=["']([^"'#?]+)""", re.IGNORECASE)
#: fonts a stylesheet references (``url(...)``): a browser fetches those the page uses; all are counted
FONT = re.compile(r"""url\(\s*["']?([^"')?#]+\.(?:woff2?|ttf|otf|eot))""", re.IGNORECASE)
#: Material's page configuration: ``"search"`` is the search worker's script, started when the page opens
CONFIG = re.compile(r"""<script[^>]*id=["']__config["'][^>]*>(.*?)</script>""", re.DOTALL)
#: held back by search-lazy.js until a search starts (see overrides/assets/javascripts/search-lazy.js)
LAZY_SEARCH = "search-lazy.js"
FOLDING_WORKER = "search-folding.js"


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


def _local(site: Path, base: str, reference: str) -> Path | None:
    url = urlparse(urljoin(base, reference))
    if url.netloc != "site":
        return None
    path = site / url.path.lstrip("/")
    return path if path.is_file() else None


def page_weight(site: Path, page: str) -> dict[str, int | bool]:
    """A page's HTML, raw and gzip, and with every same-site stylesheet, script and image it references
    (``with_assets_*``); and its first view (``first_view_*``): those, the fonts its stylesheets reference and the
    search worker the page starts. ``search_deferred``: the page loads search-lazy.js, which holds the search
    index back until a search starts (a static check of the page, not a browser's record of its requests)."""
    html_file = site / page / "index.html"
    html = html_file.read_text(encoding="utf-8")
    result = sizes(html_file)
    total_raw, total_gzip, count = result["raw"], result["gzip"], 0
    base = f"http://site/{page}/"
    seen: set[Path] = set()
    stylesheets, scripts = [], []
    for reference in ASSET.findall(html):
        asset = _local(site, base, reference)
        if asset is not None and asset not in seen:
            seen.add(asset)
            asset_sizes = sizes(asset)
            total_raw += asset_sizes["raw"]
            total_gzip += asset_sizes["gzip"]
            count += 1
            (stylesheets if asset.suffix == ".css" else scripts).append(asset)
    first_raw, first_gzip, fonts, workers = total_raw, total_gzip, 0, 0
    extra: list[Path] = []
    for sheet in stylesheets:
        sheet_base = "http://site/" + sheet.relative_to(site).as_posix()
        for reference in FONT.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            font = _local(site, sheet_base, reference)
            if font is not None and font not in seen:
                seen.add(font)
                extra.append(font)
                fonts += 1
    deferred = any(s.name == LAZY_SEARCH for s in scripts)
    config = CONFIG.search(html)
    if config:
        try:
            worker_ref = json.loads(config[1]).get("search")
        except ValueError:
            worker_ref = None
        worker = _local(site, base, worker_ref) if worker_ref else None
        if worker is not None:
            # search-lazy.js starts Material's worker through the folding wrapper next to it: both are fetched
            for path in (worker, worker.with_name(FOLDING_WORKER) if deferred else None):
                if path is not None and path.is_file() and path not in seen:
                    seen.add(path)
                    extra.append(path)
                    workers += 1
    for path in extra:
        path_sizes = sizes(path)
        first_raw += path_sizes["raw"]
        first_gzip += path_sizes["gzip"]
    return {"html_raw": result["raw"], "html_gzip": result["gzip"], "with_assets_raw": total_raw,
            "with_assets_gzip": total_gzip, "assets": count, "first_view_raw": first_raw,
            "first_view_gzip": first_gzip, "fonts": fonts, "workers": workers,
            "search_deferred": deferred}
