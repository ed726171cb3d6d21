"""``brief completion bash|zsh``: the shell completion script, generated from the parser itself.

shtab writes it from the same ``argparse`` parser the command runs with, so a new
command or option completes without anyone editing a script. A brief completes as
its file (``briefs/x.md``), which every command takes as readily as its name.
"""

from __future__ import annotations

import sys

from .report import Report

SHELLS = ("bash", "zsh")


def add_completion(commands) -> None:
    completion = commands.add_parser("completion", help="print the shell completion script for bash or zsh")
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    completion.set_defaults(run=run_completion, needs_repository=False)


COMMANDS = {"completion": add_completion}


def run_completion(project, args, report: Report) -> None:
    import shtab

    from . import build_parser

    parser = build_parser()
    _complete_briefs_as_files(parser, shtab)
    sys.stdout.write(shtab.complete(parser, shell=args.shell))


def _complete_briefs_as_files(parser, shtab) -> None:
    """Positional NAME arguments and FILE arguments complete as paths."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                for argument in command._actions:
                    if argument.metavar in ("NAME", "FILE", "FILE.json", "FILE.docx") and not argument.option_strings:
                        argument.complete = shtab.FILE
