"""Coverage for coordinators: every commitment, motion and set of Kamervragen as its letters left it, one row each.

``builder.dashboard`` shows the rows as a terminal table, CSV, JSON or the
coordinators' page; ``builder.overview`` the toezeggingen among them as the
toezeggingenoverzicht. The flags are the findings ``brief check`` reports
(``builder.rules.coverage``). A set of Kamervragen gets a row of the same shape:
its deadline is the due date, its Mededelingen and answer are its letters
(``builder.kamervragen`` keeps the clock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .codes import finding
from .diagnostics import Diagnostic, Location, unknown
from .doctypes import doctype_of
from .kamervragen import ANSWERS, TERM, Clock, clocks, indieners_named, naming
from .lifecycle import (
    ANSWER, POSTPONE, POSTPONED, STILL_OPEN, Answer, Event, Lifecycle, cited_document, lifecycles, recess_label,
    status_contradiction,
)
from .model import Brief, Commitment, Repository

KAMERVRAGEN = "Kamervragen"  # the kind of a set's row, as the Kamer and ministries write it

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


def kamervragen_flags(clock: Clock, as_of: dt.date) -> tuple[str, ...]:
    """A set's flags, for check and status alike: past its deadline (without a Mededeling: the
    worse of the two, no uitstel was asked), answered late, a Mededeling sent too late."""
    flags = []
    if clock.overdue_days(as_of) is not None:
        flags.append("overdue" if clock.uitstel else "overdue-no-uitstel")
    if clock.answer is not None and clock.answer.late:
        flags.append("answered-late")
    if any(reply.late for reply in clock.uitstel):
        flags.append("postponed-late")
    return tuple(flags)


def is_overdue(row) -> bool:
    """Past its due date and still open: a commitment's or motion's ``overdue``, a set's either kind."""
    return any(flag in OVERDUE_FLAGS for flag in row.flags)


FLAGS = {
    "overdue": "over tijd",
    "overdue-no-uitstel": "te laat zonder uitstel",
    "answered-late": "te laat beantwoord",
    "postponed-late": "te laat, zonder tijdig uitstel",
    "answered-not-marked": "beantwoord, status nog open",
    "marked-unanswered": "afgedaan zonder brief",
    "status-differs": "status wijkt af van de brieven",
}
OVERDUE_FLAGS = ("overdue", "overdue-no-uitstel")


@dataclass(frozen=True)
class CoverageRow:
    """One commitment, motion or set of Kamervragen as a coordinator sees it (see ``builder.lifecycle``).

    A set's row: its subject as text, ingezonden as made, its deadline in force as due, the
    bewindspersonen asked in ``asked`` (``by`` is a commitment's one bewindspersoon).
    """

    id: str
    kind: str  # toezegging, motie or Kamervragen
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
    asked: tuple[str, ...] = ()  # a set of Kamervragen: the bewindspersonen asked (ids)
    indieners: str | None = None  # a set of Kamervragen: "het lid Erkens (VVD)"
    made_in: str | None = None  # a commitment made in the answers to a set of Kamervragen: the set's id
    commitments: tuple[str, ...] = ()  # a set of Kamervragen: the toezeggingen made in its answers

    @property
    def people(self) -> tuple[str, ...]:
        """The bewindspersonen the row is for: a commitment's ``by``, a set's ``asked``."""
        return (self.by,) if self.by else self.asked

    @property
    def open(self) -> bool:
        return self.status in STILL_OPEN

    @property
    def postponed(self) -> bool:
        return any(event.kind == "uitgesteld" for event in self.history)

    def days_to_due(self, as_of: dt.date) -> int | None:
        return (self.due - as_of).days if self.due is not None else None


