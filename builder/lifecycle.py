"""Lifecycle of commitments and motions: what the sent letters did to each, step by step.

A letter's front matter says what it does to an item (``Step``): it answers it
(``answers:``), answers it in part (``partly_answers:``) or postpones it to a new due
date (``postpones:``). Replaying the sent letters in date order gives each item its
history, the due date in force, its status and whether each step came on time. The
status is derived here, never typed twice: a typed ``status:`` only says what letters
cannot (``vervallen``, or closed for a ``reason`` outside briefs/), and where it
contradicts them, ``builder.rules.coverage`` says so.

A recurring item (``recurs: yearly``) is a series of instances, each due in turn and
answered by its own letter; it never closes by itself.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from .codes import finding
from .diagnostics import Diagnostic, Location
from .dutch import long_date
from .model import Brief, Commitment, Document, Due, Motion, Repository

if TYPE_CHECKING:
    from .doctypes import DocumentType

ANSWER, PART, POSTPONE = "antwoord", "deelantwoord", "uitstel"
# On one day, a letter's postponement comes before its part answer, and both before an answer.
_ROLE_ORDER = {POSTPONE: 0, PART: 1, ANSWER: 2}

OPEN, POSTPONED, RECURRING, LAPSED = "open", "uitgesteld", "lopend", "vervallen"
# Statuses by kind of item: what a full and a part answer make of it.
CLOSED_STATUS = {"toezegging": "voldaan", "motie": "uitgevoerd"}
PART_STATUS = {"toezegging": "deels voldaan", "motie": "deels uitgevoerd"}
CLOSED = tuple(CLOSED_STATUS.values())
STILL_OPEN = (OPEN, POSTPONED, RECURRING, *PART_STATUS.values())

_MONTHS = {"yearly": 12, "half-yearly": 6, "quarterly": 3, "two-yearly": 24}
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Step:
    """What one letter's front matter does to one item."""

    id: str
    role: str  # ANSWER, PART or POSTPONE
    location: Location  # where the letter's front matter says it
    due: Due | None = None  # POSTPONE: the new due date
    note: str | None = None  # POSTPONE: the reason; PART: what is still to come


@dataclass(frozen=True)
class Answer:
    """A letter that names an item in its front matter, as coordinators see it."""

    name: str
    status: str  # concept or verzonden
    date: dt.date
    title: str
    kamerstuk: str | None  # "Kamerstukken II 2024/25, 30 950, nr. 433", once it is known
    role: str

    def __str__(self) -> str:
        return f"{self.name} ({self.status} {self.date.isoformat()})"

    @property
    def described(self) -> str:
        """'brief "Voortgang aanpak racisme" (Kamerstukken II 2024/25, 30 950, nr. 451)'."""
        shown = f"brief '{self.title}'"
        return f"{shown} ({self.kamerstuk})" if self.kamerstuk else shown


@dataclass(frozen=True)
class Event:
    """One step of an item's history."""

    kind: str  # gedaan, uitgesteld, deels beantwoord, beantwoord, afgedaan, vervallen
    date: dt.date | None
    letter: Answer | None = None
    due: dt.date | None = None  # gedaan: the first due date; uitgesteld: the new one
    previous_due: dt.date | None = None  # uitgesteld: the due date it replaced
    note: str | None = None
    late_days: int | None = None  # after the due date then in force

    @property
    def sentence(self) -> str:
        """The event in Dutch, as the dashboard and the toezeggingenoverzicht show it."""
        when = f"{long_date(self.date)}: " if self.date else ""
        by = f" bij {self.letter.described}" if self.letter else ""
        late = f" ({self.late_days} dagen na de termijn)" if self.late_days else ""
        if self.kind == "ingezonden":  # a set of Kamervragen: who asked, and the first deadline
            text = f"ingezonden{f' door {self.note}' if self.note else ''}"
            text += f", termijn {long_date(self.due)}" if self.due else ""
        elif self.kind == "gedaan":
            text = f"gedaan{f' in {self.note}' if self.note else ''}"
            text += f", termijn {long_date(self.due)}" if self.due else ""
        elif self.kind == POSTPONED:
            text = f"uitgesteld{by}{late} naar {long_date(self.due)}" if self.due else f"uitgesteld{by}{late}"
            text += f": {self.note}" if self.note else ""
        elif self.kind == "deels beantwoord":
            text = f"deels beantwoord{by}" + (f"; nog te doen: {self.note}" if self.note else "")
        elif self.kind == "beantwoord":
            text = f"beantwoord{by}{late}"
        else:
            text = f"{self.kind}{f': {self.note}' if self.note else ''}"
        return when + text


