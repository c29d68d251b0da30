"""The site's JavaScript, split by concern (no bundler): every file exists and is listed in mkdocs.yml in an
order that loads each script after the ones it uses; the form validators are pure functions, tested on their
own in a small static page (tests/fixtures/js/validators.html) with Debian's Chromium, without the built site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scripts.benchmark.stock import read_mkdocs_yml
from tests.conftest import ROOT, serve

JS = ROOT / "overrides" / "assets" / "javascripts"
FIXTURES = Path(__file__).parent / "fixtures" / "js"

#: each concern's file, in the order mkdocs.yml must load them (a script after the ones it uses)
SPLIT = [
    "start.js",            # the shared start-up (Lea.start) and helpers (Lea.fill, Lea.label, ...)
    "form-validators.js",  # pure validators (Lea.validators)
    "form-document.js",    # the finished document: preview, print, copy, .docx (Lea.formDocument)
    "form-state.js",       # form state, messages at the field, drafts, leave warning; starts the forms
    "quiz-storage.js",     # what the quizzes keep in localStorage (Lea.quiz)
    "quiz-questions.js",   # questions, answering, scoring, exam mode
    "quiz-progress.js",    # "my progress", quiz statuses, modules opened
    "quiz-trainer.js",     # the trainer view
]


def extra_javascript() -> list[str]:
    return [Path(p).name for p in read_mkdocs_yml(ROOT / "mkdocs.yml")["extra_javascript"]]


def test_every_concern_has_its_file_listed_in_mkdocs_yml_in_load_order() -> None:
    listed = extra_javascript()
    for name in SPLIT:
        assert (JS / name).is_file(), name
        assert name in listed, f"{name} is missing from mkdocs.yml's extra_javascript"
    assert [n for n in listed if n in SPLIT] == SPLIT, "mkdocs.yml loads them out of order"
    assert listed[:2] == ["start.js", "form-validators.js"], "the start-up and the validators come first"
    for name in listed:
        assert (JS / name).is_file(), f"mkdocs.yml lists {name}, which does not exist"
    assert not (JS / "forms.js").exists() and not (JS / "quiz.js").exists(), "the files before the split are gone"


@pytest.fixture(scope="module")
def repo_url() -> Iterator[str]:
    """The repository served on 127.0.0.1, for the fixture pages to load the scripts from overrides/."""
    yield from serve(ROOT)


def new_page(browser):  # noqa: ANN001, ANN201
    """A page in a fresh context that records every script error in ``page.errors``."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.errors = errors
    return context, page


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context, page = new_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def validators(browser, repo_url: str):  # noqa: ANN001, ANN201
    """The fixture page with form-validators.js alone; one page for every case (the functions are pure)."""
    context, page = new_page(browser)
    page.goto(f"{repo_url}tests/fixtures/js/validators.html")
    assert page.evaluate("typeof Lea.validators") == "object"
    yield page
    context.close()


def call(page, name: str, *args: object) -> object:  # noqa: ANN001
    return page.evaluate("([name, args]) => Lea.validators[name](...args)", [name, list(args)])


def test_the_validators_touch_nothing_at_load(validators) -> None:  # noqa: ANN001
    assert validators.errors == []
    assert validators.evaluate("__touchedAtLoad") == [], "no DOM, storage, timer or listener at load"
    assert validators.evaluate("__newGlobals") == ["Lea"], "one namespace object, nothing else"
    assert validators.evaluate("Object.keys(Lea)") == ["validators"]
    # Calling them touches nothing either: they are pure.
    call(validators, "ipPort", "[2001:db8::7]:443", True)
    call(validators, "dateTime", "2026-03-14 09:30 +01:00")
    call(validators, "addressWarning", "10.0.0.1")
    assert validators.evaluate("__touched") == []
    assert validators.evaluate("localStorage.length") == 0


@pytest.mark.parametrize(("value", "ok"), [
    ("203.0.113.7", True), ("0.0.0.0", True), ("255.255.255.255", True),
    ("256.1.1.1", False), ("01.2.3.4", False), ("1.2.3", False), ("1.2.3.4.5", False), ("a.b.c.d", False),
    ("1.2.3.4 ", False), ("", False),
])
def test_ipv4(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "ipv4", value) is ok


@pytest.mark.parametrize(("value", "ok"), [
    ("2001:db8::7", True), ("::", True), ("::1", True), ("1:2:3:4:5:6:7:8", True), ("::ffff:192.0.2.1", True),
    ("FE80::1", True),
    ("1:2:3:4:5:6:7:8:9", False), ("1:2:3:4:5:6:7", False), ("1::2::3", False), ("12345::", False), ("g::1", False),
    ("::ffff:192.0.2.300", False), ("1:2:3:4:5:6:7::8", False), ("", False),
])
def test_ipv6(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "ipv6", value) is ok


