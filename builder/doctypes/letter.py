"""What every letter to the Kamer has: the front matter and behaviour a Kamerbrief and a reply share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..model import BriefStatus, CitationStyle, Document, Kamer, Record, Brief, Repository
from . import DocumentType, unknown_people


@dataclass(frozen=True, kw_only=True)
class LetterFrontMatter(Record):
    """What every letter to the Kamer has; the letter types add to it."""

    noun = "front matter"
    date: dt.date
    kenmerk: str
    betreft: str
    addressee: Kamer
    signatories: tuple[str, ...]
    status: BriefStatus
    uw_kenmerk: str | None = None
    bijlagen: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    kamerstuk: str | None = None  # the document the sent letter was published as
    citation_style: CitationStyle = "leidraad"
    salutation: str = "Geachte voorzitter,"
    closing: str = "Hoogachtend,"


class LetterType(DocumentType):
    """A letter to the Voorzitter of a Kamer, signed by bewindspersonen; it may answer
    commitments and motions."""

    rules = ("letter-signatories", "answers-addressed")

    def answered(self, meta: Any) -> tuple[str, ...]:
        return meta.answers

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        meta = brief.meta
        problems = unknown_people(meta, "signatories", meta.signatories, repository)
        for key in meta.answers:
            item = repository.lookup(key)
            if item is None or isinstance(item, Document):
                candidates = [*repository.commitments, *repository.motions]
                problems.append(finding(meta.location_of("answers"), unknown("commitment or motion", key, candidates), "unknown-id"))
        return problems

    def furnish(self, document, brief, repository, stamp) -> None:
        from ..render.letter import LetterFurniture

        LetterFurniture(document, brief, repository, stamp).furnish()
