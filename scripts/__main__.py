"""``python -m scripts``: the command-line interface."""

from scripts.cli import main

raise SystemExit(main())
