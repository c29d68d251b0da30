"""HTML to PDF with WeasyPrint, loading nothing from the network, with a cache keyed by what is rendered."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from scripts.environment import running_environment
from scripts.files import discard, files_below, replace_whole

STYLES = Path(__file__).resolve().parent / "styles"
ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / "build" / "cache" / "paper"


@dataclass(frozen=True)
class PaperCache:
    """Where PDFs are kept between builds (``folder``; None: :data:`CACHE_DIR`), and whether a kept PDF may be
    copied instead of rendered (``reuse``: False renders every PDF afresh, and still keeps it)."""

    folder: Path | None = None
    reuse: bool = True

    @property
    def path(self) -> Path:
        return Path(self.folder or CACHE_DIR)


def local_only_fetcher():  # noqa: ANN201 - a WeasyPrint URLFetcher
    """WeasyPrint's URL fetcher, for local files only: a PDF never makes a request to another host."""
    from weasyprint.urls import URLFetcher  # lazy: WeasyPrint (and Pango) load only when a PDF is made

    return URLFetcher(allowed_protocols=("file", "data"))


def stylesheet(name: str) -> str:
    return (STYLES / name).read_text(encoding="utf-8")


def _render(html: str, base_url: str, css: list[str], forms: bool) -> bytes:
    import weasyprint  # lazy: WeasyPrint (and Pango) load only when a PDF is made
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = local_only_fetcher()
    sheets = [weasyprint.CSS(string=text, font_config=fonts, url_fetcher=fetcher) for text in css]
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=sheets, font_config=fonts, pdf_forms=forms)


#: Where fontconfig finds fonts on Linux by default (its fonts.conf): Debian's font packages install there.
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local" / "share" / "fonts",
                Path.home() / ".fonts")


@functools.cache
def installed_fonts() -> str:
    """The font files in :data:`FONT_FOLDERS` (path, size, modification time), read once per process: a PDF set
    in a font that was since replaced, added or removed is rendered again."""
    lines = []
    for folder in FONT_FOLDERS:
        for _, path in files_below(folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            lines.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(lines)


#: Where a Debian or Ubuntu system keeps shared libraries (with its multiarch folders below them: x86_64-linux-gnu,
#: arm-linux-gnueabihf...), and the ones WeasyPrint lays text out with through cffi: Pango, HarfBuzz (shaping),
#: fontconfig and FreeType. Elsewhere (Homebrew, conda, Nix, a library path of one's own) they may not be found:
#: the key then holds none of them, and a system upgrade there does not render the PDFs again.
LIBRARY_FOLDERS = (Path("/usr/lib"), Path("/usr/local/lib"), Path("/lib"), Path("/usr/lib64"))
TEXT_LIBRARIES = ("libpango-1.0", "libpangoft2-1.0", "libharfbuzz", "libfontconfig", "libfreetype")


@functools.cache
def system_libraries() -> str:
    """The system's text layout libraries (:data:`TEXT_LIBRARIES` in :data:`LIBRARY_FOLDERS`: real path, size,
    modification time; each file once), read once per process: a system upgrade that replaces one renders the
    PDFs again."""
    found: dict[str, str] = {}
    for folder in LIBRARY_FOLDERS:
        try:
            below = [folder, *sorted(folder.glob("*-linux-gnu*"))]
        except OSError:
            continue
        for where in below:
            for name in TEXT_LIBRARIES:
                for path in sorted(where.glob(name + "*")):
                    try:
                        real = path.resolve()
                        stat = real.stat()
                    except OSError:
                        continue
                    found[str(real)] = f"{real}\t{stat.st_size}\t{stat.st_mtime_ns}"
    return "\n".join(found[key] for key in sorted(found))


def renderer_inputs() -> str:
    """What every PDF depends on besides its HTML, its styles and whether it has form fields: Python and the
    installed libraries (:func:`~scripts.environment.running_environment`: WeasyPrint and all it requires, as every
    cache of the build names them), the system's text layout libraries (:func:`system_libraries`) and the fonts
    (:func:`installed_fonts`)."""
    return "\n\0".join((running_environment(), system_libraries(), installed_fonts()))


#: an image of a page as the paper code gives it to WeasyPrint: a local file, by its absolute address
_LOCAL_IMAGE = re.compile(r'src="(file://[^"]*)"')


def _keyed_html(html: str) -> str:
    """``html`` as the key reads it: each local image by the digest of its bytes, not by its address. The bytes
    may change under the same name, and the address changes with every build (the language's temporary site
    folder)."""
    def by_bytes(match: re.Match) -> str:
        path = Path(unquote(urlsplit(unescape(match.group(1))).path))
        try:
            return f'src="sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"'
        except OSError:
            return f'src="missing:{path.name}"'

    return _LOCAL_IMAGE.sub(by_bytes, html)


def cache_key(html: str, css: list[str], forms: bool) -> str:
    digest = hashlib.sha256()
    for part in (renderer_inputs(), str(forms), *css, _keyed_html(html)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def write_pdf(html: str, target: Path, name: str, base_url: str, css: list[str], forms: bool = False,
              cache: PaperCache = PaperCache()) -> bool:  # noqa: B008 - frozen
    """Render ``html`` with the stylesheets ``css`` into ``target``; ``name`` names it in ``cache``. Returns
    True when it was rendered, False when an identical PDF was copied from the cache."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    key = cache_key(html, css, forms)
    folder = cache.path
    cached = folder / f"{name}-{key}.pdf"
    if cache.reuse and cached.is_file():
        target.write_bytes(cached.read_bytes())
        return False
    data = _render(html, base_url, css, forms)
    target.write_bytes(data)
    discard(old for old in folder.glob(f"{name}-*.pdf")
            if old.name != cached.name and len(old.stem) == len(cached.stem))
    replace_whole(cached, data)  # a cache that cannot be written only costs time
    return True


# ---------------------------------------------------------------------------------------------------------------
# Pages of the built site


def has_class(name: str) -> str:
    """An XPath test: the element has the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


#: What never goes on paper from a built page (XPath, relative to the article): permalinks, scripts and buttons,
#: the pager, the list of passages shown in English (the notice itself stays), what the page says to readers
#: without JavaScript, and anything marked ``no-print``.
DROP = (f".//a[{has_class('headerlink')}]", ".//script", ".//noscript", ".//button", ".//template",
        f".//*[{has_class('no-print')}]", f".//*[{has_class('paragraph-pager')}]",
        f".//*[{has_class('translation-notice')}]//details", f".//*[{has_class('lea-nojs')}]",
        f".//*[{has_class('md-source-file')}]")


def built_file(site_dir: Path, path: str, directory_urls: bool) -> Path:
    """The HTML file MkDocs wrote for the docs page ``path`` (``guidelines/x.md``)."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return Path(site_dir) / f"{stem}.html"
    return Path(site_dir) / stem / "index.html"


def read_article(html_file: Path, drop: tuple[str, ...] = DROP):
    """The ``<article>`` of a built page (Material's ``md-content__inner``), without what is not for paper."""
    tree = lxml_html.parse(str(html_file))
    found = tree.xpath("//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]")
    if not found:
        raise ValueError(f"{html_file}: no article element")
    article = found[0]
    for path in drop:
        for element in article.xpath(path):
            element.drop_tree()
    return article, tree.getroot().get("lang") or ""