@dataclass(frozen=True)
class Lifecycle:
    """An item as its letters left it."""

    item: Commitment | Motion
    kind: str  # toezegging or motie
    status: str
    due: dt.date | None  # in force now
    due_location: Location | None  # where that due date was written: data, or the postponing letter
    first_due: dt.date | None
    events: tuple[Event, ...]
    letters: tuple[Answer, ...]  # every letter naming it, concepts too
    closed_on: dt.date | None = None
    late: tuple[tuple[Event, Step], ...] = ()  # answers after their due date
    postponed_late: tuple[tuple[Event, Step], ...] = ()
    # What every sent letter makes of it, later ones too: what a typed status, written today, is held to.
    status_by_all_letters: str | None = None
    due_postponed: bool = False  # the due date in force is one a letter set

    @property
    def is_open(self) -> bool:
        return self.status in STILL_OPEN

    def overdue_days(self, as_of: dt.date) -> int | None:
        if self.is_open and self.due is not None and self.due < as_of:
            return (as_of - self.due).days
        return None


# --- what letters say ----------------------------------------------------------------------


def item_steps(briefs: Iterable[Brief]) -> dict[str, list[tuple[Brief, Step]]]:
    """Item id -> every (letter, step) naming it, in the letters' order."""
    from .doctypes import doctype_of

    steps: dict[str, list[tuple[Brief, Step]]] = {}
    for brief in briefs:
        doctype: DocumentType = doctype_of(brief)
        for step in doctype.steps(brief.meta):
            steps.setdefault(step.id, []).append((brief, step))
    return steps


def letter_steps(meta) -> tuple[Step, ...]:
    """The steps of a letter's ``answers:``, ``partly_answers:`` and ``postpones:``."""
    steps = [Step(key, ANSWER, meta.location_of("answers")) for key in meta.answers]
    steps += [Step(part.id, PART, part.loc, note=part.rest) for part in meta.partly_answers]
    steps += [
        Step(key, POSTPONE, meta.location_of(f"postpones.{key}"), due=postponement.due, note=postponement.reason)
        for key, postponement in meta.postpones.items()
    ]
    return tuple(steps)


# --- due dates ------------------------------------------------------------------------------


def resolve_due(due: Due, made_on: dt.date | None, kamer: str, repository: Repository) -> tuple[dt.date | None, str | None]:
    """A due date's day: its own, or its phrase's through the calendar; else why not."""
    if due.date is not None:
        return due.date, None
    if not due.phrase:
        return None, "a due date needs a 'date' or a 'phrase'"
    from .calendar import PhraseError, resolve_due_phrase

    if repository.calendar is None:
        return None, f"the due date '{due.phrase}' needs the parliamentary calendar: data/calendar.yaml is missing"
    try:
        return resolve_due_phrase(due.phrase, made_on, kamer, repository.calendar), None
    except PhraseError as problem:
        return None, str(problem)


def resolve_commitment_dues(repository: Repository) -> tuple[Repository, list[Diagnostic]]:
    """The repository with each due phrase's date filled in; a phrase that names no date is located."""
    problems = []
    resolved: dict[str, Commitment] = {}
    for key, commitment in repository.commitments.items():
        due = commitment.due
        if due is None or due.date is not None:
            resolved[key] = commitment
            continue
        date, problem = resolve_due(due, commitment.made.date, commitment.kamer, repository)
        if problem:
            problems.append(finding(due.loc, problem, "due-phrase"))
            resolved[key] = commitment
        else:
            resolved[key] = replace(commitment, due=replace(due, date=date))
    if not problems and all(resolved[key] is repository.commitments[key] for key in resolved):
        return repository, []
    return replace(repository, commitments=resolved), problems


def recess_label(day: dt.date | None, kamer: str, repository: Repository) -> str | None:
    """'zomerreces 2025' when ``day`` falls in a recess of that Kamer."""
    if day is None or repository.calendar is None:
        return None
    from .calendar import recess_on

    recess = recess_on(day, kamer, repository.calendar)
    return recess.label if recess else None


def shifted(due: Due, first: dt.date, steps: int, recurs: str, kamer: str, repository: Repository) -> dt.date:
    """The due date of the ``steps``-th instance after the first of a recurring item.

    A yearly phrase with a year ("voor het zomerreces 2025") moves to the next year's
    recess, which is not on the same day; other series keep their day of the month.
    """
    if recurs in ("yearly", "two-yearly") and due.phrase and _YEAR.search(due.phrase):
        year = int(_YEAR.search(due.phrase).group()) + steps * _MONTHS[recurs] // 12
        moved = replace(due, phrase=_YEAR.sub(str(year), due.phrase, count=1), date=None)
        date, _ = resolve_due(moved, None, kamer, repository)
        if date is not None:
            return date
    months = first.month - 1 + _MONTHS[recurs] * steps
    year, month = first.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(first.day, month_calendar.monthrange(year, month)[1]))


