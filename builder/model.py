"""Model stage: YAML node trees -> frozen dataclasses, every problem located.

Each record type below *is* its schema: the converter reads the dataclass
fields and their annotations, so adding a field to the data format means
adding one annotated line here. Field names are the YAML keys, and the order
of the fields is the order of the keys in the canonical layout (``brief fmt``):
every class is ``kw_only``, so required and optional fields can interleave.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import keyword
import re
import types
import typing
import unicodedata
from dataclasses import MISSING, Field, dataclass, field, fields, is_dataclass, make_dataclass
from typing import Any, ClassVar, Literal, Mapping

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .codes import finding
from .diagnostics import (
    CONTROL_CHARACTER,
    Diagnostic,
    Location,
    describe_control,
    did_you_mean,
    shortened,
)
from .dutch import vergaderjaar
from .load import YamlDocument

Kamer = Literal["TK", "EK"]
Chamber = Literal["I", "II"]
CommitmentStatus = Literal["open", "voldaan", "deels voldaan", "vervallen"]
MotionStatus = Literal["open", "uitgevoerd", "deels uitgevoerd", "vervallen"]
Vote = Literal["aangenomen", "verworpen", "aangehouden", "ingetrokken", "onbekend"]
DocumentKind = Literal[
    "kamerstuk", "handelingen", "aanhangsel", "staatsblad", "staatscourant", "rechtspraak", "eu", "web", "report"
]
# Where a promise was made: in a debate of the Kamer or a committee, in writing (a schriftelijk
# overleg, an answer to Kamervragen, a letter). One list, so that a coordinator's filter and the
# toezeggingenoverzicht group the same occasion under one name.
OccasionKind = Literal[
    "debat", "plenair debat", "dertigledendebat", "tweeminutendebat", "commissiedebat", "wetgevingsoverleg",
    "notaoverleg", "algemeen overleg", "mondeling overleg", "mondelinge vragen", "mondelinge vragenuur",
    "interpellatie", "deskundigenbijeenkomst", "schriftelijk overleg", "Kamervragen", "brief",
]
Recurrence = Literal["yearly", "half-yearly", "quarterly", "two-yearly"]
NotaPurpose = Literal["ondertekening", "beslissing", "informatie", "accordering"]
BriefStatus = Literal["concept", "verzonden"]
CitationStyle = Literal["leidraad", "kamer"]


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every model object: it knows where in which file it was written."""

    noun: ClassVar[str] = "item"
    loc: Location = field(default=Location("<none>"), compare=False, repr=False)
    where: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def location_of(self, name: str) -> Location:
        """The position of a field's value, or of the record when the field is absent."""
        return self.where.get(name, self.loc)


# --- the data format -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Member(Record):
    """A member of parliament and their fractie, as a motion names them: "het lid Bamenga (D66)"."""

    noun = "member"
    member: str
    fractie: str | None = None


@dataclass(frozen=True, kw_only=True)
class Recipient(Record):
    """Whom a promise was made to: a member ("het lid Bamenga (D66)") or a committee."""

    noun = "recipient"
    member: str | None = None
    fractie: str | None = None
    committee: str | None = None

    @property
    def named(self) -> str:
        if self.committee:
            return self.committee
        return f"het lid {self.member} ({self.fractie})" if self.fractie else f"het lid {self.member}"


@dataclass(frozen=True, kw_only=True)
class Occasion(Record):
    """Where a promise was made: a debate on a date, or a document (``source``)."""

    noun = "occasion"
    kind: OccasionKind
    date: dt.date
    source: str | None = None
    subject: str | None = None


@dataclass(frozen=True, kw_only=True)
class Due(Record):
    """A due date: a date, the phrase the promise used ("voor de zomer 2025"), or both.

    A phrase alone is resolved through the parliamentary calendar (``builder.calendar``)
    when the repository is assembled; a date given with it wins, as the writer's reading.
    """

    noun = "due date"
    phrase: str | None = None
    date: dt.date | None = None

    @classmethod
    def from_scalar(cls, converter: Converter, node: ScalarNode) -> Any:
        """``due: 2025-06-30`` or ``due: voor de zomer 2025``."""
        if _ISO_DATE.match(node.value.strip()) or node.tag.endswith(":timestamp"):
            value = converter.scalar_date(node)
            return INVALID if value is INVALID else cls(date=value, loc=converter.document.location(node))
        phrase = converter.value(expect_of(str), node, " in a due date")
        return INVALID if phrase is INVALID else cls(phrase=phrase, loc=converter.document.location(node))


@dataclass(frozen=True, kw_only=True)
class PartAnswer(Record):
    """An id in a letter's ``partly_answers:``, with what is still to come (``rest``)."""

    noun = "part answer"
    id: str
    rest: str | None = None

    @classmethod
    def from_scalar(cls, converter: Converter, node: ScalarNode) -> Any:
        value = converter.field(cls, "id", expect_of(str), node, cls.noun)
        return INVALID if value is INVALID else cls(id=value, loc=converter.document.location(node))


@dataclass(frozen=True, kw_only=True)
class Postponement(Record):
    """A letter's ``postpones:`` value for one id: the new due date, and why."""

    noun = "postponement"
    due: Due
    reason: str | None = None

    @classmethod
    def from_scalar(cls, converter: Converter, node: ScalarNode) -> Any:
        due = Due.from_scalar(converter, node)
        return INVALID if due is INVALID else cls(due=due, loc=due.loc)


