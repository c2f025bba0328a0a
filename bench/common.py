"""Shared helpers: alternate both sides of a comparison and report medians."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Measured as installed: pip compiles a package's bytecode when it installs it (the peer's was), but
# this checkout is installed in editable mode, and with PYTHONDONTWRITEBYTECODE set (as on CI
# machines) Python would compile every module from source on every start, about 60 ms of the
# score path that no installed copy pays. Compile once, as pip would.
compileall.compile_dir(ROOT / "assess", quiet=1)


def time_command(argv: Sequence[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - start


def compare(
    name: str, ours: Sequence[str], reference: Sequence[str], runs: int = 15, reference_cwd: Path = ROOT
) -> float:
    """Run both commands alternately; print medians and ours/reference. Returns the ratio."""
    time_command(ours)  # warm the file system cache for both sides
    time_command(reference, reference_cwd)
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(time_command(ours))
        b.append(time_command(reference, reference_cwd))
    ours_median, ref_median = statistics.median(a), statistics.median(b)
    ratio = ours_median / ref_median
    print(
        f"{name}: ours {ours_median * 1000:.0f} ms, reference {ref_median * 1000:.0f} ms, ratio {ratio:.2f}x"
    )
    return ratio


PEAK_PROBE = """
import resource, sys
try:  # VmHWM belongs to this program alone; ru_maxrss can carry the forking parent's peak across exec
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(kib, file=sys.stderr)
"""


def peak_rss_mib(code: str) -> float:
    """Peak resident memory of a fresh interpreter running ``code``."""
    done = subprocess.run(
        [PYTHON, "-c", code + "\n" + PEAK_PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024