# --- replaying the letters -------------------------------------------------------------------


def lifecycles(repository: Repository, briefs: Iterable[Brief], as_of: dt.date) -> dict[str, Lifecycle]:
    """Every commitment and motion, in data order, as its letters left it on ``as_of``."""
    steps = item_steps(briefs)
    items: list[Commitment | Motion] = [*repository.commitments.values(), *repository.motions.values()]
    return {item.id: lifecycle_of(item, steps.get(item.id, []), repository, as_of) for item in items}


def lifecycle_of(item: Commitment | Motion, steps: list[tuple[Brief, Step]], repository: Repository, as_of: dt.date) -> Lifecycle:
    kind = "toezegging" if isinstance(item, Commitment) else "motie"
    steps = sorted(steps, key=lambda entry: (entry[0].meta.date, _ROLE_ORDER[entry[1].role]))
    letters = tuple(_answer(brief, step, repository) for brief, step in steps)
    # As of a day, only the letters sent by then count: "stand per 1 maart" is what it was then.
    all_sent = [
        (brief, step, letter) for (brief, step), letter in zip(steps, letters, strict=True) if brief.meta.status == "verzonden"
    ]
    sent = [entry for entry in all_sent if entry[0].meta.date <= as_of]
    lifecycle = _replayed(item, kind, sent, letters, repository)
    if len(sent) < len(all_sent):
        final = _replayed(item, kind, all_sent, letters, repository)
        return replace(lifecycle, status_by_all_letters=final.status)
    return lifecycle


def _replayed(item, kind: str, sent, letters: tuple[Answer, ...], repository: Repository) -> Lifecycle:
    if isinstance(item, Commitment) and item.recurs and item.due is not None and item.due.date is not None:
        return _recurring(item, sent, letters, repository)
    return _single(item, kind, sent, letters, repository)


def _single(item, kind: str, sent, letters: tuple[Answer, ...], repository: Repository) -> Lifecycle:
    first = _first_due(item)
    due, due_location = first, _first_due_location(item)
    events = [_made(item, first, repository)]
    status, closed_on, postponed = OPEN, None, False
    late, postponed_late = [], []
    for brief, step, letter in sent:
        date = brief.meta.date
        days = (date - due).days if due is not None and date > due else None
        if step.role == POSTPONE:
            event, moved = _postponement(item, step, letter, date, due, days, repository)
            if days and status not in CLOSED:
                postponed_late.append((event, step))
            if moved is not None and status not in CLOSED:
                due, due_location, postponed = moved, step.due.loc, True
                status = POSTPONED if status == OPEN else status
        elif step.role == PART:
            event = Event("deels beantwoord", date, letter, note=step.note)
            if status not in CLOSED:
                status = PART_STATUS[kind]
        else:
            event = Event("beantwoord", date, letter, due=due, late_days=days)
            if status not in CLOSED:
                status, closed_on = CLOSED_STATUS[kind], date
                if days:
                    late.append((event, step))
        events.append(event)
    status, events = _typed_status(item, status, events)
    return Lifecycle(
        item, kind, status, due, due_location, first, tuple(events), letters,
        closed_on=closed_on, late=tuple(late), postponed_late=tuple(postponed_late), due_postponed=postponed,
    )


def _recurring(item: Commitment, sent, letters: tuple[Answer, ...], repository: Repository) -> Lifecycle:
    """Each answer answers the earliest instance not yet answered; a postponement moves that instance."""
    assert item.due is not None and item.due.date is not None and item.recurs is not None
    first = item.due.date

    def due_of(number: int) -> dt.date:
        return shifted(item.due, first, number, item.recurs, item.kamer, repository)

    current, due, due_location, postponed = 0, first, _first_due_location(item), False
    events = [_made(item, first, repository)]
    late, postponed_late = [], []
    for brief, step, letter in sent:
        date = brief.meta.date
        days = (date - due).days if date > due else None
        if step.role == POSTPONE:
            event, moved = _postponement(item, step, letter, date, due, days, repository)
            if days:
                postponed_late.append((event, step))
            if moved is not None:
                due, due_location, postponed = moved, step.due.loc, True
        elif step.role == PART:
            event = Event("deels beantwoord", date, letter, note=step.note)
        else:
            event = Event("beantwoord", date, letter, due=due, late_days=days)
            if days:
                late.append((event, step))
            current += 1
            due, due_location, postponed = due_of(current), item.location_of("recurs"), False
        events.append(event)
    status, events = _typed_status(item, RECURRING, events)
    return Lifecycle(
        item, "toezegging", status, due, due_location, first, tuple(events), letters,
        late=tuple(late), postponed_late=tuple(postponed_late), due_postponed=postponed,
    )