@dataclass(frozen=True, kw_only=True)
class Commitment(Record):
    """A toezegging: what a bewindspersoon promised the Kamer, where, and by when."""

    noun = "commitment"
    id: str
    kamer: Kamer
    short: str | None = None
    text: str
    made: Occasion
    by: str
    to: Recipient | None = None
    due: Due | None = None
    recurs: Recurrence | None = None  # the due date is the first of a series; each is answered in turn
    status: CommitmentStatus | None = None  # derived from the letters when absent (builder.lifecycle)
    reason: str | None = None  # why it is voldaan without a letter in briefs/
    motion: str | None = None
    notes: str | None = None


@dataclass(frozen=True, kw_only=True)
class Motion(Record):
    """A motie: its dossier and number, its submitters, dictum and vote."""

    noun = "motion"
    id: str
    kamer: Kamer
    dossier: str
    number: int | None = None
    date: dt.date
    submitters: tuple[Member, ...]
    cs: bool = False
    subject: str | None = None
    dictum: str | None = None  # absent when imported from the registry, which holds no dictum
    vote: Vote
    status: MotionStatus | None = None  # derived from the letters when absent (builder.lifecycle)
    reason: str | None = None  # why it is uitgevoerd without a letter in briefs/
    notes: str | None = None


@dataclass(frozen=True, kw_only=True)
class Document(Record):
    """Something a brief cites: a Kamerstuk, the Handelingen or their Aanhangsel (answers to
    Kamervragen), a regulation in the Staatsblad or Staatscourant, a ruling, an EU act, a report
    or a web page."""

    noun = "document"
    id: str
    kind: DocumentKind
    # A Kamerstuk is cited by its number: Kamerstukken II 2023/24, 30950, nr. 433 (letter: a
    # "B" paper). The Handelingen by vergaderjaar, item and date; the Aanhangsel by
    # vergaderjaar and number: Aanhangsel Handelingen II 2024/25, nr. 1205.
    kamer: Chamber | None = None
    dossier: str | None = None
    number: int | None = None
    letter: str | None = None
    item: int | None = None
    date: dt.date | None = None
    vergaderjaar: str | None = None
    # The Staatsblad and Staatscourant by year and number (Stb. 2011, 35); an EU act by the year
    # and the issue of the Publicatieblad (PbEU 2016, L 119).
    year: int | None = None
    oj: str | None = None
    # Case law by court (as the Leidraad abbreviates it), date and ECLI: HR 20 december 2019,
    # ECLI:NL:HR:2019:2006.
    court: str | None = None
    ecli: str | None = None
    # A report or web page by its title, publisher and address; a regulation by its citeertitel
    # (citeertitel: true) or by its name and date with what its intitulé says it is about (subject).
    title: str | None = None
    citeertitel: bool = False
    subject: str | None = None
    url: str | None = None
    publisher: str | None = None
    consulted: dt.date | None = None  # when a web page was read: "geraadpleegd op 3 maart 2025"
    notes: str | None = None


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    """A person who holds one or more appointments (``people:``): the name is written once."""

    noun = "person"
    id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class Bewindspersoon(Record):
    """An appointment: a minister or staatssecretaris who signs letters and receives nota's.

    The person is named here (``name:``) or, when one person holds several appointments in
    turn, referred to (``person:``, an id in ``people:``); assembly fills ``name`` from it,
    so that everything downstream reads ``name`` alone."""

    noun = "bewindspersoon"
    id: str
    role: str  # "Minister van Binnenlandse Zaken en Koninkrijksrelaties": the signature's first line
    portfolio: str | None = None  # a staatssecretaris's portefeuille: italic under the role
    short: str | None = None  # as a nota addresses it: "Aan de minister van BZK"
    name: str | None = None  # exclusive with ``person``; set from it once assembled
    person: str | None = None  # an id in ``people:``
    ministry: str | None = None  # the ministry's id; absent: the organisation's only ministry
    from_: dt.date | None = None  # the first day of the appointment; YAML key: from
    until: dt.date | None = None  # its last day

    def holds_on(self, day: dt.date) -> bool:
        """Whether the appointment ran on ``day`` (open-ended where a date is absent)."""
        return (self.from_ is None or self.from_ <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True, kw_only=True)
class Directorate(Record):
    """A directorate that sends letters and nota's: its own sender column."""

    noun = "directorate"
    id: str  # what a brief's ``from:`` names
    name: str  # "Directoraat-Generaal Digitalisering en Overheidsorganisatie": the column's heading
    short: str | None = None  # "DGDOO": a nota's "Van"
    default: bool = False  # the sender of a brief without ``from:``
    visiting_address: tuple[str, ...] = ()
    postal_address: tuple[str, ...]
    website: str | None = None
    contact: tuple[str, ...] = ()  # its own contact lines under the address: "T 070 426 6426"


@dataclass(frozen=True, kw_only=True)
class Ministry(Record):
    """A ministry a repository writes for: its name (the woordmerk), its logo, its directorates."""

    noun = "ministry"
    id: str  # what a bewindspersoon's ``ministry:`` names
    name: str
    short: str | None = None
    logo: str | None = None  # an image the ministry supplies, path from the repository root
    directorates: tuple[Directorate, ...]


@dataclass(frozen=True)
class Sender:
    """Who sends a brief: a directorate of a ministry (``Organisation.sender``)."""

    ministry: Ministry
    directorate: Directorate


