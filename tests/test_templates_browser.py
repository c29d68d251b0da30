"""The request and response forms in Debian's Chromium: validation at the field, the live preview,
print, copy, the opt-in draft, and no request to any host but 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import real_dataset

ROOT = Path(__file__).resolve().parents[1]
#: the scripts of the forms: the shared start-up, the validators, the state and drafts, the finished document
FORMS_JS = [ROOT / "overrides" / "assets" / "javascripts" / name for name in
            ("start.js", "form-validators.js", "form-state.js", "form-document.js")]
SUBSCRIBER = "subscriber-information-request"
TEMPLATES = sorted(p.stem for p in (ROOT / "guidelines_data" / "templates").glob("*.yaml"))
#: where the print-media screenshot is written, to look at (kept after the run)
SCREENSHOT_DIR = Path(os.environ.get("LEA_SCREENSHOT_DIR", ROOT / "build" / "screenshots"))

#: one valid value per field type; {n} makes each value unique so the preview can be searched for it
SAMPLES = {
    "text": "Sample {n}",
    "textarea": "First line {n}\nSecond line {n}",
    "date": "2026-03-{d:02d}",
    "datetime": "2026-03-{d:02d} 09:{n:02d} +01:00",
    "ip-port": "203.0.113.{n}:5{n:04d}",
    "email": "officer{n}@police.example",
    "phone": "+355 4 222 {n:04d}",
    "number": "30",
}


def field(page, template_id: str, field_id: str):  # noqa: ANN001, ANN201
    return page.locator(f"#{template_id}--{field_id}")


def error_of(page, template_id: str, field_id: str):  # noqa: ANN001, ANN201
    return page.locator(f"#{template_id}--{field_id}--error")


def form_data(page) -> dict:  # noqa: ANN001
    return json.loads(page.locator("script.lea-form-data").text_content())


def fill_valid(page, template_id: str) -> list[str]:  # noqa: ANN001
    """Fill every field of the form with a valid value; return every value the document must show."""
    expected: list[str] = []
    n = 0
    for section in form_data(page)["template"]["sections"]:
        for f in section["fields"]:
            n += 1
            kind, name = f["type"], f["id"]
            options = page.locator(f"input[name='{name}']")
            if kind == "choice":
                options.nth(1).check()
                expected.append(f["options"][1]["label"])
            elif kind == "multichoice":
                options.nth(0).check()
                options.nth(1).check()
                expected += [f["options"][0]["label"], f["options"][1]["label"]]
            elif kind == "checkbox":
                field(page, template_id, name).check()
                expected.append(f["label"])
            elif kind == "identifiers":
                row = page.locator(f"tbody[data-rows='{name}'] tr[data-row]").first
                values = (f"198.51.100.{n}", f"4{n:04d}", f"2026-03-{min(n, 28):02d} 10:{n:02d} +02:00")
                for part, value in zip(("ip", "port", "time"), values, strict=True):
                    row.locator(f"[data-part={part}]").fill(value)
                expected.extend(values)
            else:
                value = SAMPLES[kind].format(n=n, d=min(n, 28))
                field(page, template_id, name).fill(value)
                expected.extend(value.split("\n"))
            expected.append(f["label"])
    return expected


@pytest.mark.parametrize("script", FORMS_JS, ids=lambda p: p.name)
def test_forms_js_never_uses_the_network(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    for api in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", "new Image"):
        assert api not in source, f"{script.name} must not use {api}"


def test_wrong_ip_and_time_without_zone_are_refused_at_the_field(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{SUBSCRIBER}/")
    ip, when = field(page, SUBSCRIBER, "ip-address"), field(page, SUBSCRIBER, "timestamp")

    ip.fill("203.0.113.300:51234")
    when.focus()  # leaving the field checks it
    expect(error_of(page, SUBSCRIBER, "ip-address")).to_be_visible()
    expect(error_of(page, SUBSCRIBER, "ip-address")).to_contain_text("IP")
    expect(ip).to_have_attribute("aria-invalid", "true")
    assert f"{SUBSCRIBER}--ip-address--error" in ip.get_attribute("aria-describedby")

    when.fill("2026-03-14 09:30:05")
    ip.focus()
    expect(error_of(page, SUBSCRIBER, "timestamp")).to_be_visible()
    expect(error_of(page, SUBSCRIBER, "timestamp")).to_contain_text("time zone")
    expect(when).to_have_attribute("aria-invalid", "true")

    # Submitting refuses the form too, and moves the focus to the first field in error.
    page.locator("form.lea-form button[type=submit]").click()
    expect(page.locator(".lea-status")).to_contain_text("need attention")
    expect(error_of(page, SUBSCRIBER, "request-reference")).to_be_visible()  # required, left empty
    expect(field(page, SUBSCRIBER, "request-reference")).to_be_focused()

    # Corrected values clear the messages.
    ip.fill("[2001:db8::7]:51234")
    when.fill("2026-03-14 09:30:05 +01:00")
    page.locator(f"#{SUBSCRIBER}--request-reference").focus()
    expect(error_of(page, SUBSCRIBER, "ip-address")).to_be_hidden()
    expect(error_of(page, SUBSCRIBER, "timestamp")).to_be_hidden()
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_the_port_is_required_for_an_ip_lookup(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{SUBSCRIBER}/")
    field(page, SUBSCRIBER, "ip-address").fill("203.0.113.7")
    field(page, SUBSCRIBER, "request-reference").focus()
    expect(error_of(page, SUBSCRIBER, "ip-address")).to_contain_text("port")
    # and an address without its time stamp is not enough either
    page.locator("form.lea-form button[type=submit]").click()
    expect(error_of(page, SUBSCRIBER, "timestamp")).to_be_visible()


@pytest.mark.parametrize(("value", "verdict"), [
    ("203.0.113.7:51234", None), ("[2001:db8::7]:443", None), ("[::ffff:192.0.2.1]:80", None),
    ("999.1.1.1:80", "ip"), ("203.0.113:80", "ip"), ("203.0.113.7:70000", "port"), ("1:2:3:4:5:6:7:8:9", "ip"),
    ("2001:db8::7", "port_missing"), ("203.0.113.7", "port_missing"), ("01.2.3.4:80", "ip"),
])
def test_ip_and_port_validator(site_url: str, recorded_page, value: str, verdict: str | None) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{SUBSCRIBER}/")
    assert page.evaluate("([v]) => Lea.validators.ipPort(v, true)", [value]) == verdict


@pytest.mark.parametrize(("value", "ok"), [
    ("2026-03-14T08:30:05Z", True), ("2026-03-14 09:30 +01:00", True), ("2026-03-14 09:30 UTC", True),
    ("2026-03-14 09:30 UTC+2", True), ("2026-03-14 09:30", False), ("2026-03-14 09:30 CET", False),
    ("2026-02-30 09:30Z", False), ("14.03.2026 09:30 UTC", False),
])
def test_datetime_validator_demands_a_zone(site_url: str, recorded_page, value: str, ok: bool) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{SUBSCRIBER}/")
    result = page.evaluate("([v]) => Lea.validators.dateTime(v)", [value])
    assert ("ms" in result) is ok, result


def test_a_date_range_out_of_order_is_refused(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    tid = "traffic-data-request"
    page.goto(f"{site_url}forms/{tid}/")
    field(page, tid, "period-start").fill("2026-03-14 10:00 +01:00")
    field(page, tid, "period-end").fill("2026-03-14 09:30Z")  # 10:30 in +01:00 terms: after the start, fine
    field(page, tid, "record-details").focus()
    expect(error_of(page, tid, "period-end")).to_be_hidden()
    field(page, tid, "period-end").fill("2026-03-14 08:59Z")  # 09:59 +01:00: before the start
    field(page, tid, "record-details").focus()
    expect(error_of(page, tid, "period-end")).to_be_visible()
    expect(error_of(page, tid, "period-end")).to_contain_text("earlier")


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_valid_form_gives_a_preview_holding_every_value(site_url: str, recorded_page, template_id: str) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}forms/{template_id}/")
    expected = fill_valid(page, template_id)
    page.locator("form.lea-form button[type=submit]").click()
    expect(page.locator(".lea-status")).to_contain_text("complete")
    assert page.locator(".lea-field--invalid").count() == 0
    preview = page.locator(".lea-document").inner_text()
    missing = [value for value in expected if value not in preview]
    assert missing == [], f"the preview lacks {missing}"
    assert recorded_page.requests, "no request was recorded: the recorder is broken"
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_copy_as_plain_text_holds_every_value(site_url: str, browser) -> None:  # noqa: ANN001
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(f"{site_url}forms/{SUBSCRIBER}/")
        expected = fill_valid(page, SUBSCRIBER)
        page.locator("[data-action=copy]").click()
        expect(page.locator(".lea-status")).to_contain_text("copied")
        text = page.evaluate("navigator.clipboard.readText()")
        assert [v for v in expected if v not in text] == []
        assert "<" not in text
    finally:
        context.close()


def test_draft_is_kept_only_when_asked_and_cleared_on_request(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    url = f"{site_url}forms/{SUBSCRIBER}/"
    page.goto(url)
    reference = field(page, SUBSCRIBER, "request-reference")
    reference.fill("CASE-42")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lea-form-draft:'))") == []

    page.reload()
    expect(field(page, SUBSCRIBER, "request-reference")).to_have_value("")

    page.locator("input[data-role=keep-draft]").check()
    field(page, SUBSCRIBER, "request-reference").fill("CASE-43")
    stored = page.evaluate(f"localStorage.getItem('lea-form-draft:{SUBSCRIBER}')")
    assert "CASE-43" in stored
    page.reload()
    expect(field(page, SUBSCRIBER, "request-reference")).to_have_value("CASE-43")
    expect(page.locator("input[data-role=keep-draft]")).to_be_checked()

    page.once("dialog", lambda dialog: dialog.accept())  # clearing asks first
    page.locator("[data-action=clear-draft]").click()
    expect(field(page, SUBSCRIBER, "request-reference")).to_have_value("")
    assert page.evaluate(f"localStorage.getItem('lea-form-draft:{SUBSCRIBER}')") is None
    page.reload()
    expect(field(page, SUBSCRIBER, "request-reference")).to_have_value("")
    assert recorded_page.foreign_requests() == []


def test_print_shows_only_the_document_on_a4(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{site_url}forms/{SUBSCRIBER}/")
    expected = fill_valid(page, SUBSCRIBER)
    page.emulate_media(media="print")
    expect(page.locator(".lea-document")).to_be_visible()
    for hidden in ("form.lea-form", ".lea-intro", ".md-header", ".md-sidebar--primary", ".md-footer"):
        if page.locator(hidden).count():
            expect(page.locator(hidden).first).to_be_hidden()
    box = page.locator(".lea-document").bounding_box()
    assert box["y"] < 50, "the document should start at the top of the printed page"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{SUBSCRIBER}-print.png"), full_page=True)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    assert all(v in page.locator(".lea-document").inner_text() for v in expected)
    assert recorded_page.foreign_requests() == []


def test_every_form_field_has_a_label_and_description(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    for template_id in TEMPLATES:
        page.goto(f"{site_url}forms/{template_id}/")
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('form.lea-form input, form.lea-form textarea')]
            .filter(el => !(el.labels && el.labels.length) && !el.closest('fieldset[id]'))
            .map(el => el.id || el.name)""")
        assert unlabelled == [], f"{template_id}: {unlabelled}"
        broken = page.evaluate("""() => [...document.querySelectorAll('[aria-describedby]')]
            .flatMap(el => el.getAttribute('aria-describedby').split(' ')
            .filter(id => !document.getElementById(id)))""")
        assert broken == [], f"{template_id}: aria-describedby names missing ids {broken}"
        assert re.search(r"\.docx$", page.locator(".lea-downloads a").first.get_attribute("href"))


