"""``brief textconv``: a built DOCX as plain text, for git's diff driver."""

from __future__ import annotations

import sys
from pathlib import Path

from .report import Report


def add_textconv(commands) -> None:
    textconv = commands.add_parser("textconv", help="a built DOCX as plain text, for git diff (a textconv driver)")
    textconv.add_argument("docx", type=Path, metavar="FILE.docx")
    textconv.set_defaults(run=run_textconv)


COMMANDS = {"textconv": add_textconv}


def run_textconv(project, args, report: Report) -> None:
    from ..textconv import docx_file_text

    text, problems = docx_file_text(args.docx, str(args.docx))
    if problems:
        report.problems(problems)
    if text is None:
        report.bad_input()
        return
    sys.stdout.write(text)
