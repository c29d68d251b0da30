"""Country editions: the Albanian edition builds with its languages only, its front page is Albania's, its
templates carry Albania's legal basis, no link leaves it, and its zip opens and navigates under file://."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.editions.parallel import ProgressBar
from scripts.pages import generate_pages
from tests.conftest import DATA, real_dataset, run_cli_process

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


@pytest.fixture(scope="module")
def editions_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    result = run_cli_process("edition", "albania", "--out", str(out), "--quiet")
    assert result.returncode == 0, f"the Albanian edition did not build:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="module")
def albania(editions_out: Path) -> Path:
    return editions_out / "albania"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for key, value in attrs:
            if tag == "html" and key == "lang":
                self.lang = value
            if key in ("href", "src") and value:
                self.links.append((tag, key, value))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def sq(text: str) -> str:
    from scripts.i18n.translator import load_translator

    return load_translator(DATA, "sq", "en")(text)


def test_builds_with_its_languages_only(albania: Path, dataset) -> None:
    edition = next(e for e in dataset.editions if e.id == "albania")
    assert edition.languages == ["sq", "en"]
    site_languages = {lang.code for lang in dataset.site.languages}
    folders = {d.name for d in albania.iterdir() if d.is_dir() and d.name in site_languages}
    assert folders <= set(edition.languages), f"languages built that the edition does not have: {folders}"
    html_langs = {parse(page).lang for page in albania.rglob("*.html")}
    assert html_langs <= set(edition.languages), html_langs
    assert "en" in html_langs
    # the first language is at the root, every other one in <code>/
    assert folders == set(edition.languages[1:])


def test_opens_in_its_first_language(albania: Path, dataset) -> None:
    """Albania lists [sq, en]: the edition opens in Albanian, with the site name and interface in Albanian."""
    front = (albania / "index.html").read_text(encoding="utf-8")
    assert parse(albania / "index.html").lang == "sq"
    site_name = f"{sq(dataset.site.title)} · {sq('Albania')}"
    assert sq("Albania") == "Shqipëria" and sq(dataset.site.title) != dataset.site.title
    assert f'title="{site_name}" class="md-header__button md-logo"' in front
    assert re.search(r"<h1[^>]*>" + sq("Albania"), front)
    assert f"{site_name}</title>" in front
    # the language menu leads to the same page in English
    assert re.search(r'<a href="en/index.html" hreflang="en" lang="en" class="md-select__link">', front)


def test_front_page_is_albanias(albania: Path) -> None:
    front = (albania / "en" / "index.html").read_text(encoding="utf-8")
    assert parse(albania / "en" / "index.html").lang == "en"
    assert re.search(r"<h1[^>]*>Albania", front)
    assert "<title>" in front and "Albania</title>" in front
    assert "Criminal Procedure Code, Article 191/a" in front
    # "Home" in the navigation is the country page itself
    assert re.search(r'<a href="index.html" class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">'
                     r'\s*Home', front)


def test_templates_carry_albanias_legal_basis(albania: Path, dataset) -> None:
    form = (albania / "en" / "forms" / "subscriber-information-request.html").read_text(encoding="utf-8")
    assert "Criminal Procedure Code, Article 191/a (obligation to disclose computer data)" in form
    full_site = {p.path: p.content for p in generate_pages(dataset, "en")}
    assert "Article 191/a" not in full_site["forms/subscriber-information-request.md"]


def test_zip_holds_its_books(editions_out: Path) -> None:
    from pypdf import PdfReader

    with zipfile.ZipFile(editions_out / "albania.zip") as zipped:
        names = set(zipped.namelist())
    assert "albania/book/lea-isp-guidelines-albania-sq.pdf" in names
    assert "albania/en/book/lea-isp-guidelines-albania-en.pdf" in names
    reader = PdfReader(editions_out / "albania" / "book" / "lea-isp-guidelines-albania-sq.pdf")
    cover = reader.pages[0].extract_text()
    assert sq("Albania") in cover and "Shqip" in cover


def test_no_link_leaves_the_edition(albania: Path) -> None:
    """Every link and resource is relative and resolves to a file inside the edition; nothing is loaded
    from another host. Links to web sources (citations) are the only absolute addresses, and only on <a>."""
    root = albania.resolve()
    outside, foreign_loads = [], []
    pages = list(root.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        for tag, key, value in parse(page).links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https"):
                if tag != "a":
                    foreign_loads.append((page.name, value))
                continue
            if parts.scheme in ("mailto", "data", "blob", "javascript") or not parts.path:
                continue
            if parts.scheme or value.startswith("/"):
                outside.append((str(page.relative_to(root)), value))
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(root) or not target.exists():
                outside.append((str(page.relative_to(root)), value))
    assert not outside, outside[:10]
    assert not foreign_loads, foreign_loads[:10]
    assert not (root / "404.html").exists()  # absolute links; a static host shows its own


def test_search_index_is_inlined_for_file_urls(albania: Path) -> None:
    index = albania / "search" / "search_index.js"
    assert index.read_text(encoding="utf-8").startswith("var __index = {")
    assert "iframe-worker-shim.js" in (albania / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_unzipped_edition_works_under_file_urls(editions_out: Path, tmp_path: Path, browser, dataset) -> None:
    """Every page of the unzipped edition, opened in Chromium from file:// with the network blocked: no failed
    request, no request to any host, no script error; it opens in Albanian and its search works."""
    archive = editions_out / "albania.zip"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert "albania/index.html" in names
        zipped.extractall(tmp_path)
    root = tmp_path / "albania"
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []

    def block_network(route, request) -> None:  # noqa: ANN001
        route.abort()

    context.route(re.compile(r"^(https?|wss?|ftp)://"), block_network)
    page.on("request", lambda r: requests.append(r.url))
    def on_failure(request) -> None:  # noqa: ANN001
        path = Path(unquote(urlsplit(request.url).path))
        if request.url.startswith("file://") and request.failure == "net::ERR_ABORTED" and path.is_file():
            return  # an existing file (the favicon) still loading when the crawl moved on to the next page
        failed.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", on_failure)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    blocked: list[str] = []  # issue 17: the Content-Security-Policy must not block what the edition needs
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(f"{page.url}: {m.text}"))
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 100
    try:
        for html_file in pages:
            page.goto(html_file.as_uri(), wait_until="load")
        page.goto((root / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "sq"
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        site_name = f"{sq(dataset.site.title)} · {sq('Albania')}"
        assert page.locator(".md-header__topic .md-ellipsis").first.inner_text().strip() == site_name
        assert page.locator("article h1").first.inner_text().startswith(sq("Albania"))
        # search works without a server, in the edition's language
        page.locator("input.md-search__input").fill(sq("Albania"))
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        assert page.locator(".md-search-result__item").count() > 0
        # the other language is one click away, on the same page
        page.locator('a.md-select__link[hreflang="en"]').first.dispatch_event("click")
        page.wait_for_url("**/en/index.html")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("article h1").first.inner_text().startswith("Albania")
    finally:
        context.close()
    assert not errors, errors[:10]
    assert not failed, failed[:10]
    assert not blocked, blocked[:10]
    foreign = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert not foreign, foreign[:10]


def test_every_page_of_the_edition_carries_the_csp(albania: Path) -> None:
    pages = sorted(albania.rglob("*.html"))
    assert pages
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', head).group(1)
        assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", policy).group(0), page
        assert "http:" not in policy and "https:" not in policy and "*" not in policy, policy


def test_unknown_edition_is_refused() -> None:
    result = run_cli_process("edition", "atlantis", "--out", "/nonexistent-never-written")
    assert result.returncode == 2
    assert "no edition 'atlantis'" in result.stderr and "albania" in result.stderr


def test_all_editions_command_builds_in_parallel_with_a_progress_bar(tmp_path: Path) -> None:
    # the PDFs are tested on the Albanian edition
    result = run_cli_process("editions", "--out", str(tmp_path), "--only", "croatia", "india", "--no-zip",
                             "--jobs", "2", env={"GUIDELINES_NO_PAPER": "1"})
    assert result.returncode == 0, result.stderr
    assert "2/2 editions" in result.stderr and "croatia ok" in result.stderr
    assert "2 of 2 editions built" in result.stdout
    for name in ("croatia", "india"):
        assert (tmp_path / name / "index.html").is_file()
        assert not (tmp_path / f"{name}.zip").exists()


def test_progress_bar_draws_its_steps() -> None:
    import io

    stream = io.StringIO()
    bar = ProgressBar(4, stream, width=8)
    bar.step("a ok")
    bar.step("b ok")
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[##------] 1/4 editions") and lines[0].endswith("a ok")
    assert lines[1].startswith("[####----] 2/4 editions")


@pytest.mark.browser
def test_the_edition_folder_also_works_from_a_static_host(albania: Path, recorded_page, dataset) -> None:
    from tests.conftest import serve

    server = serve(albania)
    base = next(server)
    try:
        page = recorded_page.page
        page.goto(base)
        assert page.locator("article h1").first.inner_text().startswith(sq("Albania"))
        page.locator('a.md-nav__link[href="countries/index.html"]').first.click()
        page.wait_for_url("**/countries/index.html")
        # one matrix per part of the guidelines that has measures, each on its page, linked from the countries page
        parts = [s for s in dataset.guidelines.sections if dataset.guidelines.measures_in(s.id)]
        matrices = [page.locator(f'article a[href="matrix-{s.id}.html"]') for s in parts]
        assert [link.count() for link in matrices] == [1] * len(parts)
        for link in matrices:
            href = link.get_attribute("href")
            link.click()
            page.wait_for_url(f"**/countries/{href}")
            assert page.locator("table.status-matrix").count() == 1
            page.go_back()
            page.wait_for_url("**/countries/index.html")
        page.locator("input.md-search__input").fill("preservation")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
    finally:
        next(server, None)
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
def test_search_under_file_urls_ignores_diacritics(albania: Path, browser) -> None:  # noqa: ANN001
    """Issue 15: the folding search worker also runs in the file:// stand-in (iframe worker shim)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((albania / "index.html").as_uri())  # the edition opens in Albanian at its root (issue 14)
        page.locator("input.md-search__input").fill("pergjigje")  # the pages write "përgjigje"
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        assert "ërgjigj" in page.locator(".md-search-result__item mark").first.text_content()
    finally:
        page.close()
    assert errors == []
