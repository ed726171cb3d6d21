"""Answering Kamervragen: the answer document with its aanbiedingsbrief, and the Mededeling.

``kamervragen-antwoord``: the writer's brief holds only the answers, each under a
level-1 heading naming the numbers of the questions it answers (``# 1``, ``# 2, 3``,
``# 2 en 3``). The built document is the answer as the Kamer prints it in the
Aanhangsel: the set's number, who asked whom, who answered, then each "Vraag n" with
the question and "Antwoord n" with the answer (``builder.render.kamervragen``). The
same build writes the aanbiedingsbrief that sends it to the Voorzitter,
``out/NAME-aanbiedingsbrief.docx``, unless ``aanbiedingsbrief: false``.

``kamervragen-uitstel``: the Mededeling that the answers take longer, a letter to the
Voorzitter whose text is made from the data and the ``reason``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal, Mapping

from ..body import Section
from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..kamervragen import ANSWERS, POSTPONES, Kamervragen
from ..model import Brief, BriefStatus, CitationStyle, Record, Repository
from ..targets import NamedTarget, Targets
from . import Answerable, DocumentType, ExtraDocument, Scaffold, Start, unknown_people
from .letter import NEW_KENMERK, LetterFrontMatter

AANBIEDINGSBRIEF_SUFFIX = "-aanbiedingsbrief"
# "1", "2, 3", "2 en 3", "2, 3 en 4": the numbers an answer's heading names.
_NUMBERS = re.compile(r"^\d{1,4}(?:\s*(?:,|\ben\b)\s*\d{1,4})*$")


@dataclass(frozen=True, kw_only=True)
class AntwoordFrontMatter(Record):
    """The answers to a set of Kamervragen, signed by the bewindspersonen asked."""

    noun = "front matter"
    type: Literal["kamervragen-antwoord"]
    kamervragen: str  # the set's id: its Kamer number
    date: dt.date
    kenmerk: str
    from_: str | None = None  # the directorate that sends it; YAML key: from
    signatories: tuple[str, ...]  # the first one answers: "Antwoord van Minister …"
    status: BriefStatus
    aanbiedingsbrief: bool = True  # also build out/NAME-aanbiedingsbrief.docx
    betreft: str | None = None  # the aanbiedingsbrief's; default "Antwoorden Kamervragen over …"
    kamerstuk: str | None = None
    citation_style: CitationStyle = "leidraad"


@dataclass(frozen=True, kw_only=True)
class UitstelFrontMatter(Record):
    """The Mededeling (uitstelbericht): the answers to a set of Kamervragen take longer."""

    noun = "front matter"
    type: Literal["kamervragen-uitstel"]
    kamervragen: str
    date: dt.date
    kenmerk: str
    from_: str | None = None  # the directorate that sends it; YAML key: from
    signatories: tuple[str, ...]
    status: BriefStatus
    reason: str  # a whole sentence: "Voor de beantwoording is afstemming met … nodig."
    expected: str | None = None  # "voor 14 februari 2025": when the answers are expected
    betreft: str | None = None  # default "Uitstel beantwoording vragen van … over …"
    kamerstuk: str | None = None
    citation_style: CitationStyle = "leidraad"


class _KamervragenType(DocumentType):
    """What the answer and the Mededeling share: a set of Kamervragen and who signs."""

    role: str  # ANSWERS or POSTPONES

    def title(self, meta: Any) -> str | None:
        return meta.betreft

    def kamervragen_step(self, meta: Any) -> tuple[str, str]:
        return self.role, meta.kamervragen

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        meta = brief.meta
        problems = unknown_people(meta, "signatories", meta.signatories, repository)
        if meta.kamervragen not in repository.kamervragen:
            message = unknown("set of Kamervragen", meta.kamervragen, repository.kamervragen)
            problems.append(finding(meta.location_of("kamervragen"), message, "unknown-id"))
        return problems

    def template_extras(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
        return {"kamervragen": repository.kamervragen.get(brief.meta.kamervragen)}

    def answerable(self, repository: Repository) -> Answerable:
        return Answerable("set of Kamervragen", "data/kamervragen/", repository.kamervragen, lambda kamervragen: kamervragen.ingezonden)

    def scaffold(self, start: Start) -> Scaffold:
        kamervragen = start.repository.kamervragen[start.about]
        # Signed by a bewindspersoon the questions were put to: who else answers is not-asked.
        asked = kamervragen.aan[0] if kamervragen.aan else start.signatory
        fields = (
            ("type", self.name, None),
            ("kamervragen", kamervragen.id, None),
            ("date", start.today, "the day it is sent; the three-week clock is judged by it"),
            ("kenmerk", NEW_KENMERK, "the DMS number, once it has one"),
            *start.sender_field(),
            ("signatories", [asked] if asked else [], "ids in data/organisation.yaml"),
            ("status", "concept", "verzonden once sent"),
            *self.own_fields(kamervragen),
        )
        return Scaffold(fields, self.new_body(kamervragen))

    def own_fields(self, kamervragen: Kamervragen) -> tuple:
        return ()

    def new_body(self, kamervragen: Kamervragen) -> str:
        return ""

    @staticmethod
    def letter_meta(meta: Any, kamervragen: Kamervragen, betreft: str, bijlagen: tuple[str, ...]) -> LetterFrontMatter:
        """The front matter of the letter to the Voorzitter this brief is (or sends its answers
        with): the Kamer that asked, the set's number as Uw kenmerk."""
        return LetterFrontMatter(
            date=meta.date, kenmerk=meta.kenmerk, betreft=betreft, addressee=kamervragen.kamer,
            signatories=meta.signatories, status=meta.status, uw_kenmerk=kamervragen.id, bijlagen=bijlagen, from_=meta.from_,
            loc=meta.loc, where=meta.where,
        )


