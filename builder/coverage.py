"""Coverage for coordinators: every commitment and motion as its letters left it, one row each.

``builder.dashboard`` shows the rows as a terminal table, CSV, JSON or the
coordinators' page; ``builder.overview`` as the toezeggingenoverzicht. The flags
are the findings ``brief check`` reports (``builder.rules.coverage``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .codes import finding
from .diagnostics import Diagnostic, Location, unknown
from .doctypes import doctype_of
from .lifecycle import STILL_OPEN, Answer, Event, Lifecycle, cited_document, lifecycles, recess_label, status_contradiction
from .model import Brief, Commitment, Repository

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


def coverage_rows(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[CoverageRow]:
    return [row_of(lifecycle, repository, as_of) for lifecycle in lifecycles(repository, briefs, as_of).values()]


def row_of(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> CoverageRow:
    item = lifecycle.item
    if isinstance(item, Commitment):
        text, made, by = item.text, item.made.date, item.by
        made_kind, to, recurs = item.made.kind, item.to.named if item.to else None, item.recurs
        made_source = cited_document(item.made.source, repository)
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
