"""Each command's help: one sentence on what it does, examples, and its exit codes.

One table (``HELP``), as the rules have theirs, so that every command's ``--help`` reads
alike and the exit codes stay those of :mod:`.report`; ``build_parser`` applies it to
every subcommand, and a test holds every command to having an entry.
"""

from __future__ import annotations

import argparse
import dataclasses
import typing
from dataclasses import dataclass
from typing import Callable

from .report import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL_ERROR, EXIT_OK


@dataclass(frozen=True)
class CommandHelp:
    sentence: str  # what the command does, as one sentence
    examples: tuple[str, ...]  # command lines, each as a user types it
    findings: str | None = None  # when it exits 1; None: it never does
    usage_only: bool = False  # bad input is a finding (exit 1): exit 2 is for a wrong argument only
    details: Callable[[], str] | None = None  # more the help shows, made when it is shown


HELP: dict[str, CommandHelp] = {
    "new": CommandHelp(
        "Start a brief: write briefs/NAME.md with its type's front matter filled in and a body to write in, never over an existing brief.",
        ("brief new kamerbrief voortgang-racisme", "brief new so-beantwoording antwoord-so --over ek-35741-per-racisme"),
    ),
    "build": CommandHelp(
        "Build briefs into out/NAME.docx (and a type's further documents), skipping what is up to date; a brief with errors is not written.",
        ("brief build", "brief build briefs/voortgang-aanpak-racisme.md --force", "brief build --jobs 4", "brief build --pdf"),
    ),
    "check": CommandHelp(
        "Check the data and the briefs: references, answers, statuses, due dates, dates; every problem located, none written.",
        ("brief check", "brief check voortgang-aanpak-racisme --strict", "brief check --format github", "brief check --woo"),
        "errors were found (with --strict: warnings too)",
        usage_only=True,
    ),
    "preview": CommandHelp(
        "Serve the brief as a page in the house style on 127.0.0.1, updated on every save of the brief or of data/, with the check's findings at their place; the DOCX is rebuilt behind it.",
        ("brief preview voortgang-aanpak-racisme", "brief preview briefs/voortgang-aanpak-racisme.md --port 8765 --no-browser"),
    ),
    "status": CommandHelp(
        "Show every commitment, motion and set of Kamervragen with the letters that answer it, as a table, CSV, JSON or an HTML dashboard.",
        ("brief status --open", "brief status --format html -o out/status.html", "brief status --overdue --fail-on overdue"),
        "--fail-on overdue and an item shown is overdue",
    ),
    "overview": CommandHelp(
        "Write the toezeggingenoverzicht for the Kamer: a DOCX table in the house style and the same as CSV.",
        ("brief overview", "brief overview --kamer TK --open"),
    ),
    "fmt": CommandHelp(
        "Put every file in data/ in the canonical layout, keeping comments, order and quoting.",
        ("brief fmt", "brief fmt --check"),
        "--check and a file is not in the canonical layout",
    ),
    "add": CommandHelp(
        "Add a commitment, motion or document to data/ under the lock; the fields a record needs are said when one is missing.",
        ("brief add commitment TZ-12 kamer=TK by=minister-bzk-uitermark made.date=2025-03-01 made.kind=debat text='Ik stuur …'",),
        details=lambda: required_fields_help(),
    ),
    "set": CommandHelp(
        "Change fields of a commitment, motion or document in data/, with the smallest diff, under the lock.",
        ("brief set TZ-12 status=voldaan", "brief set TZ-12 due.date=2025-06-01"),
    ),
    "link": CommandHelp(
        "Record that a letter answers a commitment or motion: add the id to the brief's answers: list.",
        ("brief link TZ-12 voortgang-aanpak-racisme",),
    ),
    "diff": CommandHelp(
        "Say in words what changed in data/ between two revisions, and which briefs the change touches.",
        ("brief diff", "brief diff main..HEAD", "brief diff HEAD~3"),
    ),
    "log": CommandHelp(
        "Tell the history of one commitment, motion, document, set of Kamervragen or overleg, from git.",
        ("brief log per-racisme-a", "brief log 2024Z18656"),
    ),
    "import": CommandHelp(
        "Merge toezeggingen, moties and schriftelijke vragen from Tweede Kamer Open Data (OData JSON) into data/ by id.",
        ("brief import registry/toezeggingen.json", "brief import registry/*.json --dry-run"),
    ),
    "import-vragen": CommandHelp(
        "Read Kamervragen's published text (a DOCX, or text copied from the Kamer's site) into data/kamervragen/.",
        ("brief import-vragen kv-tk-2024Z18656.docx", "brief import-vragen vragen.txt --aan minister-bzk-uitermark --dry-run"),
    ),
    "export": CommandHelp(
        "Write the commitments with the letters that answered them, with the registry's field names, as JSON or CSV.",
        ("brief export --format csv -o toezeggingen.csv",),
    ),
    "reconcile": CommandHelp(
        "List the differences between our toezeggingen and the Tweede Kamer's register, difference by difference.",
        ("brief reconcile registry/toezeggingen.json", "brief reconcile registry/*.json --fail-on differences"),
        "--fail-on differences and the registers differ",
    ),
    "redline": CommandHelp(
        "Write the brief as built at REV2 (default: the working tree) with every change since REV1 as Word tracked changes.",
        ("brief redline voortgang-aanpak-racisme HEAD~1", "brief redline briefs/voortgang-aanpak-racisme.md v1.0 main"),
    ),
    "woo": CommandHelp(
        "Write the Woo version of nota's for publication: out/woo/NAME.pdf and .docx with the withheld passages gone, its inventory and DiWoo metadata.",
        ("brief woo", "brief woo nota-voortgang-aanpak-racisme"),
    ),
    "completion": CommandHelp(
        "Print the completion script for bash or zsh, made from this version's own commands and options.",
        ("brief completion bash > ~/.local/share/bash-completion/completions/brief", "brief completion zsh > ~/.zfunc/_brief"),
        usage_only=True,
    ),
    "textconv": CommandHelp(
        "Print a built DOCX as plain text, for git's diff driver.",
        ("git config diff.docx.textconv 'brief textconv'", "brief textconv out/voortgang-aanpak-racisme.docx"),
    ),
}


