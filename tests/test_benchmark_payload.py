"""What the benchmark counts as a page's first view, on a small site written here (no build)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from scripts.benchmark.payload import page_weight


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(gzip.compress(text.encode(), compresslevel=6, mtime=0))


def test_the_first_view_counts_assets_fonts_and_the_search_worker_but_not_the_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = json.dumps({"search": "../../assets/javascripts/workers/search.abc.min.js"})
    html = (f'<link rel="stylesheet" href="../../assets/main.css"><link rel="alternate" href="../../fr/m/">'
            f'<script src="../../assets/search-lazy.js"></script><script src="https://elsewhere.example/x.js">'
            f'</script><script id="__config" type="application/json">{config}</script>')
    sizes = {
        "html": _write(site / "ka" / "m" / "index.html", html),
        "css": _write(site / "assets" / "main.css", "@font-face{src:url('fonts/a.woff2')} body{}"),
        "lazy": _write(site / "assets" / "search-lazy.js", "/* lazy */"),
        "font": _write(site / "assets" / "fonts" / "a.woff2", "font bytes"),
        "worker": _write(site / "assets" / "javascripts" / "workers" / "search.abc.min.js", "worker"),
        "folding": _write(site / "assets" / "javascripts" / "workers" / "search-folding.js", "folding"),
    }
    _write(site / "ka" / "search" / "search_index.json", '{"docs": []}' * 1000)
    weight = page_weight(site, "ka/m")
    assert weight["html_gzip"] == sizes["html"]
    assert weight["with_assets_gzip"] == sizes["html"] + sizes["css"] + sizes["lazy"]
    assert weight["first_view_gzip"] == sum(sizes.values())
    assert (weight["assets"], weight["fonts"], weight["workers"], weight["search_deferred"]) == (2, 1, 2, True)


def test_without_search_lazy_the_index_is_not_held_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site / "m" / "index.html", '<script src="../assets/bundle.js"></script>')
    _write(site / "assets" / "bundle.js", "bundle")
    weight = page_weight(site, "m")
    assert weight["search_deferred"] is False
    assert weight["first_view_gzip"] == weight["with_assets_gzip"]