def test_copy_falls_back_to_a_text_box_when_the_browser_blocks_copying(site_url: str, browser) -> None:  # noqa: ANN001
    context = browser.new_context(service_workers="block")
    # No Clipboard API and a refused execCommand: the last resort shows the text, selected, to copy by hand.
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                            "document.execCommand = () => false;")
    try:
        page = context.new_page()
        page.goto(f"{site_url}forms/{SUBSCRIBER}/")
        fill_valid(page, SUBSCRIBER)  # copying is offered for a valid form only
        field(page, SUBSCRIBER, "request-reference").fill("CASE-77")
        page.locator("[data-action=copy]").click()
        box = page.locator(".lea-manual-copy textarea")
        expect(box).to_be_visible()
        expect(box).to_be_focused()
        assert "CASE-77" in box.input_value()
        expect(page.locator(".lea-status")).to_contain_text("blocked")
    finally:
        context.close()


def test_the_form_works_from_the_keyboard(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    tid = "requester-verification-record"
    page.goto(f"{site_url}forms/{tid}/")
    field(page, tid, "record-reference").focus()
    page.keyboard.type("REC-1")
    page.keyboard.press("Tab")
    page.keyboard.type("REQ-9")
    # radio group: Tab in, arrow to the second option
    channel = page.locator("input[name='channel']")
    channel.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(channel.nth(1)).to_be_checked()
    page.locator("form.lea-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".lea-status")).to_contain_text("need attention")
    expect(field(page, tid, "received-at")).to_be_focused()  # the first field still in error
    preview = page.locator(".lea-document").inner_text()
    assert "REC-1" in preview and "REQ-9" in preview
    assert recorded_page.foreign_requests() == []


def test_e_mail_and_bounded_number_are_checked(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    tid = "expedited-preservation-request"
    page.goto(f"{site_url}forms/{tid}/")
    field(page, tid, "officer-email").fill("officer.police.example")
    field(page, tid, "preservation-days").fill("400")
    field(page, tid, "request-reference").focus()
    expect(error_of(page, tid, "officer-email")).to_contain_text("e-mail")
    expect(error_of(page, tid, "preservation-days")).to_contain_text("1 to 365")


def test_print_rules_leave_other_pages_alone(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}glossary/")
    page.emulate_media(media="print")
    heading = page.locator("article h1")
    expect(heading).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('article h1')).visibility") == "visible"


@pytest.mark.parametrize("language", ["fr", "ka"])
def test_messages_at_the_field_come_from_the_page_in_its_language(site_url: str, recorded_page,  # noqa: ANN001
                                                                   language: str) -> None:
    from scripts.i18n.translator import load_translator

    dataset = real_dataset()
    translate = load_translator(ROOT / "guidelines_data", language, dataset.site.default_language)
    template = next(t for t in dataset.templates if t.id == SUBSCRIBER)
    message = translate(dataset.ui.labels["forms.js.datetime_zone"]).replace(
        "{label}", translate(template.field("timestamp").label))
    assert message != dataset.ui.labels["forms.js.datetime_zone"], f"no {language} translation to test with"

    page = recorded_page.page
    page.goto(f"{site_url}{language}/forms/{SUBSCRIBER}/")
    field(page, SUBSCRIBER, "timestamp").fill("2026-03-14 09:30")
    field(page, SUBSCRIBER, "ip-address").focus()
    expect(error_of(page, SUBSCRIBER, "timestamp")).to_have_text(message)
    assert recorded_page.foreign_requests() == []


@pytest.fixture(scope="module")
def french_with_a_broken_placeholder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The French site built from a copy of the data whose catalog renames the placeholder of the identifier rows'
    name ("Identifiant {numero}" for "Identifier {n}"): a typo `i18n check` reports and the build must not show.
    Served on 127.0.0.1 only."""
    import shutil

    from tests.conftest import DATA, run_cli_process, serve

    work = tmp_path_factory.mktemp("broken-placeholder")
    data = work / "data"
    shutil.copytree(DATA, data)
    catalog = data / "locales" / "fr.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Identifiant {n}"' in text
    catalog.write_text(text.replace('msgstr "Identifiant {n}"', 'msgstr "Identifiant {numero}"'), encoding="utf-8")
    result = run_cli_process("build", "--site-dir", str(work / "site"), "--data", str(data), "--lang", "fr",
                             "--jobs", "1", env={"GUIDELINES_NO_PAPER": "1", "GUIDELINES_NO_CACHE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    yield from serve(work / "site")


def test_a_translation_with_a_broken_placeholder_is_shown_in_english(french_with_a_broken_placeholder: str,
                                                                    browser) -> None:  # noqa: ANN001
    """What a French officer sees at a wrong identifier row, and hears on its inputs: the English name with its
    number, never the translation's "{numero}"."""
    template = "epoc-study-copy"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{french_with_a_broken_placeholder}fr/forms/{template}/")
        row = page.locator("tbody[data-rows='identifiers'] tr[data-row]").first
        row.locator("[data-part=ip]").fill("203.0.113.300")
        page.locator("form.lea-form button[type=submit]").click()  # a row is checked when the form is sent
        error = error_of(page, template, "identifiers")
        expect(error).to_be_visible()
        expect(error).to_contain_text("Identifier 1")
        assert "{" not in error.inner_text()
        label = row.locator("[data-part=ip]").get_attribute("aria-label") or ""
        assert label.startswith("Identifier 1: ") and "{" not in label, label
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        error.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOT_DIR / "broken-placeholder-fr.png"))
    finally:
        context.close()