# The fields of the single-ministry format (``ministry:`` and its directorate at the top level);
# ``organisation_problems`` keeps the two formats apart.
SINGLE_DIRECTORATE_FIELDS = ("directorate", "directorate_short", "visiting_address", "postal_address", "website")


@dataclass(frozen=True, kw_only=True)
class Organisation(Record):
    """data/organisation.yaml: the ministries and directorates letters come from, and the bewindspersonen.

    One ministry is written at the top level (``ministry:``, ``ministry_short:``, ``logo:``) with
    its directorates (``directorates:``) or, as before there were several, its one directorate
    (``directorate:`` and its addresses); several ministries are a list (``ministries:``)."""

    noun = "organisation"
    ministry: str | None = None
    ministry_short: str | None = None
    logo: str | None = None
    directorate: str | None = None
    directorate_short: str | None = None
    visiting_address: tuple[str, ...] = ()
    postal_address: tuple[str, ...] = ()
    website: str | None = None
    directorates: tuple[Directorate, ...] = ()
    ministries: tuple[Ministry, ...] = ()
    people: tuple[Person, ...] = ()  # who holds appointments, each named once
    bewindspersonen: tuple[Bewindspersoon, ...] = ()  # the appointments

    @functools.cached_property
    def all_ministries(self) -> tuple[Ministry, ...]:
        """Every ministry, each with its directorates, whichever format the file used."""
        if self.ministries:
            return self.ministries
        directorates = self.directorates
        if not directorates and self.directorate is not None:
            short = self.directorate_short
            directorates = (
                Directorate(
                    id=slug(short or self.directorate), name=self.directorate, short=short,
                    visiting_address=self.visiting_address, postal_address=self.postal_address,
                    website=self.website, loc=self.loc, where=self.where,
                ),
            )
        short = self.ministry_short
        ministry = Ministry(
            id=slug(short or self.ministry or "ministerie"), name=self.ministry or "", short=short, logo=self.logo,
            directorates=directorates, loc=self.loc, where=self.where,
        )
        return (ministry,)

    @property
    def ministry_names(self) -> tuple[str, ...]:
        return tuple(ministry.name for ministry in self.all_ministries)

    @property
    def name(self) -> str:
        """The ministry, or the ministries, a status or an overview is of."""
        return " en ".join(self.ministry_names)

    @functools.cached_property
    def senders(self) -> Mapping[str, Sender]:
        """Every directorate by id, with its ministry: what ``from:`` can name."""
        return {d.id: Sender(m, d) for m in self.all_ministries for d in m.directorates}

    @property
    def default_sender(self) -> Sender | None:
        """The sender of a brief without ``from:``: the only directorate, or the one marked default."""
        senders = list(self.senders.values())
        marked = [sender for sender in senders if sender.directorate.default]
        if len(senders) == 1:
            return senders[0]
        return marked[0] if len(marked) == 1 else None

    def sender(self, key: str | None) -> Sender:
        """The sender ``from:`` names, or the default (a checked brief has one)."""
        found = self.senders.get(key) if key is not None else self.default_sender
        if found is None:
            raise KeyError(key)  # resolve.sender_problems reported it; a checked brief never gets here
        return found

    def ministry_of(self, person: Bewindspersoon) -> Ministry | None:
        ministries = self.all_ministries
        if person.ministry is None:
            return ministries[0] if len(ministries) == 1 else None
        return next((m for m in ministries if m.id == person.ministry), None)


