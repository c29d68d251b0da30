"""Today's channels (``instruments.yaml``): the crosswalk page (measures, provisions, form fields side by side,
deadlines, countries under CETS No. 224) and the "Which channel?" guide (behaviour in
overrides/assets/javascripts/channels.js; nothing leaves the browser)."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import CHANNELS, CHANNEL_GUIDE, country_path, measure_path, template_path
from scripts.pages.templates_forms import script_json

#: The guide's results: each answer path ends in one or more of these (label key, template id or None).
RESULTS: dict[str, tuple[str, str | None]] = {
    "domestic": ("guide.r.domestic", None),
    "epoc": ("guide.r.epoc", "epoc-study-copy"),
    "epoc_pr": ("guide.r.epoc_pr", "epoc-pr-study-copy"),
    "art7": ("guide.r.art7", "protocol-art7-order"),
    "art6": ("guide.r.art6", "protocol-art6-registrar-request"),
    "art9": ("guide.r.art9", "protocol-art9-emergency-request"),
    "art10": ("guide.r.art10", None),
    "tcy_preservation": ("guide.r.tcy_preservation", "tcy-preservation-request"),
    "tcy_mla": ("guide.r.tcy_mla", "tcy-subscriber-mla-request"),
    "mla": ("guide.r.mla", None),
    "emergency_24_7": ("guide.r.emergency_24_7", "emergency-disclosure-request"),
    "check_status": ("guide.r.check_status", None),
}

#: The questions, in order; each answer is (answer id, label key).
QUESTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("provider", "guide.q.provider", [("domestic", "guide.a.provider.domestic"), ("eu", "guide.a.provider.eu"),
                                      ("other", "guide.a.provider.other")]),
    ("requester_eu", "guide.q.requester_eu", [("yes", "guide.a.yes"), ("no", "guide.a.no")]),
    ("protocol", "guide.q.protocol", [("yes", "guide.a.yes"), ("no", "guide.a.no"), ("unsure", "guide.a.unsure")]),
    ("data", "guide.q.data", [("subscriber", "guide.a.data.subscriber"), ("registration", "guide.a.data.registration"),
                              ("traffic", "guide.a.data.traffic"), ("preserve", "guide.a.data.preserve")]),
    ("emergency", "guide.q.emergency", [("yes", "guide.a.yes"), ("no", "guide.a.no")]),
]


def channels_for(answers: dict[str, str]) -> list[str]:
    """The documented answer for one path through the guide (channels.js applies the same rules; a test
    compares the two on every path)."""
    provider, data, emergency = answers["provider"], answers.get("data"), answers.get("emergency")
    if provider == "domestic":
        return ["domestic"]
    out: list[str] = []
    if provider == "eu" and answers.get("requester_eu") == "yes":
        return ["epoc_pr"] if data == "preserve" else ["epoc"]
    protocol = answers.get("protocol")
    if emergency == "yes":
        if protocol == "yes":
            out += ["art9", "art10"]
        elif protocol == "unsure":
            out += ["check_status"]
        out += ["emergency_24_7"]
        return out
    if protocol == "yes":
        if data == "subscriber":
            out += ["art7"]
        elif data == "registration":
            out += ["art6"]
    elif protocol == "unsure":
        out += ["check_status"]
    if data == "preserve":
        out += ["tcy_preservation"]
    elif data == "subscriber":
        out += ["tcy_mla"]
    else:
        out += ["mla"]
    return out


def guide_paths() -> list[dict[str, str]]:
    """Every path through the guide: the questions asked depend on earlier answers."""
    paths: list[dict[str, str]] = []

    def walk(answers: dict[str, str]) -> None:
        nxt = next_question(answers)
        if nxt is None:
            paths.append(dict(answers))
            return
        qid, _, options = next(q for q in QUESTIONS if q[0] == nxt)
        for aid, _ in options:
            answers[qid] = aid
            walk(answers)
            del answers[qid]

    walk({})
    return paths


def next_question(answers: dict[str, str]) -> str | None:
    if "provider" not in answers:
        return "provider"
    if answers["provider"] == "domestic":
        return None
    if answers["provider"] == "eu" and "requester_eu" not in answers:
        return "requester_eu"
    eu_route = answers["provider"] == "eu" and answers.get("requester_eu") == "yes"
    if not eu_route and "protocol" not in answers:
        return "protocol"
    if "data" not in answers:
        return "data"
    if "emergency" not in answers:
        return "emergency"
    return None


def guide_data(ctx: RenderContext) -> dict:
    templates = {t.id for t in ctx.dataset.templates}
    return {
        "questions": [{"id": qid, "text": ctx.label(key), "options": [{"id": a, "label": ctx.label(k)}
                                                                       for a, k in options]}
                      for qid, key, options in QUESTIONS],
        "results": {rid: {"text": ctx.label(key),
                          "form": ctx_link(ctx, template_path(tid)) if tid in templates else None}
                    for rid, (key, tid) in RESULTS.items()},
        "labels": {k: ctx.label(f"guide.{k}") for k in ("result", "restart", "open_form")},
    }


def ctx_link(ctx: RenderContext, target: str) -> str:
    """A link from the guide page (served as channels/which-channel/) to a page's URL."""
    return "../../" + target.removesuffix(".md") + "/"


def generate(ctx: RenderContext) -> Iterator[Page]:
    data = ctx.dataset.instruments
    if data is None:
        return
    measures = {m.id: m for m in ctx.dataset.guidelines.measures}
    countries = {c.id: c for c in ctx.dataset.countries}
    templates = {t.id: t for t in ctx.dataset.templates}
    yield Page(CHANNELS, ctx.render(
        "channels.md.j2", CHANNELS, data=data, measures=measures, countries=countries, templates=templates,
        measure_path=measure_path, country_path=country_path, template_path=template_path,
        ordered=[m.id for m in ctx.dataset.guidelines.ordered_measures()], guide_path=CHANNEL_GUIDE))
    yield Page(CHANNEL_GUIDE, ctx.render("channel_guide.md.j2", CHANNEL_GUIDE, guide_json=script_json(guide_data(ctx)),
                                         channels_path=CHANNELS),
               NavEntry(CHANNELS, ctx.label("guide.title"), 1))
