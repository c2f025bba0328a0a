"""Workshop mode: what merging and the confidence cost.

- the engine on one team: the example answers file (one voice) against a team file merged from
  7 and from 30 participants (votes on every question), in the same process, alternating;
- ``assess consensus`` for 7 and 30 participants, in process (reading, checking, merging, writing
  and reading the result back).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT

from assess.loading import parse_yaml
from assess.pipeline.consensus import consensus
from assess.pipeline.team import load_team

EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"


def participants(folder: Path, count: int, seed: int = 16) -> list[Path]:
    """``count`` people who answer every question of the example's questionnaire, some alike, some not."""
    team = load_team(EXAMPLE)
    rng = random.Random(seed)
    out = []
    for i in range(count):
        lines = ["questionnaire: sre-core@2", "assessed_at: 2026-11-30"]
        lines.append(f"respondent: {'anonymous' if i % 3 == 0 else f'Person {i}'}")
        lines += ["team:", "  name: Payments", "answers:"]
        for _, question in team.questionnaire.questions():
            ids = question.choice_ids()
            if question.kind == "multi":
                picked = [c for c in ids[:-1] if rng.random() < 0.5] or [ids[0]]
                lines.append(f"  {question.id}: [{', '.join(picked)}]")
            else:
                lines.append(
                    f"  {question.id}: {ids[min(len(ids) - 1, int(rng.triangular(0, len(ids), 1)))]}"
                )
        path = folder / f"p{i}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


def median_ms(run: object, times: int) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = load_team(EXAMPLE)
        merged = {}
        for count in (7, 30):
            sub = folder / str(count)
            sub.mkdir()
            files = participants(sub, count)
            result = consensus(files)
            target = sub / "team.yaml"
            target.write_text(result.text, encoding="utf-8")
            merged[count] = load_team(target)
            ms = median_ms(lambda files=files: consensus(files), 5)
            print(f"assess consensus, {count} participants: {ms:.0f} ms (median of 5, in process)")
        rounds = 15
        plain_ms = []
        merged_ms: dict[int, list[float]] = {7: [], 30: []}
        for _ in range(rounds):
            plain_ms.append(median_ms(plain.assess, 3))
            for count, team in merged.items():
                merged_ms[count].append(median_ms(team.assess, 3))
        base = statistics.median(plain_ms)
        print(f"engine, one voice (the example): {base:.1f} ms")
        for count, values in merged_ms.items():
            ms = statistics.median(values)
            print(f"engine, merged from {count}: {ms:.1f} ms ({ms / base:.2f}x the single voice)")
        size = len(parse_yaml((folder / "30" / "team.yaml").read_text(), "t").data["answers"])
        print(f"(the 30-voice file holds {size} answers with their votes)")


if __name__ == "__main__":
    main()
