"""`assess consensus`: participants' answers files merged into one team answers file."""

from __future__ import annotations

import argparse

from assess.cli.common import note, wrote
from assess.errors import EXIT_OK
from assess.pipeline.consensus import consensus as merge_files
from assess.pipeline.consensus import write
from assess.words import counted


def consensus(args: argparse.Namespace) -> int:
    result = merge_files(
        args.paths, min_voices=args.min_voices, date=args.date, questionnaire=args.questionnaire
    )
    written = write(result, args.output, force=args.force)  # a refusal comes before any summary
    people = [*result.respondents] + (
        [counted(result.anonymous, "anonymous voice")] if result.anonymous else []
    )
    note(f"merged {counted(result.voices, 'answers file')} ({', '.join(people)})")
    for line in result.notes:
        note(line)
    found = result.disagreements
    if found:
        listed = ", ".join(f"{m.question} ({m.disagreement})" for m in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        note(f"{counted(len(found), 'disagreement')} to talk through, most costly first: {listed}{more}")
    for path in written:
        wrote(path)
    return EXIT_OK
