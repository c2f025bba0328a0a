"""`assess score --format json` on one team, side by side with its peer.

References: the peer `sre-beacon maturity FILE -f json` on its own demo data
(target: ours <= 1.3x), and a bare interpreter importing pydantic and yaml,
the floor any pydantic + YAML tool pays before doing any work. Also the peak
memory of one score (target <= 45 MiB).
"""

from __future__ import annotations

from common import PYTHON, ROOT, compare, peak_rss_mib
from peer import ensure_peer

EXAMPLE = str(ROOT / "examples" / "payments-product-team.yaml")
OURS = [PYTHON, "-m", "assess", "score", EXAMPLE, "--format", "json"]


def main() -> None:
    peer = ensure_peer()
    if peer is not None:
        exe, data = peer
        ratio = compare(
            "assess score -f json vs sre-beacon maturity -f json",
            OURS,
            [str(exe), "maturity", str(data), "-f", "json"],
            reference_cwd=data.parent,  # it also writes maturity-report.json where it runs
        )
        print(f"  target <= 1.30x: {'met' if ratio <= 1.3 else 'missed'}")
    compare(
        "assess score -f json vs bare `import pydantic, yaml`", OURS, [PYTHON, "-c", "import pydantic, yaml"]
    )
    mib = peak_rss_mib(
        "import io, contextlib\nfrom assess.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['score', {EXAMPLE!r}, '--format', 'json'])"
    )
    print(f"assess score peak memory: {mib:.1f} MiB (target <= 45 MiB: {'met' if mib <= 45 else 'missed'})")


if __name__ == "__main__":
    main()
