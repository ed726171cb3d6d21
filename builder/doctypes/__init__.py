"""Document types: everything that makes a Kamerbrief, a nota or a reply what it is.

Each type is a module in this package with a ``DocumentType`` subclass: its
front matter (a record class whose ``type`` field names it), the references its
front matter makes, the targets its body may refer to, the rules of
``builder.rules`` that apply to it, what its template sees, how its body is
composed and which furniture frames it. The stages ask the type of a brief
(``doctype_of``) and never branch on it themselves; a new type is a new module
and one line in ``_register_built_in``.

Every front matter has ``type``, ``date``, ``status`` (concept/verzonden),
``citation_style`` and ``kamerstuk`` (the document it was published as): the
stages read those of any brief. The sender (``from``) is read by ``sender_of``. A type whose body's headings are the writer's
own sections (a Kamerbrief, a nota) adds ``NumberedSections``: ``numbered: true``
numbers them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Mapping

from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..model import Brief, Record, Repository

if TYPE_CHECKING:
    from ..lifecycle import Step
    from ..render.furniture import Furniture, PageFurniture
    from ..targets import Targets
    from ..version import Stamp


@dataclass(frozen=True, kw_only=True)
class NumberedSections(Record):
    """Front matter of a document whose headings the writer chooses: ``numbered: true`` numbers
    them 1, 1.1, 1.1.1 (``number_depth`` levels deep, 3 unless given), as long letters do.

    Not for a reply or answers to Kamervragen: their level-1 headings name the questions
    answered, and the document repeats the questions in their place."""

    numbered: bool = False
    number_depth: int | None = None


DEFAULT_NUMBER_DEPTH = 3


@dataclass(frozen=True)
class ExtraDocument:
    """A further document a brief is built into besides its own: ``out/NAME<suffix>.docx``,
    written with the brief's own document, all or none (the answers to Kamervragen and
    the aanbiedingsbrief that sends them)."""

    suffix: str  # "-aanbiedingsbrief"
    markdown: str  # its whole body as pandoc Markdown, text from data escaped
    furnish: Callable[[Any, Stamp], None]  # adds its furniture to the DOCX pandoc made of ``markdown``


@dataclass(frozen=True)
class Start:
    """What ``brief new`` gives a type to start a brief from."""

    name: str
    today: dt.date
    signatory: str | None  # the bewindspersoon in office who signs by default
    about: str | None  # the record it answers, when ``answerable`` has any: an overleg, a set of Kamervragen
    repository: Repository
    sender: str | None = None  # the directorate that sends it by default; None: the organisation names no ids

    def sender_field(self) -> tuple[tuple[str, Any, str | None], ...]:
        """``from:`` with the default sender, where the organisation has directorates by id."""
        if self.sender is None:
            return ()
        return (("from", self.sender, "the directorate that sends it: an id in data/organisation.yaml"),)


@dataclass(frozen=True)
class Answerable:
    """The records a type's brief answers one of: what they are called, where they live, by id."""

    noun: str  # "schriftelijk overleg"
    folder: str  # "data/overleggen/"
    records: Mapping[str, Any]
    dated: Callable[[Any], dt.date]  # a record's date: the newest is answered unless one is named


@dataclass(frozen=True)
class Scaffold:
    """A new brief: its front matter as (YAML key, value, comment or None), and a body to write in."""

    fields: tuple[tuple[str, Any, str | None], ...]
    body: str


@dataclass(frozen=True)
class Related:
    """A document another one refers to, as publication metadata names it: a nota's Kamerbrief."""

    label: str  # its title or citation, as people know it
    resource: str  # its identifier: the Kamerstuk's address at officielebekendmakingen.nl, else its kenmerk


@dataclass(frozen=True)
class WooPublication:
    """What publishing a document under the Woo (``brief woo``, ``builder.woo``) takes from its type.

    ``personal`` is the personal data its front matter holds, by field: withheld under
    5.1.2e where it stands and everywhere else the text occurs. Office-holders (the
    bewindspersoon a nota is addressed to, a letter's signatories) are not in it: their
    names are public."""

    documentsoort: str  # a key of builder.woo.metadata.DOCUMENTSOORTEN: "beslisnota"
    identifier: str  # the document's own reference (a nota's onze referentie)
    title: str
    created: dt.date
    personal: tuple[tuple[str, str], ...]  # (front-matter field, text)
    related: tuple[Related, ...] = ()
    informatiecategorie: str = "inspanningsverplichting"  # a key of builder.woo.metadata.INFORMATIECATEGORIEEN


