"""``brief diff`` and ``brief log``: the data's history from git, in words."""

from __future__ import annotations

import sys

from .report import Report


def add_diff(commands) -> None:
    diff = commands.add_parser("diff", help="what changed in data/ between two revisions, in words, and which briefs it touches")
    diff.add_argument(
        "range", nargs="?", metavar="REV1..REV2",
        help="default: the merge base with main .. the working tree; 'REV' alone compares REV with the working tree",
    )
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown to paste into a pull request")
    diff.set_defaults(run=run_diff)


def add_log(commands) -> None:
    log = commands.add_parser("log", help="the history of one commitment, motion, document, set of Kamervragen or schriftelijk overleg, from git")
    log.add_argument("id", metavar="ID")
    log.set_defaults(run=run_log)


COMMANDS = {"diff": add_diff, "log": add_log}


def run_diff(project, args, report: Report) -> None:
    from ..history import as_markdown, as_text, diff

    result, problems = diff(project, args.range)
    if problems:
        report.problems(problems)
    if result is None:
        report.bad_input()
        return
    render = as_markdown if args.format == "markdown" else as_text
    sys.stdout.write(render(result.changes, result.affected, result.before, result.after))


def run_log(project, args, report: Report) -> None:
    from ..history import log, log_as_text

    events, problems = log(project, args.id)
    if problems:
        report.problems(problems)
    if not events:
        report.bad_input()
        return
    sys.stdout.write(log_as_text(args.id, events))
