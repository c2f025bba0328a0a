"""Nothing is lost: the autosave is killed with SIGKILL at random moments.

A child process runs the terminal app's autosave (``Saver`` with the app's
file layout), saving after every answer and printing the number of each save
once it has returned. The parent kills it at a random moment; the answers file
must always parse, and hold at least every save that had returned.
`make test` kills it a few times; `make fuzz` at least 200 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from assess.loading import load_model
from assess.models import Answers

KILLS = 200 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 6

CHILD = r"""
import sys
from pathlib import Path
from assess import catalog
from assess.tui.answers_file import canonical
from assess.tui.storage import Saver

path = Path(sys.argv[1])
questionnaire, _ = catalog.load("sre-core")
ids = [(q.id, q.choices[0].id) for _, q in questionnaire.questions() if q.kind == "single"]
saver = Saver(path, canonical, lambda problem: None)
answers = {}
n = 0
while True:
    n += 1
    qid, choice = ids[n % len(ids)]
    answers[qid] = {"choice": choice, "note": f"save {n}"}
    answers["slo.defined"] = {"choice": "none", "note": f"save {n}"}
    saver.submit({"questionnaire": "sre-core", "team": {"name": "Crash test"}, "answers": dict(answers)})
    if not saver.flush():
        sys.exit(f"save {n} failed: {saver.error}")
    print(n, flush=True)
"""


def _last_save(path: Path) -> int:
    answers, _ = load_model(Answers, path)
    note = answers.answers["slo.defined"].note  # type: ignore[union-attr]
    assert note is not None
    return int(note.removeprefix("save "))


def test_sigkill_never_loses_a_returned_save(tmp_path: Path) -> None:
    rng = random.Random(2026)
    path = tmp_path / "answers.yaml"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        first = child.stdout.readline()  # it has started saving
        assert first.strip().isdigit(), first
        time.sleep(rng.uniform(0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        returned = [int(first)] + [int(line) for line in child.stdout.read().split()]
        child.wait()
        on_disk = _last_save(path)  # parses: never half a file
        assert on_disk >= returned[-1], f"save {returned[-1]} had returned but the file holds {on_disk}"
        assert on_disk <= returned[-1] + 1
        path.unlink()
