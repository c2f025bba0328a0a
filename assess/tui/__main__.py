"""``python -m assess.tui [FILE]``: the terminal app without the command-line front door."""

from __future__ import annotations

import sys
from pathlib import Path

from assess.tui.app import run

if __name__ == "__main__":
    raise SystemExit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
