"""``brief reconcile``: our toezeggingen against the Tweede Kamer's register, as text, Markdown or JSON."""

from __future__ import annotations

from pathlib import Path

from .arguments import iso_date
from .report import Report


def add_reconcile(commands) -> None:
    reconcile = commands.add_parser(
        "reconcile", help="list the differences between our toezeggingen and the Tweede Kamer's register (OData JSON)"
    )
    reconcile.add_argument(
        "files", nargs="+", type=Path, metavar="FILE.json", help="Toezegging responses (OData v4/2.0 or v5), every page"
    )
    reconcile.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text",
        help="text (default: a line per difference), markdown (a pull request comment) or json",
    )
    reconcile.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="judge our register on this day (default: today)"
    )
    reconcile.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    reconcile.add_argument("--fail-on", choices=("differences",), help="exit 1 when the registers differ")
    reconcile.set_defaults(run=run_reconcile)


COMMANDS = {"reconcile": add_reconcile}


def run_reconcile(project, args, report: Report) -> None:
    import datetime as dt

    from ..pipeline import LoadOptions
    from ..reconcile import as_json, as_markdown, as_text, reconcile_files

    as_of = args.as_of or dt.date.today()
    result, problems = reconcile_files(project, args.files, as_of, LoadOptions(freeze_loaded=True))
    if problems:
        report.problems(problems)
    if result is None:
        report.bad_input()
        return
    if args.format == "markdown":
        text = as_markdown(result)
    elif args.format == "json":
        text = as_json(result, as_of)
    else:
        text = as_text(result)
    if report.emit(text, args.output, project) and args.fail_on == "differences" and result.differences:
        report.findings()
