"""Problems found in the data, and the error that carries all of them at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one data file.

    Rendered as ``file:line:column: key.path: message``, the format compilers use, so that
    editors and terminals can jump to the place.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data holds one or more problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the data.")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """A file name as a user would type it: relative to the working folder when it lies below it."""
    try:
        full = path.parent.resolve() / path.name  # the folder resolved, not the file: it may be a (looping) link
        return str(full.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def format_key_path(parts: tuple[object, ...] | list[object]) -> str:
    """``("paragraphs", 16, "articles", 0)`` -> ``paragraphs[16].articles[0]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
