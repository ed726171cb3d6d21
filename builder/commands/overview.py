"""``brief overview``: the toezeggingenoverzicht for the Kamer, as a DOCX table and the same as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from .arguments import iso_date
from .report import Report

DEFAULT_NAME = "toezeggingen.docx"  # in the repository's out/


def docx_path(text: str) -> Path:
    """The type of ``-o``: the CSV is written beside it under the same name, so it must say .docx."""
    path = Path(text)
    if path.suffix.lower() != ".docx":
        raise argparse.ArgumentTypeError(
            f"'{text}' does not end in .docx: the overview is a Word document (and a .csv beside it)"
        )
    return path


def add_overview(commands) -> None:
    overview = commands.add_parser(
        "overview", help="the toezeggingenoverzicht for the Kamer: a DOCX table in the house style, and CSV"
    )
    overview.add_argument("--kamer", choices=("TK", "EK"), help="only toezeggingen to this Kamer")
    overview.add_argument(
        "--by", metavar="ID", help="only toezeggingen of this bewindspersoon (an id in organisation.yaml)"
    )
    overview.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the stand van zaken on this day (default: today)"
    )
    overview.add_argument("--open", action="store_true", help="only toezeggingen still open")
    overview.add_argument(
        "--output", "-o", type=docx_path, metavar="FILE.docx",
        help=f"the document to write (default: out/{DEFAULT_NAME}); the CSV goes beside it as FILE.csv",
    )
    overview.set_defaults(run=run_overview)


COMMANDS = {"overview": add_overview}


def run_overview(project, args, report: Report) -> None:
    import datetime as dt

    from ..coverage import coverage_rows
    from ..overview import as_csv, as_docx, build_overview
    from ..freshness import build_reads
    from ..version import source_stamp

    as_of = args.as_of or dt.date.today()
    repository, briefs, problems = _inputs(project, args.by)
    if repository is None or problems:
        report.problems(problems)
        report.bad_input()
        return
    overview = build_overview(
        coverage_rows(repository, briefs, as_of), repository.bewindspersonen, repository.organisation.name,
        as_of, kamer=args.kamer, by=args.by, open_only=args.open,
    )
    # As `brief status -o`, a path given is taken from where the command runs.
    target = args.output or project.out_dir / DEFAULT_NAME
    docx = as_docx(overview, project.reference_docx, source_stamp(project.root, build_reads(project.root)).label)
    if _written(project, target, docx, as_csv(overview), report):
        print(f"{len(overview.entries)} toezegging(en): {_counted(overview)}")


def _inputs(project, by: str | None):
    """The repository and the briefs, and every error that stops the overview (sorted)."""
    from ..codes import finding
    from ..coverage import unknown_bewindspersoon
    from ..diagnostics import Location, has_errors
    from ..pipeline import LoadOptions, load_briefs, load_repository

    repository, problems = load_repository(project, options=LoadOptions(freeze_loaded=True))
    briefs, found = load_briefs(project)
    problems += found
    if repository is not None:
        problems += unknown_bewindspersoon(project, repository, by or None)
    if not project.reference_docx.is_file():
        shown = project.shown(project.reference_docx)
        message = f"missing {shown}: run 'make reference' to generate it"
        problems.append(finding(Location(shown), message, "missing-file"))
    return repository, briefs, sorted(problems) if has_errors(problems) else []


def _written(project, target: Path, docx: bytes, csv: str, report: Report) -> bool:
    """Both files written and said so; else the reason, located, and bad input."""
    from ..codes import finding
    from ..diagnostics import Location
    from ..overview import csv_path, write_overview

    try:
        write_overview(target, docx, csv, project.out_dir)
    except FileNotFoundError:
        where, problem = target, f"cannot write: there is no directory '{target.parent}'"
    except IsADirectoryError as exc:  # the CSV's name may be the one taken
        where, problem = Path(exc.filename or target), f"cannot write: {exc.strerror}"
    except OSError as exc:
        where, problem = target, f"cannot write: {exc.strerror}"
    else:
        for path in (target, csv_path(target)):
            print(f"wrote {project.shown(path.absolute())}")
        return True
    report.problems([finding(Location(project.shown(where.absolute())), problem, "write")])
    report.bad_input()
    return False


def _counted(overview) -> str:
    """'3 openstaand, 9 afgedaan of vervallen', as the headings group them."""
    from ..overview import OPEN_HEADING

    still_open = sum(len(t.entries) for t in overview.tables if t.heading == OPEN_HEADING)
    return f"{still_open} openstaand, {len(overview.entries) - still_open} afgedaan of vervallen"
