"""Adding a site language: one command, no code change.

It appends the language to ``guidelines_data/site.yaml`` and to the i18n plugin's list in ``mkdocs.yml``
(both as text, so that comments and layout stay), and writes ``locales/<code>.po`` from the template with the
conventional header. Then a translator fills the catalog (and, when ready, ``docs/<page>.<code>.md``); until
then every page of the language is shown in English, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from scripts.i18n.catalog import catalog_path, merge, new_catalog, template_path

CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")
I18N_ENTRY = re.compile(r"^(?P<indent>\s*)- \{locale: (?P<code>[^,}]+)[,}].*$", re.MULTILINE)


class LanguageError(ValueError):
    pass


@dataclass(frozen=True)
class NewLanguage:
    code: str
    name: str
    english_name: str
    script: str
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    direction: str = "ltr"


def add_language(data_dir: Path, config_file: Path, language: NewLanguage) -> list[Path]:
    """Declare ``language`` in site.yaml and mkdocs.yml and create its catalog. Returns the files written."""
    if not CODE.match(language.code):
        raise LanguageError(f"language code {language.code!r}: expected an ISO 639-1 code such as 'de' or 'pt-BR'")
    if not SCRIPT.match(language.script):
        raise LanguageError(f"script {language.script!r}: expected an ISO 15924 code such as Latn, Cyrl or Geor")
    if language.direction not in ("ltr", "rtl"):
        raise LanguageError(f"direction {language.direction!r}: expected ltr or rtl")
    site_file = data_dir / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    if any(entry.get("code") == language.code for entry in site.get("languages", [])):
        raise LanguageError(f"{site_file}: the language {language.code} is declared already")
    config_text = config_file.read_text(encoding="utf-8")
    entries = list(I18N_ENTRY.finditer(config_text))
    if not entries:
        raise LanguageError(f"{config_file}: no i18n language list ('- {{locale: en, ...}}' lines) found")
    if any(m["code"].strip() == language.code for m in entries):
        raise LanguageError(f"{config_file}: the i18n plugin lists {language.code} already")

    written = []
    # site.yaml: a new item at the end of `languages:` (the last key of the file).
    text = site_file.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    item = (f"  - code: {language.code}\n"
            f"    name: {_scalar(language.name)}\n"
            f"    english_name: {_scalar(language.english_name)}\n"
            f"    script: {language.script}\n")
    if language.direction != "ltr":
        item += f"    direction: {language.direction}\n"
    after = _end_of_languages(text)
    site_file.write_text(text[:after] + item + text[after:], encoding="utf-8")
    written.append(site_file)

    # mkdocs.yml: after the last `- {locale: ...}` line, same indentation.
    last = entries[-1]
    line = f"{last['indent']}- {{locale: {language.code}, name: {_scalar(language.name)}}}"
    config_file.write_text(config_text[:last.end()] + "\n" + line.lstrip("\n") + config_text[last.end():],
                           encoding="utf-8")
    written.append(config_file)

    # The catalog: every template string, untranslated.
    path = catalog_path(data_dir, language.code)
    if not path.exists():
        po = new_catalog(language.code, f"{language.english_name} (machine-assisted)", language.plural_forms)
        pot_path = template_path(data_dir)
        if pot_path.is_file():
            merge(po, polib.pofile(str(pot_path)), language.code)
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        written.append(path)
    return written


def _end_of_languages(text: str) -> int:
    """The offset right after the last item of the top-level ``languages:`` list."""
    match = re.search(r"^languages:[^\n]*\n", text, re.MULTILINE)
    if match is None:
        raise LanguageError("site.yaml has no top-level 'languages:' list")
    position = last = match.end()
    for line in text[match.end():].splitlines(keepends=True):
        if line.strip() and not line.startswith((" ", "-", "#")):
            break  # the next top-level key
        position += len(line)
        if line.strip() and not line.lstrip().startswith("#"):
            last = position
    return last


def _scalar(value: str) -> str:
    """A YAML plain or quoted scalar for ``value``."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_style=None, width=10_000).strip()
    return dumped.removesuffix("...").strip()
