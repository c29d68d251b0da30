"""The renderer is replaceable (issue 11): the staged English tree rendered by Zensical, Material for MkDocs'
successor, through scripts/render/zensical.py. `make zensical` installs it into .venv-zensical (`make test`
does it first)."""

from __future__ import annotations

import re

import pytest

from scripts.build import DEFAULT_CONFIG
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.pages.routes import measure_path
from scripts.render.mkdocs_config import read_config
from scripts.render.zensical import EXECUTABLE, render_zensical, zensical_config
from scripts.staging.site_config import write_config
from scripts.staging.stage import stage_language
from scripts.staging.write import Written, write_tree

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    assert EXECUTABLE.is_file(), f"Zensical is missing at {EXECUTABLE}: run `make zensical`"
    work = tmp_path_factory.mktemp("zensical")
    base = read_config(DEFAULT_CONFIG)
    tree = stage_language(base, DEFAULT_CONFIG.parent, DEFAULT_DATA_DIR, "en")
    docs = write_tree(tree, work, Written.EVERYTHING)  # Zensical cannot fill in the marks
    config = write_config(zensical_config(base, DEFAULT_CONFIG.parent, tree, docs, work / "site"),
                          work / "zensical.yml")
    returncode, log = render_zensical(config)
    assert returncode == 0, log
    return work / "site", tree


def _text(path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_zensical_renders_the_home_page(zensical_site):
    site, tree = zensical_site
    home = _text(site / "index.html")
    heading = next(line[2:] for line in tree.files["index.md"].splitlines() if line.startswith("# "))
    assert heading in home


def test_zensical_renders_a_generated_measure_page_with_its_content(zensical_site):
    site, tree = zensical_site
    measure = tree.context.dataset.guidelines.measures[0]
    dataset_measure = measure_path(measure.id)
    page = site / dataset_measure[:-3] / "index.html"
    assert page.is_file(), sorted(p.name for p in (site / "guidelines").iterdir())
    text = _text(page)
    markdown = tree.files[dataset_measure]
    heading = next(line[2:] for line in markdown.splitlines() if line.startswith("# "))
    assert heading in text
    assert "What the sources establish" in text and "Our explanation" in text


def test_zensical_renders_the_generated_glossary(zensical_site):
    site, tree = zensical_site
    text = _text(site / "glossary" / "index.html")
    terms = re.findall(r"^#{2,3} (.+)$", tree.files["glossary.md"], re.MULTILINE)
    assert len(terms) > 5
    assert all(term.split("{")[0].strip() in text for term in terms[:10])
