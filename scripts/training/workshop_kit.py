"""The workshop kit: a workshop built from chosen training modules and a date.

:func:`schedule` turns the minutes of each lesson, exercise and quiz into an agenda with times, breaks and
days, in the style of the Durrës 2011 agenda (numbered sessions, breaks between them). :func:`build_kit`
writes, for one language, three self-contained pages that print well:

- ``agenda.<lang>.html``: the timed agenda;
- ``participant-pack.<lang>.html``: the agenda, the measures the modules teach, the lessons, the exercises
  (steps without model answers) and the quizzes (questions without answers);
- ``trainer-pack.<lang>.html``: the agenda, instructor notes, the model answer of every exercise step, the
  answer key of every quiz with its explanations, and how to run a quiz as an exam.

Every text comes from the data or ui.yaml through the language's translator; data texts are escaped before
Markdown renders them, so no raw HTML from the data reaches the pages. The pages load one stylesheet,
``kit.css``, written next to them: no other file and no other host.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markdown

from scripts.data.models.training import Module, Quiz
from scripts.training.localize import localize_module, localize_quiz

Translate = Callable[[str], str]

KIT_DIR = Path(__file__).with_name("kit")
DAY_START = "09:00"
DAY_END = "17:30"
LUNCH_FROM = "12:00"
LUNCH_MINUTES = 60
COFFEE_MINUTES = 15
#: teaching time after which a coffee break comes before the next block
COFFEE_AFTER = 90
OPENING_MINUTES = 15
CLOSING_MINUTES = 15
#: a quiz takes a minute per question, at least this long
QUIZ_MIN_MINUTES = 10


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Block:
    """One thing on the agenda, before it gets a time: a session (numbered) or a break."""

    kind: str  # opening | lesson | exercise | quiz | closing | coffee | lunch
    title: str
    minutes: int
    module: Module | None = None
    anchor: str = ""


@dataclass
class Slot:
    block: Block
    start: str
    end: str
    number: int | None = None  # the session number, as in the Durrès agenda; breaks have none


@dataclass
class Session:
    """A row of the printed agenda: consecutive blocks of one module between two breaks, numbered as in the
    Durrès agenda, with its blocks listed as activities; or a break."""

    start: str
    end: str
    title: str
    kind: str
    number: int | None = None
    activities: list[Slot] = field(default_factory=list)


@dataclass
class Day:
    date: datetime.date
    slots: list[Slot] = field(default_factory=list)

    def sessions(self) -> list[Session]:
        rows: list[Session] = []
        for slot in self.slots:
            block = slot.block
            if block.kind in ("coffee", "lunch", "opening", "closing"):
                rows.append(Session(slot.start, slot.end, block.title, block.kind))
                continue
            last = rows[-1] if rows else None
            if last and last.kind == "module" and last.activities[-1].block.module is block.module:
                last.activities.append(slot)
                last.end = slot.end
            else:
                rows.append(Session(slot.start, slot.end, block.module.title if block.module else block.title,
                                    "module", activities=[slot]))
        number = 0
        for row in rows:
            if row.kind not in ("coffee", "lunch"):
                number += 1
                row.number = number
        return rows


def teaching_blocks(modules: Sequence[Module], quizzes: Mapping[str, Sequence[Quiz]],
                    labels: Mapping[str, str]) -> list[Block]:
    """Opening, then for each module its lessons, its exercise and its quizzes, then closing."""
    blocks = [Block("opening", labels["training.kit.opening"], OPENING_MINUTES)]
    for module in modules:
        for lesson in module.lessons:
            blocks.append(Block("lesson", lesson.title, lesson.minutes, module,
                                f"{module.id}--{lesson.id}"))
        for number, exercise in enumerate(module.exercises, 1):
            blocks.append(Block("exercise", f"{labels['training.exercise']}: {exercise.title}", exercise.minutes,
                                module, f"{module.id}--exercise-{number}"))
        for quiz in quizzes.get(module.id, []):
            count = labels["training.kit.quiz_session"].replace("{questions}", str(len(quiz.questions)))
            blocks.append(Block("quiz", f"{quiz.title} ({count})", quiz_minutes(quiz), module, quiz.id))
    blocks.append(Block("closing", labels["training.kit.closing"], CLOSING_MINUTES))
    return blocks


def quiz_minutes(quiz: Quiz) -> int:
    """About a minute per question, rounded up to five minutes, at least ten."""
    return max(QUIZ_MIN_MINUTES, -(-len(quiz.questions) // 5) * 5)


def _next_working_day(date: datetime.date) -> datetime.date:
    date += datetime.timedelta(days=1)
    while date.weekday() >= 5:
        date += datetime.timedelta(days=1)
    return date


def schedule(blocks: Sequence[Block], first_day: datetime.date, labels: Mapping[str, str],
             start: str = DAY_START, end: str = DAY_END) -> list[Day]:
    """Times for every block: a coffee break after about 90 minutes of teaching, lunch at the first break
    from 12:00, and a new (working) day when a block would run past the end of the day."""
    day_start, day_end, lunch_from = _minutes(start), _minutes(end), _minutes(LUNCH_FROM)
    days = [Day(first_day)]
    now, since_break, lunch_done, number = day_start, 0, False, 0

    def add(block: Block) -> None:
        nonlocal now, number
        slot = Slot(block, _clock(now), _clock(now + block.minutes))
        if block.kind not in ("coffee", "lunch"):
            number += 1
            slot.number = number
        days[-1].slots.append(slot)
        now += block.minutes

    for block in blocks:
        if block.minutes > day_end - day_start:
            raise ValueError(f"{block.title!r} takes {block.minutes} minutes, longer than a day")
        if not lunch_done and now >= lunch_from and since_break:
            add(Block("lunch", labels["training.kit.lunch"], LUNCH_MINUTES))
            since_break, lunch_done = 0, True
        elif since_break >= COFFEE_AFTER or (since_break and since_break + block.minutes > COFFEE_AFTER + 30):
            add(Block("coffee", labels["training.kit.coffee"], COFFEE_MINUTES))
            since_break = 0
        if now + block.minutes > day_end:
            days.append(Day(_next_working_day(days[-1].date)))
            now, since_break, lunch_done = day_start, 0, False
        add(block)
        since_break += block.minutes
    return days


# --- pages -----------------------------------------------------------------------------------------------

def _markdown(text: str | None) -> str:
    """Markdown from the data, with any HTML in it escaped first (the data is not trusted with markup)."""
    if not text:
        return ""
    return markdown.markdown(html.escape(text.strip(), quote=False), extensions=["tables"], output_format="html")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(KIT_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = lambda text: jinja2.utils.markupsafe.Markup(_markdown(text))
    return env


PAGES = {"agenda": "agenda", "participant": "participant-pack", "trainer": "trainer-pack"}


def page_name(kind: str, lang: str) -> str:
    return f"{PAGES[kind]}.{lang}.html"


def build_kit(dataset, module_ids: Sequence[str], date: datetime.date, lang: str,  # noqa: ANN001
              translate: Translate, start: str = DAY_START) -> dict[str, bytes]:
    """``{file name: content}`` for one language: the three pages and their stylesheet."""
    known = {m.id: m for m in dataset.training_module}
    modules = [localize_module(known[mid], translate) for mid in module_ids]
    quizzes = {m.id: [localize_quiz(q, translate) for q in dataset.training_quiz if q.module == m.id]
               for m in modules}
    labels = {key: translate(text) for key, text in dataset.ui.labels.items() if isinstance(text, str)}
    days = schedule(teaching_blocks(modules, quizzes, labels), date, labels, start=start)
    taught = {mid for m in modules for mid in m.taught_measures()}
    measures = [m for m in dataset.guidelines.ordered_measures() if m.id in taught]
    measures = [m.model_copy(update={
        "heading": translate(m.heading),
        "established": [s.model_copy(update={"statement": translate(s.statement)}) for s in m.established],
        "guidance": m.guidance.model_copy(update={k: translate(getattr(m.guidance, k))
                                                  for k in ("asks", "why", "practice", "pitfalls")}),
    }) for m in measures]
    title = labels["training.kit.title"].replace("{modules}", ", ".join(m.title for m in modules))
    teaching = sum(m.duration_minutes + sum(quiz_minutes(q) for q in quizzes[m.id])
                   for m in modules) + OPENING_MINUTES + CLOSING_MINUTES
    env = _environment()
    common = dict(lang=lang, label=lambda key: labels[key], title=title, days=days, modules=modules,
                  quizzes=quizzes, measures=measures, date=date, teaching=teaching,
                  pages={kind: page_name(kind, lang) for kind in PAGES})
    files = {page_name(kind, lang): env.get_template(f"{kind}.html.j2").render(kind=kind, **common).encode("utf-8")
             for kind in PAGES}
    files["kit.css"] = (KIT_DIR / "kit.css").read_bytes()
    return files