class DocumentType:
    """One kind of document. Subclass it, set the class attributes, override what differs."""

    name: ClassVar[str]  # the front matter's ``type``
    front_matter: ClassVar[type[Record]]
    rules: ClassVar[tuple[str, ...]] = ()  # rules of builder.rules for this type only, by name

    def answered(self, meta: Any) -> tuple[str, ...]:
        """The commitments and motions this document answers (``answers:`` of a letter)."""
        return ()

    def steps(self, meta: Any) -> tuple[Step, ...]:
        """What this document does to commitments and motions: answer, answer in part, postpone."""
        return ()

    def title(self, meta: Any) -> str | None:
        """What a status row calls this document (a letter's ``betreft``); None: the row names it."""
        return None

    def kamervragen_step(self, meta: Any) -> tuple[str, str] | None:
        """('answers' or 'postpones', the set's id) when this document answers a set of
        Kamervragen or postpones its answer (``builder.kamervragen``)."""
        return None

    def answered_in_template(self, brief: Brief, letters: Mapping[str, Brief]) -> tuple[str, ...]:
        """The ids a body's template sees as ``answers``."""
        return self.answered(brief.meta)

    def companions(self, meta: Any) -> tuple[tuple[str, str], ...]:
        """(field, brief name) of each other brief this one is built with, e.g. a nota's Kamerbrief."""
        return ()

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        """Ids in the front matter that name nothing (``names``: every brief, for hints)."""
        return []

    def targets(self, brief: Brief, repository: Repository) -> Targets:
        """What the body may refer to besides the data: questions, bijlagen. Sections and
        figures, which any body may have, are added for every type (``builder.targets``)."""
        return {}

    def number_depth(self, meta: Any) -> int:
        """How many heading levels are numbered (0: none): what ``NumberedSections`` asks for."""
        if isinstance(meta, NumberedSections) and meta.numbered:
            return meta.number_depth or DEFAULT_NUMBER_DEPTH
        return 0

    def template_extras(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
        """Names a body's template sees beyond those every template sees."""
        return {}

    def compose(self, markdown: str, brief: Brief, repository: Repository) -> str:
        """The document's body from the writer's (citations already resolved)."""
        return markdown

    def furniture(self, document: Any, brief: Brief, repository: Repository, stamp: Stamp | None) -> Furniture:
        """The furniture (sender column, headers, signature …) that frames this type's document:
        written into the DOCX pandoc made (``document``), or, with ``document`` None, only read
        as data (``page_furniture``)."""
        raise NotImplementedError

    def furnish(self, document: Any, brief: Brief, repository: Repository, stamp: Stamp) -> None:
        """Add the furniture to the DOCX pandoc made."""
        self.furniture(document, brief, repository, stamp).furnish()

    def page_furniture(self, brief: Brief, repository: Repository) -> PageFurniture | None:
        """The furniture as data, the same lines the DOCX gets, for the live preview's page
        (``brief preview``); None for a type that only furnishes a DOCX (overrides ``furnish``)."""
        try:
            furniture = self.furniture(None, brief, repository, None)
        except NotImplementedError:
            return None
        return furniture.page()

    def extra_documents(self, brief: Brief, repository: Repository) -> tuple[ExtraDocument, ...]:
        """The documents this brief is built into besides its own (for a brief that passed the check)."""
        return ()

    def answerable(self, repository: Repository) -> Answerable | None:
        """The records a brief of this type answers one of (its overleg, its set of Kamervragen),
        for ``brief new --over``; None: the type answers no such record."""
        return None

    def scaffold(self, start: Start) -> Scaffold:
        """What ``brief new`` writes for this type: front matter filled in, a body to write in."""
        raise NotImplementedError(f"document type '{self.name}' has no scaffold for brief new")

    def woo_publication(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> WooPublication | None:
        """How a document of this type is published under the Woo; None: it is not (``brief woo``
        refuses it). A Kamerbrief is published by the Kamer, not through this route."""
        return None


def sender_of(meta: Any) -> str | None:
    """The directorate a front matter names as its sender (``from:``); None: the default. Every
    built-in front matter has ``from``, and so has the letter a type makes of its own (an
    aanbiedingsbrief); a type of a repository's own may leave it out."""
    return getattr(meta, "from_", None)


def unknown_people(meta: Any, field: str, keys: tuple[str, ...], repository: Repository) -> list[Diagnostic]:
    """A finding for each of ``keys`` (the value of front-matter ``field``) that is no bewindspersoon."""
    people = repository.bewindspersonen
    return [
        finding(meta.location_of(field), unknown("bewindspersoon", key, people), "unknown-id")
        for key in keys
        if key not in people
    ]


_REGISTRY: dict[str, DocumentType] = {}


def register(doctype: DocumentType) -> None:
    """Make a document type known by its name; a name can be registered once."""
    if doctype.name in _REGISTRY:
        raise ValueError(f"document type '{doctype.name}' is already registered")
    _REGISTRY[doctype.name] = doctype


def unregister(name: str) -> None:
    del _REGISTRY[name]


def doctype_of(brief: Brief) -> DocumentType:
    return _REGISTRY[brief.meta.type]


def document_types() -> Mapping[str, DocumentType]:
    return dict(_REGISTRY)


def front_matter_types() -> Mapping[str, type[Record]]:
    """``type`` value -> front matter class: what the model stage reads a brief's front matter as."""
    return {name: doctype.front_matter for name, doctype in _REGISTRY.items()}


def _register_built_in() -> None:
    from .kamerbrief import Kamerbrief
    from .kamervragen import KamervragenAntwoord, KamervragenUitstel
    from .nota import Nota
    from .reply import Reply

    for doctype in (Kamerbrief(), Nota(), Reply(), KamervragenAntwoord(), KamervragenUitstel()):
        register(doctype)


_register_built_in()