def slug(text: str) -> str:
    """An id made of a name: 'DGDOO' -> 'dgdoo' (the one directorate of the single-ministry format)."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "directie"


def _list_file(name: str, key: str, item: type[Record], doc: str) -> type[Record]:
    """The root record of a data file that holds one list of records under ``key``."""
    namespace = {"__doc__": doc, "__module__": __name__, "noun": f"{key} file"}
    fields_ = [(key, tuple[item, ...], field(default=()))]  # type: ignore[valid-type]
    return make_dataclass(name, fields_, bases=(Record,), namespace=namespace, frozen=True, kw_only=True)


CommitmentsFile = _list_file("CommitmentsFile", "commitments", Commitment, "data/commitments.yaml: the toezeggingen.")
MotionsFile = _list_file("MotionsFile", "motions", Motion, "data/motions.yaml: the moties.")
DocumentsFile = _list_file(
    "DocumentsFile", "documents", Document, "data/documents.yaml: what briefs cite (Kamerstukken, Handelingen, regulations, rulings, reports, web pages)."
)


@dataclass(frozen=True, kw_only=True)
class Question(Record):
    """One question of a fractie, verbatim as the committee wrote it."""

    noun = "question"
    id: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n") if p.strip()]


@dataclass(frozen=True, kw_only=True)
class Fractie(Record):
    """Who asked a group of questions: the members of a fractie, or one member ("het lid
    Omtzigt"), whose own fractie may then be given too. The key stays ``fracties`` and the
    class ``Fractie``, so that every existing overleg reads as before."""

    noun = "fractie"
    member: str | None = None
    fractie: str | None = None  # with ``member``: that member's fractie
    article: str | None = None
    intro: str | None = None
    questions: tuple[Question, ...]

    @property
    def named(self) -> str:
        """'de PvdD' or 'D66': the name as it follows 'de fractie van'."""
        return f"{self.article} {self.fractie}" if self.article else str(self.fractie)

    @property
    def key(self) -> str:
        """What a reply's heading writes for text before this group's questions: '# D66', '# Omtzigt'."""
        return self.member if self.member is not None else str(self.fractie)

    @property
    def label(self) -> str:
        """How a message names the group: "fractie 'D66'", "member 'Omtzigt'"."""
        return f"member '{self.member}'" if self.member is not None else f"fractie '{self.fractie}'"


@dataclass(frozen=True, kw_only=True)
class Overleg(Record):
    """A schriftelijk overleg: a committee's letter (EK) or verslag (TK) with questions per fractie or member."""

    noun = "schriftelijk overleg"
    id: str
    kamer: Kamer
    committee: str
    date: dt.date
    kenmerk: str
    addressed_to: str
    responds_to: str | None = None
    subject: str | None = None
    deadline: dt.date | None = None
    # The committee's frame of its verslag, as the Tweede Kamer prints it: "Vastgesteld 25 mei
    # 2023" above the questions, "De voorzitter van de commissie, Tielen" and "De adjunct-griffier
    # van de commissie, Kruithof" under them. Optional; the reply repeats what is given.
    vastgesteld: dt.date | None = None
    voorzitter: str | None = None
    griffier: str | None = None
    griffier_title: str | None = None  # "adjunct-griffier"; "griffier" when absent
    closing: str | None = None
    notes: str | None = None
    fracties: tuple[Fractie, ...]

    def questions(self) -> list[tuple[Fractie, int, Question]]:
        """Every question with its fractie and its 1-based number within that fractie."""
        return [(f, n, q) for f in self.fracties for n, q in enumerate(f.questions, 1)]


@dataclass(frozen=True)
class Brief:
    """A brief: its front matter and its Markdown body, as read from ``briefs/``."""

    name: str
    path: str
    meta: Any  # the front matter record of its document type (builder.doctypes)
    body: str
    body_line: int
    # The repository root it was read from: the body's images are files beside the brief's
    # file (``path`` is relative to it), and must stay inside it. None: the current directory.
    root: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Repository:
    """All data of one repository, indexed by id."""

    commitments: Mapping[str, Commitment]
    motions: Mapping[str, Motion]
    documents: Mapping[str, Document]
    organisation: Organisation
    overleggen: Mapping[str, Overleg] = field(default_factory=dict)
    kamervragen: Mapping[str, Any] = field(default_factory=dict)  # builder.kamervragen.Kamervragen by number
    calendar: Any = None  # builder.calendar.CalendarFile from data/calendar.yaml, when there is one
    woo: Any = None  # builder.woo.names.WooFile from data/woo.yaml, when there is one
    severities: Mapping[str, str] = field(default_factory=dict)  # code -> level, from data/rules.yaml

    @property
    def bewindspersonen(self) -> Mapping[str, Bewindspersoon]:
        return {b.id: b for b in self.organisation.bewindspersonen}

    def lookup(self, key: str) -> Commitment | Motion | Document | None:
        return self.commitments.get(key) or self.motions.get(key) or self.documents.get(key)

    def citable(self, key: str) -> Any:
        """What ``@key`` cites: a commitment, motion or document, or a set of Kamervragen by its
        number. Not ``lookup``: a letter's ``answers:`` names commitments and motions only."""
        return self.lookup(key) or self.kamervragen.get(key)

    def all_ids(self) -> list[str]:
        """Every id of the one namespace, for did-you-mean hints."""
        return [*self.commitments, *self.motions, *self.documents, *self.kamervragen]

    def commitments_made_on(self, day: dt.date) -> list[Commitment]:
        """The commitments made in the debate of that day, in data order."""
        return list(self._commitments_by_day.get(day, ()))

    @functools.cached_property
    def _commitments_by_day(self) -> Mapping[dt.date, tuple[Commitment, ...]]:
        # Templates ask day after day; a scan of every commitment for each is quadratic.
        by_day: dict[dt.date, list[Commitment]] = {}
        for commitment in self.commitments.values():
            by_day.setdefault(commitment.made.date, []).append(commitment)
        return {day: tuple(found) for day, found in by_day.items()}


# --- rules for single values ------------------------------------------------------------

# The citation syntax's id (``@id``, ``[@id]``, ``@id:text``): what it cannot read, no
# record may be called. A citation ends before a trailing '-' or '_' and at a '.', a ':'
# starts a field, and a space, '#' or an invisible character could not be typed back, or
# would make two ids look the same.
ID_TEXT = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
ID_PATTERN = re.compile(ID_TEXT)
MAX_ID_LENGTH = 100
_NOT_AN_ID_CHARACTER = re.compile(r"[^A-Za-z0-9_-]")

# Every whole number in the data format numbers a parliamentary paper, a meeting or an
# item in one: it starts at 1. More than 18 digits is no such number, and Python refuses
# to read one of more than 4,300.
MAX_NUMBER_DIGITS = 18
# A Kamerstuk dossier number ("30950", "31700 VI", "21501-02"): its number is grouped by
# thousands when cited, so it is read as an int and bounded like one.
MAX_DOSSIER_DIGITS = 9
_DOSSIER_NUMBER = re.compile(r"\s*([0-9][0-9 ]*)")

# Characters that XML 1.0, and so a DOCX, cannot hold, beyond the C0 and C1 controls:
# lone surrogates (a YAML or Jinja escape can spell one) and the noncharacters U+FFFE, U+FFFF.
NOT_XML_CHARACTER = re.compile("[\ud800-\udfff\ufffe\uffff]")
# One scan of each text value for both kinds of character that are never text.
NOT_TEXT_CHARACTER = re.compile(f"{CONTROL_CHARACTER.pattern}|{NOT_XML_CHARACTER.pattern}")


def id_problem(text: str) -> str | None:
    """Why ``text`` cannot be an id, or None when it can: the one id rule for data, edits
    (``brief add``) and imports, which all load what they would write through the model."""
    if not text:
        return "an id cannot be empty"
    if len(text) > MAX_ID_LENGTH:
        return f"an id has at most {MAX_ID_LENGTH} characters, this one {len(text):,}"
    wrong = _NOT_AN_ID_CHARACTER.search(text)
    if wrong:
        return f"an id cannot hold {describe_character(wrong.group())}; use ASCII letters, digits, '-' and '_'"
    if not ID_PATTERN.fullmatch(text):
        return "an id starts and ends with a letter or digit, so that @id can cite it"
    return None


def dossier_problem(text: str) -> str | None:
    """Why ``text`` cannot be a Kamerstuk dossier, or None when it can."""
    match = _DOSSIER_NUMBER.match(text)
    digits = match.group(1).replace(" ", "") if match else ""
    if not digits:
        return "a dossier starts with its number, as in 30950 or 31700 VI"
    if len(digits) > MAX_DOSSIER_DIGITS:
        return f"a dossier number has at most {MAX_DOSSIER_DIGITS} digits, this one {len(digits):,}"
    if int(digits) == 0:
        return "a dossier number starts at 1"
    return None


def describe_character(character: str) -> str:
    """How a message names a character that does not belong where it is."""
    named = {" ": "a space", "\n": "a line break", "\t": "a tab", "\r": "a carriage return"}
    if character in named:
        return named[character]
    code = f"U+{ord(character):04X}"
    if character.isprintable():
        return f"'{character}' ({code})"
    kinds = {"Cf": "invisible formatting character", "Cs": "lone surrogate", "Cc": "control character"}
    if character in "\ufffe\uffff":
        return f"the noncharacter {code}"
    return f"the {kinds.get(unicodedata.category(character), 'unprintable character')} {code}"


def describe_not_text(character: str) -> str:
    """'control character U+001B', 'the noncharacter U+FFFF': what ``NOT_TEXT_CHARACTER`` found."""
    return describe_control(character) if CONTROL_CHARACTER.match(character) else describe_character(character)


# Per field name, a rule for its text beyond its type; a name means the same in every record.
TEXT_RULES: Mapping[str, typing.Callable[[str], str | None]] = {"id": id_problem, "dossier": dossier_problem}


# --- the converter --------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERGADERJAAR = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")
_NODE_KIND = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a value"}


class _Invalid:
    """Marker for a value that failed conversion (its problem is already recorded)."""

    def __reduce__(self) -> str:
        return "INVALID"  # unpickled as the one marker, so that ``is INVALID`` still holds


INVALID: Any = _Invalid()


class Converter:
    """Turns nodes of one YAML document into records, collecting every problem."""

    def __init__(self, document: YamlDocument):
        self.document = document
        self.problems: list[Diagnostic] = []

    def fail(self, node: Node, message: str, code: str = "type") -> Any:
        self.problems.append(finding(self.document.location(node), message, code))
        return INVALID

    def record(self, cls: type[Record], node: Node, context: str = "") -> Any:
        if hasattr(cls, "from_scalar") and isinstance(node, ScalarNode) and not _is_null(node):
            return cls.from_scalar(self, node)
        if not isinstance(node, MappingNode):
            return self.fail(node, f"expected a mapping for {cls.noun}{context}, got {_describe(node)}")
        schema = schema_of(cls)
        given = {key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)}
        label = _label(cls, given)
        values: dict[str, Any] = {}
        where: dict[str, Location] = {}
        for name, (key, value_node) in given.items():
            if name not in schema.fields:
                self.fail(key, f"unknown field '{name}' in {label}{did_you_mean(name, schema.fields)}", "unknown-field")
                continue
            values[name] = self.field(cls, name, schema.expects[name], value_node, label)
            where[name] = self.document.location(value_node)
            if isinstance(value_node, MappingNode) and schema.expects[name].kind is MAPPING:
                # Each key of a mapping field names something (``postpones: {id: due}``): its
                # place is where a finding about that key points.
                for key_node, _ in value_node.value:
                    where[f"{name}.{key_node.value}"] = self.document.location(key_node)
        for name in schema.required:
            if name not in given:
                self.fail(node, f"missing field '{name}' in {label}", "missing-field")
                values[name] = INVALID
        if any(v is INVALID for v in values.values()):
            return INVALID
        values = {schema.attributes.get(name, name): value for name, value in values.items()}
        return cls(**values, loc=self.document.location(node), where=where)

    def field(self, cls: type[Record], name: str, expect: Expect, node: Node, label: str) -> Any:
        """A field's value: its type, then the rule its name has (``TEXT_RULES``)."""
        if name == "id" and isinstance(node, ScalarNode) and not _is_null(node) and not node.tag.endswith(":str"):
            # Unquoted, 12345 is a number to YAML: the model would read the text, while edits,
            # history and the layout read the number, and could not find the record by its id.
            shown = shortened(node.value)
            message = f"the id of this {cls.noun} is {_yaml_kind(node)} to YAML, not text: write it in quotes: id: \"{shown}\""
            return self.fail(node, message, "id")
        value = self.value(expect, node, f" in field '{name}' of {label}")
        rule = TEXT_RULES.get(name)
        problem = rule(value) if rule and isinstance(value, str) else None
        if problem:
            # The label of a record holds its id: of a bad id, only the kind of record is said.
            whose = f"of {cls.noun}" if name == "id" else f"in {label}"
            return self.fail(node, f"bad {name} '{shortened(value)}' {whose}: {problem}", name)
        return value

    def record_type(self, node: Node, types: Mapping[str, type[Record]]) -> Any:
        """The record class a mapping's ``type`` field names (front matter of each brief type)."""
        if not isinstance(node, MappingNode):
            return self.fail(node, f"expected a mapping for front matter, got {_describe(node)}")
        options = ", ".join(f"'{name}'" for name in types)
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "type":
                if isinstance(value, ScalarNode) and value.value in types:
                    return types[value.value]
                shown = value.value if isinstance(value, ScalarNode) else _describe(value)
                return self.fail(
                    value, f"unknown brief type '{shown}'; use one of {options}{did_you_mean(str(shown), types)}", "choice"
                )
        return self.fail(node, f"missing field 'type' in front matter; use one of {options}", "missing-field")

    def value(self, expect: Expect, node: Node, context: str) -> Any:
        kind, hint = expect.kind, expect.hint
        if kind is OPTIONAL:
            return None if _is_null(node) else self.value(expect.inner, node, context)
        if kind is LIST:
            if not isinstance(node, SequenceNode):
                return self.fail(node, f"expected a list{context}, got {_describe(node)}")
            items = [self.value(expect.inner, item, context) for item in node.value]
            return INVALID if any(i is INVALID for i in items) else tuple(items)
        if kind is MAPPING:
            return self.mapping(expect, node, context)
        if kind is CHOICE:
            return self.choice(hint, node, context)
        if kind is RECORD:
            return self.record(hint, node, context)
        if not isinstance(node, ScalarNode) or _is_null(node):
            return self.fail(node, f"expected {_expected(hint)}{context}, got {_describe(node)}")
        if hint is dt.date:
            return self.scalar_date(node, context)
        if hint is bool:
            if node.tag.endswith(":bool"):
                return node.value.lower() in ("true", "yes", "on")
            return self.fail(node, f"expected true or false{context}, got '{node.value}'")
        if hint is int:
            return self.number(node, context)
        wrong = NOT_TEXT_CHARACTER.search(node.value)
        if wrong:
            # An escape such as "\e" or "\uffff" in a quoted string gets past the YAML reader;
            # a DOCX cannot hold either, so the build would fail on it.
            return self.fail(node, f"{describe_not_text(wrong.group())}{context}; remove it", "control-character")
        return node.value

    def mapping(self, expect: Expect, node: Node, context: str) -> Any:
        """``{id: value, …}``: each key an id, each once; the values as ``expect.inner`` says."""
        if not isinstance(node, MappingNode):
            return self.fail(node, f"expected a mapping of ids{context}, got {_describe(node)}")
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or _is_null(key_node):
                self.fail(key_node, f"expected an id as key{context}, got {_describe(key_node)}")
                values[f"\0{len(values)}"] = INVALID
                continue
            key = key_node.value
            problem = id_problem(key)
            if problem:
                values[key] = self.fail(key_node, f"bad id '{shortened(key)}'{context}: {problem}", "id")
                continue
            if key in values:
                values[key] = self.fail(key_node, f"'{key}' is listed twice{context}", "listed-twice")
                continue
            values[key] = self.value(expect.inner, value_node, f"{context} for '{key}'")
        return INVALID if any(v is INVALID for v in values.values()) else values

    def number(self, node: ScalarNode, context: str) -> Any:
        """A positive whole number in decimal digits, of at most ``MAX_NUMBER_DIGITS``."""
        # YAML also reads 0x1F, 0o17 and 1_000 as numbers; a Kamerstuk number is decimal.
        if not (node.tag.endswith(":int") and _DECIMAL.match(node.value)):
            return self.fail(node, f"expected a whole number in decimal digits{context}, got '{shortened(node.value)}'")
        digits = node.value.lstrip("+-").lstrip("0")
        if len(digits) > MAX_NUMBER_DIGITS:
            return self.fail(
                node, f"a number of {len(digits):,} digits{context}: a number here has at most {MAX_NUMBER_DIGITS}", "type"
            )
        value = int(node.value)
        if value < 1:
            return self.fail(node, f"expected a number from 1 up{context}, got {value}: papers and meetings are numbered from 1")
        return value

    def choice(self, choices: tuple[str, ...], node: Node, context: str) -> Any:
        if isinstance(node, ScalarNode) and node.value in choices:
            return node.value
        shown = node.value if isinstance(node, ScalarNode) else _describe(node)
        hint = did_you_mean(shown, choices) if isinstance(node, ScalarNode) else ""
        options = ", ".join(f"'{c}'" for c in choices)
        return self.fail(node, f"'{shown}' is not allowed{context}; use one of {options}{hint}", "choice")

    def scalar_date(self, node: ScalarNode, context: str = "") -> Any:
        text = node.value.strip()
        if _ISO_DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        return self.fail(node, f"bad date '{node.value}'{context}: write a real date as YYYY-MM-DD", "date")


