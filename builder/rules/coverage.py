"""Rules about the repository as a whole: statuses agree with the sent letters, nothing overdue,
every document cited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Mapping

from ..coverage import coverage_flags, letters_answering
from ..codes import finding
from ..diagnostics import Diagnostic
from ..dutch import long_date
from ..model import Brief, Commitment, Motion, Repository

if TYPE_CHECKING:
    from . import RepositoryContext


def statuses(context: RepositoryContext) -> list[Diagnostic]:
    return status_problems(context.repository, context.briefs, context.as_of)


def status_problems(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[Diagnostic]:
    """Closed items have a sent letter (or a reason); answered items are not left open; none is overdue."""
    answering = letters_answering(briefs)
    problems = []
    for item in [*repository.commitments.values(), *repository.motions.values()]:
        letters = answering.get(item.id, [])
        for flag in coverage_flags(item, letters, as_of):
            problems.append(_status_finding(item, flag, letters, as_of))
    return problems


def _status_finding(item: Commitment | Motion, flag: str, letters: list[Brief], as_of: dt.date) -> Diagnostic:
    if flag == "overdue":
        assert isinstance(item, Commitment) and item.due is not None
        return finding(
            item.due.location_of("date"),
            f"commitment '{item.id}' is open and was due {long_date(item.due.date)}"
            f" ({(as_of - item.due.date).days} days ago)",
            "overdue",
        )
    if flag == "answered-not-marked":
        names = ", ".join(b.name for b in letters if b.meta.status == "verzonden")
        return finding(
            item.location_of("status"),
            f"{item.noun} '{item.id}' is answered by sent letter {names} but still open",
            "answered-still-open",
        )
    return finding(
        item.location_of("status"),
        f"{item.noun} '{item.id}' is {item.status} but no sent letter answers it; "
        "list it in a letter's 'answers:' or give a 'reason'",
        "closed-unanswered",
    )


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
