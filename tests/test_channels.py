"""Today's channels (issue 12): the instruments data and its sources, the crosswalk page, the "Which channel?"
guide on every answer path, the new forms, identifier rows, address warnings, the valid-only actions and the
filled .docx made in the browser - all in Debian's Chromium, with no request leaving 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest
import yaml
from playwright.sync_api import expect
from pydantic import ValidationError

from scripts.data.dataset import load_dataset
from scripts.data.models.instruments import Deadline, Instruments, ProtocolStatus
from scripts.pages.channels import QUESTIONS, RESULTS, channels_for, guide_paths
from tests.conftest import real_dataset
from tests.test_templates_browser import error_of, field, fill_valid

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "guidelines_data"
SCREENSHOT_DIR = Path(os.environ.get("LEA_SCREENSHOT_DIR", ROOT / "build" / "screenshots"))

NEW_TEMPLATES = ["tcy-preservation-request", "tcy-subscriber-mla-request", "protocol-art7-order",
                 "protocol-art6-registrar-request", "protocol-art9-emergency-request", "epoc-study-copy",
                 "epoc-pr-study-copy", "notice-inability-to-comply"]


def raw_instruments() -> dict:
    return yaml.safe_load((DATA / "instruments.yaml").read_text(encoding="utf-8"))


# ---------- data ----------

def test_every_deadline_and_status_in_the_data_has_a_source() -> None:
    data = real_dataset().instruments
    sources = {s.id for s in data.sources}
    for d in data.deadlines:
        assert d.period == "unknown" or d.sources, d.id
        assert set(d.sources) <= sources
    for s in data.protocol_status:
        assert s.status == "unknown" or (s.sources and s.as_of), s.country
        assert s.eu_law == "unknown" or s.eu_sources, s.country
    for inst in data.instruments:
        for dated in (inst.dated, inst.applies_from):
            assert dated.date == "unknown" or dated.sources, inst.id


def test_a_deadline_or_status_without_a_source_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs at least one entry under 'sources'"):
        Deadline.model_validate({"id": "x", "provision": "reg-epoc", "what": "Something", "period": "10 days"})
    with pytest.raises(ValidationError, match="needs at least one entry under 'sources'"):
        ProtocolStatus.model_validate({"country": "albania", "status": "signed", "signed": "2023-02-27",
                                       "as_of": "2026-02-05", "eu_law": "unknown"})
    with pytest.raises(ValidationError, match="eu_sources"):
        ProtocolStatus.model_validate({"country": "albania", "status": "unknown", "eu_law": "no"})
    # unknown needs no source, and the whole file as committed passes
    Deadline.model_validate({"id": "x", "provision": "p2-art-7", "what": "Something", "period": "unknown"})
    Instruments.model_validate(raw_instruments())


def test_the_issue_deadlines_are_all_in_the_table() -> None:
    data = real_dataset().instruments
    periods = {(d.provision, d.period) for d in data.deadlines}
    assert ("reg-epoc", "10 days") in periods and ("reg-epoc", "8 hours") in periods
    assert ("reg-epoc-pr", "60 days") in periods and ("reg-epoc-pr", "30 days") in periods
    # the Protocol's 30/45/90 days are listed, as unknown until a source is read
    assert {d.id for d in data.deadlines} >= {"p2-7-provider-30-days", "p2-8-subscriber-45-days",
                                              "p2-8-traffic-90-days"}


def _check_problems(tmp_path: Path, change) -> str:  # noqa: ANN001
    import shutil

    from scripts.data.problems import DataError

    copy_dir = tmp_path / "data"
    shutil.copytree(DATA, copy_dir)
    raw = raw_instruments()
    change(raw)
    (copy_dir / "instruments.yaml").write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(copy_dir)
    return str(caught.value)


def test_cross_references_are_checked(tmp_path: Path) -> None:
    def break_refs(raw: dict) -> None:
        raw["crosswalk"] = raw["crosswalk"][1:]  # a measure without its entry
        raw["deadlines"][0]["sources"] = ["no-such-source"]
        raw["protocol_status"] = [s for s in raw["protocol_status"] if s["country"] != "albania"]
        raw["instruments"][0]["provisions"][0]["templates"] = ["no-such-template"]

    message = _check_problems(tmp_path, break_refs)
    assert "missing: common-culture" in message
    assert "source 'no-such-source' does not exist" in message
    assert "CETS No. 224" in message and "albania" in message
    assert "template 'no-such-template' does not exist" in message
    assert "instruments.yaml" in message


# ---------- the guide's rules ----------

def test_every_guide_path_ends_in_a_documented_channel() -> None:
    paths = guide_paths()
    assert len(paths) == 1 + 8 + 24 + 24
    for answers in paths:
        result = channels_for(answers)
        assert result and set(result) <= set(RESULTS)
    # spot checks of the documented answers
    assert channels_for({"provider": "domestic"}) == ["domestic"]
    assert channels_for({"provider": "eu", "requester_eu": "yes", "data": "preserve", "emergency": "no"}) == ["epoc_pr"]
    assert channels_for({"provider": "other", "protocol": "yes", "data": "subscriber", "emergency": "no"}) == \
        ["art7", "tcy_mla"]
    assert channels_for({"provider": "other", "protocol": "no", "data": "traffic", "emergency": "yes"}) == \
        ["emergency_24_7"]


# ---------- pages in the browser ----------

@pytest.mark.browser
def test_crosswalk_page_lists_measures_deadlines_and_statuses(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}channels/")
    crosswalk = page.locator("xpath=//h2[@id='crosswalk']/following::table[1]")
    expect(crosswalk).to_be_visible()
    assert crosswalk.locator("tbody tr").count() == 24
    text = page.locator("article").inner_text()
    for fact in ("10 days", "8 hours", "60 days", "30 days", "Not confirmed", "Serbia", "2023-02-09",
                 "Netherlands Treaty Database"):
        assert fact in text, fact
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
def test_the_guide_gives_the_documented_answer_on_every_path(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}channels/which-channel/")
    labels = json.loads(page.locator("script.lea-guide-data").text_content())
    assert [q["id"] for q in labels["questions"]] == [q[0] for q in QUESTIONS]
    for answers in guide_paths():
        page.locator(".lea-guide-restart").click() if page.locator(".lea-guide-restart").count() else None
        for qid in [q[0] for q in QUESTIONS]:
            if qid in answers:
                page.locator(f"#lea-guide-{qid}-{answers[qid]}").check()
        result = page.locator(".lea-guide-result")
        expect(result.locator("li").first).to_be_visible()
        assert result.get_attribute("data-channels").split() == channels_for(answers), answers
        # the browser's own rules agree too
        assert page.evaluate("(a) => LeaChannelGuide.channelsFor(a)", answers) == channels_for(answers)
    # links to forms lead to existing pages
    for href in page.locator(".lea-guide-result a").evaluate_all("els => els.map(e => e.href)"):
        assert page.request.get(href).ok
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
def test_the_guide_works_by_keyboard(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}channels/which-channel/")
    page.locator("#lea-guide-provider-domestic").focus()
    page.keyboard.press("ArrowDown")  # to "EU", which checks it
    expect(page.locator("#lea-guide-provider-eu")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("#lea-guide-requester_eu-yes")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "only preserve"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # emergency: no
    expect(page.locator(".lea-guide-result")).to_have_attribute("data-channels", "epoc_pr")
    page.keyboard.press("Tab")
    expect(page.locator(".lea-guide-result a")).to_be_focused()


@pytest.mark.browser
@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_each_new_form_refuses_bad_input_at_the_field(site_url: str, recorded_page, template_id: str) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{template_id}/")
    data = json.loads(page.locator("script.lea-form-data").text_content())
    fields = [f for s in data["template"]["sections"] for f in s["fields"]]
    bad = {"email": "not-an-address", "date": "2026-02-30", "datetime": "2026-03-14 09:30", "phone": "call me"}
    target = next(f for f in fields if f["type"] in bad)
    field(page, template_id, target["id"]).fill(bad[target["type"]])
    page.locator("form.lea-form button[type=submit]").focus()
    expect(error_of(page, template_id, target["id"])).to_be_visible()
    # an empty required field is refused on checking, and actions stay withheld
    page.locator("form.lea-form button[type=submit]").click()
    expect(page.locator(".lea-status")).to_contain_text("need attention")
    for action in ("print", "copy", "download-docx"):
        expect(page.locator(f"[data-action={action}]")).to_be_disabled()
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
def test_study_copies_say_so(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    for tid in ("epoc-study-copy", "epoc-pr-study-copy"):
        page.goto(f"{site_url}forms/{tid}/")
        expect(page.locator(".admonition.warning")).to_contain_text("not the official form")
        expect(page.locator(".lea-doc-study-mark")).to_contain_text("not the official form")


@pytest.mark.browser
@pytest.mark.parametrize(("address", "warning"), [
    ("10.1.2.3", "private"), ("192.168.0.10", "private"), ("100.64.1.2", "shared"), ("100.127.255.1", "shared"),
    ("192.0.2.5", "documentation"), ("2001:db8::1", "documentation"), ("127.0.0.1", "reserved"),
    ("fe80::1", "reserved"), ("8.8.8.8", None), ("100.128.0.1", None),
])
def test_special_addresses_get_a_warning_at_the_field(site_url: str, recorded_page, address: str,  # noqa: ANN001
                                                      warning: str | None) -> None:
    page = recorded_page.page
    tid = "protocol-art7-order"
    page.goto(f"{site_url}forms/{tid}/")
    page.locator("tbody[data-rows=identifiers] [data-part=ip]").first.fill(address)
    box = page.locator(f"#{tid}--identifiers--warning")
    if warning:
        expect(box).to_be_visible()
        expect(box).to_contain_text(warning)
    else:
        expect(box).to_be_hidden()


@pytest.mark.browser
def test_three_identifier_rows_preview_and_download_a_filled_docx(site_url: str, recorded_page,  # noqa: ANN001
                                                                   tmp_path: Path) -> None:
    page = recorded_page.page
    tid = "protocol-art7-order"
    page.goto(f"{site_url}forms/{tid}/")
    expect(page.locator("[data-action=download-docx]")).to_be_disabled()
    expected = fill_valid(page, tid)
    rows = [("203.0.113.7", "51234", "2026-03-14 09:30:05 +01:00"),
            ("2001:db8::7", "443", "2026-03-14T08:31:00Z"),
            ("100.64.10.20", "40001", "2026-03-15 22:10 UTC")]
    for _ in range(2):
        page.locator("[data-action=add-row]").click()
    trs = page.locator("tbody[data-rows=identifiers] tr[data-row]")
    assert trs.count() == 3
    for i, values in enumerate(rows):
        for part, value in zip(("ip", "port", "time"), values, strict=True):
            trs.nth(i).locator(f"[data-part={part}]").fill(value)
    expect(trs.nth(2).locator("[data-part=ip]")).to_have_attribute("aria-label", "Identifier 3: IP address")
    page.locator("form.lea-form button[type=submit]").click()
    expect(page.locator(".lea-status")).to_contain_text("complete")
    # fill_valid's own identifier row (198.51.100.n, port 4nnnn, +02:00) was overwritten by the three rows
    replaced = [v for v in expected if v.startswith("198.51.100.") or v.endswith("+02:00")
                or (v.isdigit() and v.startswith("4"))]
    typed = [v for row in rows for v in row] + [v for v in expected if v not in replaced]
    preview = page.locator(".lea-document").inner_text()
    assert [v for v in typed if v not in preview] == []
    expect(page.locator(".lea-doc-draft-mark")).to_be_hidden()

    with page.expect_download() as info:
        page.locator("[data-action=download-docx]").click()
    path = tmp_path / "filled.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename == f"{tid}.docx"
    document = docx.Document(str(path))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert [v for v in typed if v not in text] == [], "the .docx lacks typed values"
    assert "Order for subscriber information" in text
    expect(page.locator(".lea-status")).to_contain_text("nothing was sent")
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
def test_clearing_asks_first_and_leaving_warns(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    tid = "tcy-preservation-request"
    page.goto(f"{site_url}forms/{tid}/")
    field(page, tid, "request-reference").fill("T-1")
    page.once("dialog", lambda d: d.dismiss())
    page.locator("[data-action=clear-draft]").click()
    expect(field(page, tid, "request-reference")).to_have_value("T-1")  # refused: nothing cleared
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-action=clear-draft]").click()
    expect(field(page, tid, "request-reference")).to_have_value("")
    field(page, tid, "request-reference").fill("T-2")
    # the page asks before unloading while there is unsaved input
    asked = page.evaluate("""() => { const e = new Event('beforeunload', {cancelable: true});
        window.dispatchEvent(e); return e.defaultPrevented; }""")
    assert asked is True


@pytest.mark.browser
@pytest.mark.parametrize("template_id", ["tcy-preservation-request", "epoc-study-copy"])
def test_print_media_of_new_forms_reads_as_a_document(site_url: str, recorded_page, template_id: str) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.set_viewport_size({"width": 794, "height": 1123})
    page.goto(f"{site_url}forms/{template_id}/")
    field(page, template_id, "request-reference").fill("DRAFT-1")
    page.emulate_media(media="print")
    expect(page.locator(".lea-doc-draft-mark")).to_be_visible()  # a draft prints with its mark
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{template_id}-draft-print.png"), full_page=True)
    page.emulate_media(media="screen")
    fill_valid(page, template_id)
    page.emulate_media(media="print")
    expect(page.locator(".lea-doc-draft-mark")).to_be_hidden()
    expect(page.locator("form.lea-form")).to_be_hidden()
    page.screenshot(path=str(SCREENSHOT_DIR / f"{template_id}-print.png"), full_page=True)
    assert recorded_page.foreign_requests() == []
