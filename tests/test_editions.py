"""Country editions: the Albanian edition builds with its languages only, its front page is Albania's, its
templates carry Albania's legal basis, no link leaves it, and its zip opens and navigates under file://."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.data import load_dataset
from scripts.editions.parallel import ProgressBar
from scripts.pages import generate_pages
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, DATA, ROOT, run_cli


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def editions_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    result = run_cli("edition", "albania", "--out", str(out), "--quiet")
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


def test_builds_with_its_languages_only(albania: Path, dataset) -> None:
    edition = next(e for e in dataset.editions if e.id == "albania")
    assert edition.languages == ["sq", "en"]
    site_languages = {lang.code for lang in dataset.site.languages}
    folders = {d.name for d in albania.iterdir() if d.is_dir() and d.name in site_languages}
    assert folders <= set(edition.languages), f"languages built that the edition does not have: {folders}"
    html_langs = {parse(page).lang for page in albania.rglob("*.html")}
    assert html_langs <= set(edition.languages), html_langs
    assert "en" in html_langs
    if "i18n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
        # once the site is published in several languages, the edition carries exactly its own
        assert folders == set(edition.languages) - {dataset.site.default_language}


def test_front_page_is_albanias(albania: Path) -> None:
    front = (albania / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Albania", front)
    assert "<title>" in front and "Albania</title>" in front
    assert "Criminal Procedure Code, Article 191/a" in front
    # "Home" in the navigation is the country page itself
    assert re.search(r'<a href="index.html" class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">'
                     r'\s*Home', front)


def test_templates_carry_albanias_legal_basis(albania: Path, dataset) -> None:
    form = (albania / "forms" / "subscriber-information-request.html").read_text(encoding="utf-8")
    assert "Criminal Procedure Code, Article 191/a (obligation to disclose computer data)" in form
    full_site = {p.path: p.content for p in generate_pages(dataset, "en")}
    assert "Article 191/a" not in full_site["forms/subscriber-information-request.md"]


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
def test_zip_opens_and_navigates_under_file_urls(editions_out: Path, tmp_path: Path, browser) -> None:
    archive = editions_out / "albania.zip"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert "albania/index.html" in names
        zipped.extractall(tmp_path)
    front = tmp_path / "albania" / "index.html"
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    try:
        page.goto(front.as_uri())
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        assert page.locator("article h1").first.inner_text().startswith("Albania")
        # navigate by clicking: to the guidelines, then to a measure, then to the country page
        page.locator('a.md-nav__link[href="guidelines/index.html"]').first.click()
        page.wait_for_url("**/guidelines/index.html")
        page.locator('article a[href="le-strategic-cooperation.html"]').first.click()
        page.wait_for_url("**/guidelines/le-strategic-cooperation.html")
        assert page.locator("article h1").first.inner_text().startswith("Broad and strategic cooperation")
        page.locator('article a[href="../countries/albania.html"]').first.click()
        page.wait_for_url("**/countries/albania.html")
        # search works without a server
        page.locator("input.md-search__input").fill("preservation")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        assert page.locator(".md-search-result__item").count() > 0
        # the language menu leads to the same page in Albanian, which searches its own index
        page.goto((tmp_path / "albania" / "guidelines" / "le-strategic-cooperation.html").as_uri())
        href = page.locator('a.md-select__link[hreflang="sq"]').first.get_attribute("href")
        assert href == "../sq/guidelines/le-strategic-cooperation.html"
        page.goto((tmp_path / "albania" / "sq" / "guidelines" / "le-strategic-cooperation.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "sq"
        page.locator("input.md-search__input").fill("Albania")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        assert all("/sq/" in (link.get_attribute("href") or "") or not (link.get_attribute("href") or "")
                   .startswith("..") for link in page.locator(".md-search-result__item a").all())
    finally:
        context.close()
    assert not errors, errors
    assert not blocked, f"the Content-Security-Policy blocked what the edition needs: {blocked}"
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), \
        [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]


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
    result = run_cli("edition", "atlantis", "--out", "/nonexistent-never-written")
    assert result.returncode == 2
    assert "no edition 'atlantis'" in result.stderr and "albania" in result.stderr


def test_all_editions_command_builds_in_parallel_with_a_progress_bar(tmp_path: Path) -> None:
    result = run_cli("editions", "--out", str(tmp_path), "--only", "croatia", "india", "--no-zip", "--jobs", "2")
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
def test_the_edition_folder_also_works_from_a_static_host(albania: Path, recorded_page) -> None:
    from tests.conftest import serve

    server = serve(albania)
    base = next(server)
    try:
        page = recorded_page.page
        page.goto(base)
        assert page.locator("article h1").first.inner_text().startswith("Albania")
        page.locator('a.md-nav__link[href="countries/index.html"]').first.click()
        page.wait_for_url("**/countries/index.html")
        assert page.locator("table.status-matrix").count() == 4
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
        page.goto((albania / "sq" / "index.html").as_uri())
        page.locator("input.md-search__input").fill("pergjigje")  # the pages write "përgjigje"
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        assert "ërgjigj" in page.locator(".md-search-result__item mark").first.text_content()
    finally:
        page.close()
    assert errors == []
