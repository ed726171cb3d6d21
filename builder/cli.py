"""The ``brief`` command: a thin layer over :mod:`builder.pipeline`.

It also decides how a run ends when it is not the input's fault: arguments that are not
UTF-8 are a usage error; Ctrl-C or SIGTERM stops the run with one line and exit 128 plus
the signal's number, after every temporary file is removed; a bug of ours is one line and
a saved traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import Diagnostic, has_errors, printable, save_traceback

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERNAL_ERROR = 70  # sysexits' EX_SOFTWARE: a bug of ours, not the user's input
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    with _stop_signals_raised():
        try:
            return _run(arguments)
        except KeyboardInterrupt as stop:  # also when it came while a bug was being reported
            return _stopped(stop)


def _run(arguments: list[str]) -> int:
    undecodable = _first_not_utf8(arguments)
    if undecodable is not None:
        position, argument = undecodable
        _say(f"error: argument {position} is not valid UTF-8: '{_escaped(argument)}'")
        return EXIT_BAD_INPUT
    parser = _parser()
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_BAD_INPUT
    from .pipeline import Project

    try:
        return args.run(Project(args.root.resolve()), args)
    except BrokenPipeError:  # `brief log X | head` closed the pipe: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 -- the last line of defence, as Sphinx does it
        return _internal_error(exc, arguments)


# --- arguments that are not text ----------------------------------------------------------


def _first_not_utf8(arguments: list[str]) -> tuple[int, str] | None:
    """The 1-based position and text of the first argument that is not valid UTF-8.

    Python hands such bytes over as lone surrogates (surrogateescape); written into a
    data file or a message they would fail far from here, so they are refused at the door.
    """
    for position, argument in enumerate(arguments, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            return position, argument
    return None


def _escaped(argument: str) -> str:
    """``argument`` as the bytes the shell passed, the undecodable ones as ``\\xff``."""
    try:
        raw = argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from a caller of main(), not from a shell
        raw = argument.encode("utf-8", "backslashreplace")
    return printable(raw.decode("utf-8", "backslashreplace"))


# --- how a run ends when the input is not to blame ----------------------------------------


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised where the run is, so that every cleanup on the way out
    runs (write_atomically removes its temporary file on any BaseException)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame) -> None:
    raise Stopped(signum)


_handling_signals = False  # whether a run of main() has its handlers in place (see _calm_worker)


@contextmanager
def _stop_signals_raised():
    """SIGINT and SIGTERM raise Stopped for as long as main() runs; the handlers before are
    put back after, for callers that run main() in their own process (the tests)."""
    global _handling_signals
    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield
        return
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in STOP_SIGNALS}
    _handling_signals = True
    try:
        yield
    finally:
        _handling_signals = False
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _calm_worker() -> None:
    """In a forked worker (the render pool, the load pool): leave Ctrl-C, which the terminal
    sends to every process of the group, to the parent, which stops the pool; and end without
    a word on SIGTERM, which is how the pool stops its workers. A worker raising
    KeyboardInterrupt would print a traceback of its own."""
    global _handling_signals
    if not _handling_signals:
        return
    _handling_signals = False
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except ValueError:  # signal.signal works only in the main thread; a worker without it stays as it is
        pass


os.register_at_fork(after_in_child=_calm_worker)


def _stopped(stop: KeyboardInterrupt) -> int:
    """One line for a run stopped by a signal, and the shell's exit status for it."""
    if _handling_signals:  # a second Ctrl-C must not interrupt the goodbye
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
    signum = getattr(stop, "signum", signal.SIGINT)
    _say("interrupted" if signum == signal.SIGINT else "terminated")
    return 128 + signum


def _internal_error(exc: Exception, arguments: list[str]) -> int:
    # Input problems are diagnostics; reaching here is a bug. The user gets one line and
    # the traceback goes to a file they can attach to a report.
    log = _save_traceback(arguments)
    _say(f"internal error: {type(exc).__name__}: {_message_of(exc)}")
    if log is None:
        _say("the traceback could not be saved; please report this with the command you ran")
    else:
        _say(f"the traceback is in {log}; please report it with the command you ran")
    return EXIT_INTERNAL_ERROR


