"""`assess actions`: the open actions as GitHub issues, a Jira CSV and JSON; nothing sent anywhere.

The GitHub JSON has the shape `gh issue create --title --body --label` needs (and the README's
loop, run with a stand-in `gh`, files each item once); the Jira CSV has the columns Jira's importer
maps by name and survives the hostile-text corpus (formulas, CR/LF, markup); the same file gives
the same items, with a stable id in each item's text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_hostile import CORPUS, TEAM

from assess.report.trackers import JIRA_COLUMNS, jira_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
README = Path(__file__).resolve().parent.parent / "README.md"
PAYMENTS = (EXAMPLES / "payments-product-team.yaml").read_text(encoding="utf-8")

# What `gh issue create --title T --body B --label L1,L2` accepts: a one-line title GitHub takes
# (at most 256 characters), a body within GitHub's 65,536, and label names without commas (gh splits
# on them), 50 characters at most (GitHub's limit).
GH_ISSUES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["title", "body", "labels"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": r"^[a-z0-9-]+/[^\s]+$"},
            "title": {"type": "string", "minLength": 1, "maxLength": 256, "pattern": r"^[^\r\n]+$"},
            "body": {"type": "string", "minLength": 1, "maxLength": 65536},
            "labels": {
                "type": "array",
                "uniqueItems": True,
                "items": {"type": "string", "minLength": 1, "maxLength": 50, "pattern": r"^[^,\s]+$"},
            },
        },
    },
}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def team(tmp_path: Path, actions: str = "", name: str = "payments.yaml", text: str = PAYMENTS) -> Path:
    path = tmp_path / name
    path.write_text(text + ("actions:\n" + actions if actions else ""), encoding="utf-8")
    return path


AGREED = """  iac.prod-access:
    status: in-progress
    owner: "ana@example.com"
    due: 2026-03-01
    link: PAY-7
  obs.customer-journeys:
    status: done
  rel.cd:
    status: accepted-risk
    reason: "the deploy script is replaced in Q3"
