"""The ``brief`` command: its parser, built from the command modules, and :func:`main`.

A command module holds the commands of one kind, each as a function that adds its parser
(``COMMANDS``) and one that runs it on a :class:`~.report.Report`. How a run ends when the
input is not to blame is decided here: arguments that are not UTF-8 are a usage error;
Ctrl-C or SIGTERM stops the run with one line and exit 128 plus the signal's number, after
every temporary file is removed; a bug of ours is one line and a saved traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import build, completion, edits, history, new, overview, preview, reconcile, redline, report, status, textconv, woo
from .arguments import first_not_utf8
from .help import CommandParser, apply_help
from .report import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL_ERROR, EXIT_OK, Report
from .signals import signal_of, stop_signals_raised

__all__ = ["main", "EXIT_OK", "EXIT_FINDINGS", "EXIT_BAD_INPUT", "EXIT_INTERNAL_ERROR"]

_ADDERS = {
    **build.COMMANDS, **status.COMMANDS, **overview.COMMANDS, **edits.COMMANDS, **history.COMMANDS,
    **reconcile.COMMANDS, **textconv.COMMANDS, **new.COMMANDS, **completion.COMMANDS, **redline.COMMANDS,
    **woo.COMMANDS, **preview.COMMANDS,
}
# The order `brief --help` lists them in.
ORDER = (
    "new", "build", "check", "preview", "status", "overview", "fmt", "add", "set", "link", "diff", "log", "import", "import-vragen",
    "export", "reconcile", "textconv", "redline", "woo", "completion",
)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    with stop_signals_raised():
        try:
            return _run(arguments)
        except KeyboardInterrupt as stop:  # also when it came while a bug was being reported
            return report.ended_by_signal(signal_of(stop))


def _run(arguments: list[str]) -> int:
    undecodable = first_not_utf8(arguments)
    if undecodable is not None:
        return report.refused_argument(*undecodable)
    parser = build_parser()
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        return report.no_command(parser)
    from ..pipeline import Project
    from ..project import find_root

    outcome = Report()
    root = args.root.resolve() if args.root is not None else find_root(Path.cwd())
    if root is None and getattr(args, "needs_repository", True):
        return report.outside_repository(Path.cwd())
    try:
        args.run(Project(root or Path.cwd()), args, outcome)
    except BrokenPipeError:  # `brief log X | head` closed the pipe: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 -- the last line of defence, as Sphinx does it
        return report.ended_by_bug(exc, arguments)
    return outcome.return_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brief", description="Build Kamerbrieven from YAML data and Markdown briefs.")
    parser.add_argument(
        "--root", type=Path, default=None,
        help="repository root (default: the nearest folder, from here up, with data/ and briefs/)",
    )
    parser.add_argument("--version", action=_Version, help="print the version of brief and of the pandoc it uses, and exit")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=CommandParser)
    for name in ORDER:
        _ADDERS[name](commands)
    apply_help(commands)
    return parser


class _Version(argparse.Action):
    """``--version``: brief's own version, and pandoc's, asked only when wanted (it costs a run)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        import platform

        from .. import __version__

        try:
            import pypandoc

            pandoc = f"pandoc {pypandoc.get_pandoc_version()}"
        except (ImportError, OSError, RuntimeError):
            pandoc = "pandoc not found"
        print(f"brief {__version__} (Python {platform.python_version()}, {pandoc})")
        parser.exit(EXIT_OK)
