"""``brief status`` and ``brief export``: the commitments, motions and Kamervragen with the letters that answer them."""

from __future__ import annotations

import argparse
from pathlib import Path

from .arguments import iso_date
from .report import Report

MAX_DAYS = 36_500  # a century: a larger window is a typo, and would overflow the calendar


def days(text: str) -> int:
    """The type of ``--due-within``: a whole number of days."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days: write a whole number from 0 to {MAX_DAYS}")
    return int(text)


def add_status(commands) -> None:
    status = commands.add_parser("status", help="coverage: every commitment, motion and set of Kamervragen, and the letters that answer it")
    status.add_argument("--open", action="store_true", help="only items still open")
    status.add_argument("--overdue", action="store_true", help="only open items past their due date")
    status.add_argument("--kamer", choices=("TK", "EK"), help="only items of this Kamer")
    status.add_argument(
        "--by", metavar="ID", help="only commitments of this bewindspersoon and Kamervragen asked of them (an id in organisation.yaml)"
    )
    status.add_argument(
        "--kind", type=str.lower, choices=("toezegging", "motie", "kamervragen"), help="only items of this kind",
    )
    status.add_argument(
        "--due-within", type=days, metavar="DAYS",
        help="only open items due within DAYS days of --as-of, the overdue ones included",
    )
    status.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="judge due dates on this day (default: today)")
    status.add_argument(
        "--format", choices=("table", "csv", "json", "html"), default="table",
        help="table (default), csv, json (for tools) or html (the coordinators' dashboard)",
    )
    status.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    status.add_argument("--fail-on", choices=("overdue",), help="exit 1 when any item shown is overdue")
    status.set_defaults(run=run_status)


def add_export(commands) -> None:
    export = commands.add_parser("export", help="the commitments with the letters that answered them, as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(run=run_export)


COMMANDS = {"status": add_status, "export": add_export}


def run_status(project, args, report: Report) -> None:
    import datetime as dt

    from ..coverage import is_overdue, select, unknown_bewindspersoon
    from ..dashboard import as_csv, as_html, as_json, as_table, due_within
    from ..diagnostics import has_errors
    from ..pipeline import LoadOptions, status

    as_of = args.as_of or dt.date.today()
    repository, rows, diagnostics = status(project, as_of, options=LoadOptions(freeze_loaded=True))
    if repository is not None:
        diagnostics = [*diagnostics, *unknown_bewindspersoon(project, repository, args.by or None)]
    if repository is None or has_errors(diagnostics):
        report.problems(diagnostics)
        report.bad_input()
        return
    rows = select(rows, open_only=args.open, overdue_only=args.overdue, kamer=args.kamer, by=args.by, kind=args.kind)
    if args.due_within is not None:
        rows = due_within(rows, as_of, args.due_within)
    if args.format == "csv":
        text = as_csv(rows)
    elif args.format == "json":
        text = as_json(rows, as_of, repository)
    elif args.format == "html":
        title = f"Toezeggingen, moties en Kamervragen — {repository.organisation.name}"
        # The letters are linked from where the page will be: beside out/ or wherever -o puts it.
        page_dir = args.output.absolute().parent if args.output else Path.cwd()
        text = as_html(
            rows, as_of=as_of, repository=repository, title=title, template_dir=project.root / "templates",
            out_dir=project.out_dir, page_dir=page_dir,
        )
    else:
        text = as_table(rows)
    if report.emit(text, args.output, project) and args.fail_on == "overdue":
        if any(is_overdue(row) for row in rows):
            report.findings()


def run_export(project, args, report: Report) -> None:
    from ..diagnostics import has_errors
    from ..opendata import as_csv, as_json, export_commitments
    from ..pipeline import LoadOptions, load_briefs, load_repository

    repository, problems = load_repository(project, options=LoadOptions(freeze_loaded=True))
    briefs, found = load_briefs(project)
    problems += found
    if repository is None or has_errors(problems):
        report.problems(problems)
        report.bad_input()
        return
    rows = export_commitments(repository, briefs)
    report.emit(as_csv(rows) if args.format == "csv" else as_json(rows), args.output, project)
