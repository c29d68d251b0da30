"""The JSON Schemas match the models, and every data file names its schema for editors."""

from __future__ import annotations

import json
import re

from scripts.data.collections import COLLECTIONS
from scripts.data.schemas import stale_schemas
from tests.conftest import DATA, TEST_DATA

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(DATA / "schemas") == [], "run `python -m scripts schemas`"


def test_every_data_file_names_its_own_schema() -> None:
    for folder in (DATA, TEST_DATA / "minimal"):
        for coll in COLLECTIONS:
            for path in folder.glob(coll.pattern):
                first = path.read_text(encoding="utf-8").splitlines()[0]
                match = SCHEMA_LINE.match(first)
                assert match, f"{path}: first line must be '# yaml-language-server: $schema=...'"
                schema = (path.parent / match.group(1)).resolve()
                assert schema == (DATA / "schemas" / f"{coll.schema_name}.schema.json").resolve(), path
                assert json.loads(schema.read_text())["$id"] == schema.name


def test_schema_rejects_what_the_validator_rejects() -> None:
    """Editors must flag the same mistakes: unknown keys and wrong types are in the schema itself."""
    schema = json.loads((DATA / "schemas" / "guidelines.schema.json").read_text())
    paragraph = schema["$defs"]["Paragraph"]
    assert paragraph["additionalProperties"] is False
    assert paragraph["properties"]["number"]["type"] == "integer"
    assert set(paragraph["required"]) >= {"number", "section"}
    # a paragraph's content is either established (a mapping with a summary and sources) or the word unknown
    content = json.dumps(paragraph["properties"]["content"])
    assert '"const": "unknown"' in content and "ParagraphContent" in content
    measure = schema["$defs"]["Measure"]
    assert measure["additionalProperties"] is False
    assert set(measure["required"]) >= {"id", "section", "order", "heading", "addressees", "established", "guidance"}
