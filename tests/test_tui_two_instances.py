"""Two copies of the app on one file, answering at the same moments, many times: no answer lost silently.

Two processes each run the terminal app on the same answers file and answer
their own half of the questions with keys, on the same clock, so their saves
collide again and again. Whenever a save finds the file changed by the other,
the app must say so and offer the choices (reload and merge, overwrite, save
as, differences); the test picks "reload and merge". At the end, every answer
either copy showed as saved is in the file: one side saves, the other is told,
and nothing vanishes while both say "saved".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from assess.loading import load_model
from assess.models import Answers
from assess.tui.opening import start_answers

STEPS = 24
INTERVAL = 0.12

CHILD = r"""
import asyncio, json, sys, time
from pathlib import Path

from assess.tui.app import AssessApp

try:
    from assess.tui.screens.dialogs import ChoiceDialog
except ImportError:  # an app that offers no choices (the code before issue 18, for comparison)
    ChoiceDialog = ()


def is_saved(app):
    if hasattr(app, "workspace"):
        return app.workspace.status().saved
    return app.saver.flush()

path, role, start, steps, interval, log = (
    Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
)


async def resolve(app, pilot, record):
    while type(app.screen).__name__ == "ReportDialog":  # e.g. "cannot reload": read, close, go on
        record["reports"] = record.get("reports", 0) + 1
        await pilot.press("escape")
        await pilot.pause()
        getattr(app, "action_save_now", lambda: None)()
        await pilot.pause()
    while isinstance(app.screen, ChoiceDialog):
        record["offered"] += 1
        text = " ".join(label for _, label in app.screen.choices)
        record["choices_shown"] = all(
            word in text for word in ("Reload", "Overwrite", "Save my answers as", "differences")
        )
        await pilot.press("1")  # reload, with my unsaved answers merged on top
        await pilot.pause()


async def main():
    record = {"saved": [], "offered": 0, "choices_shown": True, "unsaved_at_end": []}
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.question_screen
        session = app.session
        singles = [i for i, q in enumerate(session.questions) if q.kind == "single"]
        mine = singles[role::2][:steps]
        for step, index in enumerate(mine):
            await asyncio.sleep(max(0.0, start + step * interval - time.time()))
            await resolve(app, pilot, record)
            screen.go_to(index)
            await pilot.press("2")
            await resolve(app, pilot, record)
            if is_saved(app):
                record["saved"].append(session.questions[index].id)
        for _ in range(20):  # the other copy may still be saving: settle what is left
            getattr(app, "action_save_now", lambda: None)()
            await pilot.pause()
            await resolve(app, pilot, record)
            if is_saved(app):
                break
            await asyncio.sleep(0.1)
        if not is_saved(app):
            record["unsaved_at_end"] = app.workspace.pending() if hasattr(app, "workspace") else ["?"]
        app.exit()
    Path(log).write_text(json.dumps(record))


asyncio.run(main())
"""


def test_two_copies_answering_at_once_never_lose_an_answer_silently(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    start_answers("sre-core", {"name": "Shared"}, path, today=dt.date(2026, 1, 15))
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    start = time.time() + 4.0  # both are up by then; from here on they press keys on one clock
    logs = [tmp_path / f"log-{role}.json" for role in (0, 1)]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(script),
                str(path),
                str(role),
                str(start),
                str(STEPS),
                str(INTERVAL),
                str(log),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for role, log in zip((0, 1), logs, strict=True)
    ]
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0, out.decode(errors="replace")[-3000:]
    records = [json.loads(log.read_text()) for log in logs]
    answers, _ = load_model(Answers, path)
    on_disk = {qid for qid, value in answers.answers.items() if value is not None}
    for role, record in enumerate(records):
        lost = [qid for qid in record["saved"] if qid not in on_disk]
        assert lost == [], f"copy {role} showed these as saved, but the file lacks them: {lost}"
        assert record["unsaved_at_end"] == [], f"copy {role} ended with unsaved answers"
        assert record["choices_shown"], "the conflict offered reload, overwrite, save as and differences"
    assert sum(r["offered"] for r in records) > 0, "the copies never collided; the test proved nothing"
    assert len(on_disk) == 2 * STEPS, "every answer of both copies is in the file"
