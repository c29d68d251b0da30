"""JSON Schemas for the data files, generated from the models so that the two never disagree.

Editors read them through each file's ``# yaml-language-server: $schema=...`` line and complete and
check as people type. ``python -m scripts schemas`` rewrites them; a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.data.collections import COLLECTIONS, Collection


def schema_for(coll: Collection) -> dict:
    schema = coll.model.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"{coll.schema_name}.schema.json", **schema}
    schema["description"] = (f"One '{coll.name}' data file ({coll.pattern}). "
                             + (schema.get("description") or "").strip()).strip()
    return schema


def render(coll: Collection) -> str:
    return json.dumps(schema_for(coll), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write one schema per collection; returns the files whose content changed."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for coll in COLLECTIONS:
        path = schema_dir / f"{coll.schema_name}.schema.json"
        text = render(coll)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(schema_dir: Path) -> list[Path]:
    """The schema files that are missing or differ from what the models say."""
    return [schema_dir / f"{c.schema_name}.schema.json" for c in COLLECTIONS
            if not (schema_dir / f"{c.schema_name}.schema.json").exists()
            or (schema_dir / f"{c.schema_name}.schema.json").read_text(encoding="utf-8") != render(c)]
