"""Writing a staged tree to disk: ``<folder>/docs/``, ``<folder>/staged.json`` (what is not a file) and
``<folder>/notices.json`` (the notices of the generated pages, which the renderer converts apart)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scripts.staging.languages import build_to_dict
from scripts.staging.stage import StagedTree

MANIFEST = "staged.json"
#: the notices of the generated pages (:attr:`StagedTree.notices`), beside the manifest: JSON, read by the renderer
NOTICES = "notices.json"


def write_tree(tree: StagedTree, folder: Path, names_written: bool = False, notices_written: bool = False) -> Path:
    """Write ``tree``'s docs folder into ``folder/docs`` (replacing what was there), its settings into
    ``folder/staged.json`` and the notices of its generated pages into ``folder/notices.json``; returns the docs
    folder. ``names_written``: the pages with their notices and the measure names written in
    (:meth:`StagedTree.markdown`), for a renderer that does not fill in the marks after conversion (no notice is
    left to convert apart). ``notices_written``: the notices only (a build that keeps no conversions)."""
    folder = Path(folder)
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for path in sorted(tree.files):
        content = tree.markdown(path) if names_written else tree.noticed(path) if notices_written \
            else tree.files[path]
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    (folder / MANIFEST).write_text(json.dumps(manifest(tree), ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / NOTICES).write_text(json.dumps({} if names_written or notices_written else tree.notices,
                                             ensure_ascii=False),
                                  encoding="utf-8")
    return docs


def manifest(tree: StagedTree) -> dict:
    """Everything of the staged tree that is not a file, as JSON."""
    return {"language": tree.language, "build": build_to_dict(tree.build), "nav": tree.nav,
            "site_name": tree.site_name, "site_description": tree.site_description, "site_url": tree.site_url,
            "theme_text_language": tree.theme_text_language, "theme_text": tree.theme_text,
            "alternate": tree.alternate, "transliteration": tree.transliteration, "edition": tree.edition,
            "use_directory_urls": tree.use_directory_urls, "measure_names": tree.measure_names}
