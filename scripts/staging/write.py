"""Writing a staged tree to disk: ``<folder>/docs/``, ``<folder>/staged.json`` (what is not a file) and
``<folder>/notices.json`` (the notices of the generated pages, which the renderer converts apart)."""

from __future__ import annotations

import enum
import json
import shutil
from pathlib import Path

from scripts.staging.languages import build_to_dict
from scripts.staging.stage import StagedTree

MANIFEST = "staged.json"
#: the notices of the generated pages (:attr:`StagedTree.notices`), beside the manifest: JSON, read by the renderer
NOTICES = "notices.json"


class Written(enum.Enum):
    """What :func:`write_tree` writes into the pages, rather than leaving it to the renderer."""

    #: neither: the pages keep their notice marks (the notices go to ``notices.json``, converted apart) and the
    #: measure names' marks (the renderer fills both in: :mod:`scripts.render.names`)
    MARKS = "marks"
    #: the notices, not the names (a build that keeps no conversions: a notice converted apart would only cost time)
    NOTICES = "notices"
    #: the notices and the names (:meth:`StagedTree.markdown`, for a renderer that fills in no marks: Zensical)
    EVERYTHING = "everything"


def write_tree(tree: StagedTree, folder: Path, written: Written = Written.MARKS) -> Path:
    """Write ``tree``'s docs folder into ``folder/docs`` (replacing what was there), its settings into
    ``folder/staged.json`` and the notices it leaves to the renderer (``written``) into ``folder/notices.json``;
    returns the docs folder."""
    folder = Path(folder)
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    content_of = {Written.MARKS: tree.files.__getitem__, Written.NOTICES: tree.noticed,
                  Written.EVERYTHING: tree.markdown}[written]
    for path in sorted(tree.files):
        content = content_of(path)
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    (folder / MANIFEST).write_text(json.dumps(manifest(tree), ensure_ascii=False, indent=1), encoding="utf-8")
    notices = tree.notices if written is Written.MARKS else {}
    (folder / NOTICES).write_text(json.dumps(notices, ensure_ascii=False), encoding="utf-8")
    return docs


def manifest(tree: StagedTree) -> dict:
    """Everything of the staged tree that is not a file, as JSON."""
    return {"language": tree.language, "build": build_to_dict(tree.build), "nav": tree.nav,
            "site_name": tree.site_name, "site_description": tree.site_description, "site_url": tree.site_url,
            "theme_text_language": tree.theme_text_language, "theme_text": tree.theme_text,
            "alternate": tree.alternate, "transliteration": tree.transliteration, "edition": tree.edition,
            "use_directory_urls": tree.use_directory_urls, "measure_names": tree.measure_names}
