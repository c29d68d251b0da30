"""``python -m scripts``: the command-line interface."""

from scripts.cli import run_and_exit

run_and_exit()