_DECIMAL = re.compile(r"^[-+]?[0-9]+$")

OPTIONAL, LIST, MAPPING, CHOICE, RECORD, SCALAR = "optional", "list", "mapping", "choice", "record", "scalar"


@dataclass(frozen=True)
class Expect:
    """What a field's annotation asks of its node, worked out once per field rather than
    once per value (the typing introspection was a fifth of loading data/)."""

    kind: str  # one of OPTIONAL (X | None), LIST (tuple[X, ...]), MAPPING (Mapping[str, X]), CHOICE, RECORD, SCALAR
    hint: Any  # the annotation; of a choice, its allowed values
    inner: Expect | None = None  # what X asks, of X | None and tuple[X, ...]

    @property
    def record_type(self) -> type | None:
        """The record class of the value, or of its list items; None for scalars and choices."""
        expect = self
        while expect.inner is not None:
            expect = expect.inner
        return expect.hint if expect.kind is RECORD else None


def expect_of(hint: Any) -> Expect:
    """The one reader of a field's annotation: the loader, ``brief fmt`` and ``brief set``
    all ask it what a field holds."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]  # the format only has X | None
        return Expect(OPTIONAL, hint, expect_of(inner))
    if origin is tuple:
        return Expect(LIST, hint, expect_of(args[0]))
    if origin in (Mapping, dict, collections.abc.Mapping):
        return Expect(MAPPING, hint, expect_of(args[1]))
    if origin is Literal:
        return Expect(CHOICE, args)
    if isinstance(hint, type) and is_dataclass(hint):
        return Expect(RECORD, hint)
    return Expect(SCALAR, hint)


@dataclass(frozen=True)
class Schema:
    """A record class's fields by their YAML key (``from_`` is written ``from``)."""

    hints: Mapping[str, Any]
    fields: Mapping[str, Field]  # without loc and where; their order is the canonical key order
    required: tuple[str, ...]
    expects: Mapping[str, Expect]
    attributes: Mapping[str, str] = field(default_factory=dict)  # YAML key -> attribute, where they differ


