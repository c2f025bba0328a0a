"""Nothing the screen has shown is lost: the terminal app is killed with SIGKILL at random moments.

The real app runs in a pseudo-terminal, as a person runs it. A key answers the
question on screen; once the next question has appeared on the terminal (the
keypress changed the screen), that answer must be on disk, even if the process
is killed a moment later with no chance to clean up. Each round answers a few
questions, kills the app at a random moment after the last key, and reads the
file: it must always parse, and hold every answer whose next question was seen.
`make test` kills it a few times; `make fuzz` 200 times.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sys
import time
from pathlib import Path

from tui_support import Terminal

from assess import catalog
from assess.engine.answers import Resolved, ruled_out
from assess.loading import load_model
from assess.models import Answers, Questionnaire
from assess.tui.opening import start_answers

KILLS = 200 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 4


def applying_after(questionnaire: Questionnaire, picked: dict[str, Resolved], n: int) -> int | None:
    """The index of the first question after ``n`` that still applies given the answers picked."""
    questions = [q for _, q in questionnaire.questions()]
    skipped = ruled_out(questionnaire, picked)
    return next((i for i in range(n + 1, len(questions)) if questions[i].id not in skipped), None)


def test_sigkill_after_the_screen_moved_on_never_loses_that_answer(tmp_path: Path) -> None:
    rng = random.Random(2026)
    questionnaire = catalog.load("sre-core")[0]
    questions = [q for _, q in questionnaire.questions()]
    path = tmp_path / "answers.yaml"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")},
        "TERM": "xterm-256color",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    kills = 0
    while kills < KILLS:
        if path.exists():
            path.unlink()
        start_answers("sre-core", {"name": "Crash"}, path, today=dt.date(2026, 1, 15))
        seen: list[str] = []
        answered = 0
        term = Terminal([sys.executable, "-m", "assess.tui", str(path)], env, size=(80, 24))
        try:
            term.wait_for(questions[0].id, timeout=30)
            term.drain(0.05)
            picked: dict[str, Resolved] = {}
            n = 0
            while (after := applying_after(questionnaire, picked, n)) is not None:
                current = questions[n]
                if current.kind == "multi":  # a checklist: one practice, then on (counted below)
                    term.send(b"1")
                    time.sleep(0.02)
                    term.send(b"\x1b[C")
                    picked[current.id] = Resolved("answered", (current.choices[0].id,))
                    following = questions[applying_after(questionnaire, picked, n) or after]
                    term.wait_for(following.id, timeout=10)
                    seen.append(current.id)
                    n = questions.index(following)
                    continue
                answered += 1
                last = answered >= 4 or rng.random() < 0.3
                choice = rng.randint(1, len(current.choices))
                term.send(str(choice).encode())
                # The next question the app shows: follow-ups this answer rules out are passed over.
                picked[current.id] = Resolved("answered", (current.choices[choice - 1].id,))
                nxt = applying_after(questionnaire, picked, n)
                if nxt is None:
                    break
                following = questions[nxt]
                if not last:
                    term.wait_for(following.id, timeout=10)
                    seen.append(current.id)
                    n = nxt
                    continue
                # A random moment after the key: kill, having noted whether the screen moved on.
                if term.seen_within(following.id, rng.uniform(0.0, 0.06)):
                    seen.append(current.id)
                break
        finally:
            os.kill(term.pid, signal.SIGKILL)
            term.close()
        kills += 1
        answers, _ = load_model(Answers, path)  # parses: never half a file
        missing = [qid for qid in seen if answers.answers.get(qid) is None]
        assert missing == [], f"kill {kills}: the screen had moved on from {missing} but the file lacks them"
