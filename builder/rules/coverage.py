"""Rules about the repository as a whole: statuses agree with the sent letters, nothing overdue
(commitments, motions, Kamervragen), every document cited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Mapping

from ..coverage import coverage_flags, kamervragen_flags
from ..kamervragen import Clock, Kamervragen, clocks, indieners_named
from ..lifecycle import ANSWER, Lifecycle, lifecycles, recess_label
from ..codes import finding
from ..diagnostics import Diagnostic
from ..dutch import long_date
from ..model import Brief, Repository

if TYPE_CHECKING:
    from . import RepositoryContext


def statuses(context: RepositoryContext) -> list[Diagnostic]:
    return status_problems(context.repository, context.briefs, context.as_of)


def status_problems(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[Diagnostic]:
    """Each item as its letters left it: on time, and with a typed status that agrees with them."""
    problems = []
    for lifecycle in lifecycles(repository, briefs, as_of).values():
        for flag in coverage_flags(lifecycle, as_of):
            problems += _STATUS_FINDINGS[flag](lifecycle, repository, as_of)
    return problems


def _overdue(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item, due = lifecycle.item, lifecycle.due
    assert due is not None
    recess = recess_label(due, item.kamer, repository)
    in_recess = f", in the {recess}" if recess else ""
    postponed = " (postponed)" if lifecycle.due_postponed else ""
    message = (
        f"{item.noun} '{item.id}' is {lifecycle.status} and was due {long_date(due)}{in_recess}{postponed}"
        f" ({(as_of - due).days} days ago)"
    )
    return [finding(lifecycle.due_location or item.loc, message, "overdue")]


def _answered_late(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item = lifecycle.item
    return [
        finding(
            step.location,
            f"{item.noun} '{item.id}' was answered {event.late_days} days late by {event.letter.name}"
            f" ({long_date(event.date)}): it was due {long_date(event.due)}",
            "answered-late",
        )
        for event, step in lifecycle.late
    ]


def _postponed_late(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item = lifecycle.item
    return [
        finding(
            step.location,
            f"{item.noun} '{item.id}' was postponed by {event.letter.name} ({long_date(event.date)}),"
            f" {event.late_days} days after it was due ({long_date(event.previous_due)}):"
            " te laat, zonder tijdig uitstel",
            "postponed-late",
        )
        for event, step in lifecycle.postponed_late
    ]


def _answered_not_marked(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item = lifecycle.item
    names = ", ".join(letter.name for letter in lifecycle.letters if letter.status == "verzonden" and letter.role == ANSWER)
    return [
        finding(
            item.location_of("status"),
            f"{item.noun} '{item.id}' is answered by sent letter {names} but its status says {item.status};"
            " remove 'status:' to let the letters decide",
            "answered-still-open",
        )
    ]


def _marked_unanswered(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item = lifecycle.item
    return [
        finding(
            item.location_of("status"),
            f"{item.noun} '{item.id}' is {item.status} but no sent letter answers it; "
            "list it in a letter's 'answers:' or give a 'reason'",
            "closed-unanswered",
        )
    ]


def _status_differs(lifecycle: Lifecycle, repository: Repository, as_of: dt.date) -> list[Diagnostic]:
    item = lifecycle.item
    return [
        finding(
            item.location_of("status"),
            f"{item.noun} '{item.id}' is typed '{item.status}' but its letters make it '{lifecycle.status}';"
            " remove 'status:' to let the letters decide",
            "status-differs",
        )
    ]


_STATUS_FINDINGS = {
    "overdue": _overdue,
    "answered-late": _answered_late,
    "postponed-late": _postponed_late,
    "answered-not-marked": _answered_not_marked,
    "marked-unanswered": _marked_unanswered,
    "status-differs": _status_differs,
}


def kamervragen_deadlines(context: RepositoryContext) -> list[Diagnostic]:
    return kamervragen_problems(context.repository, context.briefs, context.as_of)


def kamervragen_problems(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[Diagnostic]:
    """Each set of Kamervragen against its three-week clock, from the sent briefs the document types
    say answer or postpone it: the flags ``brief status`` shows, located."""
    problems = []
    for clock in clocks(repository, briefs, as_of).values():
        for flag in kamervragen_flags(clock, as_of):
            problems += _KAMERVRAGEN_FINDINGS[flag](clock, as_of)
    return problems


def _named(kamervragen: Kamervragen) -> str:
    """"Kamervragen '2024Z21910' (het lid Erkens (VVD), ingezonden 20 december 2024)": how the Kamer lists them."""
    by = f"{indieners_named(kamervragen.indieners)}, " if kamervragen.indieners else ""
    return f"Kamervragen '{kamervragen.id}' ({by}ingezonden {long_date(kamervragen.ingezonden)})"


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _after_uitstel(clock: Clock) -> str:
    if not clock.uitstel:
        return ""
    last = clock.uitstel[-1]
    return f" after uitstel (Mededeling {last.brief} of {long_date(last.date)})"


def _kamervragen_overdue(clock: Clock, as_of: dt.date) -> list[Diagnostic]:
    days = clock.overdue_days(as_of)
    assert days is not None
    message = f"{_named(clock.kamervragen)} are {_days(days)} past their deadline {long_date(clock.deadline)}"
    if clock.uitstel:
        # The last Mededeling set the deadline now passed: that is where to look.
        return [finding(clock.uitstel[-1].location, message + _after_uitstel(clock), "kamervragen-overdue")]
    message += ": te laat zonder uitstel"
    return [finding(clock.kamervragen.location_of("ingezonden"), message, "kamervragen-overdue")]


def _kamervragen_answered_late(clock: Clock, as_of: dt.date) -> list[Diagnostic]:
    answer = clock.answer
    assert answer is not None
    postponed = " after uitstel" if clock.uitstel else ""
    message = (
        f"{_named(clock.kamervragen)} were answered {_days(answer.late)} late by {answer.brief}"
        f" ({long_date(answer.date)}): they were due {long_date(answer.deadline)}{postponed}"
    )
    return [finding(answer.location, message, "answered-late")]


def _uitstel_late(clock: Clock, as_of: dt.date) -> list[Diagnostic]:
    return [
        finding(
            reply.location,
            f"{_named(clock.kamervragen)}: te laat: the Mededeling {reply.brief} of {long_date(reply.date)}"
            f" came {_days(reply.late)} after the deadline {long_date(reply.deadline)} it was to move",
            "uitstel-late",
        )
        for reply in clock.uitstel
        if reply.late
    ]


_KAMERVRAGEN_FINDINGS = {
    "overdue": _kamervragen_overdue,
    "overdue-no-uitstel": _kamervragen_overdue,
    "answered-late": _kamervragen_answered_late,
    "postponed-late": _uitstel_late,
}


def unused_document_problems(context: RepositoryContext) -> list[Diagnostic]:
    """Documents that no brief cites and no data refers to."""
    repository: Repository = context.repository
    named: Mapping[str, set[str]] = context.named
    cited: set[str] = {c.made.source for c in repository.commitments.values() if c.made.source}
    cited |= {o.responds_to for o in repository.overleggen.values() if o.responds_to}
    cited |= {brief.meta.kamerstuk for brief in context.briefs if brief.meta.kamerstuk}
    for ids in named.values():
        cited |= ids
    return [
        finding(document.location_of("id"), f"document '{document.id}' is never cited", "unused-document")
        for document in repository.documents.values()
        if document.id not in cited
    ]