def yaml_key(attribute: str) -> str:
    """The YAML key of a field: its name, less the '_' that a Python keyword needs (``from_``)."""
    bare = attribute.rstrip("_")
    return bare if bare != attribute and keyword.iskeyword(bare) else attribute


@functools.cache
def schema_of(cls: type[Record]) -> Schema:
    """A record class's fields, resolved once: ``typing.get_type_hints`` evaluates every
    (string) annotation again on each call, which was most of loading 9,000 records and
    of laying out their files."""
    wanted = {yaml_key(f.name): f for f in fields(cls) if f.name not in ("loc", "where")}
    required = tuple(name for name, spec in wanted.items() if _is_required(spec))
    hints = typing.get_type_hints(cls)
    expects = {name: expect_of(hints[spec.name]) for name, spec in wanted.items()}
    attributes = {name: spec.name for name, spec in wanted.items() if spec.name != name}
    return Schema(hints, wanted, required, expects, attributes)


def _is_required(spec: Field) -> bool:
    return spec.default is MISSING and spec.default_factory is MISSING


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _describe(node: Node) -> str:
    if _is_null(node):
        return "nothing"
    return _NODE_KIND.get(type(node), "a value")


def _yaml_kind(node: ScalarNode) -> str:
    """'a number', 'a date': what YAML reads a plain scalar as, for a message."""
    kinds = {"int": "a number", "float": "a number", "bool": "a yes-or-no value", "timestamp": "a date"}
    return kinds.get(node.tag.rsplit(":", 1)[-1], "not text")


