"""The nota to a bewindspersoon: four fixed sections, bijlagen, and the Kamerbrief it may accompany."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, Mapping

from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..model import Brief, BriefStatus, CitationStyle, NotaPurpose, Record, Repository
from ..targets import NamedTarget, Targets
from . import DocumentType, NumberedSections, Related, Scaffold, Start, WooPublication, doctype_of, unknown_people
from .letter import LetterType


@dataclass(frozen=True, kw_only=True)
class Bijlage(Record):
    noun = "bijlage"
    naam: str
    informatie: str | None = None
    id: str | None = None  # for references from the text: @id -> "bijlage 2"


@dataclass(frozen=True, kw_only=True)
class NotaFrontMatter(NumberedSections):
    """A nota to a bewindspersoon. Bijlage(n) and volgnummers are derived from ``bijlagen``."""

    noun = "front matter"
    type: Literal["nota"]
    ter: NotaPurpose
    date: dt.date
    onze_referentie: str
    from_: str | None = None  # the directorate that sends it (data/organisation.yaml); YAML key: from
    actief_openbaar: bool
    opgesteld_door: str
    aan: str
    title: str
    status: BriefStatus
    samengewerkt_met: tuple[str, ...] = ()
    van: str | None = None
    bijlagen: tuple[Bijlage, ...] = ()
    kamerbrief: str | None = None
    kamerstuk: str | None = None  # the letter it accompanies, as a document (when not in briefs/)
    citation_style: CitationStyle = "leidraad"


class Nota(DocumentType):
    name = "nota"
    front_matter = NotaFrontMatter
    rules = ("nota-sections", "bijlagen-referenced", "answers-addressed")

    def scaffold(self, start: Start) -> Scaffold:
        fields = (
            ("type", self.name, None),
            ("ter", "beslissing", "beslissing, ondertekening, informatie or accordering"),
            ("date", start.today, None),
            ("onze_referentie", "nog toe te kennen", "the DMS number, once it has one"),
            *start.sender_field(),
            ("actief_openbaar", False, "true: published under the Woo once the letter is sent"),
            ("opgesteld_door", "naam, directie", "who drafted it; personal data, left out of a Woo publication"),
            ("aan", start.signatory or "", "the bewindspersoon it goes to: an id in data/organisation.yaml"),
            ("title", "Onderwerp van de nota", None),
            ("status", "concept", None),
        )
        sections = {
            "Aanleiding": "Waarom deze nota u nu bereikt.",
            "Geadviseerd besluit": "U wordt geadviseerd in te stemmen met het voorstel.",
            "Kern": "De kern van het voorstel, in een paar punten.",
            "Toelichting": "De toelichting op het voorstel.",
        }
        body = "\n".join(f"# {title}\n\n{text}\n" for title, text in sections.items())
        return Scaffold(fields, body)

    def answered_in_template(self, brief: Brief, letters: Mapping[str, Brief]) -> tuple[str, ...]:
        """A nota's template sees what the Kamerbrief it accompanies answers."""
        letter = self._letter(brief, letters)
        return doctype_of(letter).answered(letter.meta) if letter else ()

    def companions(self, meta: Any) -> tuple[tuple[str, str], ...]:
        return (("kamerbrief", meta.kamerbrief),) if meta.kamerbrief else ()

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        meta = brief.meta
        problems = unknown_people(meta, "aan", (meta.aan,), repository)
        if meta.kamerbrief is not None:
            letter = letters.get(meta.kamerbrief)
            if letter is None:
                message = unknown("brief", meta.kamerbrief, [*letters, *names])
                problems.append(finding(meta.location_of("kamerbrief"), message, "unknown-brief"))
            elif not isinstance(doctype_of(letter), LetterType):
                message = f"'{meta.kamerbrief}' is a {letter.meta.type}, not a letter to the Kamer"
                problems.append(finding(meta.location_of("kamerbrief"), message, "not-a-letter"))
        return problems

    def targets(self, brief: Brief, repository: Repository) -> Targets:
        bijlagen = enumerate(brief.meta.bijlagen, 1)
        return {bijlage.id: BijlageTarget(bijlage, number) for number, bijlage in bijlagen if bijlage.id}

    def template_extras(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
        letter = self._letter(brief, letters)
        return {"letter": letter.meta if letter else None}

    def furniture(self, document, brief, repository, stamp):
        from ..render.nota import NotaFurniture

        return NotaFurniture(document, brief, repository, stamp)

    def woo_publication(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> WooPublication | None:
        """A beslisnota marked actief openbaar, published with the Kamerbrief it accompanies.
        Personal: who drew it up (the whole value as it stands in the column, and the name
        before the first comma of "naam, afdeling", wherever else it occurs) and whom it was
        written with, unless an entry names an organisation: a ministry by its abbreviation
        (IenW) or a directorate or ministry of the data (DGDOO, DGDOO/DAO)."""
        meta = brief.meta
        if not meta.actief_openbaar:
            return None
        personal = [("opgesteld_door", meta.opgesteld_door)]
        name = meta.opgesteld_door.split(",", 1)[0].strip()
        if name and name != meta.opgesteld_door.strip():
            personal.append(("opgesteld_door", name))
        organisations = _organisation_names(repository)
        personal += [("samengewerkt_met", value) for value in meta.samengewerkt_met if not _is_organisation(value, organisations)]
        related = self._related(brief, repository, letters)
        return WooPublication(
            "beslisnota", meta.onze_referentie, meta.title, meta.date,
            tuple((field, text) for field, text in personal if text.strip()), related,
        )

    def _related(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> tuple[Related, ...]:
        """The Kamerbrief the nota accompanies: as the Kamerstuk it was published as when known
        (the nota's own ``kamerstuk``, else its letter's), else as the letter by its kenmerk."""
        letter = self._letter(brief, letters)
        kamerstuk = brief.meta.kamerstuk or (letter.meta.kamerstuk if letter else None)
        document = repository.documents.get(kamerstuk) if kamerstuk else None
        if document is not None:
            return (Related(document.title or document.id, kamerstuk_address(document)),)
        if letter is not None:
            return (Related(letter.meta.betreft, letter.meta.kenmerk),)
        return ()

    @staticmethod
    def _letter(brief: Brief, letters: Mapping[str, Brief]) -> Brief | None:
        return letters.get(brief.meta.kamerbrief) if brief.meta.kamerbrief else None


@dataclass(frozen=True)
class BijlageTarget(NamedTarget):
    """A bijlage, by its number in the Bijlagen table."""

    noun = "a bijlage"
    bijlage: Bijlage
    number: int

    def name(self) -> str:
        return f"bijlage {self.number}"


def kamerstuk_address(document) -> str:
    """Where officielebekendmakingen.nl publishes a Kamerstuk (kst-30950-424, kst-35741-F), or
    the document's own address."""
    if document.url:
        return document.url
    if document.dossier and (document.number or document.letter):
        return f"https://zoek.officielebekendmakingen.nl/kst-{document.dossier}-{document.number or document.letter}"
    return document.id


# The ministries as nota's abbreviate them in "Samengewerkt met": organisations, not persons.
MINISTRY_ABBREVIATIONS = (
    "AZ", "BZ", "BHO", "BZK", "Def", "EZ", "EZK", "Fin", "IenW", "JenV", "KGG", "LNV", "LVVN", "OCW", "SZW",
    "VWS", "VRO", "AenM", "Financiën", "Defensie",
)


def _organisation_names(repository: Repository) -> frozenset[str]:
    """Every name of an organisation a nota may say it was written with, lower case."""
    names = {abbreviation.lower() for abbreviation in MINISTRY_ABBREVIATIONS}
    organisation = repository.organisation
    for ministry in organisation.all_ministries:
        names |= {value.lower() for value in (ministry.id, ministry.name, ministry.short) if value}
        for directorate in ministry.directorates:
            names |= {value.lower() for value in (directorate.id, directorate.name, directorate.short) if value}
    if organisation.ministry_short:
        names.add(organisation.ministry_short.lower())
    return frozenset(names)


def _is_organisation(entry: str, organisations: frozenset[str]) -> bool:
    """'IenW', 'DGDOO/DAO' (a directorate of the data and its unit, in capitals): an organisation."""
    parts = [part.strip() for part in entry.split("/") if part.strip()]
    if not parts or parts[0].lower() not in organisations:
        return False
    return all(part.lower() in organisations or (part.isupper() and " " not in part) for part in parts[1:])
