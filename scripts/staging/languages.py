"""Which language a staged tree is for, and the language facts every renderer needs.

A language is staged alone, at the root of its own folder (the default language, or a country edition's
first, becomes the site root; every other one moves in as ``<code>/``). This module knows how the languages of
one site relate: the same page in every language (the language menu and hreflang links), which hand-written
pages a language lacks, and which translations are older than their English page (git). Nothing here knows
the renderer.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.md$")
TRANSLATION_KEY = "translation"


@dataclass
class LanguageBuild:
    """Which language this MkDocs run is building, and how."""

    language: str
    default: str
    languages: list[str]
    names: dict[str, str]
    #: True when ``language`` is built alone, at the root of its own site folder (always, when staged)
    alone: bool
    #: the whole site's URL (``site_url`` before it is narrowed to a language), or ""
    site_root_url: str = ""
    #: hand-written pages (language-neutral docs paths) shown in English in this language
    in_english: set[str] = field(default_factory=set)
    #: hand-written pages whose English version changed (in git) after their translation in this language
    outdated: set[str] = field(default_factory=set)
    #: the language this one is transliterated from (sr-Latn: sr), or None
    transliterated_from: str | None = None
    #: hand-written pages of ``transliterated_from`` to publish transliterated: docs path -> source file path
    transliterated_pages: dict[str, str] = field(default_factory=dict)

    @property
    def pages_language(self) -> str:
        """The language whose hand-written pages (``docs/x.<code>.md``) this language shows."""
        return self.transliterated_from or self.language
    #: the language at the site's root: the default language, or a country edition's first language
    root_language: str = ""

    def root(self, language: str) -> str:
        """The folder of ``language`` relative to the whole site's root (``""`` or ``"fr/"``)."""
        return "" if language == (self.root_language or self.default) else f"{language}/"

    def prefix(self) -> str:
        """What this build puts in front of a page's own URL: nothing when building alone."""
        return "" if self.alone else self.root(self.language)

    def src_uri(self, path: str) -> str:
        """A generated file's name in mkdocs-static-i18n's suffix structure."""
        if self.language == self.default or not path.endswith(".md"):
            return path
        return f"{path[:-3]}.{self.language}.md"




def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both relative to the site's root), as MkDocs computes it."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    result = posixpath.relpath(url, other)
    return result + "/" if url.endswith("/") else result


def build_from_dict(values: dict[str, Any]) -> LanguageBuild:
    """A :class:`LanguageBuild` back from :func:`dataclasses.asdict` (a staged tree's manifest)."""
    values = dict(values)
    for name in ("in_english", "outdated"):
        values[name] = set(values.get(name) or ())
    return LanguageBuild(**values)


def build_to_dict(build: LanguageBuild) -> dict[str, Any]:
    values = asdict(build)
    for name in ("in_english", "outdated"):
        values[name] = sorted(values[name])
    return values


def outdated_translations(docs_dir: str, pairs: list[tuple[str, str, str]]) -> set[str]:
    """The pages (third item of each pair) whose English file (first) was committed after its translation
    (second), according to git; nothing when git or the history is unavailable. Uncommitted edits count
    as now."""
    times = commit_times(docs_dir, sorted({name for pair in pairs for name in pair[:2]}))
    outdated = set()
    for english, translation, path in pairs:
        source, translated = times.get(english), times.get(translation)
        if source is not None and translated is not None and source != float("inf") and source > translated:
            outdated.add(path)
        elif source == float("inf") and translated is not None and translated != float("inf"):
            outdated.add(path)
    return outdated


#: how long one git call may take before its answer counts as unknown
GIT_SECONDS = 10
#: git, with the pages' names taken as they are (a name with ``*`` or ``[`` is not a pattern)
GIT = ["git", "--literal-pathspecs"]


