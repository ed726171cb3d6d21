"""``brief fmt``, ``add``, ``set``, ``link``, ``import`` and ``import-vragen``: the commands that change data/ or briefs/."""

from __future__ import annotations

from pathlib import Path

from .report import Report


def add_fmt(commands) -> None:
    fmt = commands.add_parser("fmt", help="put every file in data/ in the canonical layout (comments kept)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file is not canonical")
    fmt.set_defaults(run=run_fmt)


def add_add(commands) -> None:
    add = commands.add_parser("add", help="add a commitment, motion or document to data/")
    add.add_argument("kind", choices=("commitment", "motion", "document"))
    add.add_argument("id", metavar="ID")
    add.add_argument("fields", nargs="*", metavar="FIELD=VALUE", help="e.g. kamer=TK made.date=2025-03-01 by=ID")
    add.set_defaults(run=run_add)


def add_set(commands) -> None:
    set_ = commands.add_parser("set", help="change fields of a commitment, motion or document")
    set_.add_argument("id", metavar="ID")
    set_.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help="e.g. status=voldaan due.date=2025-06-01")
    set_.set_defaults(run=run_set)


def add_link(commands) -> None:
    link = commands.add_parser("link", help="record that a letter answers a commitment or motion (its answers: list)")
    link.add_argument("id", metavar="ID", help="the commitment or motion")
    link.add_argument("letter", metavar="BRIEF", help="the brief's name in briefs/")
    link.set_defaults(run=run_link)


def add_import(commands) -> None:
    import_ = commands.add_parser(
        "import",
        help="merge toezeggingen, moties and schriftelijke vragen from Tweede Kamer Open Data (OData JSON) into data/ by id",
    )
    import_.add_argument(
        "files", nargs="+", type=Path, metavar="FILE.json",
        help="Toezegging, or Zaak (Soort Motie or Schriftelijke vragen) responses",
    )
    import_.add_argument("--by", metavar="ID", help="bewindspersoon for new toezeggingen whose Naam matches nobody")
    import_.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    import_.set_defaults(run=run_import)


def add_import_vragen(commands) -> None:
    import_vragen = commands.add_parser(
        "import-vragen", help="read Kamervragen's published text (DOCX, or text copied from the Kamer's site) into data/kamervragen/"
    )
    import_vragen.add_argument("file", type=Path, metavar="FILE", help="the questions as published: FILE.docx, or plain text")
    import_vragen.add_argument(
        "--aan", metavar="ID", action="append",
        help="a bewindspersoon the questions ask, when the role the text names is not one person's (repeatable)",
    )
    import_vragen.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    import_vragen.set_defaults(run=run_import_vragen)


COMMANDS = {
    "fmt": add_fmt, "add": add_add, "set": add_set, "link": add_link, "import": add_import,
    "import-vragen": add_import_vragen,
}


def run_fmt(project, args, report: Report) -> None:
    from ..diagnostics import has_errors
    from ..edit import format_data, locked, not_canonical_findings

    if args.check:
        edits, problems = format_data(project)
        findings = problems if has_errors(problems) else not_canonical_findings(project, edits)
        if findings:
            report.problems(findings)
        if has_errors(problems):
            report.bad_input()
        elif findings:
            report.findings()
        return
    edits, problems = locked(project, lambda: format_data(project, strict=True))
    if has_errors(problems):
        report.problems(problems)
        report.bad_input()
        return
    for edit in edits:
        print(f"reformatted {project.shown(edit.path)}")


def run_add(project, args, report: Report) -> None:
    from ..edit import add_record

    _apply(project, report, lambda: add_record(project, args.kind, args.id, args.fields))


def run_set(project, args, report: Report) -> None:
    from ..edit import set_fields

    _apply(project, report, lambda: set_fields(project, args.id, args.fields))


def run_link(project, args, report: Report) -> None:
    from ..edit import link_letter

    _apply(project, report, lambda: link_letter(project, args.id, args.letter))


def _apply(project, report: Report, compute) -> None:
    """Make one validated edit under the repository lock and say what it changed."""
    from ..diagnostics import has_errors
    from ..edit import locked

    def one_edit():
        edit, problems = compute()
        return ([] if edit is None else [edit]), problems

    edits, problems = locked(project, one_edit)
    if not edits or has_errors(problems):
        report.problems(problems)
        report.bad_input()
        return
    for line in edits[0].summary:
        print(f"{project.shown(edits[0].path)}: {line}")


def run_import(project, args, report: Report) -> None:
    from ..importing import import_records

    edits = _imported(project, args, report, lambda: import_records(project, args.files, args.by))
    if edits is None:
        return
    for edit in edits:
        for line in edit.summary:
            print(_change_line(project.shown(edit.path), line, args.dry_run))
    if not any(edit.summary for edit in edits):
        print("nothing to change: data/ already has what the registry says")
    _end_of_dry_run(edits, args.dry_run)


def _change_line(shown: str, line: str, dry_run: bool) -> str:
    """One change an edit makes, or, in a dry run, would make: the two must not read alike."""
    return f"would change {shown}: {line}" if dry_run else f"{shown}: {line}"


def _end_of_dry_run(edits, dry_run: bool) -> None:
    if dry_run and any(edit.summary for edit in edits):
        changed = sum(1 for edit in edits if edit.summary)
        print(f"dry run: nothing written; {changed} file(s) would change")


def run_import_vragen(project, args, report: Report) -> None:
    import difflib

    from ..importing import import_vragen

    edits = _imported(project, args, report, lambda: import_vragen(project, args.file, args.aan))
    if edits is None:
        return
    for edit in edits:
        shown = project.shown(edit.path)
        for line in edit.summary:
            print(_change_line(shown, line, args.dry_run))
        if edit.before and edit.changed:  # an existing set: what changed in it, line by line
            diff = difflib.unified_diff(
                edit.before.splitlines(keepends=True), edit.after.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
            )
            print("".join(diff), end="")
    if not any(edit.summary for edit in edits):
        print("nothing to change: data/ already has these questions")
    _end_of_dry_run(edits, args.dry_run)


def _imported(project, args, report: Report, compute):
    """An import's edits, computed and (unless a dry run) written under the lock; None, with the
    problems reported, when the input cannot be imported."""
    from ..diagnostics import has_errors
    from ..edit import locked

    edits, problems = locked(project, _making_folders(compute, not args.dry_run), write=not args.dry_run)
    if problems:
        report.problems(problems)
    if has_errors(problems):
        report.bad_input()
        return None
    return edits


def _making_folders(compute, write: bool):
    """``compute``, then the folder a new file goes in (data/kamervragen/), made under the lock,
    only when the edits will be written."""
    from ..diagnostics import has_errors

    def computed():
        edits, problems = compute()
        if write and not has_errors(problems):
            for edit in edits:
                if edit.changed:
                    edit.path.parent.mkdir(exist_ok=True)
        return edits, problems

    return computed
