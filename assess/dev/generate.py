"""Generate a plausible organisation of team answer files (demos, tests, benchmarks).

Each team gets a maturity drawn around an archetype, answers near that
maturity, and team facts to match. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from assess.models import MultiQuestion, Questionnaire, SingleQuestion

NAMES = (
    "Payments",
    "Checkout",
    "Search",
    "Catalogue",
    "Orders",
    "Billing",
    "Identity",
    "Ledger",
    "Mobile",
    "Pricing",
    "Fulfilment",
    "Messaging",
    "Reporting",
    "Onboarding",
    "Risk",
    "Loyalty",
    "Support",
    "Inventory",
    "Shipping",
    "Recommendations",
)


def team_yaml(
    q: Questionnaire,
    name: str,
    maturity: float,
    rng: random.Random,
    when: dt.date,
    teams_in_org: int,
    sre_count: int,
) -> str:
    lines = [
        f"questionnaire: {q.id}@{q.version}",
        f"assessed_at: {when.isoformat()}",
        "team:",
        f"  name: {json.dumps(name)}",
        f"  engineers: {rng.randint(4, 12)}",
        f"  services: {rng.randint(2, 30)}",
        f"  teams_in_org: {teams_in_org}",
        f"  sre_count: {sre_count}",
        f"  on_call_engineers: {rng.randint(3, 8)}",
        f"  pages_per_week: {max(0, round(rng.gauss(30 * (1 - maturity), 5)))}",
        "answers:",
    ]
    for _, question in q.questions():
        level = min(max(rng.gauss(maturity, 0.18), 0.0), 1.0)
        if isinstance(question, SingleQuestion):
            ordered = sorted(question.choices, key=question.score_of)
            pick = ordered[min(len(ordered) - 1, int(level * len(ordered)))]
            if rng.random() < 0.03:
                lines.append(f"  {question.id}: unsure")
            else:
                lines.append(f"  {question.id}: {pick.id}")
        elif isinstance(question, MultiQuestion):
            practices = [c.id for c in question.choices if not c.none_of_these]
            chosen = [c for c in practices if rng.random() < level]
            lines.append(f"  {question.id}: [{', '.join(chosen)}]")
    return "\n".join(lines) + "\n"


def generate(q: Questionnaire, folder: Path, teams: int, seed: int = 1, sre_count: int = 4) -> list[Path]:
    rng = random.Random(seed)  # noqa: S311 (reproducible sample data, not secrets)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(teams):
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}")
        maturity = min(max(rng.choice((0.2, 0.45, 0.7)) + rng.gauss(0, 0.08), 0.05), 0.95)
        path = folder / f"team-{i + 1:04d}.yaml"
        path.write_text(
            team_yaml(q, name, maturity, rng, dt.date(2026, 11, 1), teams, sre_count), encoding="utf-8"
        )
        paths.append(path)
    return paths
