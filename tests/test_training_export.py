"""The GIFT and Moodle XML exports, read back by parsers that someone else wrote.

GIFT files are parsed with pygiftparser (a third-party GIFT parser); Moodle XML files with lxml and
checked against a RELAX NG grammar of the Moodle question format (tests/data/moodle_quiz.rng, written
from Moodle's documentation of the format, independent of our writer). The parsed questions must
say what the YAML says: kinds, options, which are right, feedback and explanations.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pygiftparser.parser as pygift
import pytest
from lxml import etree
from pygiftparser import utils as gift_utils

from scripts.training.export import export_quiz
from tests.conftest import DATA, TEST_DATA, real_dataset, run_cli

GIFT_SET = {"single": "SelectSet", "multiple": "MultipleChoicesSet", "true-false": "TrueFalseSet",
            "ordering": "MatchingSet", "matching": "MatchingSet"}
MOODLE_TYPE = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
               "ordering": "matching", "matching": "matching"}


@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


@pytest.fixture(scope="module")
def labels(dataset):  # noqa: ANN001
    """The labels the site build hands the writers (with the measure headings), in English."""
    from scripts.pages.context import RenderContext
    from scripts.pages.training import export_labels_for

    return export_labels_for(RenderContext(dataset, "en"))


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", gift_utils.transformSpecials(text or "")).strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quiz_ids(dataset) -> list[str]:  # noqa: ANN001
    return [q.id for q in dataset.training_quiz]


@pytest.mark.parametrize("quiz_id", quiz_ids(real_dataset()))
def test_gift_export_parses_to_the_same_questions(quiz_id: str, dataset, labels) -> None:  # noqa: ANN001
    quiz = next(q for q in dataset.training_quiz if q.id == quiz_id)
    text = export_quiz(quiz, labels, "en")["gift"].decode("utf-8")

    parsed = pygift.parseFile(io.StringIO(text))

    assert len(parsed) == len(quiz.questions)
    for question, gift in zip(quiz.questions, parsed):
        assert gift.valid, question.id
        assert gift.title == f"{quiz.id}/{question.id}"
        assert gift.markup == "markdown"
        assert type(gift.answers).__name__ == GIFT_SET[question.kind], question.id
        assert plain(gift.text).startswith(squash(question.prompt))
        assert squash(question.explanation) in plain(gift.generalFeedback)
        assert all(plain(labels[f"measure.{m}"]) in plain(gift.generalFeedback) for m in question.measures)
        answers = getattr(gift.answers, "answers", None)
        if question.kind in ("single", "multiple"):
            assert [plain(a.answer) for a in answers] == [o.text for o in question.options]
            assert [a.fraction > 0 for a in answers] == [o.correct for o in question.options], question.id
            assert [plain(a.feedback) for a in answers] == [squash(o.feedback) for o in question.options]
            if question.kind == "multiple":
                assert abs(sum(a.fraction for a in answers if a.fraction > 0) - 100) < 0.01
        elif question.kind == "true-false":
            assert gift.answers.answer is question.answer
            right = question.feedback_true if question.answer else question.feedback_false
            wrong = question.feedback_false if question.answer else question.feedback_true
            assert plain(gift.answers.feedbackCorrect) == squash(right)
            assert plain(gift.answers.feedbackWrong) == squash(wrong)
        elif question.kind == "matching":
            pairs = [(plain(a.question), plain(a.answer)) for a in answers]
            assert pairs == [(p.item, p.answer) for p in question.pairs]
            assert all(squash(p.feedback) in plain(gift.generalFeedback) for p in question.pairs)
        else:
            pairs = [(plain(a.question), plain(a.answer)) for a in answers]
            assert pairs == [(s.text, str(i)) for i, s in enumerate(question.steps, 1)]


def test_gift_escapes_control_characters(dataset, labels) -> None:  # noqa: ANN001
    quiz = dataset.training_quiz[0]
    tricky = quiz.questions[0].model_copy(update={"prompt": "Braces {x}, equals = tilde ~ hash # colon: done?"})
    quiz = quiz.model_copy(update={"questions": [tricky]})
    parsed = pygift.parseFile(io.StringIO(export_quiz(quiz, labels, "en")["gift"].decode("utf-8")))
    assert len(parsed) == 1 and parsed[0].valid
    assert plain(parsed[0].text).startswith("Braces {x}, equals = tilde ~ hash # colon: done?")


@pytest.fixture(scope="module")
def moodle_grammar() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(TEST_DATA / "moodle_quiz.rng")))


@pytest.mark.parametrize("quiz_id", quiz_ids(real_dataset()))
def test_moodle_xml_export_is_valid_and_says_the_same(quiz_id: str, dataset, labels, moodle_grammar) -> None:  # noqa: ANN001
    quiz = next(q for q in dataset.training_quiz if q.id == quiz_id)
    data = export_quiz(quiz, labels, "en")["moodle-xml"]

    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))

    assert moodle_grammar.validate(root), moodle_grammar.error_log
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    questions = questions[1:]
    assert len(questions) == len(quiz.questions)
    for question, element in zip(quiz.questions, questions):
        assert element.get("type") == MOODLE_TYPE[question.kind]
        assert element.findtext("name/text") == f"{quiz.id}/{question.id}"
        html = lambda el: squash(etree.fromstring(f"<div>{el}</div>").xpath("string()"))  # noqa: E731
        assert squash(question.prompt) in html(element.findtext("questiontext/text"))
        assert squash(question.explanation) in html(element.findtext("generalfeedback/text"))
        if question.kind in ("single", "multiple"):
            assert element.findtext("single") == ("true" if question.kind == "single" else "false")
            answers = element.findall("answer")
            assert [html(a.findtext("text")) for a in answers] == [o.text for o in question.options]
            assert [float(a.get("fraction")) > 0 for a in answers] == [o.correct for o in question.options]
            assert [html(a.findtext("feedback/text")) for a in answers] == [squash(o.feedback)
                                                                            for o in question.options]
        elif question.kind == "true-false":
            by_value = {a.findtext("text"): a for a in element.findall("answer")}
            assert sorted(by_value) == ["false", "true"] and len(element.findall("answer")) == 2
            right = "true" if question.answer else "false"
            assert float(by_value[right].get("fraction")) == 100
            assert float(by_value["false" if question.answer else "true"].get("fraction")) == 0
            assert html(by_value["true"].findtext("feedback/text")) == squash(question.feedback_true)
        elif question.kind == "matching":
            subs = element.findall("subquestion")
            assert [(html(s.findtext("text")), s.findtext("answer/text")) for s in subs] == \
                [(p.item, p.answer) for p in question.pairs]
            assert all(squash(p.feedback) in html(element.findtext("generalfeedback/text")) for p in question.pairs)
        else:
            subs = element.findall("subquestion")
            assert [(html(s.findtext("text")), s.findtext("answer/text")) for s in subs] == \
                [(s.text, str(i)) for i, s in enumerate(question.steps, 1)]
        hints = [html(h.findtext("text")) for h in element.findall("hint")]
        assert hints == ([squash(question.hint)] if question.hint else []), question.id


def test_moodle_grammar_rejects_a_broken_document(moodle_grammar) -> None:  # noqa: ANN001
    """The grammar is not a rubber stamp: an answer without a fraction, or an unknown type, fails."""
    broken = etree.fromstring(b"<quiz><question type='multichoice'><name><text>x</text></name>"
                              b"<questiontext format='html'><text>q</text></questiontext>"
                              b"<answer><text>a</text></answer></question></quiz>")
    assert not moodle_grammar.validate(broken)
    unknown = etree.fromstring(b"<quiz><question type='essayish'><name><text>x</text></name></question></quiz>")
    assert not moodle_grammar.validate(unknown)


def test_export_command_writes_every_quiz_in_every_language(tmp_path: Path, dataset) -> None:  # noqa: ANN001
    result = run_cli("training", "export", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    languages = [lang.code for lang in dataset.site.languages]
    for quiz in dataset.training_quiz:
        for lang in languages:
            assert (tmp_path / f"{quiz.id}.{lang}.gift.txt").stat().st_size > 0
            assert (tmp_path / f"{quiz.id}.{lang}.moodle.xml").stat().st_size > 0


def test_export_command_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = run_cli("training", "export", "--out", str(tmp_path), "--lang", "xx")
    assert result.returncode == 2
    assert "unknown language xx" in result.stderr


def test_site_publishes_the_exports_and_links_them(built_site: Path, dataset) -> None:  # noqa: ANN001
    for quiz in dataset.training_quiz:
        page = (built_site / "training" / "quizzes" / quiz.id / "index.html").read_text(encoding="utf-8")
        for name in (f"{quiz.id}.en.gift.txt", f"{quiz.id}.en.moodle.xml"):
            assert (built_site / "training" / "export" / name).is_file(), name
            assert f'href="../../export/{name}"' in page
        gift = (built_site / "training" / "export" / f"{quiz.id}.en.gift.txt").read_text(encoding="utf-8")
        assert len(pygift.parseFile(io.StringIO(gift))) == len(quiz.questions)


def test_exports_follow_the_language_of_the_build(dataset) -> None:  # noqa: ANN001
    """Each language's pages get their own exports, written from the translated data and labels."""
    from scripts.pages.context import RenderContext
    from scripts.pages.training import generate

    shout = str.upper  # a stand-in translator: every translated string in capitals
    pages = {page.path: page for page in generate(RenderContext(dataset, "xx", shout))}
    quiz = dataset.training_quiz[0]
    gift = pages[f"training/export/{quiz.id}.xx.gift.txt"].content.decode("utf-8")
    xml = pages[f"training/export/{quiz.id}.xx.moodle.xml"].content
    parsed = pygift.parseFile(io.StringIO(gift))
    assert parsed[0].title == f"{quiz.id}/{quiz.questions[0].id}"  # ids are never translated
    assert plain(parsed[0].text).startswith(squash(quiz.questions[0].prompt.upper()))
    assert shout(dataset.ui.labels["training.refs"]) in plain(parsed[0].generalFeedback)
    first = dataset.guidelines.measure(quiz.questions[0].measures[0])
    assert shout(first.heading) in plain(parsed[0].generalFeedback)  # the measure, in the build's language
    root = etree.fromstring(xml)
    assert squash(quiz.questions[0].explanation.upper()) in squash(
        etree.fromstring(f"<div>{root.findall('question')[1].findtext('generalfeedback/text')}</div>").xpath("string()"))
    quiz_page = pages[f"training/quizzes/{quiz.id}.md"].content
    assert f"{quiz.id}.xx.gift.txt" in quiz_page and f"{quiz.id}.xx.moodle.xml" in quiz_page