@pytest.mark.parametrize(("value", "ok"), [
    ("1", True), ("443", True), ("65535", True), ("0", False), ("65536", False), ("80a", False), ("", False),
    ("-1", False), ("123456", False),
])
def test_port(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "port", value) is ok


@pytest.mark.parametrize(("value", "port_required", "verdict"), [
    ("203.0.113.7:51234", True, None), (" 203.0.113.7:51234 ", True, None), ("[2001:db8::7]:443", True, None),
    ("[::ffff:192.0.2.1]:80", True, None), ("203.0.113.7", False, None), ("2001:db8::7", False, None),
    ("[2001:db8::7]", False, None),
    ("203.0.113.7", True, "port_missing"), ("2001:db8::7", True, "port_missing"),
    ("[2001:db8::7]", True, "port_missing"),
    ("999.1.1.1:80", True, "ip"), ("203.0.113:80", True, "ip"), ("01.2.3.4:80", True, "ip"),
    ("1:2:3:4:5:6:7:8:9", True, "ip"), ("[2001:db8::zz]:80", True, "ip"), ("example.org:80", True, "ip"),
    ("203.0.113.7:70000", True, "port"), ("[2001:db8::7]:0", True, "port"), ("203.0.113.7:", False, "port"),
])
def test_ip_and_port(validators, value: str, port_required: bool, verdict: str | None) -> None:  # noqa: ANN001
    assert call(validators, "ipPort", value, port_required) == verdict


def ms(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp() * 1000)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-14T08:30:05Z", ms(2026, 3, 14, 8, 30, 5)),
    ("2026-03-14 09:30 +01:00", ms(2026, 3, 14, 8, 30)),
    ("2026-03-14 09:30 -0230", ms(2026, 3, 14, 12, 0)),
    ("2026-03-14 09:30 UTC", ms(2026, 3, 14, 9, 30)),
    ("2026-03-14 09:30 UTC+2", ms(2026, 3, 14, 7, 30)),
    ("2026-03-14 09:30:05.123 gmt", ms(2026, 3, 14, 9, 30, 5)),
    ("2024-02-29 00:00Z", ms(2024, 2, 29)),
])
def test_datetime_accepted_with_its_instant(validators, value: str, expected: int) -> None:  # noqa: ANN001
    assert call(validators, "dateTime", value) == {"ms": expected}


@pytest.mark.parametrize(("value", "error"), [
    ("2026-03-14 09:30", "datetime_zone"), ("2026-03-14 09:30 CET", "datetime_zone"),
    ("2026-03-14 09:30 +15:00", "datetime_zone"), ("2026-03-14 09:30 +01:75", "datetime_zone"),
    ("2026-02-30 09:30Z", "datetime"), ("2025-02-29 09:30Z", "datetime"), ("2026-04-31 09:30Z", "datetime"),
    ("2026-13-01 09:30Z", "datetime"), ("2026-03-14 24:00Z", "datetime"), ("2026-03-14 09:60Z", "datetime"),
    ("14.03.2026 09:30 UTC", "datetime"), ("2026-03-14", "datetime"), ("", "datetime"),
])
def test_datetime_refused(validators, value: str, error: str) -> None:  # noqa: ANN001
    assert call(validators, "dateTime", value) == {"error": error}


@pytest.mark.parametrize(("value", "ok"), [
    ("2026-03-14", True), ("2024-02-29", True),
    ("2026-13-01", False), ("2026-00-10", False), ("14.03.2026", False), ("2026-3-14", False), (" 2026-03-14", False),
    ("2026-02-30", False), ("2025-02-29", False), ("2026-04-31", False), ("2026-03-00", False),
    ("", False),
])
def test_date(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "date", value) is ok
    if ok:
        assert call(validators, "dateValue", value) == ms(*map(int, value.split("-")))


@pytest.mark.parametrize(("value", "ok"), [
    ("officer@police.example", True), ("a.b+c@d.e", True), (" officer@police.example ", True),
    ("no-at.example", False), ("two@@x.y", False), ("with space@x.y", False), ("a@b", False), ("@x.y", False),
])
def test_email(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "email", value) is ok


@pytest.mark.parametrize(("value", "ok"), [
    ("+355 4 222 0001", True), ("04 222 333", True), ("12345", True), ("+44 (0)20 7946-0000", True),
    ("+12", False), ("phone", False), ("+355 4 222 000x", False), ("(04) 222 333", False), ("", False),
])
def test_phone(validators, value: str, ok: bool) -> None:  # noqa: ANN001
    assert call(validators, "phone", value) is ok


