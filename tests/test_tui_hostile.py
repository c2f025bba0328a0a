"""Hostile team names and notes are shown as text in the terminal app: no markup, no crash."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from assess.resources import examples_dir
from assess.tui.app import AssessApp
from assess.tui.messages import JumpRequested
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen

TEAM = "[bold red]Pay[/] [link=file:///etc/passwd]ments[/link] <b>&</b> \u202eevil\u202c 🔥"
NOTE = "[reverse]IC[/reverse] is $(whoami) <script>x</script> \x1b[31m"


def screen_text(app: AssessApp) -> str:
    svg = app.export_screenshot()
    text = "".join(html.unescape(t) for t in re.findall(r">([^<]*)</text>", svg))
    return text.replace("\xa0", " ")


async def test_hostile_team_and_note_render_as_text(tmp_path: Path) -> None:
    data = yaml.safe_load((examples_dir() / "payments-product-team.yaml").read_text())
    data["assessed_at"] = str(data["assessed_at"])
    data["team"]["name"] = TEAM
    data["answers"]["obs.customer-journeys"] = {"choice": "customers", "note": NOTE}
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = AssessApp(path, export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):  # the file is read and scored in workers
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen), screen_text(app)
        shown = screen_text(app)
        assert "[bold red]Pay[/]" in shown  # markup shown, not applied
        assert "[link=file:///etc/passwd]" in shown
        app.screen.post_message(JumpRequested("obs.customer-journeys"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "[reverse]IC[/reverse] is $(whoami) <script>x</script>" in screen_text(app)
    assert yaml.safe_load(path.read_text())["team"]["name"] == TEAM  # nothing rewritten or lost