def _postponement(item, step: Step, letter: Answer, date: dt.date, due: dt.date | None, days: int | None,
                  repository: Repository) -> tuple[Event, dt.date | None]:
    """A postponement's event, and the due date it moves the item to: none when its new date
    does not resolve or is not after the letter (``brief check`` reports those)."""
    new, _ = resolve_due(step.due, date, item.kamer, repository) if step.due else (None, None)
    moved = new if new is not None and new > date else None
    return Event(POSTPONED, date, letter, new, due, step.note, days), moved


def _typed_status(item: Commitment | Motion, derived: str, events: list[Event]) -> tuple[str, list[Event]]:
    """What a typed status adds that letters cannot say: lapsed, or (partly) done for a
    ``reason`` outside briefs/, as the Kamer's register or an older letter says."""
    if item.status == LAPSED:
        return LAPSED, [*events, Event(LAPSED, None, note=item.reason)]
    if item.status in CLOSED and derived not in CLOSED and item.reason:
        return item.status, [*events, Event("afgedaan", None, note=item.reason)]
    if item.status in PART_STATUS.values() and derived in (OPEN, POSTPONED) and item.reason:
        return item.status, [*events, Event("deels beantwoord", None, note=item.reason)]
    return derived, events


def status_contradiction(item: Commitment | Motion, lifecycle: Lifecycle) -> str | None:
    """How a typed status contradicts the letters: answered-not-marked, marked-unanswered, status-differs."""
    typed = item.status
    if typed is None or typed == LAPSED:
        return None
    derived = lifecycle.status_by_all_letters or lifecycle.status
    if typed not in CLOSED and derived in CLOSED:
        return "answered-not-marked"
    if typed in CLOSED and derived not in CLOSED:
        return "marked-unanswered"
    if typed != derived and typed in PART_STATUS.values() and derived not in PART_STATUS.values() and derived != RECURRING:
        return "status-differs"
    if typed == OPEN and derived in PART_STATUS.values():
        return "status-differs"
    return None


def _first_due(item: Commitment | Motion) -> dt.date | None:
    return item.due.date if isinstance(item, Commitment) and item.due is not None else None


def _first_due_location(item: Commitment | Motion) -> Location | None:
    if isinstance(item, Commitment) and item.due is not None:
        return item.due.location_of("date") if item.due.date is not None and "date" in item.due.where else item.due.loc
    return None


# How a history names the occasion: "gedaan in het commissiedebat", "in de antwoorden op Kamervragen".
_OCCASION = {"Kamervragen": "de antwoorden op Kamervragen", "brief": "een brief", "mondelinge vragen": "de mondelinge vragen"}


def occasion(commitment: Commitment, repository: Repository | None = None) -> str:
    """'het dertigledendebat over …, aan het lid Bamenga (D66)'; made in the answers to a set of
    Kamervragen (its ``made.source``): 'de antwoorden op de vragen van het lid Erkens (VVD) (2024Z21910)'."""
    made = commitment.made
    asked = kamervragen_named(made.source, repository)
    text = f"de antwoorden op {asked}" if asked else _OCCASION.get(made.kind, f"het {made.kind}")
    text += f" over {made.subject}" if made.subject else ""
    return text + (f", aan {commitment.to.named}" if commitment.to is not None else "")


def kamervragen_named(key: str | None, repository: Repository | None) -> str | None:
    """'de vragen van het lid Erkens (VVD) (2024Z21910)' when ``key`` is a set of Kamervragen."""
    kamervragen = repository.kamervragen.get(key or "") if repository is not None else None
    if kamervragen is None:
        return None
    from .kamervragen import indieners_named

    by = f" van {indieners_named(kamervragen.indieners)}" if kamervragen.indieners else ""
    return f"de vragen{by} ({kamervragen.id})"


def _made(item: Commitment | Motion, first: dt.date | None, repository: Repository | None = None) -> Event:
    if isinstance(item, Commitment):
        return Event("gedaan", item.made.date, due=first, note=occasion(item, repository))
    return Event("gedaan", item.date, note="de motie" + (f" over {item.subject}" if item.subject else ""))


def _answer(brief: Brief, step: Step, repository: Repository) -> Answer:
    meta = brief.meta
    return Answer(brief.name, meta.status, meta.date, meta.betreft, cited_document(meta.kamerstuk, repository), step.role)


def cited_document(key: str | None, repository: Repository) -> str | None:
    """A document as the leidraad cites it ("Kamerstukken II 2024/25, 30 950, nr. 433"), when it is known;
    a set of Kamervragen as "de vragen van het lid Erkens (VVD) (2024Z21910)"."""
    from .references import document_reference

    document = repository.documents.get(key or "")
    if isinstance(document, Document):
        return document_reference(document, "leidraad")
    return kamervragen_named(key, repository)

