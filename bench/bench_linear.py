"""Linear time on hostile sizes: the risk-rule tokenizer and the location of diagnostics.

Each is timed at 1x, 10x and 100x its base input, in one process (start-up left out). Work
that grows linearly takes about 10x longer per tenfold step, quadratic work 100x. Target: at
most 30x per step (a growth exponent of 1.5: caches and the garbage collector add a little at
the larger sizes, and the machine's other work adds noise; quadratic work is far past it).

- tokenizer: one condition of N alternatives (``c0 || c1 || ...``), parsed without the cache;
  base 2,000 alternatives (24 KB);
- unknown answers: an answers file (already parsed) with N unknown question ids, every one
  checked, reported and located at its line and column; base 2,000;
- unknown fields: a team (already parsed) with N unknown fields, every one a validation error
  to locate; base 2,000.

``--max-scale 10`` stops at 10x (for code that is too slow for 100x).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import time
from collections.abc import Callable

from common import ROOT

from assess import catalog, conditions
from assess.checks import check_answers
from assess.errors import InvalidInput
from assess.loading import parse_yaml, validate
from assess.models import Answers

EXAMPLE = (ROOT / "examples" / "payments-product-team.yaml").read_text()
TARGET = 30.0  # the most a tenfold step may cost (linear: about 10x; quadratic: 100x)


def timed(work: Callable[[], object], runs: int) -> float:
    gc.collect()
    gc.freeze()  # the input, built beforehand, is left out of collections: the work is timed
    times = []
    for _ in range(runs):
        gc.collect()  # every run starts from the same heap
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    gc.unfreeze()
    return statistics.median(times)


def tokenizer(n: int) -> Callable[[], object]:
    text = " || ".join(f"c{i}" for i in range(n))
    return lambda: conditions._Parser(text).parse()


def unknown_answers(n: int) -> Callable[[], object]:
    parsed = parse_yaml(
        EXAMPLE.rstrip() + "\n" + "".join(f"  zz.unknown{i}: x\n" for i in range(n)), "many.yaml"
    )
    answers = validate(Answers, parsed)
    questionnaire = catalog.load_fast("sre-core").questionnaire

    def work() -> None:
        found = check_answers(questionnaire, answers, parsed)
        assert len(found) >= n and found[-1].line > n, found[-1]

    return work


def unknown_fields(n: int) -> Callable[[], object]:
    extra = "".join(f"  field{i}: 1\n" for i in range(n))
    parsed = parse_yaml(EXAMPLE.replace("\nteam:\n", "\nteam:\n" + extra, 1), "fields.yaml")

    def work() -> None:
        try:
            validate(Answers, parsed)
        except InvalidInput as exc:
            assert len(exc.diagnostics) >= n and exc.diagnostics[-1].line > n
            return
        raise AssertionError("not refused")

    return work


def measure(name: str, make: Callable[[int], Callable[[], object]], base: int, max_scale: int) -> None:
    scales = [s for s in (1, 10, 100) if s <= max_scale]
    times = {s: timed(make(base * s), runs=5 if s < 100 else 3) for s in scales}
    steps = [times[b] / times[a] for a, b in itertools.pairwise(scales)]
    shown = ", ".join(f"{base * s:,} {times[s] * 1000:.0f} ms" for s in scales)
    verdict = "met" if max(steps) <= TARGET else "missed"
    print(
        f"{name}: {shown}; each tenfold step {', '.join(f'{r:.1f}x' for r in steps)} "
        f"(target <= {TARGET:.0f}x: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-scale", type=int, default=100, choices=[10, 100])
    max_scale = parser.parse_args().max_scale
    catalog.load_fast("sre-core")  # warm: models built, questionnaire cached
    measure("condition tokenizer, alternatives", tokenizer, 2_000, max_scale)
    measure("diagnostics, unknown answers located", unknown_answers, 2_000, max_scale)
    measure("diagnostics, unknown team fields located", unknown_fields, 2_000, max_scale)


if __name__ == "__main__":
    main()
