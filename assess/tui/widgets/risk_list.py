"""Risks with their severity written out (HIGH / MEDIUM); choosing one jumps to its question."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.models import RiskFinding
from assess.tui.widgets.wrapping import hanging

SEVERITY_STYLES = {"high": "bold $text-error", "medium": "bold $text-warning"}


class RiskList(OptionList):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._risks: list[RiskFinding] = []
        self._titles: dict[str, str] = {}

    def show(self, risks: list[RiskFinding], domain_titles: dict[str, str]) -> None:
        self._risks, self._titles = list(risks), dict(domain_titles)
        if not risks:
            self.set_options(
                [Option(Content("No high or medium risks in the answers so far."), disabled=True)]
            )
            return
        highlighted = self.highlighted
        self.set_options([Option(self._prompt(r), id=r.question) for r in risks])
        self.highlighted = min(highlighted or 0, len(risks) - 1)

    def on_resize(self, event: events.Resize) -> None:
        if self._risks:
            self.show(self._risks, self._titles)

    def _prompt(self, risk: RiskFinding) -> Content:
        width = self.scrollable_content_region.width or max(20, self.app.size.width - 10)
        severity = Content.styled(risk.severity.upper().ljust(7), SEVERITY_STYLES[risk.severity])
        title = hanging(severity, risk.title + (" (answered unsure)" if risk.unsure else ""), width, "bold")
        where = self._titles.get(risk.domain, risk.domain)
        why = hanging(Content(" " * 7), f"{risk.why} [{where}]", width, "$foreground-muted")
        return Content("\n").join([title, why])
