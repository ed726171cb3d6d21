"""``brief build`` and ``brief check``: the pipeline's two runs over the briefs."""

from __future__ import annotations

import argparse
import sys

from ..codes import codes_help
from ..diagnostics import has_errors
from .arguments import brief_names, iso_date
from .progress import build_progress
from .report import Report


def add_build(commands) -> None:
    build = commands.add_parser("build", help="build briefs into out/NAME.docx")
    build.add_argument("names", nargs="*", metavar="NAME", help="briefs to build, by name or path (default: all in briefs/)")
    build.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="render in N processes (default: 1)")
    build.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    build.add_argument("--pdf", action="store_true", help="also write out/NAME.pdf (PDF/A-2b) beside each document, with LibreOffice")
    build.set_defaults(run=run_build)


def add_check(commands) -> None:
    check = commands.add_parser(
        "check", help="the consistency check: references, answers, statuses, due dates, dates, unused documents",
        epilog=codes_help(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("names", nargs="*", metavar="NAME", help="briefs to check, by name or path (default: all, and the data as a whole)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="judge due dates on this day (default: today)")
    check.add_argument(
        "--format", choices=("text", "json", "github"), default="text",
        help="text (default); json for tools; github for inline annotations in GitHub Actions",
    )
    check.add_argument(
        "--woo", action="store_true",
        help="also propose personal names in the bodies for redaction before publication under the Woo (woo-name)",
    )
    check.set_defaults(run=run_check)


COMMANDS = {"build": add_build, "check": add_check}


def run_build(project, args, report: Report) -> None:
    from ..pipeline import INTERNAL, LoadOptions, build

    # The command owns its process: the loaded records may be frozen out of the collector's sight.
    options = LoadOptions(freeze_loaded=True)
    progress = build_progress(project.shown)
    try:
        names = brief_names(project, args.names)
        result = build(project, names, jobs=max(1, args.jobs), force=args.force, options=options, progress=progress)
    finally:
        progress.close()
    diagnostics = list(result.diagnostics)
    if args.pdf:
        from ..pdf import built_documents_wanting_pdfs, pdfs_beside

        documents = built_documents_wanting_pdfs(project, result.written, result.up_to_date)
        converted = pdfs_beside(documents, {document: project.shown(document) for document in documents})
        for path in converted.written:
            print(f"wrote {project.shown(path)}")
        diagnostics += converted.diagnostics
    report.problems(diagnostics)
    if result.up_to_date:
        print(f"up to date: {len(result.up_to_date)} brief(s) (nothing they are built from changed)")
    if any(diagnostic.code == INTERNAL for diagnostic in diagnostics):
        report.internal_error()
    elif has_errors(diagnostics):
        report.bad_input()


def run_check(project, args, report: Report) -> None:
    from ..pipeline import LoadOptions, check

    names = brief_names(project, args.names)
    diagnostics = check(project, names, as_of=args.as_of, options=LoadOptions(freeze_loaded=True))
    if args.woo:
        from ..woo.names import check_names, needs_preparing

        if needs_preparing():
            print("note: deduce prepares its Dutch name lists, once per installation (about 90 s)", file=sys.stderr)
        diagnostics = sorted(diagnostics + check_names(project, names))
    if args.format == "json":
        report.problems_as_json(diagnostics)
    elif args.format == "github":
        report.problems_for_github(diagnostics)
    else:
        report.problems(diagnostics)
    if has_errors(diagnostics) or (args.strict and bool(diagnostics)):
        report.findings()
