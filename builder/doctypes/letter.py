"""What every letter to the Kamer has: the front matter and behaviour a Kamerbrief and a reply share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..kamervragen import roles_named
from ..model import BriefStatus, CitationStyle, Document, Kamer, PartAnswer, Postponement, Record, Brief, Repository
from . import DocumentType, Start, unknown_people


@dataclass(frozen=True, kw_only=True)
class LetterFrontMatter(Record):
    """What every letter to the Kamer has; the letter types add to it."""

    noun = "front matter"
    date: dt.date
    kenmerk: str
    betreft: str
    from_: str | None = None  # the directorate that sends it (data/organisation.yaml); YAML key: from
    addressee: Kamer
    signatories: tuple[str, ...]
    status: BriefStatus
    uw_kenmerk: str | None = None
    bijlagen: tuple[str, ...] = ()
    mede_namens: tuple[str, ...] = ()  # bewindspersonen the letter is also sent on behalf of
    answers: tuple[str, ...] = ()
    partly_answers: tuple[PartAnswer, ...] = ()  # answered in part: 'deels voldaan' until a letter answers it
    postpones: Mapping[str, Postponement] = field(default_factory=dict, hash=False)  # id -> its new due date
    kamerstuk: str | None = None  # the document the sent letter was published as
    citation_style: CitationStyle = "leidraad"
    salutation: str | None = "Geachte voorzitter,"  # "" or null: no salutation
    closing: str | None = "Hoogachtend,"  # "" or null: no closing line above the signatures


def _postponement_problems(step, item, sent_on: dt.date, repository: Repository) -> list[Diagnostic]:
    """A postponement's new due date must name a day, after the letter that sets it."""
    from ..lifecycle import resolve_due

    date, problem = resolve_due(step.due, sent_on, item.kamer, repository)
    if problem:
        return [finding(step.due.loc, problem, "due-phrase")]
    if date is not None and date <= sent_on:
        message = f"'{step.id}' is postponed to {date.isoformat()}, which is not after this letter's date {sent_on.isoformat()}"
        return [finding(step.due.loc, message, "due-phrase")]
    return []


class LetterType(DocumentType):
    """A letter to the Voorzitter of a Kamer, signed by bewindspersonen; it may answer
    commitments and motions."""

    rules = ("letter-signatories", "appointment-dates", "answers-addressed", "mede-namens")

    def answered(self, meta: Any) -> tuple[str, ...]:
        return meta.answers

    def title(self, meta: Any) -> str | None:
        return meta.betreft

    def steps(self, meta: Any) -> tuple:
        from ..lifecycle import letter_steps

        return letter_steps(meta)

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        meta = brief.meta
        problems = unknown_people(meta, "signatories", meta.signatories, repository)
        problems += unknown_people(meta, "mede_namens", meta.mede_namens, repository)
        candidates = [*repository.commitments, *repository.motions]
        for step in self.steps(meta):
            item = repository.lookup(step.id)
            if item is None or isinstance(item, Document):
                problems.append(finding(step.location, unknown("commitment or motion", step.id, candidates), "unknown-id"))
            elif step.due is not None:
                problems += _postponement_problems(step, item, meta.date, repository)
        return problems

    def template_extras(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
        return {"mede_namens": mede_namens_sentence(brief.meta, repository)}

    def furniture(self, document, brief, repository, stamp):
        from ..render.letter import LetterFurniture

        return LetterFurniture(document, brief, repository, stamp)


def mede_namens_sentence(meta: LetterFrontMatter, repository: Repository) -> str:
    """How a letter sent on behalf of others opens: "Mede namens de Minister van Defensie en de
    Staatssecretaris van Justitie en Veiligheid", the roles joined as the Kamer joins them
    (``builder.kamervragen.roles_named``); "" when it lists nobody, so that a template can ask
    ``{% if mede_namens %}``. An unknown id is the resolve stage's error, not this text's."""
    people = repository.bewindspersonen
    roles = [people[key].role for key in meta.mede_namens if key in people]
    return f"Mede namens {roles_named(roles)}" if roles else ""


# What a new brief says where the DMS gives the number: a concept has none yet.
NEW_KENMERK = "nog toe te kennen"


def new_letter_fields(start: Start, type_name: str, betreft: str, addressee: str) -> tuple:
    """The front matter every new letter starts with, signed by the bewindspersoon in office."""
    return (
        ("type", type_name, None),
        ("date", start.today, "the day it is sent; brief check judges due dates by it"),
        ("kenmerk", NEW_KENMERK, "the DMS number, once it has one"),
        *start.sender_field(),
        ("betreft", betreft, None),
        ("addressee", addressee, "TK or EK"),
        ("signatories", [start.signatory] if start.signatory else [], "ids in data/organisation.yaml"),
        ("status", "concept", "verzonden once sent"),
    )