def commit_times(docs_dir: str, paths: list[str]) -> dict[str, float]:
    """For each of ``paths`` (relative to ``docs_dir``): ``inf`` when git shows it changed and not committed
    (``git status``: staged, not staged or not tracked), else the time of the last commit that changed it, as
    ``git log -1 -- PATH`` gives it. A path git knows nothing of, or every path when git cannot answer, is left
    out.

    A few git calls for all the paths, not two for each: the status of all of them, where ``docs_dir`` is in the
    repository (status names files from the repository's top), and one history of all of them, read newest first
    until every path has been seen (:func:`_last_commits`)."""
    if not paths:
        return {}
    try:
        status = subprocess.run([*GIT, "status", "--porcelain", "-z", "--untracked-files=all", "--", *paths],
                                cwd=docs_dir, capture_output=True, timeout=GIT_SECONDS, check=False)
        prefix = subprocess.run([*GIT, "rev-parse", "--show-prefix"], cwd=docs_dir, capture_output=True,
                                timeout=GIT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if status.returncode != 0 or prefix.returncode != 0:
        return {}
    top = prefix.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
    changed = set()
    entries = status.stdout.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        changed.add(entry[3:])
        if entry[0] in "RC" or entry[1] in "RC":  # a rename or copy: the other name follows
            if index < len(entries):
                changed.add(entries[index])
            index += 1
    times: dict[str, float] = {path: float("inf") for path in paths if top + path in changed}
    wanted = set(paths) - set(times)
    if wanted:
        times.update(_last_commits(docs_dir, wanted))
    return times


def _last_commits(docs_dir: str, wanted: set[str]) -> dict[str, float]:
    """The time of the last commit that changed each of ``wanted`` (relative to ``docs_dir``), as ``git log -1
    -- PATH`` gives it for each. One history of all of them is read, newest first, until each has been seen.
    Without merges that history is each path's own. Git simplifies merges for all the paths together, though:

    - a merge the history lists (a conflict resolved, or a page changed in the merge itself) stops the reading,
      and the paths not seen yet are asked for one at a time;
    - a merge it leaves out can differ: where a page has the same content on both sides of a merge but not the
      same history (both changed it the same way, or one side changed it and back) and another of the pages
      changed on one side only, the page's date may be that side's last change of it, where ``git log -1 --
      PATH`` takes the first parent's.

    Git's own settings that would change what it prints are overridden (``--root``, ``--no-show-signature``);
    names are taken as they are, not as patterns."""
    found: dict[str, float] = {}
    merged = False
    try:
        # per commit: \x01, its time and its parents, NUL; then each file it changed, NUL-terminated (a newline
        # before the first). \x01 cannot begin a file name git lists here (names are given as they are with -z,
        # but no page's name begins with a control character).
        with subprocess.Popen([*GIT, "log", "--format=%x01%ct %P", "--name-only", "--relative", "-z", "--root",
                               "--no-show-signature", "--", *sorted(wanted)], cwd=docs_dir, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL) as log:
            assert log.stdout is not None
            watchdog = threading.Timer(GIT_SECONDS, log.kill)
            watchdog.start()
            try:
                when, rest = None, b""
                while len(found) < len(wanted) and not merged:
                    chunk = log.stdout.read1(65536)
                    if not chunk:
                        break
                    *items, rest = (rest + chunk).split(b"\0")
                    for raw in items:
                        item = raw.decode("utf-8", "surrogateescape")
                        if item.startswith("\x01"):
                            fields = item[1:].split()
                            if len(fields) > 2:  # a merge: from here on, each path's own history
                                merged = True
                                break
                            when = float(fields[0])
                            continue
                        item = item.removeprefix("\n")
                        if when is not None and item in wanted and item not in found:
                            found[item] = when
                log.kill()  # the rest of the history is not needed (or it has all been read)
            finally:
                watchdog.cancel()
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    if merged:
        deadline = time.monotonic() + GIT_SECONDS  # for all of them
        for path in sorted(wanted - set(found)):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                one = subprocess.run([*GIT, "log", "-1", "--format=%ct", "--no-show-signature", "--", path],
                                     cwd=docs_dir, capture_output=True, text=True, timeout=left, check=False)
                if one.returncode == 0 and one.stdout.strip():
                    found[path] = float(one.stdout.strip())
            except (OSError, ValueError, subprocess.SubprocessError):
                continue
    return found


def neutral_path(build: LanguageBuild, src_uri: str) -> str:
    match = SUFFIXED.match(src_uri)
    return match["stem"] + ".md" if match and match["lang"] in build.names else src_uri


def neutral_url(build: LanguageBuild, url: str) -> str:
    """A page's URL relative to its language's root."""
    prefix = build.prefix()
    if prefix and url.startswith(prefix):
        return url[len(prefix):]
    if prefix and url.rstrip("/") == prefix.rstrip("/"):
        return ""
    return "" if url in (".", "./") else url


def site_path(build: LanguageBuild, language: str, url: str) -> str:
    """The path of a page of ``language`` relative to the whole site's root."""
    return build.root(language) + url


def alternates(build: LanguageBuild, page_url: str) -> list[dict[str, Any]]:
    """The same page in every language: name, code, and a link relative to the page (or absolute when the
    site's URL is known), for the language menu and the hreflang links."""
    url = neutral_url(build, page_url)
    here = site_path(build, build.language, url)
    result = []
    for code in build.languages:
        there = site_path(build, code, url)
        href = relative_url(there or ".", here or ".")
        if href in ("", "."):
            href = "./"
        absolute = (build.site_root_url.rstrip("/") + "/" + there) if build.site_root_url else ""
        result.append({"lang": code, "name": build.names[code], "href": href, "absolute": absolute,
                       "current": code == build.language, "default": code == (build.root_language or build.default)})
    return result


def page_translation(meta: dict) -> str:
    """A hand-written translation's front matter ``translation:``: reviewed or not."""
    value = str(meta.get(TRANSLATION_KEY, "")).strip().lower()
    return "reviewed" if value.startswith("reviewed") else "unreviewed"
