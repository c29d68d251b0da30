"""The command-line interface: ``python -m scripts COMMAND`` (installed as ``guidelines COMMAND``).

Each command lives in a module of :mod:`scripts.commands` that offers ``register(subparsers)``;
list new ones in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from scripts.commands import build, i18n, schemas, serve, validate
from scripts.commands import training
from scripts.commands import edition
from scripts.commands import benchmark
from scripts.commands import guidelines

COMMANDS = [validate, guidelines, schemas, build, serve, i18n, training, edition, benchmark]


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="guidelines", description=__doc__.splitlines()[0])
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, and keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