def _expected(hint: Any) -> str:
    return {dt.date: "a date (YYYY-MM-DD)", int: "a whole number", bool: "true or false"}.get(hint, "text")


def _label(cls: type[Record], given: dict[str, tuple[Node, Node]]) -> str:
    ident = given.get("id")
    if ident and isinstance(ident[1], ScalarNode) and ident[1].value:
        return f"{cls.noun} '{shortened(ident[1].value)}'"
    return cls.noun


# --- per-kind rules the annotations cannot say ------------------------------------------


def document_problems(document: Document) -> list[Diagnostic]:
    """What a document of its kind must have, so that it can be cited."""
    problems = []

    def need(name: str, why: str) -> None:
        if getattr(document, name) is None:
            problems.append(finding(document.loc, f"missing field '{name}' in document '{document.id}': {why}", "document-fields"))

    if document.kind in ("kamerstuk", "handelingen"):
        need("kamer", f"a {document.kind} is of the Eerste (I) or Tweede (II) Kamer")
        if document.date is None and document.vergaderjaar is None:
            problems.append(
                finding(document.loc, f"document '{document.id}' needs a 'date' or a 'vergaderjaar' to be cited", "document-fields")
            )
    if document.kind == "kamerstuk":
        need("dossier", "a Kamerstuk is cited by its dossier number")
        need("title", "a Kamerstuk has a title")
        if (document.number is None) == (document.letter is None):
            problems.append(
                finding(document.loc, f"document '{document.id}' needs exactly one of 'number' (nr.) or 'letter'", "document-fields")
            )
    elif document.kind == "handelingen":
        need("number", "Handelingen are cited by vergadernummer")
    elif document.kind == "aanhangsel":
        need("kamer", "an Aanhangsel is of the Handelingen of the Eerste (I) or Tweede (II) Kamer")
        # Not derived from a date: the numbers run per vergaderjaar, and an answer sent just
        # before Prinsjesdag may be printed in the next one.
        need("vergaderjaar", "the Aanhangsel is numbered per vergaderjaar (2024/25)")
        need("number", "an Aanhangsel is cited by its number (nr. 1205)")
    elif document.kind in ("staatsblad", "staatscourant"):
        where = "Stb." if document.kind == "staatsblad" else "Stcrt."
        need("year", f"a regulation is found by the year and number of its issue ({where} 2011, 35)")
        need("number", f"a regulation is found by the year and number of its issue ({where} 2011, 35)")
        if document.citeertitel:
            need("title", "a regulation with a citeertitel is cited by that title (Wet open overheid)")
        else:
            need("title", "a regulation without a citeertitel is named as its intitulé opens (Besluit, Regeling van de Minister van …)")
            need("date", "a regulation without a citeertitel is cited by its date (Besluit van 11 november 2013)")
    elif document.kind == "rechtspraak":
        need("court", "a ruling is cited by its court as the Leidraad abbreviates it (HR, ABRvS, Rb. Den Haag)")
        need("date", "a ruling is cited by the date it was given (HR 20 december 2019)")
        need("ecli", "a ruling is cited by its ECLI (ECLI:NL:HR:2019:2006)")
        problems += _ecli_problems(document)
    elif document.kind == "eu":
        need("title", "an EU act is cited by its title as the Publicatieblad gives it (Verordening (EU) 2016/679 van …)")
        need("year", "an EU act is found by the year and issue of the Publicatieblad (PbEU 2016, L 119)")
        need("oj", "an EU act is found by the issue of the Publicatieblad: L or C and its number (L 119)")
        if document.title is not None and EU_ACT.match(document.title) is None:
            problems.append(
                finding(
                    document.location_of("title"),
                    f"the title of EU act '{document.id}' names no act number: write it as the Publicatieblad does, "
                    "'Verordening (EU) 2016/679 van …' or 'Richtlijn 2006/123/EG van …'",
                    "document-fields",
                )
            )
        if document.oj is not None and not _OJ_ISSUE.match(document.oj):
            problems.append(
                finding(
                    document.location_of("oj"),
                    f"bad Publicatieblad issue '{shortened(document.oj)}' of EU act '{document.id}': write the series L or C"
                    " and the number, as in 'L 119' or 'L 328/82' (with the page)",
                    "pbeu",
                )
            )
    elif document.kind == "web":
        need("url", "a web source is cited by its address")
    elif document.kind == "report":
        need("title", "a report is cited by its title")
    if document.vergaderjaar is not None and not _VERGADERJAAR.match(document.vergaderjaar):
        problems.append(
            finding(document.location_of("vergaderjaar"), f"bad vergaderjaar '{document.vergaderjaar}': write it as 2024/25", "vergaderjaar")
        )
    elif document.vergaderjaar is not None and document.date is not None:
        expected = vergaderjaar(document.date)
        if document.vergaderjaar != expected:
            problems.append(
                finding(
                    document.location_of("vergaderjaar"),
                    f"vergaderjaar '{document.vergaderjaar}' does not fit the date {document.date.isoformat()}, "
                    f"which falls in {expected}",
                    "vergaderjaar",
                )
            )
    return problems


