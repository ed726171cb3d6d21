"""``brief woo``: the Woo version of a nota for publication, with its inventory and metadata."""

from __future__ import annotations

from .arguments import brief_names
from .report import Report


def add_woo(commands) -> None:
    woo = commands.add_parser(
        "woo", help="the Woo version of nota's: out/woo/NAME.pdf and .docx, redacted, with inventory and DiWoo metadata",
    )
    woo.add_argument(
        "names", nargs="*", metavar="NAME",
        help="briefs to publish, by name or path (default: every nota marked actief_openbaar)",
    )
    woo.set_defaults(run=run_woo)


COMMANDS = {"woo": add_woo}


def run_woo(project, args, report: Report) -> None:
    from ..loading import LoadOptions
    from ..rendering import INTERNAL
    from ..woo.publish import publish

    result = publish(project, brief_names(project, args.names), options=LoadOptions(freeze_loaded=True))
    report.problems(result.diagnostics)
    for path in result.written:
        print(f"wrote {project.shown(path)}")
    if any(diagnostic.code == INTERNAL for diagnostic in result.diagnostics):
        report.internal_error()
    elif not result.ok:
        report.bad_input()
