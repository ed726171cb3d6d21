"""``brief redline``: a brief's document with the changes between two revisions tracked, for Word."""

from __future__ import annotations

from .arguments import brief_names
from .report import Report


def add_redline(commands) -> None:
    redline = commands.add_parser(
        "redline", help="out/NAME-redline-REV1-REV2.docx: the brief as built at REV2, every change since REV1 tracked",
    )
    redline.add_argument("name", metavar="NAME", help="the brief, by name or path")
    redline.add_argument("rev1", metavar="REV1", help="the earlier revision (a commit, branch or tag)")
    redline.add_argument("rev2", metavar="REV2", nargs="?", help="the later revision (default: the working tree)")
    redline.set_defaults(run=run_redline)


COMMANDS = {"redline": add_redline}


def run_redline(project, args, report: Report) -> None:
    from ..redline import redline

    (name,) = brief_names(project, [args.name])
    result, problems = redline(project, name, args.rev1, args.rev2)
    if problems:
        report.problems(problems)
    if result is None:
        report.bad_input()
        return
    where = ", ".join(f"{count} in the {place}" for place, count in result.changed.items()) or "none"
    print(f"wrote {project.shown(result.path)}")
    print(f"paragraphs changed from {result.before} to {result.after}: {where}; by {result.by.author}, {result.by.date:%Y-%m-%d %H:%M} UTC")
