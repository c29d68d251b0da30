"""A staged language's settings given to MkDocs as they are (:func:`scripts.render.mkdocs_run.render`) build the
site the same file of settings builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from scripts.render.mkdocs_run import _given_whole, render
from tests.test_rendered_pages import Site


def test_settings_given_as_they_are_build_what_the_file_builds(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.config

    read = []
    load = mkdocs.config.load_config

    def load_and_say(source, **settings):  # noqa: ANN001, ANN003, ANN202
        read.append(type(source))
        return load(source, **settings)

    monkeypatch.setattr(mkdocs.config, "load_config", load_and_say)
    built = []
    for name, given in (("file", False), ("given", True)):
        site = Site(tmp_path / name, keep=False)
        site.config["theme"]["features"] = ["navigation.top"]
        site.config["site_description"] = "What & why"
        config_file = site.root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")
        returncode, log = render(config_file, site.out, site.config if given else None)
        assert returncode == 0, log
        built.append({path: content.replace(str(site.root).encode(), b"ROOT")
                      for path, content in site.files().items()})
    assert read == [str, io.StringIO]  # the file read, then the settings given (over an empty file)
    assert built[0] == built[1]


def test_a_setting_only_the_file_can_say_is_read_from_it() -> None:
    assert _given_whole({"site_name": "T", "extra": {"a": [1, {"b": None}]}})
    assert not _given_whole({"site_name": "T", "site_url": None})  # MkDocs drops a None it is given
    assert not _given_whole(None)
