"""How a run of ``brief`` ends: its exit status, and the formats its findings are printed in.

Exit statuses: 0 ok, 1 findings (``check``, ``fmt --check``, ``status --fail-on``), 2 bad
input or usage, 70 a bug of ours, 128 plus the signal's number when SIGINT or SIGTERM
stopped the run. A command says what happened to its :class:`Report`; the report turns
that into the status, so that no command spells a number.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Iterable

from ..codes import finding
from ..diagnostics import Diagnostic, Location, printable, save_traceback

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERNAL_ERROR = 70  # sysexits' EX_SOFTWARE: a bug of ours, not the user's input


class Report:
    """What one command found and printed, and the exit status that follows from it.

    Of several outcomes the gravest decides: a bug over bad input over findings.
    """

    def __init__(self) -> None:
        self.return_code = EXIT_OK

    def findings(self) -> None:
        """The input is readable and something in it is to be fixed."""
        self.return_code = max(self.return_code, EXIT_FINDINGS)

    def bad_input(self) -> None:
        """The command could not do what it was asked, because of its input."""
        self.return_code = max(self.return_code, EXIT_BAD_INPUT)

    def internal_error(self) -> None:
        """A bug of ours, already said in a diagnostic."""
        self.return_code = max(self.return_code, EXIT_INTERNAL_ERROR)

    # --- the formats ----------------------------------------------------------------------

    def problems(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Diagnostics as text on stderr, one a line, then the summary line."""
        diagnostics = list(diagnostics)
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        errors = sum(d.severity == "error" for d in diagnostics)
        print(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", file=sys.stderr)

    def problems_as_json(self, diagnostics: Iterable[Diagnostic]) -> None:
        print(json.dumps([_as_json(d) for d in diagnostics], ensure_ascii=False, indent=2))

    def problems_for_github(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            print(_as_github(diagnostic))

    def emit(self, text: str, output: Path | None, project) -> bool:
        """Print ``text``, or write it atomically to ``output``; when that fails, say so,
        count it as bad input and return False."""
        from ..write import write_output

        if output is None:
            sys.stdout.write(text)
            return True
        try:
            write_output(output, text.encode("utf-8"), project.out_dir)
        except FileNotFoundError:
            problem = finding(Location(str(output)), f"cannot write: there is no directory '{output.parent}'", "write")
        except OSError as exc:
            problem = finding(Location(str(output)), f"cannot write: {exc.strerror}", "write")
        else:
            print(f"wrote {output}")
            return True
        self.problems([problem])
        self.bad_input()
        return False


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


# --- runs that end before a command could report ------------------------------------------


def refused_argument(position: int, argument: str) -> int:
    # Python hands undecodable bytes over as lone surrogates; written into a data file or
    # a message they would fail far from here, so they are refused at the door.
    say(f"error: argument {position} is not valid UTF-8: '{escaped(argument)}'")
    return EXIT_BAD_INPUT


def outside_repository(cwd: Path) -> int:
    message = "not in a Briefbouwer repository: no folder from here up holds data/ and briefs/; run brief there, or give --root"
    Report().problems([finding(Location(str(cwd)), message, "no-repository")])
    return EXIT_BAD_INPUT


def no_command(parser) -> int:
    parser.print_help()
    return EXIT_BAD_INPUT


def ended_by_signal(signum: int) -> int:
    """One line for a run stopped by a signal, and the shell's exit status for it."""
    say("interrupted" if signum == signal.SIGINT else "terminated")
    return 128 + signum


def ended_by_bug(exc: Exception, arguments: list[str]) -> int:
    # Input problems are diagnostics; reaching here is a bug. The user gets one line and
    # the traceback goes to a file they can attach to a report.
    log = _save_traceback(arguments)
    say(f"internal error: {type(exc).__name__}: {_message_of(exc)}")
    if log is None:
        say("the traceback could not be saved; please report this with the command you ran")
    else:
        say(f"the traceback is in {log}; please report it with the command you ran")
    return EXIT_INTERNAL_ERROR


def _message_of(exc: Exception) -> str:
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 -- a broken __str__ must not break the report of the bug
        return "(its message cannot be shown)"


def _save_traceback(arguments: list[str]) -> str | None:
    import shlex

    return save_traceback(shlex.join(["brief", *(escaped(argument) for argument in arguments)]))


def escaped(argument: str) -> str:
    """``argument`` as the bytes the shell passed, the undecodable ones as ``\\xff``."""
    try:
        raw = argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from a caller of main(), not from a shell
        raw = argument.encode("utf-8", "backslashreplace")
    return printable(raw.decode("utf-8", "backslashreplace"))


def say(text: str) -> None:
    """One line on stderr from the tool itself; never raises (stderr may be closed)."""
    line = printable(text).encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates too
    try:
        print(f"brief: {line}", file=sys.stderr, flush=True)
    except Exception:  # noqa: BLE001
        pass
