"""``brief new TYPE NAME``: start a brief of a type, its front matter filled in."""

from __future__ import annotations

from .report import Report


class _TypeNames:
    """The document types' names, looked up when first asked (a TYPE to check, help or
    completion to print): the parser is built on every run of brief, and importing the
    document types would add some 65 ms to each, `brief --version` and git's textconv included."""

    def _names(self) -> list[str]:
        from ..doctypes import document_types

        return sorted(document_types())

    def __contains__(self, value: object) -> bool:
        return value in self._names()

    def __iter__(self):
        return iter(self._names())


def add_new(commands) -> None:
    new = commands.add_parser(
        "new", help="start a brief: briefs/NAME.md with its type's front matter and a body to write in",
    )
    new.add_argument("type", choices=_TypeNames(), metavar="TYPE", help="one of: %(choices)s")
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
