"""Organisation roll-up, comparisons, history and CSV, end to end on generated organisations."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assess.dev.generate import generate
from assess.models import Questionnaire
from assess.report.csv_export import DOMAIN_COLUMNS, QUESTION_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


@pytest.fixture
def org(tmp_path: Path, sre_core: Questionnaire) -> Path:
    folder = tmp_path / "org"
    generate(sre_core, folder, 15, seed=7, sre_count=4)
    (folder / "broken.yaml").write_text(
        "questionnaire: sre-core\nteam:\n  name: Broken\nanswers:\n  obs.golden-signals: sometimes\n"
    )
    return folder


def test_rollup_skips_invalid_files_and_reports_them(org: Path) -> None:
    result = run("org", str(org), "--format", "json")
    assert result.returncode == 1  # one file was invalid...
    data = json.loads(result.stdout)  # ...but the others were still rolled up
    assert len(data["teams"]) == 15
    assert data["invalid"][0]["file"].endswith("broken.yaml")
    assert f"{org / 'broken.yaml'}:5:23: obs.golden-signals: unknown choice 'sometimes'" in result.stderr


def test_rollup_content(org: Path) -> None:
    (org / "broken.yaml").unlink()
    data = json.loads(run("org", str(org), "-f", "json").stdout)
    assert {d["id"] for d in data["domains"]} >= {"observability", "toil"}
    for spread in data["domains"]:
        assert sum(spread["levels"].values()) + spread["unscored"] == 15
    gap = data["shared_gaps"][0]
    assert gap["count"] >= 5 and gap["statement"].startswith(f"{gap['count']} of 15 teams")
    topo = data["topology"]
    assert topo["embedded_first"] and all(t["why"] for t in topo["embedded_first"])
    assert topo["platform"]["recommended"] and topo["enabling"]["recommended"]
    assert not topo["separate"]["recommended"]
    assert any("4 SRE" in w for w in topo["separate"]["why"])
    apis = {a["type"]: a for a in topo["team_apis"]}
    assert set(apis) == {"platform", "enabling"}
    assert {i["mode"] for i in apis["platform"]["interactions"]} == {"collaboration", "x-as-a-service"}
    assert all(i["mode"] == "facilitating" for i in apis["enabling"]["interactions"])
    phases = [i["phase"] for i in data["roadmap"]]
    assert phases == sorted(phases, key=["now", "next", "later"].index)


def test_organisation_file_sets_default_targets(org: Path) -> None:
    (org / "broken.yaml").unlink()
    (org / "organisation.yaml").write_text("organisation: Acme\ntargets:\n  default: 3\n  observability: 4\n")
    data = json.loads(run("org", str(org), "-f", "json").stdout)
    row = data["teams"][0]
    assert row["targets"]["observability"] == 4 and row["targets"]["slo"] == 3
    obs = next(d for d in data["domains"] if d["id"] == "observability")
    assert obs["below_target"] == sum(1 for t in data["teams"] if (t["levels"]["observability"] or 0) < 4)
    markdown = run("org", str(org)).stdout
    assert markdown.startswith("# Reliability roll-up: Acme")
    (org / "organisation.yaml").write_text("organisation: Acme\ntargets:\n  observabilty: 4\n")
    result = run("org", str(org), "-f", "json")
    assert result.returncode == 1
    assert "unknown domain 'observabilty'; did you mean 'observability'?" in result.stderr


def test_csv_columns_are_stable_and_formulas_are_defused(
    org: Path, tmp_path: Path, sre_core: Questionnaire
) -> None:
    (org / "broken.yaml").unlink()
    first = sorted(org.glob("team-*.yaml"))[0]
    first.write_text(first.read_text().replace('  name: "', '  name: "=HYPERLINK(1)'))
    domains = tmp_path / "domains.csv"
    result = run("org", str(org), "-f", "csv", "--domains-csv", str(domains))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == QUESTION_COLUMNS
    assert len(rows) == 15 * len(sre_core.questions())
    assert {r["team"] for r in rows if r["team"].startswith("'=")}
    domain_rows = list(csv.DictReader(domains.open()))
    assert tuple(domain_rows[0]) == DOMAIN_COLUMNS and len(domain_rows) == 15 * 9
    single = run("score", str(EXAMPLES / "payments-product-team.yaml"), "-f", "csv")
    assert single.returncode == 0
    assert single.stdout.splitlines()[0] == ",".join(QUESTION_COLUMNS)


def test_compare_shows_what_improved_and_which_risks_closed(tmp_path: Path) -> None:
    old = EXAMPLES / "payments-product-team.yaml"
    new = tmp_path / "payments-later.yaml"
    text = old.read_text().replace("assessed_at: 2026-", "assessed_at: 2027-")
    new.write_text(
        text.replace("res.backups:\n    choice: unsure", "res.backups:\n    choice: verified-automatically")
    )
    shutil.copy(old, tmp_path / "old.yaml")
    result = run("compare", str(old), str(new), "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["question"] for c in data["improved"]] == ["res.backups"]
    assert data["regressed"] == []
    assert "res.backups" in data["risks_closed"]
    res = next(d for d in data["domains"] if d["id"] == "resilience")
    assert res["delta"] > 0
    assert "Improved (1)" in run("compare", str(old), str(new)).stdout


def test_history_orders_by_date_and_needs_one_team(tmp_path: Path) -> None:
    base = (EXAMPLES / "platform-toil-team.yaml").read_text()
    import re

    dates = ["2026-03-01", "2026-06-01", "2026-09-01"]
    for i, date in enumerate(dates):
        text = re.sub(r"assessed_at: \S+", f"assessed_at: {date}", base)
        if i == 2:
            text = re.sub(r"toil.automation: \S+", "toil.automation: weighed", text)
        (tmp_path / f"q{3 - i}.yaml").write_text(text)
    result = run("history", str(tmp_path), "-f", "json")
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)["points"]
    assert [p["assessed_at"] for p in points] == dates
    assert points[2]["scores"]["toil"] > points[0]["scores"]["toil"]
    (tmp_path / "other.yaml").write_text((EXAMPLES / "payments-product-team.yaml").read_text())
    mixed = run("history", str(tmp_path))
    assert mixed.returncode == 1 and "history is for one team" in mixed.stderr


def test_org_html_and_pdf_carry_every_section_and_escape_team_names(org: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    (org / "broken.yaml").unlink()
    first = sorted(org.glob("team-*.yaml"))[0]
    first.write_text(first.read_text().replace('  name: "', '  name: "<img src=file:///etc/passwd> '))
    html = run("org", str(org), "-f", "html")
    assert html.returncode == 0, html.stderr
    assert "<img src=file" not in html.stdout and "&lt;img src=file:///etc/passwd&gt;" in html.stdout
    out = tmp_path / "org.pdf"
    result = run("org", str(org), "-f", "pdf", "-o", str(out), "--date", "2026-11-27")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in (
        "The decisions",
        "Staffing: where the SREs go",
        "Teams and practice areas",
        "Shared gaps",
        "How to organise reliability work",
        "Organisation roadmap",
        "Method",
    ):
        assert heading in text
    assert "<imgsrc=file:///etc/passwd>" in "".join(
        text.split()
    )  # shown as text (maybe wrapped), not fetched
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0].startswith("SRE maturity roll-up")
    sections = [o.title for o in reader.outline[1] if not isinstance(o, list)]
    assert sections[:2] == ["The decisions", "Teams and practice areas"]
    # Without -o the PDF goes down the pipe, as `assess report` does.
    piped = subprocess.run(
        [sys.executable, "-m", "assess", "org", str(org), "-f", "pdf", "--date", "2026-11-27"],
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-"), piped.stderr


def test_history_pdf_has_the_trend_chart(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    base = (EXAMPLES / "platform-toil-team.yaml").read_text()
    import re

    for i, date in enumerate(["2026-03-01", "2026-09-01"]):
        (tmp_path / f"q{i}.yaml").write_text(re.sub(r"assessed_at: \S+", f"assessed_at: {date}", base))
    out = tmp_path / "history.pdf"
    result = run("history", str(tmp_path / "q0.yaml"), str(tmp_path / "q1.yaml"), "-f", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Trend per practice area" in text and "2026-09-01" in text and "Overall" in text
