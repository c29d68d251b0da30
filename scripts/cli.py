"""The command-line interface: ``python -m scripts COMMAND`` (installed as ``guidelines COMMAND``).

Each command lives in a module of :mod:`scripts.commands` that offers ``register(subparsers)``;
list new ones in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from scripts.commands import build, i18n, schemas, serve, validate
from scripts.commands import training
from scripts.commands import edition
from scripts.commands import benchmark
from scripts.commands import guidelines
from scripts.commands import compare

COMMANDS = [validate, guidelines, schemas, build, serve, i18n, training, edition, benchmark, compare]


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="guidelines", description=__doc__.splitlines()[0])
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    return _run(parser().parse_args(argv))


def run_and_exit(argv: Sequence[str] | None = None) -> NoReturn:
    """``python -m scripts``: :func:`main`, its status the process's exit status.

    A command that sets ``exit_at_once`` (``build``) leaves without tearing the interpreter down: freeing every
    object the build made, one by one, takes about 0.1 s that changes nothing on disk. The command has closed its
    files and joined its workers when it returns; what is still buffered (output, log handlers) is flushed first.
    Every other command exits as Python usually does."""
    args = parser().parse_args(argv)
    status = _run(args)
    if getattr(args, "exit_at_once", False):
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed or broken stream: what was left to say is lost, and
                status = status or 120     # the status says so, as Python's own exit would (120)
        os._exit(status)
    raise SystemExit(status)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, and keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