@pytest.mark.parametrize(("value", "low", "high", "verdict"), [
    ("30", 1, 90, None), (" 42 ", 1, 90, None), ("-4", None, None, None), ("90", 1, 90, None),
    ("0", 1, 90, "number_range"), ("91", 1, 90, "number_range"), ("3.5", 1, 90, "number_range"),
    ("3.5", None, None, "number"), ("abc", 1, None, "number"), ("100", None, 90, "number"), ("", None, None, "number"),
])
def test_whole_number(validators, value: str, low: int | None, high: int | None,  # noqa: ANN001
                      verdict: str | None) -> None:
    assert call(validators, "number", value, low, high) == verdict


GOOD_ROW = {"ip": "198.51.100.1", "port": "40001", "time": "2026-03-01 10:01 +02:00"}


@pytest.mark.parametrize(("row", "port_required", "verdict"), [
    (GOOD_ROW, True, None),
    ({**GOOD_ROW, "port": ""}, False, None),
    ({**GOOD_ROW, "ip": "2001:db8::1"}, True, None),
    ({**GOOD_ROW, "ip": ""}, True, {"error": "required", "column": "col_ip"}),
    ({**GOOD_ROW, "ip": "300.1.1.1"}, True, {"error": "ip"}),
    ({**GOOD_ROW, "port": ""}, True, {"error": "port_missing"}),
    ({**GOOD_ROW, "port": "70000"}, False, {"error": "port"}),
    ({**GOOD_ROW, "time": ""}, True, {"error": "required", "column": "col_time"}),
    ({**GOOD_ROW, "time": "2026-03-01 10:01"}, True, {"error": "datetime_zone"}),
    ({**GOOD_ROW, "time": "yesterday"}, True, {"error": "datetime"}),
])
def test_identifier_row(validators, row: dict, port_required: bool, verdict: dict | None) -> None:  # noqa: ANN001
    assert call(validators, "identifier", row, port_required) == verdict


@pytest.mark.parametrize(("value", "warning"), [
    ("10.1.2.3:80", "ip_private"), ("172.16.0.1", "ip_private"), ("172.31.255.255", "ip_private"),
    ("192.168.1.1", "ip_private"), ("100.64.0.1", "ip_cgnat"), ("100.127.255.255", "ip_cgnat"),
    ("203.0.113.7:51234", "ip_documentation"), ("192.0.2.1", "ip_documentation"), ("198.51.100.9", "ip_documentation"),
    ("127.0.0.1", "ip_reserved"), ("169.254.1.1", "ip_reserved"), ("224.0.0.1", "ip_reserved"),
    ("0.1.2.3", "ip_reserved"), ("198.18.0.1", "ip_reserved"), ("240.0.0.1", "ip_reserved"),
    ("[2001:db8::7]:443", "ip_documentation"), ("3fff::1", "ip_documentation"), ("fd00::1", "ip_private"),
    ("fe80::1", "ip_reserved"), ("ff02::1", "ip_reserved"), ("::1", "ip_reserved"), ("::", "ip_reserved"),
    ("::ffff:10.0.0.1", "ip_private"),
    ("8.8.8.8", None), ("172.32.0.1", None), ("100.128.0.1", None), ("2a00:1450::1", None), ("not an address", None),
])
def test_address_warning(validators, value: str, warning: str | None) -> None:  # noqa: ANN001
    assert call(validators, "addressWarning", value) == warning


def test_every_script_does_nothing_on_a_page_without_forms_or_quizzes(page, repo_url: str) -> None:  # noqa: ANN001
    """Loaded in mkdocs.yml's order into a page with nothing for them, the scripts raise no error, store nothing
    and change nothing in the page; they add the namespace object and the channel guide's rules, no other global."""
    page.goto(f"{repo_url}tests/fixtures/js/empty.html")
    before = page.evaluate("Object.getOwnPropertyNames(window)")
    state = "() => [document.body.innerHTML, document.documentElement.className, document.title]"
    unchanged = page.evaluate(state)
    for name in extra_javascript():
        page.add_script_tag(url=f"{repo_url}overrides/assets/javascripts/{name}")  # into <head>
    page.wait_for_timeout(100)
    assert page.errors == []
    assert [n for n in page.evaluate("Object.getOwnPropertyNames(window)") if n not in before] == [
        "Lea", "LeaChannelGuide"]
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate(state) == unchanged
    assert sorted(page.evaluate("Object.keys(Lea)")) == sorted(
        ["announce", "each", "el", "fill", "formDocument", "label", "quiz", "readJson", "start", "validators"])
