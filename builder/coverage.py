"""Coverage for coordinators: every commitment and motion, and the letters that answer it.

``brief status`` shows this as a terminal table, CSV, or one self-contained
HTML page. The flags are the same rules ``brief check`` applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .csvsafe import csv_text
from .codes import finding
from .diagnostics import Diagnostic, Location, unknown
from .doctypes import doctype_of
from .dutch import long_date
from .lifecycle import STILL_OPEN, Answer, Event, Lifecycle, lifecycles, recess_label, status_contradiction
from .model import Brief, Commitment, Repository
from .references import document_reference

def letters_answering(briefs: Iterable[Brief]) -> dict[str, list[Brief]]:
    """Commitment and motion id -> the letters that list it in ``answers:``."""
    answering: dict[str, list[Brief]] = {}
    for brief in briefs:
        for key in doctype_of(brief).answered(brief.meta):
            answering.setdefault(key, []).append(brief)
    return answering


def coverage_flags(lifecycle: Lifecycle, as_of: dt.date) -> tuple[str, ...]:
    """What a coordinator must look at: for check and status alike."""
    flags = []
    contradiction = status_contradiction(lifecycle.item, lifecycle)
    # An item typed closed without a letter is that error, not also overdue.
    if lifecycle.overdue_days(as_of) is not None and contradiction != "marked-unanswered":
        flags.append("overdue")
    if lifecycle.late:
        flags.append("answered-late")
    if lifecycle.postponed_late:
        flags.append("postponed-late")
    if contradiction:
        flags.append(contradiction)
    return tuple(flags)


FLAGS = {
    "overdue": "over tijd",
    "answered-late": "te laat beantwoord",
    "postponed-late": "te laat, zonder tijdig uitstel",
    "answered-not-marked": "beantwoord, status nog open",
    "marked-unanswered": "afgedaan zonder brief",
    "status-differs": "status wijkt af van de brieven",
}
COLUMNS = ("id", "soort", "tekst", "kamer", "gedaan op", "uiterlijk", "status", "brieven", "signalen")


@dataclass(frozen=True)
class CoverageRow:
    """One commitment or motion as a coordinator sees it (see ``builder.lifecycle``)."""

    id: str
    kind: str  # toezegging or motie
    text: str
    kamer: str
    made: dt.date
    made_kind: str | None
    made_source: str | None  # the cited form of the document it was made in
    to: str | None
    due: dt.date | None  # in force now
    due_phrase: str | None
    first_due: dt.date | None
    status: str  # derived from the letters (builder.lifecycle)
    by: str | None
    letters: tuple[Answer, ...]
    reason: str | None
    flags: tuple[str, ...]
    history: tuple[Event, ...]
    recurs: str | None
    closed_on: dt.date | None
    late_days: int | None
    recess: str | None  # the recess the due date in force falls in

    @property
    def open(self) -> bool:
        return self.status in STILL_OPEN

    @property
    def postponed(self) -> bool:
        return any(event.kind == "uitgesteld" for event in self.history)

    def days_to_due(self, as_of: dt.date) -> int | None:
        return (self.due - as_of).days if self.due is not None else None

    @property
    def answered_by(self) -> str:
        """The letters, or the reason an item is closed without one."""
        shown = "; ".join(str(letter) for letter in self.letters)
        return shown or (f"reden: {self.reason}" if self.reason else "")

    def cells(self) -> list[str]:
        return [
            self.id, self.kind, self.text, self.kamer, self.made.isoformat(),
            self.due.isoformat() if self.due else "", self.status,
            self.answered_by,
            ", ".join(FLAGS[flag] for flag in self.flags),
        ]


def coverage_rows(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[CoverageRow]:
    return [row_of(lifecycle, repository, as_of) for lifecycle in lifecycles(repository, briefs, as_of).values()]


def row_of(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> CoverageRow:
    item = lifecycle.item
    if isinstance(item, Commitment):
        text, made, by = item.text, item.made.date, item.by
        made_kind, to, recurs = item.made.kind, item.to.named if item.to else None, item.recurs
        source = repository.documents.get(item.made.source or "")
        made_source = document_reference(source, "leidraad") if source is not None else None
        phrase = item.due.phrase if item.due else None
    else:
        text, made, by = item.subject or item.dictum or "", item.date, None
        made_kind = made_source = to = recurs = phrase = None
    late = lifecycle.late[-1][0].late_days if lifecycle.late else None
    return CoverageRow(
        item.id, lifecycle.kind, text, item.kamer, made, made_kind, made_source, to, lifecycle.due, phrase,
        lifecycle.first_due, lifecycle.status, by, lifecycle.letters, item.reason, coverage_flags(lifecycle, as_of),
        lifecycle.events, recurs, lifecycle.closed_on, late, recess_label(lifecycle.due, item.kamer, repository),
    )


def select(rows: list[CoverageRow], open_only=False, overdue_only=False, kamer=None, by=None) -> list[CoverageRow]:
    return [
        row for row in rows
        if (not open_only or row.open)
        and (not overdue_only or "overdue" in row.flags)
        and (kamer is None or row.kamer == kamer)
        and (by is None or row.by == by)
    ]


def unknown_bewindspersoon(project, repository: Repository, by: str | None) -> list[Diagnostic]:
    """The error for a ``--by`` (``status``, ``import``) that names no bewindspersoon."""
    if by is None or by in repository.bewindspersonen:
        return []
    # The ids --by takes are the ones organisation.yaml defines: point there.
    where = Location(project.shown(project.data_dir / "organisation.yaml"))
    return [finding(where, f"--by: {unknown('bewindspersoon', by, repository.bewindspersonen)}", "unknown-id")]


def as_table(rows: list[CoverageRow], width: int = 48) -> str:
    """A plain-text table for the terminal; long texts are shortened."""
    shown = [[_shorten(cell, width) for cell in row.cells()] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in shown]
    return "\n".join(lines) + "\n"


def as_csv(rows: list[CoverageRow]) -> str:
    """For a spreadsheet: texts from data/ are defused so that none is run as a formula."""
    return csv_text(COLUMNS, (row.cells() for row in rows))


def as_html(rows: list[CoverageRow], template_dir: Path, as_of: dt.date, title: str) -> str:
    """One page, no server, no network: the data is in the table, the sorting script inline."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(template_dir), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
    )
    return environment.get_template("status.html").render(
        rows=rows, columns=COLUMNS, flags=FLAGS, as_of=long_date(as_of), title=title
    )


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
