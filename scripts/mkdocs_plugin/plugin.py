"""The ``guidelines`` MkDocs plugin: loads the data, adds the generated pages, watches the data.

Each event hands over to the data layer (:mod:`scripts.data`) or the page layer (:mod:`scripts.pages`);
no data logic or rendering lives here.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from scripts.data import DataError, load_dataset
from scripts.mkdocs_plugin.config import GuidelinesConfig
from scripts.mkdocs_plugin.navigation import expand_nav
from scripts.pages import Page, generate_pages
from scripts.pages.context import TEMPLATE_DIR


class GuidelinesPlugin(BasePlugin[GuidelinesConfig]):
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.data_dir: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (base / self.config.data_dir).resolve()
        try:
            dataset = load_dataset(self.data_dir)
        except DataError as error:
            raise PluginError(f"the data in {self.data_dir} is not valid:\n{error.report()}") from None
        edition = None
        if self.config.edition:
            editions = getattr(dataset, "editions", []) if "editions" in dataset else []
            edition = next((e for e in editions if e.id == self.config.edition), None)
            if edition is None:
                known = ", ".join(sorted(e.id for e in editions)) or "none"
                raise PluginError(f"no edition {self.config.edition!r} in {self.data_dir}/editions (known: {known})")
        self.pages = generate_pages(dataset, dataset.site.default_language, edition=edition)
        config.nav = expand_nav(config.nav, self.pages)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                raise PluginError(f"docs/{page.path} is generated from the data: remove the hand-written file")
            files.append(File.generated(config, page.path, content=page.content))
        return files

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - MkDocs' own types
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        server.watch(str(TEMPLATE_DIR))
        return server