def _message_of(exc: Exception) -> str:
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 -- a broken __str__ must not break the report of the bug
        return "(its message cannot be shown)"


def _save_traceback(arguments: list[str]) -> str | None:
    import shlex

    return save_traceback(shlex.join(["brief", *(_escaped(argument) for argument in arguments)]))


def _say(text: str) -> None:
    """One line on stderr from the tool itself; never raises (stderr may be closed)."""
    line = printable(text).encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates too
    try:
        print(f"brief: {line}", file=sys.stderr, flush=True)
    except Exception:  # noqa: BLE001
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brief", description="Build Kamerbrieven from YAML data and Markdown briefs.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: current directory)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = commands.add_parser("build", help="build briefs into out/NAME.docx")
    build.add_argument("names", nargs="*", metavar="NAME", help="briefs to build (default: all in briefs/)")
    build.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="render in N processes (default: 1)")
    build.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    build.set_defaults(run=_build)

    check = commands.add_parser(
        "check", help="the consistency check: references, answers, statuses, due dates, dates, unused documents"
    )
    check.add_argument("names", nargs="*", metavar="NAME", help="briefs to check (default: all, and the data as a whole)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="judge due dates on this day (default: today)")
    check.add_argument(
        "--format", choices=("text", "json", "github"), default="text",
        help="text (default); json for tools; github for inline annotations in GitHub Actions",
    )
    check.set_defaults(run=_check)

    status = commands.add_parser("status", help="coverage: every commitment and motion, and the letters that answer it")
    status.add_argument("--open", action="store_true", help="only items still open")
    status.add_argument("--overdue", action="store_true", help="only open items past their due date")
    status.add_argument("--kamer", choices=("TK", "EK"), help="only items of this Kamer")
    status.add_argument("--by", metavar="ID", help="only commitments of this bewindspersoon (an id in organisation.yaml)")
    status.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="judge due dates on this day (default: today)")
    status.add_argument("--format", choices=("table", "csv", "html"), default="table", help="table (default), csv or html")
    status.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    status.add_argument("--fail-on", choices=("overdue",), help="exit 1 when any item shown is overdue")
    status.set_defaults(run=_status)

    fmt = commands.add_parser("fmt", help="put every file in data/ in the canonical layout (comments kept)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file is not canonical")
    fmt.set_defaults(run=_fmt)

    add = commands.add_parser("add", help="add a commitment, motion or document to data/")
    add.add_argument("kind", choices=("commitment", "motion", "document"))
    add.add_argument("id", metavar="ID")
    add.add_argument("fields", nargs="*", metavar="FIELD=VALUE", help="e.g. kamer=TK made.date=2025-03-01 by=ID")
    add.set_defaults(run=_add)

    set_ = commands.add_parser("set", help="change fields of a commitment, motion or document")
    set_.add_argument("id", metavar="ID")
    set_.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help="e.g. status=voldaan due.date=2025-06-01")
    set_.set_defaults(run=_set)

    link = commands.add_parser("link", help="record that a letter answers a commitment or motion (its answers: list)")
    link.add_argument("id", metavar="ID", help="the commitment or motion")
    link.add_argument("letter", metavar="BRIEF", help="the brief's name in briefs/")
    link.set_defaults(run=_link)

    diff = commands.add_parser("diff", help="what changed in data/ between two revisions, in words, and which briefs it touches")
    diff.add_argument(
        "range", nargs="?", metavar="REV1..REV2",
        help="default: the merge base with main .. the working tree; 'REV' alone compares REV with the working tree",
    )
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown to paste into a pull request")
    diff.set_defaults(run=_diff)

    log = commands.add_parser("log", help="the history of one commitment, motion or document, from git")
    log.add_argument("id", metavar="ID")
    log.set_defaults(run=_log)

    import_ = commands.add_parser(
        "import", help="merge toezeggingen and moties from Tweede Kamer Open Data (OData JSON) into data/ by id"
    )
    import_.add_argument("files", nargs="+", type=Path, metavar="FILE.json", help="Toezegging or Zaak (Soort Motie) responses")
    import_.add_argument("--by", metavar="ID", help="bewindspersoon for new toezeggingen whose Naam matches nobody")
    import_.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    import_.set_defaults(run=_import)

    export = commands.add_parser("export", help="the commitments with the letters that answered them, as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(run=_export)

    textconv = commands.add_parser("textconv", help="a built DOCX as plain text, for git diff (a textconv driver)")
    textconv.add_argument("docx", type=Path, metavar="FILE.docx")
    textconv.set_defaults(run=_textconv)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _build(project, args) -> int:
    from .pipeline import INTERNAL, build

    result = build(project, args.names, jobs=max(1, args.jobs), force=args.force)
    _report(result.diagnostics)
    for path in result.written:
        print(f"wrote {project.shown(path)}")
    if result.up_to_date:
        print(f"up to date: {len(result.up_to_date)} brief(s) (nothing they are built from changed)")
    if any(diagnostic.code == INTERNAL for diagnostic in result.diagnostics):
        return EXIT_INTERNAL_ERROR
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def _check(project, args) -> int:
    from .pipeline import check

    diagnostics = check(project, args.names, as_of=args.as_of)
    if args.format == "json":
        print(json.dumps([_as_json(d) for d in diagnostics], ensure_ascii=False, indent=2))
    elif args.format == "github":
        for diagnostic in diagnostics:
            print(_as_github(diagnostic))
    else:
        _report(diagnostics)
    failed = has_errors(diagnostics) or (args.strict and bool(diagnostics))
    return EXIT_FINDINGS if failed else EXIT_OK


def _as_json(diagnostic: Diagnostic) -> dict:
    location = diagnostic.location
    return {
        "path": location.path, "line": location.line, "column": location.col,
        "severity": diagnostic.severity, "code": diagnostic.code, "message": diagnostic.message,
    }


def _as_github(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command, which the run turns into an annotation on the line."""
    def escape(text: str, properties: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if properties else text

    location = diagnostic.location
    title = escape(f"brief check [{diagnostic.code}]", properties=True)
    return (
        f"::{diagnostic.severity} file={escape(location.path, True)},line={location.line},col={location.col},"
        f"title={title}::{escape(diagnostic.message)}"
    )



def _status(project, args) -> int:
    from .coverage import as_csv, as_html, as_table, select
    from .diagnostics import Location, error, unknown
    from .pipeline import status

    as_of = args.as_of or dt.date.today()
    repository, rows, diagnostics = status(project, as_of)
    if repository is not None and args.by and args.by not in repository.bewindspersonen:
        # The ids --by takes are the ones organisation.yaml defines: point there.
        where = Location(project.shown(project.data_dir / "organisation.yaml"))
        diagnostics = [*diagnostics, error(where, f"--by: {unknown('bewindspersoon', args.by, repository.bewindspersonen)}", "unknown-id")]
    if repository is None or has_errors(diagnostics):
        _report(diagnostics)
        return EXIT_BAD_INPUT
    rows = select(rows, open_only=args.open, overdue_only=args.overdue, kamer=args.kamer, by=args.by)
    if args.format == "csv":
        text = as_csv(rows)
    elif args.format == "html":
        title = f"Toezeggingen en moties — {repository.organisation.ministry}"
        text = as_html(rows, project.root / "templates", as_of, title)
    else:
        text = as_table(rows)
    if not _emit(text, args.output, project):
        return EXIT_BAD_INPUT
    if args.fail_on == "overdue" and any("overdue" in row.flags for row in rows):
        return EXIT_FINDINGS
    return EXIT_OK


def _fmt(project, args) -> int:
    from .edit import format_data, locked, not_canonical_findings

    if args.check:
        edits, problems = format_data(project)
        findings = problems if has_errors(problems) else not_canonical_findings(project, edits)
        if findings:
            _report(findings)
        return EXIT_BAD_INPUT if has_errors(problems) else EXIT_FINDINGS if findings else EXIT_OK
    edits, problems = locked(project, lambda: format_data(project, strict=True))
    if has_errors(problems):
        _report(problems)
        return EXIT_BAD_INPUT
    for edit in edits:
        print(f"reformatted {project.shown(edit.path)}")
    return EXIT_OK


def _add(project, args) -> int:
    from .edit import add_record

    return _apply(project, lambda: add_record(project, args.kind, args.id, args.fields))


def _set(project, args) -> int:
    from .edit import set_fields

    return _apply(project, lambda: set_fields(project, args.id, args.fields))


def _link(project, args) -> int:
    from .edit import link_letter

    return _apply(project, lambda: link_letter(project, args.id, args.letter))


def _apply(project, compute) -> int:
    """Make one validated edit under the repository lock and say what it changed."""
    from .edit import locked

    def one_edit():
        edit, problems = compute()
        return ([] if edit is None else [edit]), problems

    edits, problems = locked(project, one_edit)
    if not edits or has_errors(problems):
        _report(problems)
        return EXIT_BAD_INPUT
    for line in edits[0].summary:
        print(f"{project.shown(edits[0].path)}: {line}")
    return EXIT_OK


def _diff(project, args) -> int:
    from .history import as_markdown, as_text, diff

    result, problems = diff(project, args.range)
    if problems:
        _report(problems)
    if result is None:
        return EXIT_BAD_INPUT
    render = as_markdown if args.format == "markdown" else as_text
    sys.stdout.write(render(result.changes, result.affected, result.before, result.after))
    return EXIT_OK


def _log(project, args) -> int:
    from .history import log, log_as_text

    events, problems = log(project, args.id)
    if problems:
        _report(problems)
    if not events:
        return EXIT_BAD_INPUT
    sys.stdout.write(log_as_text(args.id, events))
    return EXIT_OK


def _import(project, args) -> int:
    from .edit import import_records, locked

    compute = lambda: import_records(project, args.files, args.by)  # noqa: E731
    edits, problems = locked(project, compute, write=not args.dry_run)
    if problems:
        _report(problems)
    if has_errors(problems):
        return EXIT_BAD_INPUT
    for edit in edits:
        for line in edit.summary:
            print(f"{project.shown(edit.path)}: {line}")
    if not any(edit.summary for edit in edits):
        print("nothing to change: data/ already has what the registry says")
    return EXIT_OK


def _export(project, args) -> int:
    from .opendata import as_csv, as_json, export_commitments
    from .pipeline import load_briefs, load_repository

    repository, problems = load_repository(project)
    briefs, found = load_briefs(project)
    problems += found
    if repository is None or has_errors(problems):
        _report(problems)
        return EXIT_BAD_INPUT
    rows = export_commitments(repository, briefs)
    text = as_csv(rows) if args.format == "csv" else as_json(rows)
    return EXIT_OK if _emit(text, args.output, project) else EXIT_BAD_INPUT


def _emit(text: str, output: Path | None, project) -> bool:
    """Print ``text``, or write it atomically to ``output``; False when that fails."""
    from .diagnostics import Location, error
    from .write import write_output

    if output is None:
        sys.stdout.write(text)
        return True
    try:
        write_output(output, text.encode("utf-8"), project.out_dir)
    except FileNotFoundError:
        _report([error(Location(str(output)), f"cannot write: there is no directory '{output.parent}'", "write")])
        return False
    except OSError as exc:
        _report([error(Location(str(output)), f"cannot write: {exc.strerror}", "write")])
        return False
    print(f"wrote {output}")
    return True


def _textconv(project, args) -> int:
    from .textconv import docx_file_text

    text, problems = docx_file_text(args.docx, str(args.docx))
    if problems:
        _report(problems)
    if text is None:
        return EXIT_BAD_INPUT
    sys.stdout.write(text)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