def exit_codes(entry: CommandHelp) -> str:
    """The exit codes a command keeps, from the one table every command shares."""
    lines = [f"  {EXIT_OK:<4}done"]
    if entry.findings is not None:
        lines.append(f"  {EXIT_FINDINGS:<4}{entry.findings}")
    bad_input = "usage: a wrong argument or option" if entry.usage_only else (
        "bad input or usage: a located error in the data, a brief or an argument"
    )
    lines += [
        f"  {EXIT_BAD_INPUT:<4}{bad_input}",
        f"  {EXIT_INTERNAL_ERROR:<4}internal error: a bug of ours, its traceback saved for a report",
        "  130 stopped by Ctrl-C (143: by SIGTERM); nothing is left half-written",
    ]
    return "exit codes:\n" + "\n".join(lines)


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser whose help ends in its ``HELP`` entry's examples, details and exit
    codes. They are put together when help is shown: the parser is built on every run, and
    the details (the fields ``add`` needs, read off the model) would import the model for each."""

    entry: CommandHelp | None = None
    own_epilog: str | None = None  # what the command module wrote itself (check's codes)

    def format_help(self) -> str:
        if self.entry is not None:
            self.epilog = _epilog(self.entry, self.own_epilog)
        return super().format_help()


def apply_help(subparsers: argparse._SubParsersAction) -> None:
    """Give each subcommand its sentence, and its examples and exit codes when help is shown."""
    for name, parser in subparsers.choices.items():
        entry = HELP.get(name)
        if entry is None:
            continue  # tests/test_cli_arguments.py holds every command to an entry
        parser.description = entry.sentence
        parser.entry, parser.own_epilog = entry, parser.epilog
        parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _epilog(entry: CommandHelp, own: str | None) -> str:
    examples = "examples:\n" + "\n".join(f"  {example}" for example in entry.examples)
    parts = [examples, *([entry.details()] if entry.details else []), exit_codes(entry)]
    return "\n\n".join([*parts, *([own] if own else [])])


def required_fields_help() -> str:
    """The fields each kind of record ``brief add`` makes must have, read off the model."""
    from ..project import RECORD_KINDS

    lines = ["fields each kind needs (FIELD=VALUE; a field of a field as made.date=…):"]
    for kind, data_kind in RECORD_KINDS.items():
        lines.append(f"  {kind}: " + ", ".join(_required(data_kind.item_schema, "")))
    return "\n".join(lines)


def _required(record: type, prefix: str) -> list[str]:
    hints = typing.get_type_hints(record)
    found = []
    for field in dataclasses.fields(record):
        if field.name == "id" or not field.init or not _is_required(field):
            continue
        name, kind = prefix + _yaml_key(field.name), hints[field.name]
        if dataclasses.is_dataclass(kind):
            found += _required(kind, f"{name}.")
        elif typing.get_origin(kind) is typing.Literal:
            found.append(f"{name} ({'|'.join(str(choice) for choice in typing.get_args(kind))})")
        elif typing.get_origin(kind) is tuple:
            found.append(f"{name} (a list)")
        else:
            found.append(name)
    return found


def _is_required(field: dataclasses.Field) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _yaml_key(name: str) -> str:
    return name.removesuffix("_")  # from_ is written from
