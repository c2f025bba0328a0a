"""`assess score --format json` on one team: start-up plus scoring, and peak memory.

Reference: a bare interpreter importing pydantic and yaml, the floor any
pydantic + YAML tool pays before doing any work.
"""

from __future__ import annotations

from common import PYTHON, ROOT, compare, peak_rss_mib

EXAMPLE = str(ROOT / "examples" / "payments-product-team.yaml")


def main() -> None:
    compare(
        "assess score --format json vs bare `import pydantic, yaml`",
        [PYTHON, "-m", "assess", "score", EXAMPLE, "--format", "json"],
        [PYTHON, "-c", "import pydantic, yaml"],
    )
    mib = peak_rss_mib(
        "import io, contextlib\nfrom assess.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['score', {EXAMPLE!r}, '--format', 'json'])"
    )
    print(f"assess score peak memory: {mib:.1f} MiB (target <= 45 MiB)")


if __name__ == "__main__":
    main()
