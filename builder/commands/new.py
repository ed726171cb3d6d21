"""``brief new TYPE NAME``: start a brief of a type, its front matter filled in."""

from __future__ import annotations

from .report import Report


def add_new(commands) -> None:
    from ..doctypes import document_types

    new = commands.add_parser(
        "new", help="start a brief: briefs/NAME.md with its type's front matter and a body to write in",
        description=(
            "Write briefs/NAME.md for a new document of TYPE: today's date, the signatory in office, "
            "status: concept, and a body to write in (a nota's four sections, a section per question "
            "of an overleg or a set of Kamervragen). An existing brief is never overwritten."
        ),
    )
    new.add_argument("type", choices=sorted(document_types()), metavar="TYPE", help="one of: " + ", ".join(sorted(document_types())))
    new.add_argument("name", metavar="NAME", help="the brief's name: briefs/NAME.md, out/NAME.docx")
    new.add_argument(
        "--over", metavar="ID",
        help="the overleg or set of Kamervragen it answers (so-beantwoording, kamervragen-*; default: the newest)",
    )
    new.set_defaults(run=run_new)


COMMANDS = {"new": add_new}


def run_new(project, args, report: Report) -> None:
    from ..diagnostics import has_errors
    from ..pipeline import LoadOptions, load_repository
    from ..scaffold import new_brief

    repository, problems = load_repository(project, options=LoadOptions(freeze_loaded=True))
    if repository is None or has_errors(problems):
        report.problems(problems)
        report.bad_input()
        return
    created, problems = new_brief(project, repository, args.type, args.name, args.over)
    if created is None:
        report.problems(problems)
        report.bad_input()
        return
    about = f" (answering {created.about})" if created.about and args.over is None else ""
    print(f"wrote {project.shown(created.path)}{about}")