"""


def test_github_json_has_the_shape_gh_issue_create_needs(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = run("actions", str(team(tmp_path, AGREED)), "-f", "github")
    assert result.returncode == 0, result.stderr
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, GH_ISSUES)
    ids = [i["id"] for i in issues]
    assert len(ids) == len(set(ids))
    # Open actions only (done and accepted ones are not filed), overdue first.
    assert not any("obs.customer-journeys" in i or "rel.cd/" in i for i in ids)
    assert ids[0] == "payments/iac.prod-access/few-standing"
    first = issues[0]
    assert first["title"] == "Payments: Production access"
    assert first["labels"] == ["assess", "area:iac", "phase:now", "risk:high"]
    body = first["body"]
    for part in (
        "**What to do:**",
        "**Why:**",
        "`iac.prod-access`",
        "done when",
        "**Level change:** Infrastructure as code: level 1 → 2",
    ):
        assert part in body
    assert "overdue by 17 days" in body and "owner ana@example.com" in body
    assert body.rstrip().splitlines()[-1].startswith("assess id: payments/iac.prod-access/few-standing")


def test_the_same_file_gives_the_same_items(tmp_path: Path) -> None:
    path = team(tmp_path, AGREED)
    for fmt in ("github", "jira-csv", "json"):
        first, second = run("actions", str(path), "-f", fmt), run("actions", str(path), "-f", fmt)
        assert first.returncode == 0 and first.stdout == second.stdout, fmt
    # The next step of a gap is a new item: its id changes once the answers reach the step.
    before = {i["id"] for i in json.loads(run("actions", str(path), "-f", "github").stdout)}
    improved = team(
        tmp_path,
        AGREED,
        "later.yaml",
        PAYMENTS.replace(
            "iac.prod-access:\n    choice: broad-group", "iac.prod-access:\n    choice: few-standing"
        ),
    )
    assert improved.read_text() != path.read_text()
    after = {i["id"] for i in json.loads(run("actions", str(improved), "-f", "github").stdout)}
    assert (
        "payments/iac.prod-access/few-standing" in before
        and "payments/iac.prod-access/few-standing" not in after
    )


def test_jira_csv_has_the_columns_the_importer_maps(tmp_path: Path) -> None:
    result = run("actions", str(team(tmp_path, AGREED)), "-f", "jira-csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(rows[0]) == (
        "Summary",
        "Description",
        "Labels",
        "Labels",
        "Labels",
        "Labels",
        "Due date",
        "Assignee",
    )
    assert tuple(rows[0]) == JIRA_COLUMNS
    first = dict(
        zip(["summary", "description", "l1", "l2", "l3", "l4", "due", "assignee"], rows[1], strict=True)
    )
    assert first["summary"] == "Payments: Production access"
    assert (first["l1"], first["l2"], first["l3"], first["l4"]) == (
        "assess",
        "area:iac",
        "phase:now",
        "risk:high",
    )
    assert first["due"] == "2026-03-01" and first["assignee"] == "ana@example.com"
    assert first["description"].startswith("*What to do:* Limit standing write access")
    assert "assess id: payments/iac.prod-access/few-standing" in first["description"]
    assert all(len(r) == len(JIRA_COLUMNS) for r in rows)
    json_ids = [
        a["id"] for a in json.loads(run("actions", str(tmp_path / "payments.yaml")).stdout)["actions"]
    ]
    assert len(rows) - 1 == len(json_ids)


def hostile_team(tmp_path: Path) -> Path:
    data = yaml.safe_load(PAYMENTS)
    data["assessed_at"] = str(data["assessed_at"])
    data["team"]["name"] = TEAM + "\r\nsecond line"
    data["actions"] = {
        "iac.prod-access": {
            "status": "planned",
            "owner": "=cmd|' /C calc'!A0\r\n@SUM(A1)",
            "link": CORPUS[5],
        },
        "rel.cd": {"status": "in-progress", "owner": "+1-555\rline", "link": "-2+3\n" + CORPUS[0]},
        "obs.customer-journeys": {"status": "planned", "owner": CORPUS[11], "link": CORPUS[8]},
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")
    return path


def test_jira_csv_survives_hostile_text(tmp_path: Path) -> None:
    result = run("actions", str(hostile_team(tmp_path)), "-f", "jira-csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(rows[0]) == JIRA_COLUMNS
    body = rows[1:]
    assert len(body) >= 3 and all(len(r) == len(JIRA_COLUMNS) for r in body)
    for row in body:
        for value in row:
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value  # no formula runs
        summary, assignee = row[0], row[-1]
        assert "\r" not in summary and "\n" not in summary and "\r" not in assignee and "\n" not in assignee
        assert "\x1b" not in row[1] and "\u202e" not in row[1]  # no terminal escapes, no bidi override
    owners = {r[-1] for r in body}
    assert "'=cmd|' /C calc'!A0 @SUM(A1)" in owners and "'+1-555 line" in owners
    description = next(r[1] for r in body if "click me" in r[1])
    assert "\\[click me\\](http://attacker.example/x)" in description  # a Jira link shown as text
    assert "\\!\\[pixel\\]" in description or "\\!" in description
    # CR/LF inside a cell stays inside it: a strict reader gives the same number of records.
    assert len(list(csv.DictReader(io.StringIO(result.stdout, newline="")))) == len(body)


def test_github_bodies_show_hostile_text_as_text(tmp_path: Path) -> None:
    issues = json.loads(run("actions", str(hostile_team(tmp_path)), "-f", "github").stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(issues, GH_ISSUES)
    text = "\n".join(i["body"] for i in issues)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "[click me](http" not in text
    assert all("\n" not in i["title"] and "\r" not in i["title"] for i in issues)


def test_jira_markup_is_escaped() -> None:
    assert jira_text("[x|http://a.example] {code} !img.png! *b* -s-\n- item\nh1. Title") == (
        "\\[x\\|http://a.example\\] \\{code\\} \\!img.png\\! \\*b\\* -s-\n\\- item\n\\h1. Title"
    )


def test_output_goes_where_asked_and_never_over_the_input(tmp_path: Path) -> None:
    path = team(tmp_path, AGREED)
    out = tmp_path / "actions.csv"
    result = run("actions", str(path), "-f", "jira-csv", "-o", str(out))
    assert result.returncode == 0 and result.stdout == "" and f"wrote {out}" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("Summary,Description,Labels")
    refused = run("actions", str(path), "-f", "json", "-o", str(path))
    assert refused.returncode == 1 and path.read_text(encoding="utf-8").endswith(AGREED)
    assert run("actions", str(path), "-f", "yaml").returncode == 2


def test_date_decides_what_is_overdue(tmp_path: Path) -> None:
    path = team(tmp_path, "  slo.defined:\n    status: planned\n    due: 2026-06-01\n")
    quiet = json.loads(run("actions", str(path)).stdout)["actions"]
    assert all(a["overdue_days"] is None for a in quiet)
    late = json.loads(run("actions", str(path), "--date", "2026-06-11").stdout)
    assert late["as_of"] == "2026-06-11"
    assert late["actions"][0]["root_cause"] == "slo.defined" and late["actions"][0]["overdue_days"] == 10


FAKE_GH = r"""#!/usr/bin/env python3
import json, os, sys
log = os.environ["GH_LOG"]
args = sys.argv[1:]
with open(log, "a", encoding="utf-8") as f:
    f.write(json.dumps(args) + "\n")
if args[:2] == ["issue", "list"]:
    query = args[args.index("--search") + 1]
    with open(log, encoding="utf-8") as f:
        filed = [json.loads(line) for line in f]
    bodies = [a[a.index("--body") + 1] for a in filed if a[:2] == ["issue", "create"]]
    wanted = query.split('"')[1]
    print("\n".join("1" for b in bodies if wanted in b))
"""


def readme_loop() -> str:
    blocks: list[str] = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    return next(b for b in blocks if "gh issue create" in b)


def test_the_readme_loop_files_each_open_action_once(tmp_path: Path) -> None:
    path = team(tmp_path, AGREED)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.replace("#!/usr/bin/env python3", f"#!{sys.executable}"), encoding="utf-8")
    gh.chmod(0o755)
    assess = bin_dir / "assess"
    assess.write_text(f'#!/bin/sh\nexec {sys.executable} -m assess "$@"\n', encoding="utf-8")
    assess.chmod(0o755)
    script = tmp_path / "loop.sh"
    script.write_text("set -eu\n" + readme_loop(), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "gh.log"),
    }
    for _ in range(2):  # the second run finds every item filed already
        done = subprocess.run(
            ["bash", str(script)], cwd=path.parent, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    calls = [json.loads(line) for line in (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()]
    created = [c for c in calls if c[:2] == ["issue", "create"]]
    issues = json.loads((path.parent / "actions.json").read_text(encoding="utf-8"))
    assert len(created) == len(issues) > 0
    for call, issue in zip(created, issues, strict=True):
        args = dict(zip(call[2::2], call[3::2], strict=True))
        assert args["--title"] == issue["title"]
        assert args["--body"] == issue["body"].rstrip("\n")
        assert args["--label"].split(",") == issue["labels"]
    labels = {c[2] for c in calls if c[:2] == ["label", "create"]}
    assert labels == {label for i in issues for label in i["labels"]}