def coverage_rows(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[CoverageRow]:
    """The commitments and motions in data order, then the sets of Kamervragen."""
    rows = [row_of(lifecycle, repository, as_of) for lifecycle in lifecycles(repository, briefs, as_of).values()]
    made_in: dict[str, list[str]] = {}
    for commitment in repository.commitments.values():
        if commitment.made.source in repository.kamervragen:
            made_in.setdefault(commitment.made.source, []).append(commitment.id)
    named = naming(briefs)
    for clock in clocks(repository, briefs, as_of, named).values():
        key = clock.kamervragen.id
        rows.append(kamervragen_row(clock, repository, named.get(key, []), as_of, tuple(made_in.get(key, ()))))
    return rows


def row_of(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> CoverageRow:
    item = lifecycle.item
    if isinstance(item, Commitment):
        text, made, by = item.text, item.made.date, item.by
        made_kind, to, recurs = item.made.kind, item.to.named if item.to else None, item.recurs
        made_source = cited_document(item.made.source, repository)
        phrase = item.due.phrase if item.due else None
        made_in = item.made.source if item.made.source in repository.kamervragen else None
    else:
        text, made, by = item.subject or item.dictum or "", item.date, None
        made_kind = made_source = to = recurs = phrase = made_in = None
    late = lifecycle.late[-1][0].late_days if lifecycle.late else None
    return CoverageRow(
        item.id, lifecycle.kind, text, item.kamer, made, made_kind, made_source, to, lifecycle.due, phrase,
        lifecycle.first_due, lifecycle.status, by, lifecycle.letters, item.reason, coverage_flags(lifecycle, as_of),
        lifecycle.events, recurs, lifecycle.closed_on, late, recess_label(lifecycle.due, item.kamer, repository),
        made_in=made_in,
    )


def kamervragen_row(
    clock: Clock, repository: Repository, named: list[tuple[Brief, str]], as_of: dt.date, commitments: tuple[str, ...] = ()
) -> CoverageRow:
    """A set of Kamervragen in a row's shape: ingezonden, its deadline, its Mededelingen and answer.

    Its letters are every brief that names it, concepts too (a coordinator sees the answer in
    draft); its history only the sent ones the clock counted."""
    kamervragen = clock.kamervragen
    letters = {brief.name: _letter(brief, role, kamervragen.id, repository) for brief, role in named}
    indieners = indieners_named(kamervragen.indieners) if kamervragen.indieners else None
    events = [Event("ingezonden", kamervragen.ingezonden, due=kamervragen.first_deadline, note=indieners)]
    for reply in clock.uitstel:
        # Each Mededeling moves the deadline then in force by one term (builder.kamervragen.clock_of).
        events.append(Event(POSTPONED, reply.date, letters[reply.brief], reply.deadline + TERM, reply.deadline,
                            late_days=reply.late or None))
    answer = clock.answer
    if answer is not None:
        events.append(Event("beantwoord", answer.date, letters[answer.brief], due=answer.deadline, late_days=answer.late or None))
    return CoverageRow(
        kamervragen.id, KAMERVRAGEN, kamervragen.subject, kamervragen.kamer, kamervragen.ingezonden, None, None,
        None, clock.deadline, None, kamervragen.first_deadline, clock.status, None, tuple(letters.values()), None,
        kamervragen_flags(clock, as_of), tuple(events), None, answer.date if answer else None,
        (answer.late or None) if answer else None, recess_label(clock.deadline, kamervragen.kamer, repository),
        asked=kamervragen.aan, indieners=indieners, commitments=commitments,
    )


def _letter(brief: Brief, role: str, key: str, repository: Repository) -> Answer:
    """A Mededeling or an answer as a row's letter, titled by its subject when its front matter has one."""
    meta = brief.meta
    default = f"Antwoorden op Kamervragen {key}" if role == ANSWERS else f"Uitstel beantwoording Kamervragen {key}"
    title = doctype_of(brief).title(meta) or default
    shown_role = ANSWER if role == ANSWERS else POSTPONE
    return Answer(brief.name, meta.status, meta.date, title, cited_document(meta.kamerstuk, repository), shown_role)


def select(rows: list[CoverageRow], open_only=False, overdue_only=False, kamer=None, by=None, kind=None) -> list[CoverageRow]:
    """The rows the filters keep; ``by`` keeps a bewindspersoon's commitments and the Kamervragen asked of them,
    ``kind`` (toezegging, motie, kamervragen) is compared regardless of case."""
    return [
        row for row in rows
        if (not open_only or row.open)
        and (not overdue_only or is_overdue(row))
        and (kamer is None or row.kamer == kamer)
        and (by is None or by in row.people)
        and (kind is None or row.kind.lower() == kind.lower())
    ]


def unknown_bewindspersoon(project, repository: Repository, by: str | None) -> list[Diagnostic]:
    """The error for a ``--by`` (``status``, ``import``) that names no bewindspersoon."""
    if by is None or by in repository.bewindspersonen:
        return []
    # The ids --by takes are the ones organisation.yaml defines: point there.
    where = Location(project.shown(project.data_dir / "organisation.yaml"))
    return [finding(where, f"--by: {unknown('bewindspersoon', by, repository.bewindspersonen)}", "unknown-id")]
