"""The strict build: generated pages, links between them, and the atomic swap of site/."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, ROOT, run_cli_process

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def measures_in_order(data: dict) -> list[dict]:
    order = {s["id"]: i for i, s in enumerate(data["sections"])}
    return sorted(data["measures"], key=lambda m: (order[m["section"]], m["order"]))


def test_every_measure_has_a_page_with_sources_guidance_and_neighbours(built_site: Path) -> None:
    data = yaml.safe_load(text_of(DATA / "guidelines.yaml"))
    measures = measures_in_order(data)
    assert len(measures) == 24
    sources = {s["id"]: s for s in data["sources"]}
    for index, measure in enumerate(measures):
        html = text_of(built_site / "guidelines" / measure["id"] / "index.html")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert re.sub(r"<a class=\"headerlink\".*", "", title).replace("&#39;", "'") == measure["heading"]
        assert data["source"]["url"].replace("&", "&amp;") in html, f"{measure['id']} does not cite the source"
        for statement in measure["established"]:
            for source in statement["sources"]:
                assert sources[source]["title"].split(":")[0].replace("&", "&amp;") in html.replace("&#39;", "'")
        assert 'id="guidance"' in html and "Guidance, not the text of the guidelines" in html
        pager = html[html.index('class="paragraph-pager"'):]
        pager = pager[:pager.index("</nav>")]
        previous = measures[index - 1]["id"] if index else None
        following = measures[index + 1]["id"] if index + 1 < len(measures) else None
        assert (f'href="../{previous}/" rel="prev"' in pager) == (previous is not None), pager
        assert (f'href="../{following}/" rel="next"' in pager) == (following is not None), pager


def test_no_page_for_a_paragraph_number_and_none_made_up(built_site: Path) -> None:
    """Paragraph numbers are listed on one page with what is known; no page invents content for an unknown one."""
    for n in range(1, 60):
        assert not (built_site / "guidelines" / str(n)).exists()
    html = text_of(built_site / "guidelines" / "paragraphs" / "index.html")
    for n in range(1, 60):
        assert f'id="paragraph-{n}"' in html
    # number 1 leads to what is known of it (the introduction), and its established content is there
    assert 'href="../introduction/#paragraph-1"' in html
    assert html.count("What this paragraph says is not known to this project.") == 57
    intro = text_of(built_site / "guidelines" / "introduction" / "index.html")
    assert "World Summits on the Information Society (Geneva 2003, Tunis 2005)" in intro


def test_overview_lists_sections_then_measures(built_site: Path) -> None:
    html = text_of(built_site / "guidelines" / "index.html")
    data = yaml.safe_load(text_of(DATA / "guidelines.yaml"))
    positions = [html.index(f'id="{section_id}"')
                 for section_id in ("introduction", "common-measures", "law-enforcement", "service-providers")]
    assert positions == sorted(positions)
    for measure in measures_in_order(data):
        assert f'href="{measure["id"]}/"' in html
    assert 'href="paragraphs/"' in html


def test_glossary_has_an_anchor_per_term_and_measure_pages_link_them(built_site: Path) -> None:
    glossary = yaml.safe_load(text_of(DATA / "glossary.yaml"))["terms"]
    assert len(glossary) >= 25
    html = text_of(built_site / "glossary" / "index.html")
    for term in glossary:
        assert f'id="{term["id"]}"' in html
    guidelines = yaml.safe_load(text_of(DATA / "guidelines.yaml"))
    for measure in guidelines["measures"]:
        page = text_of(built_site / "guidelines" / measure["id"] / "index.html")
        for term in measure["terms"]:
            assert f'href="../../glossary/#{term}"' in page
        for article in measure["articles"]:
            assert f'href="../../convention/#article-{article}"' in page


def test_generated_pages_are_not_in_docs_or_git() -> None:
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not any(p.startswith(("docs/guidelines/", "docs/glossary", "docs/convention")) for p in tracked)
    assert not (ROOT / "docs" / "guidelines").exists()


def test_plain_mkdocs_build_is_strict_and_generates_pages(tmp_path: Path) -> None:
    result = subprocess.run([str(Path(ROOT / ".venv/bin/mkdocs")) if (ROOT / ".venv/bin/mkdocs").exists() else "mkdocs",
                             "build", "--strict", "-d", str(tmp_path / "out")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "guidelines" / "le-strategic-cooperation" / "index.html").is_file()


def test_invalid_data_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    text = text_of(data / "guidelines.yaml").replace("  - {number: 17,", "  - {number: seventeen,", 1)
    (data / "guidelines.yaml").write_text(text, encoding="utf-8")

    result = run_cli_process("build", "--quiet", "--site-dir", str(site), "--data", str(data))

    assert result.returncode == 1
    assert "paragraphs[16].number: expected a whole number, got 'seventeen'" in result.stderr
    assert "Traceback" not in result.stderr
    assert text_of(site / "index.html") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"], "a half-built folder was left behind"


def test_plain_mkdocs_build_reports_invalid_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = text_of(data / "glossary.yaml").replace("terms:\n", "terms:\n  - id: Bad Id\n    term: X\n    definition: Y\n", 1)
    (data / "glossary.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "mkdocs", "build", "--strict", "-q",
                             "-d", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True,
                            env={"GUIDELINES_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "terms[0].id: expected an id in lowercase-with-hyphens, got 'Bad Id'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_link_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", ".site.*", "tests"))
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as out:
        out.write("\n[a page that does not exist](no-such-page.md)\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = run_cli_process("build", "--quiet", "--site-dir", str(site),
                             "--config-file", str(project / "mkdocs.yml"))
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert text_of(site / "index.html") == "previous site"