# An act's name and number as the Publicatieblad titles it: "Verordening (EU) 2016/679",
# "Richtlijn 2006/123/EG", "Verordening (EG) nr. 1907/2006", "Gedelegeerde Verordening (EU) 2019/980".
EU_ACT = re.compile(r"^\w+(?: \w+)? (?:\([A-Za-z]+\) )?(?:nr\. )?\d{1,4}/\d{1,4}(?:/[A-Z]{2,8})?")
# A Publicatieblad issue: the series (L: legislation, C: communications) and number, and
# optionally the page (Ar 3.46: "PbEU 2008, L 54").
_OJ_ISSUE = re.compile(r"^[LC] [0-9]{1,4}[A-Z]?(?:/[0-9]{1,4})?$")
# The European Case Law Identifier: ECLI, the country (or EU), the court's code, the year of
# the decision and its number (Council conclusions on ECLI, 2011/C 127/01).
_ECLI = re.compile(r"^ECLI:([A-Z]{2}):([A-Z0-9]{1,7}):([0-9]{4}):([A-Z0-9.]{1,25})$")
ECLI_FORM = "ECLI:<country>:<court>:<year>:<number>, as in ECLI:NL:HR:2019:2006"


def _ecli_problems(document: Document) -> list[Diagnostic]:
    """An ECLI of the standard's form, of the year the ruling was given."""
    if document.ecli is None:
        return []
    where = document.location_of("ecli")
    match = _ECLI.match(document.ecli)
    if match is None:
        return [finding(where, f"bad ECLI '{shortened(document.ecli)}' of ruling '{document.id}': write {ECLI_FORM}", "ecli")]
    if document.date is not None and int(match.group(3)) != document.date.year:
        message = (
            f"ECLI '{document.ecli}' of ruling '{document.id}' is of {match.group(3)}, "
            f"but the ruling's date {document.date.isoformat()} is of {document.date.year}"
        )
        return [finding(where, message, "ecli")]
    return []


def index_by_id(records: tuple[Record, ...], taken: dict[str, Record]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Index records by id; an id used twice (also across files, via ``taken``) is an error."""
    index: dict[str, Any] = {}
    problems = []
    for record in records:
        ident = record.id  # type: ignore[attr-defined]
        first = taken.get(ident)
        if first is not None:
            problems.append(
                finding(record.location_of("id"), f"duplicate id '{ident}' (first defined at {first.location_of('id')})", "duplicate-id")
            )
            continue
        index[ident] = record
        taken[ident] = record
    return index, problems