class KamervragenAntwoord(_KamervragenType):
    name = "kamervragen-antwoord"
    front_matter = AntwoordFrontMatter
    rules = ("kamervragen-signatories", "appointment-dates", "kamervragen-answers")

    def new_body(self, kamervragen: Kamervragen) -> str:
        return "\n".join(
            f"# {vraag.number}\n\nHier komt het antwoord op vraag {vraag.number}.\n" for vraag in kamervragen.vragen
        )
    role = ANSWERS

    def targets(self, brief: Brief, repository: Repository) -> Targets:
        kamervragen = repository.kamervragen.get(brief.meta.kamervragen)
        if kamervragen is None:
            return {}
        return {vraag_key(vraag.number): AnswerTarget(vraag.number) for vraag in kamervragen.vragen}

    def compose(self, markdown: str, brief: Brief, repository: Repository) -> str:
        from ..render.kamervragen import answer_markdown

        return answer_markdown(markdown, brief, repository.kamervragen[brief.meta.kamervragen], repository)

    def furniture(self, document, brief, repository, stamp):
        from ..render.kamervragen import AnswerFurniture

        return AnswerFurniture(document, brief, repository, stamp, betreft=self._betreft(brief, repository))

    def extra_documents(self, brief: Brief, repository: Repository) -> tuple[ExtraDocument, ...]:
        meta = brief.meta
        if not meta.aanbiedingsbrief:
            return ()
        from ..render.kamervragen import aanbiedingsbrief_markdown
        from ..render.letter import LetterFurniture

        kamervragen = repository.kamervragen[meta.kamervragen]
        letter = Brief(
            f"{brief.name}{AANBIEDINGSBRIEF_SUFFIX}", brief.path,
            self.letter_meta(meta, kamervragen, self._betreft(brief, repository), ("Antwoorden Kamervragen",)),
            "", brief.body_line,
        )

        def furnish(document, stamp) -> None:
            LetterFurniture(document, letter, repository, stamp).furnish()

        return (ExtraDocument(AANBIEDINGSBRIEF_SUFFIX, aanbiedingsbrief_markdown(kamervragen, len(brief.meta.signatories)), furnish),)

    @staticmethod
    def _betreft(brief: Brief, repository: Repository) -> str:
        kamervragen = repository.kamervragen[brief.meta.kamervragen]
        return brief.meta.betreft or f"Antwoorden Kamervragen over {kamervragen.subject}"


class KamervragenUitstel(_KamervragenType):
    name = "kamervragen-uitstel"
    front_matter = UitstelFrontMatter
    rules = ("kamervragen-signatories", "appointment-dates")
    role = POSTPONES

    def own_fields(self, kamervragen: Kamervragen) -> tuple:
        reason = "Voor de beantwoording is afstemming met andere departementen nodig."
        return (("reason", reason, "a whole sentence: why the answers take longer"),)

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        problems = super().reference_problems(brief, repository, letters, names)
        if not brief.meta.reason.strip():
            message = "the Mededeling needs a 'reason': a sentence that says why the answers take longer"
            problems.append(finding(brief.meta.location_of("reason"), message, "missing-field"))
        return problems

    def compose(self, markdown: str, brief: Brief, repository: Repository) -> str:
        from ..render.kamervragen import uitstel_markdown

        return uitstel_markdown(markdown, brief.meta, repository.kamervragen[brief.meta.kamervragen], repository)

    def furniture(self, document, brief, repository, stamp):
        from ..kamervragen import indieners_named
        from ..render.letter import LetterFurniture

        meta = brief.meta
        kamervragen = repository.kamervragen[meta.kamervragen]
        betreft = meta.betreft or (
            f"Uitstel beantwoording vragen van {indieners_named(kamervragen.indieners)} over {kamervragen.subject}"
        )
        letter = Brief(brief.name, brief.path, self.letter_meta(meta, kamervragen, betreft, ()), brief.body, brief.body_line)
        return LetterFurniture(document, letter, repository, stamp)


def vraag_key(number: int) -> str:
    """The id the body refers to a question's answer by: ``@vraag-2``."""
    return f"vraag-{number}"


def answer_anchor(number: int) -> str:
    """The bookmark on the label of the answer to question ``number``."""
    return f"antwoord-{number}"


def answer_numbers(section: Section) -> list[int] | None:
    """'2, 3 en 4' -> [2, 3, 4]: the questions a section answers; None when its heading is not numbers."""
    title = section.title.strip()
    if not _NUMBERS.match(title):
        return None
    return [int(number) for number in re.findall(r"\d+", title)]


@dataclass(frozen=True)
class AnswerTarget(NamedTarget):
    """The answer to one question of the set: ``@vraag-2`` is "het antwoord op vraag 2"."""

    noun, verb = "an answer", "referred to"
    number: int

    def name(self) -> str:
        return f"het antwoord op vraag {self.number}"

    @property
    def anchor(self) -> str:
        return answer_anchor(self.number)