def test_every_language_of_the_site_has_parsable_exports(built_site: Path, dataset, moodle_grammar) -> None:  # noqa: ANN001
    default = dataset.site.default_language
    for language in dataset.site.languages:
        root = built_site if language.code == default else built_site / language.code
        if not (root / "training").is_dir():
            continue  # a language the build does not publish (yet)
        for quiz in dataset.training_quiz:
            gift = (root / "training" / "export" / f"{quiz.id}.{language.code}.gift.txt").read_text(encoding="utf-8")
            parsed = pygift.parseFile(io.StringIO(gift))
            assert len(parsed) == len(quiz.questions) and all(q.valid for q in parsed), (language.code, quiz.id)
            assert [q.title for q in parsed] == [f"{quiz.id}/{q.id}" for q in quiz.questions]
            xml = (root / "training" / "export" / f"{quiz.id}.{language.code}.moodle.xml").read_bytes()
            assert moodle_grammar.validate(etree.fromstring(xml)), (language.code, quiz.id)


# --- issue 17: exports that import ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def french_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder written by ``training export --lang fr``, run once for the tests that read it."""
    out = tmp_path_factory.mktemp("export-fr")
    result = run_cli("training", "export", "--out", str(out), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    return out


def test_export_command_writes_the_language_asked_for(french_export: Path, dataset) -> None:  # noqa: ANN001
    from scripts.i18n.translator import load_translator

    tmp_path = french_export
    translate = load_translator(DATA, "fr", dataset.site.default_language)
    quiz = dataset.training_quiz[0]
    english = quiz.questions[0].prompt
    french = translate(english)
    assert french != english, "the first question has a French translation in fr.po"
    parsed = pygift.parseFile(io.StringIO((tmp_path / f"{quiz.id}.fr.gift.txt").read_text(encoding="utf-8")))
    assert plain(parsed[0].text).startswith(squash(french))
    xml = etree.fromstring((tmp_path / f"{quiz.id}.fr.moodle.xml").read_bytes())
    assert squash(french) in squash(etree.fromstring(
        f"<div>{xml.findall('question')[1].findtext('questiontext/text')}</div>").xpath("string()"))


def _ordering_quiz(dataset):  # noqa: ANN001, ANN202
    for quiz in dataset.training_quiz:
        for question in quiz.questions:
            if question.kind == "ordering":
                return quiz, question
    raise AssertionError("no ordering question in the data")


def test_gift_keeps_an_arrow_inside_an_ordering_step(dataset, labels) -> None:  # noqa: ANN001
    quiz, question = _ordering_quiz(dataset)
    # (no braces here: pygiftparser, unlike Moodle, misreads an escaped brace inside a matching pair)
    steps = [step.model_copy(update={"text": f"Step {i} -> then = ~y #z: done"})
             for i, step in enumerate(question.steps, 1)]
    quiz = quiz.model_copy(update={"questions": [question.model_copy(update={"steps": steps})]})
    gift = export_quiz(quiz, labels, "en")["gift"].decode("utf-8")
    parsed = pygift.parseFile(io.StringIO(gift))
    assert len(parsed) == 1 and parsed[0].valid
    pairs = [(plain(a.question), plain(a.answer)) for a in parsed[0].answers.answers]
    assert [answer for _, answer in pairs] == [str(i) for i in range(1, len(steps) + 1)]
    for i, (text, _) in enumerate(pairs, 1):
        assert text.replace("&gt;", ">") == f"Step {i} -> then = ~y #z: done"
    # Moodle splits a pair at its first "->": each pair line holds exactly one
    pair_lines = [line for line in gift.splitlines() if line.startswith("\t=")]
    assert len(pair_lines) == len(steps) and all(line.count("->") == 1 for line in pair_lines)


def test_control_characters_never_reach_the_exports(dataset, labels) -> None:  # noqa: ANN001
    from scripts.training.localize import localize_quiz

    quiz = dataset.training_quiz[0]
    def hostile(text: str) -> str:
        return f"\x01{text}\x0c\x1b"
    exports = export_quiz(localize_quiz(quiz, hostile), {k: hostile(v) for k, v in labels.items()}, "xx")
    root = etree.fromstring(exports["moodle-xml"])
    assert len(root.findall("question")) == len(quiz.questions) + 1
    gift = exports["gift"].decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", gift)
    assert len(pygift.parseFile(io.StringIO(gift))) == len(quiz.questions)


def test_training_check_enforces_moodle_length_limits(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    quiz_file = sorted((data / "training" / "quizzes").glob("*.yaml"))[0]
    text = quiz_file.read_text(encoding="utf-8")
    long_title = "A very long quiz title " * 12  # 276 characters: a valid line, too long for Moodle
    text = re.sub(r"^title: .*$", f"title: {long_title.strip()}", text, count=1, flags=re.MULTILINE)
    long_id = "q" + "-long" * 15  # a valid id (76 characters); with the quiz id, over Moodle's 100
    text = re.sub(r"^(  - id: ).*$", rf"\g<1>{long_id}", text, count=1, flags=re.MULTILINE)
    quiz_file.write_text(text, encoding="utf-8")
    result = run_cli("training", "--data", str(data), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(rf"{quiz_file.name}:\d+:\d+: title: the title has 275 characters; Moodle's category names "
                     r"hold at most 255", result.stderr), result.stderr
    assert re.search(rf"{quiz_file.name}:\d+:\d+: questions\[0\]\.id: .*Moodle's question idnumber holds at most "
                     r"100", result.stderr), result.stderr


def test_export_command_writes_french_question_text_in_the_french_file(french_export: Path, dataset) -> None:  # noqa: ANN001
    """``training export --lang fr`` reads the French catalog: a question translated in fr.po comes out in French."""
    import polib

    from scripts.i18n.translator import load_translator

    translate = load_translator(DATA, "fr", dataset.site.default_language)
    catalog = {e.msgid: e.msgstr for e in polib.pofile(str(DATA / "locales" / "fr.po"))
               if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    quiz, question = next((quiz, q) for quiz in dataset.training_quiz for q in quiz.questions
                          if q.prompt in catalog)
    french = translate(question.prompt)
    assert french != question.prompt

    tmp_path = french_export
    parsed = pygift.parseFile(io.StringIO((tmp_path / f"{quiz.id}.fr.gift.txt").read_text(encoding="utf-8")))
    by_title = {q.title: q for q in parsed}
    text = plain(by_title[f"{quiz.id}/{question.id}"].text)
    assert text.startswith(squash(french)) and squash(question.prompt) not in text
    xml = (tmp_path / f"{quiz.id}.fr.moodle.xml").read_text(encoding="utf-8")
    assert squash(question.prompt) not in squash(xml)
    assert not (tmp_path / f"{quiz.id}.en.gift.txt").exists()  # only the language asked for


def test_hints_partial_credit_and_matching_are_carried_into_both_formats(dataset, labels, moodle_grammar) -> None:  # noqa: ANN001
    """The real quizzes have hints, a matching question and multiple-answer questions; the exports keep them."""
    questions = [(quiz, q) for quiz in dataset.training_quiz for q in quiz.questions]
    hinted = [(quiz, q) for quiz, q in questions if q.hint]
    assert len(hinted) >= 5
    assert any(q.kind == "matching" for _, q in questions)
    for quiz, question in hinted:
        gift = export_quiz(quiz, labels, "en")["gift"].decode("utf-8")
        assert f"// {labels['training.hint_title']}: {squash(question.hint)}\n::{quiz.id}/{question.id}::" in gift
        root = etree.fromstring(export_quiz(quiz, labels, "en")["moodle-xml"])
        element = next(e for e in root.findall("question") if e.findtext("name/text") == f"{quiz.id}/{question.id}")
        assert question.hint.strip() in element.findtext("hint/text")
    quiz, multiple = next((quiz, q) for quiz, q in questions if q.kind == "multiple" and len(q.correct_indexes()) > 1)
    parsed = {g.title: g for g in pygift.parseFile(io.StringIO(export_quiz(quiz, labels, "en")["gift"].decode("utf-8")))}
    fractions = [a.fraction for a in parsed[f"{quiz.id}/{multiple.id}"].answers.answers]
    assert len(fractions) == len(multiple.options)  # else zip would hide a lost option
    assert all(0 < f < 100 for f, o in zip(fractions, multiple.options) if o.correct)  # partial credit
    assert all(f < 0 for f, o in zip(fractions, multiple.options) if not o.correct)


def _exported_texts(dataset) -> set[str]:  # noqa: ANN001
    """Every text the Moodle XML writer turns into HTML, for every quiz in every language of the site."""
    from scripts.i18n.translator import load_translator
    from scripts.pages.context import RenderContext
    from scripts.pages.training import export_labels_for
    from scripts.training import moodle_xml
    from scripts.training.localize import localize_quiz

    texts: set[str] = set()
    unwrapped = moodle_xml.html.__wrapped__

    def recorded(text: str) -> str:
        texts.add(text)
        return unwrapped(text)

    original, moodle_xml.html = moodle_xml.html, recorded
    try:
        for language in dataset.site.languages:
            translator = load_translator(DATA, language.code, dataset.site.default_language,
                                         getattr(language, "transliterated_from", None))
            labels = export_labels_for(RenderContext(dataset, language.code, translator))
            for quiz in dataset.training_quiz:
                moodle_xml.quiz_to_moodle_xml(localize_quiz(quiz, translator), labels, language.code)
    finally:
        moodle_xml.html = original
    return texts


def _converted(text: str) -> str:
    import markdown

    from scripts.training.moodle_xml import xml_text

    return markdown.Markdown(extensions=["tables"], output_format="html").convert(xml_text(text).strip())


def test_moodle_texts_written_without_converting_are_what_python_markdown_writes(dataset) -> None:  # noqa: ANN001
    from scripts.training import moodle_xml

    texts = _exported_texts(dataset)
    plain = [text for text in texts
             if all(moodle_xml._PLAIN.match(p) for p in moodle_xml.xml_text(text).strip().split("\n\n"))]
    assert len(texts) > 1000 and len(plain) > 0.8 * len(texts)  # most are written directly
    assert any("\n\n" in text for text in plain)  # paragraphs too
    for text in texts:
        assert moodle_xml.html.__wrapped__(text) == _converted(text), text
    _written_without_converting(plain)


def _written_without_converting(texts) -> None:  # noqa: ANN001
    """Each of ``texts`` takes the direct path: Python-Markdown is not called for it."""
    from scripts.training import moodle_xml

    class NotConverted:
        def reset(self):  # noqa: ANN201
            raise AssertionError("converted by Python-Markdown")

    original, moodle_xml._MARKDOWN = moodle_xml._MARKDOWN, NotConverted()
    try:
        for text in texts:
            moodle_xml.html.__wrapped__(text)
    finally:
        moodle_xml._MARKDOWN = original


def test_moodle_texts_of_any_kind_are_what_python_markdown_writes() -> None:
    import random

    from scripts.training import moodle_xml

    pieces = [*"aZéжი 9,.;:?!'\"()/%’„«»…–—-*_`[]<>&\\#|~{}=+\t", "\n", "\n\n", "\n\n\n", "  ", " - ", "1. ", "Word",
              "---", "===", "!!", "(c)", "a:b", "\u00a0", "x--y", "...", "'s", "> ", "# ", "| a |", "<b>", "&amp;"]
    generator = random.Random(1)
    direct = []
    for _ in range(30000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 10)))
        source = moodle_xml.xml_text(text).strip()
        if all(moodle_xml._PLAIN.match(p) for p in source.split("\n\n")):
            direct.append(text)
        assert moodle_xml.html.__wrapped__(text) == _converted(text), repr(text)
    assert len(direct) > 500
    _written_without_converting(direct)
