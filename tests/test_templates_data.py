"""The template data: the real files load, broken ones are refused with a precise message, and a country
edition's prefill is resolved (never from an ``unknown`` provision)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from scripts.data import DataError, load_dataset
from scripts.data.models.templates import Template
from scripts.pages.templates_prefill import country_prefill
from tests.conftest import real_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "guidelines_data"
TEMPLATES = sorted((DATA / "templates").glob("*.yaml"))
ISSUE_TEMPLATES = {
    "expedited-preservation-request", "subscriber-information-request", "traffic-data-request",
    "emergency-disclosure-request", "provider-standard-response", "information-not-provided",
    "requester-verification-record",
}


#: the templates of today's channels (issue 12)
TODAYS_CHANNEL_TEMPLATES = {"tcy-preservation-request", "tcy-subscriber-mla-request", "protocol-art7-order",
                            "protocol-art6-registrar-request", "protocol-art9-emergency-request", "epoc-study-copy",
                            "epoc-pr-study-copy", "notice-inability-to-comply"}


def test_the_seven_templates_of_the_issue_load() -> None:
    dataset = real_dataset()
    assert {t.id for t in dataset.templates} == ISSUE_TEMPLATES | TODAYS_CHANNEL_TEMPLATES


def test_every_template_uses_the_typed_fields_the_issue_asks_for() -> None:
    types = {f.type for path in TEMPLATES
             for f in Template.model_validate(yaml.safe_load(path.read_text())).all_fields()}
    assert {"text", "date", "datetime", "ip-port", "email", "choice"} <= types


def test_explanation_lists_the_reasons_for_information_not_provided() -> None:
    template = Template.model_validate(yaml.safe_load((DATA / "templates" / "information-not-provided.yaml").read_text()))
    reasons = {o.id for o in template.field("reasons").options}
    assert {"not-held", "not-retained", "legal-obstacle", "not-specific"} <= reasons


def _broken(tmp_path: Path, name: str, change) -> str:  # noqa: ANN001
    """Copy the real data, apply ``change`` to one template's data, and return the validation report."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "templates" / f"{name}.yaml"
    header = path.read_text().splitlines()[0]
    content = yaml.safe_load(path.read_text())
    change(content)
    path.write_text(header + "\n" + yaml.safe_dump(content, sort_keys=False, allow_unicode=True))
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return caught.value.report()


def _field(content: dict, field_id: str) -> dict:
    return next(f for s in content["sections"] for f in s["fields"] if f["id"] == field_id)


@pytest.mark.parametrize(("change", "message"), [
    (lambda c: _field(c, "timestamp").update(type="time"), "expected one of"),
    (lambda c: _field(c, "timestamp").update(not_before="nowhere"),
     "].not_before: expected the id of a field of this template, got 'nowhere'"),
    (lambda c: _field(c, "timestamp").update(required_with="nowhere"),
     "].required_with: expected the id of a field of this template, got 'nowhere'"),
    (lambda c: _field(c, "request-date").update(not_before="timestamp"), "cannot be compared"),
    (lambda c: _field(c, "offence").update(options=[{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]),
     "only choice and multichoice"),
    (lambda c: _field(c, "priority").update(options=[{"id": "only", "label": "Only"}]), "at least two options"),
    (lambda c: _field(c, "domestic-legal-basis").update(prefill="procedural_powers.magic"), "expected one of"),
    (lambda c: c["measures"].append("no-such-measure"), "measure 'no-such-measure' does not exist"),
    (lambda c: c["legal_basis"]["articles"].append(48), "article 48 does not exist"),
    (lambda c: c["sections"][0]["fields"].append(dict(c["sections"][0]["fields"][0])),
     "sections[0].fields[%d].id: duplicate field id"),
    (lambda c: c.update(id="another-id"), "match the file name"),
    (lambda c: c.update(order=1), "order 1 is already used by expedited-preservation-request"),
])
def test_broken_templates_are_refused(tmp_path: Path, change, message: str) -> None:  # noqa: ANN001
    report = _broken(tmp_path, "subscriber-information-request", change)
    assert "subscriber-information-request.yaml" in report
    if "%d" in message:  # the appended duplicate is the last field of the first section
        content = yaml.safe_load((DATA / "templates" / "subscriber-information-request.yaml").read_text())
        message = message % len(content["sections"][0]["fields"])
    assert message in report
    assert ":1:1:" not in report, "a problem inside the template must stand at its key, not at the top of the file"


def test_country_prefill_takes_known_provisions_and_institution_names() -> None:
    country = SimpleNamespace(
        procedural_powers=SimpleNamespace(
            preservation=SimpleNamespace(provision="unknown"),
            production=SimpleNamespace(provision="Code of Criminal Procedure, Article 191/a"),
            interception=None, search_and_seizure=None,
        ),
        institutions=[SimpleNamespace(body="State Police, Cybercrime Unit"), SimpleNamespace(body="Ministry of Justice")],
    )
    prefill = country_prefill(country)
    assert prefill.values == {"procedural_powers.production": "Code of Criminal Procedure, Article 191/a"}
    assert prefill.suggestions == {"institutions": ["State Police, Cybercrime Unit", "Ministry of Justice"]}
    assert country_prefill(None).values == {}


def test_an_edition_prefills_the_country_legal_basis_in_pages_and_docx() -> None:
    """Georgia's edition: its production provision is written into the form and the .docx; its preservation
    provision is unknown, so the form says so and leaves the field empty for the officer."""
    import io

    import docx

    from scripts.pages.context import RenderContext
    from scripts.pages.templates_docx import generate as generate_docx
    from scripts.pages.templates_forms import generate as generate_forms

    dataset = real_dataset()
    edition = next(e for e in dataset.editions if e.id == "georgia")
    country = next(c for c in dataset.countries if c.id == edition.country)
    production = country.procedural_powers.production.provision
    assert country.procedural_powers.preservation.provision == "unknown"  # the case this test covers

    ctx = RenderContext(dataset, "en", edition=edition)
    pages = {p.path: p.content for p in generate_forms(ctx)}
    subscriber = pages["forms/subscriber-information-request.md"]
    assert f">{production}</textarea>" in subscriber.replace("&#39;", "'")
    preservation = pages["forms/expedited-preservation-request.md"]
    assert "unknown" in preservation
    assert re.search(r'<textarea id="expedited-preservation-request--domestic-legal-basis"[^>]*></textarea>',
                     preservation), "an unknown provision must leave the field empty"
    # institution names are offered as suggestions
    assert "<datalist" in subscriber and country.institutions[0].body.replace("'", "&#39;") in subscriber

    files = {p.path: p.content for p in generate_docx(ctx)}
    document = docx.Document(io.BytesIO(files["forms/docx/subscriber-information-request-en.docx"]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert production in cells

    plain = {p.path: p.content for p in generate_forms(RenderContext(dataset, "en"))}
    assert production not in plain["forms/subscriber-information-request.md"]
