"""Answers written for sre-core version 1 keep working, and move to version 2 with `assess migrate`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assess import catalog
from assess.errors import InvalidInput
from assess.pipeline.migrate import migrate_file
from assess.pipeline.org import compare_files, load_org
from assess.pipeline.team import load_team

V1 = Path(__file__).resolve().parent / "data" / "v1"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The version 1 examples' overall scores and levels before version 2 existed (README of that time).
V1_SCORES = {
    "startup-sre-native.yaml": (79.6, 4),
    "payments-product-team.yaml": (19.7, 1),
    "platform-toil-team.yaml": (41.0, 2),
    "enterprise-interrupts.yaml": (57.7, 3),
}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


@pytest.mark.parametrize("name", sorted(V1_SCORES))
def test_version_1_answers_score_as_they_always_did(name: str) -> None:
    loaded = load_team(V1 / name, strict=True)
    assert loaded.questionnaire.version == "1" and loaded.questionnaire_path.name == "sre-core@1.yaml"
    a = loaded.assess()
    assert (a.overall.score, a.overall.level) == V1_SCORES[name]
    assert a.questionnaire.version == "1"


def test_both_versions_are_bundled_and_the_current_one_is_named_by_id() -> None:
    assert [e.id for e in catalog.entries()] == ["sre-core"]
    assert catalog.load("sre-core")[0].version == "2"
    assert catalog.load("sre-core@1")[0].version == "1"
    assert [v for v, _ in catalog.kept_versions("sre-core")] == ["1"]


def test_an_unversioned_file_is_the_current_version(write: Callable[[str, str], Path]) -> None:
    path = write("a.yaml", "questionnaire: sre-core\nteam:\n  name: T\nanswers:\n  obs.paging: causes\n")
    loaded = load_team(path)
    assert loaded.questionnaire.version == "2" and loaded.warnings == []


def test_an_unversioned_file_that_fits_only_version_1_is_read_as_version_1_with_a_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.yaml"
    path.write_text((V1 / "payments-product-team.yaml").read_text().replace("sre-core@1", "sre-core"))
    loaded = load_team(path)
    assert loaded.questionnaire.version == "1"
    note = str(loaded.warnings[0])
    assert re.match(
        rf"{re.escape(str(path))}:\d+:\d+: warning: no version named: these answers fit sre-core@1", note
    )
    assert "assess migrate" in note
    result = run("score", path)
    assert result.returncode == 0 and "no version named" in result.stderr


def test_a_version_that_is_not_installed_is_refused_with_the_ones_that_are(tmp_path: Path) -> None:
    path = tmp_path / "future.yaml"
    path.write_text("questionnaire: sre-core@7\nteam:\n  name: T\n")
    with pytest.raises(InvalidInput) as caught:
        load_team(path)
    message = str(caught.value.diagnostics[0])
    assert message.startswith(f"{path}:1:16: these answers were written for version 7 of 'sre-core'")
    assert "(installed: 1, 2)" in message


def test_migrate_prints_the_new_file_and_says_what_needs_an_answer(tmp_path: Path) -> None:
    source = tmp_path / "payments.yaml"
    shutil.copy(V1 / "payments-product-team.yaml", source)
    before = source.read_bytes()
    result = run("migrate", source)
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == before, "never rewrites a file unless asked"
    assert "questionnaire: sre-core@2" in result.stdout
    assert f"{source}: sre-core@1 -> sre-core@2" in result.stderr
    assert "questions need a new answer" in result.stderr
    for new in ("learn.reliability-owner", "rel.config-changes", "rel.design-review", "res.overload"):
        assert f"    {new}: " in result.stderr
    assert "obs.alert-quality -> obs.paging" in result.stderr
    # The new file loads against version 2, with the new questions left to answer.
    out = tmp_path / "new.yaml"
    out.write_text(result.stdout)
    loaded = load_team(out)
    assert loaded.questionnaire.version == "2"
    assert loaded.answers.answers["res.overload"] is None
    assert loaded.answers.answers["obs.paging"] is not None
    # Notes and evidence travel with the answers; the header comments stay.
    assert "PCI DSS pre-audit" in result.stdout
    assert result.stdout.startswith("# yaml-language-server: $schema=")


def test_migrate_writes_where_asked_and_never_over_its_input_unless_in_place(tmp_path: Path) -> None:
    source = tmp_path / "team.yaml"
    shutil.copy(V1 / "startup-sre-native.yaml", source)
    before = source.read_bytes()
    refused = run("migrate", source, "-o", source)
    assert refused.returncode == 1 and source.read_bytes() == before
    out = tmp_path / "team-v2.yaml"
    assert run("migrate", source, "-o", out).returncode == 0 and out.exists()
    again = run("migrate", source, "-o", out)
    assert again.returncode == 1 and "use --force" in again.stderr
    assert run("migrate", source, "-o", out, "--force").returncode == 0
    both = run("migrate", source, "-o", out, "--in-place")
    assert both.returncode == 2
    in_place = run("migrate", source, "--in-place")
    assert in_place.returncode == 0 and f"wrote {source}" in in_place.stderr
    assert source.read_text() == out.read_text()
    done = run("migrate", source)
    assert done.returncode == 0 and "already answers sre-core@2; nothing to migrate" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("name", sorted(V1_SCORES))
def test_every_version_1_example_migrates_to_a_valid_version_2_file(name: str, tmp_path: Path) -> None:
    migrated = migrate_file(V1 / name)
    assert migrated.from_ref == "sre-core@1" and migrated.to_ref == "sre-core@2"
    out = tmp_path / name
    out.write_text(migrated.text)
    loaded = load_team(out)
    answered = {k for k, v in loaded.answers.answers.items() if v is not None}
    q = loaded.questionnaire
    assert answered | set(migrated.needs_answer) | set(migrated.not_applicable) == {
        x.id for _, x in q.questions()
    }
    assert not set(migrated.needs_answer) & answered


def test_migration_maps_split_and_merged_answers() -> None:
    migrated = migrate_file(V1 / "startup-sre-native.yaml")
    moved = {(m.old, m.new) for m in migrated.moved}
    assert (
        "oncall.load",
        "oncall.load-measured",
    ) in moved  # a split: v1's upper answers said pages were counted
    assert ("rel.practices", "rel.practices") in moved  # two practices now asked elsewhere
    practices = next(line for line in migrated.text.splitlines() if line.lstrip().startswith("rel.practices"))
    assert "auto-rollback" not in practices and "error-budget-freeze" not in practices
    payments = migrate_file(V1 / "payments-product-team.yaml")
    rough = {m.new for m in payments.moved if m.check}
    assert {
        "obs.paging",
        "oncall.load",
    } <= rough  # version 1 forced 'frequent-spikes' on teams that do not count
    assert "  # check: carried over from oncall.load; the old answer maps only roughly" in payments.text


def test_follow_ups_that_do_not_apply_are_not_carried_over() -> None:
    migrated = migrate_file(V1 / "platform-toil-team.yaml")  # infrastructure is built by hand
    assert set(migrated.not_applicable) == {"iac.review-ci", "iac.drift", "iac.modules", "iac.break-glass"}
    assert "iac.review-ci:" not in migrated.text


def test_teams_on_different_versions_are_not_rolled_up_or_compared_together(tmp_path: Path) -> None:
    shutil.copy(V1 / "payments-product-team.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "startup-sre-native.yaml", tmp_path / "b.yaml")
    loaded = load_org([tmp_path])
    assert len(loaded.teams) == 1 and len(loaded.invalid) == 1
    assert "run 'assess migrate' on the files written for version 1" in str(loaded.invalid[0].diagnostics[0])
    with pytest.raises(InvalidInput) as caught:
        compare_files(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert "run 'assess migrate' on the older one first" in caught.value.diagnostics[0].message


def test_migrate_points_the_new_file_at_the_new_versions_schema_and_writes_it(tmp_path: Path) -> None:
    source = tmp_path / "team.yaml"
    shutil.copy(V1 / "payments-product-team.yaml", source)
    shutil.copy(V1 / "sre-core.v1.answers.schema.json", tmp_path)
    out = tmp_path / "new" / "team.yaml"
    out.parent.mkdir()
    result = run("migrate", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert (
        out.read_text().splitlines()[0] == "# yaml-language-server: $schema=sre-core.v2.answers.schema.json"
    )
    assert (out.parent / "sre-core.v2.answers.schema.json").is_file()
    assert source.read_text().splitlines()[0].endswith("sre-core.v1.answers.schema.json")
