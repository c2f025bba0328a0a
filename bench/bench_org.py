"""The organisation roll-up: 1,000 team files to JSON in one process (target <= 2.5 s),
and the PDF of a 200-team organisation (target <= 15 s)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from common import PYTHON, time_command


def main() -> None:
    from assess import catalog
    from assess.dev.generate import generate

    questionnaire, _ = catalog.load("sre-core")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "org"
        generate(questionnaire, folder, 1000, seed=42)
        out = Path(tmp) / "org.json"
        command = [PYTHON, "-m", "assess", "org", str(folder), "--format", "json", "-o", str(out)]
        time_command(command)  # warm caches
        runs = [time_command(command) for _ in range(5)]
        median = statistics.median(runs)
        print(
            f"assess org, 1,000 teams to JSON (whole process): median {median:.2f} s over {len(runs)} runs "
            f"(target <= 2.5 s: {'met' if median <= 2.5 else 'missed'})"
        )
        start = time.perf_counter()
        from assess.cli import main as cli

        cli(["org", str(folder), "--format", "json", "-o", str(out)])
        print(f"  in one already-started process: {time.perf_counter() - start:.2f} s")

        folder200 = Path(tmp) / "org200"
        generate(questionnaire, folder200, 200, seed=5, sre_count=12)
        pdf = Path(tmp) / "org200.pdf"
        command = [PYTHON, "-m", "assess", "org", str(folder200), "--format", "pdf", "-o", str(pdf)]
        runs = [time_command(command) for _ in range(3)]
        median = statistics.median(runs)
        print(
            f"assess org, 200 teams to PDF (whole process): median {median:.2f} s over {len(runs)} runs "
            f"(target <= 15 s: {'met' if median <= 15 else 'missed'})"
        )


if __name__ == "__main__":
    main()
