"""The peer tool for the score benchmark, installed into a throwaway venv."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

PEER = "sre-beacon==1.0.0"
HOME = Path(__file__).resolve().parent / ".peer"


def ensure_peer() -> tuple[Path, Path] | None:
    """(sre-beacon executable, its demo maturity file), or None when it cannot be installed."""
    python = HOME / "venv" / "bin" / "python"
    exe = HOME / "venv" / "bin" / "sre-beacon"
    data = HOME / "demo" / "maturity.yaml"
    if not exe.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(HOME / "venv")
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", PEER], capture_output=True, text=True
        )
        if done.returncode != 0:
            print(f"could not install {PEER}: {done.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    if not data.exists():
        subprocess.run(
            [
                str(python),
                "-c",
                "import sys; from sre_beacon.demo import create_demo_data; create_demo_data(sys.argv[1])",
                str(HOME / "demo"),
            ],
            check=True,
        )
    return exe, data
