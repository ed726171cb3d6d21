"""Dutch personal names in a body, proposed for redaction before publication under the Woo.

A published document must not show the names of officials (Woo art. 5.1.2e, the
persoonlijke levenssfeer). ``brief check --woo`` reads each brief's body as written,
its headings and footnotes too, and proposes every Dutch personal name the library
deduce finds (rule-based, offline: Dutch first-name and surname lists, initials,
"mevrouw"/"de heer"), unless

- the person is an office-holder the data names: a bewindspersoon or person of
  data/organisation.yaml, a member who submitted a motie, to whom a toezegging was
  made, who put Kamervragen or asked in a schriftelijk overleg, and that overleg's
  voorzitter and griffier: their names are public;
- the name stands in a redaction already (``[naam]{.lak grond="5.1.2e"}``);
- the name is on the list ``toegestaan:`` of data/woo.yaml (a historical figure, an
  author cited, a name the writer has decided on).

A name matches when the words found end in its surname ("minister Uitermark",
"mevrouw Chakor"), or are part of it ("Bruins" of "H.G.J. Bruins Slot"); an entry of
the list is matched as written, so "Jansen" allows every Jansen. Each proposal is a
located warning (``woo-name``) for a person to settle, with markup or the list: the
detector never redacts by itself. Text from data (templates, citations) is not read:
what data holds is personal or not by its field.

deduce is slow to start (its lookup structures: 2-3 s from its cache, 90 s the
first time, when the cache is built: ``make`` builds it at install); it is imported
and made once, and only by ``--woo``: a plain ``brief check`` never loads it. A body
then takes milliseconds.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..body import find_spans, mask
from ..codes import finding
from ..diagnostics import Diagnostic, Location
from ..load import line_and_column, line_starts
from ..model import Record

if TYPE_CHECKING:
    from ..loading import LoadOptions
    from ..model import Brief, Repository
    from ..project import Project

FILE = "woo.yaml"
REDACTION_CLASS = "lak"
PRIVACY_GROUND = "5.1.2e"


@dataclass(frozen=True, kw_only=True)
class WooFile(Record):
    """data/woo.yaml: the names ``brief check --woo`` is not to propose (``toegestaan``)."""

    noun = "Woo file"
    toegestaan: tuple[str, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class Proposal:
    """A personal name found in a body: where it starts, and its words as written."""

    location: Location
    text: str


# --- the body as the detector reads it ----------------------------------------------------

# What is not running text, blanked so that every offset stays: Jinja, attribute lists of
# spans and headings, citations (their ids), footnote labels, and Markdown's markup marks.
_NOT_PROSE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # Jinja
    r"|\{[^{}\n]*\}"  # {.lak grond="5.1.2e"}, {#sec-x}, a remark's {auteur=… tekst=…}
    r"|\[\^[^\]\s]*\]:?"  # [^1], [^1]:
    r"|(?<![\w@])@[\w:-]+"  # @motie-bamenga, @id:text
    r"|https?://\S+"
    r"|[*_#`~^\[\]<>|\\]",
    re.S,
)


def prose(text: str) -> str:
    """The body with code, comments, link targets and markup blanked, every offset kept:
    what the detector reads, so that what it finds is located in the file as written."""
    return _NOT_PROSE.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), mask(text))


# --- the detector -------------------------------------------------------------------------


def needs_preparing() -> bool:
    """Whether deduce has yet to build its lookup cache (in its own package folder): the
    first detector of an installation takes a minute and a half, which a user should hear of."""
    from importlib.util import find_spec

    spec = find_spec("deduce")
    if spec is None or spec.origin is None:
        return False
    from pathlib import Path

    return not (Path(spec.origin).parent / "data" / "lookup" / "cache" / "lookup_structs.pickle").is_file()


def prepare() -> None:
    """Make the detector now: its first construction builds deduce's lookup cache (a minute
    and a half, once per installation), which ``make`` would rather do than a first check."""
    _detector()


@functools.cache
def _detector():
    """deduce, made once: its lookup structures take seconds to load, three times as long
    while the cyclic collector rescans the millions of objects unpickled (it is paused, and
    they are frozen out of its sight: they live as long as the process)."""
    import logging

    from ..loading import LoadOptions, cyclic_gc_paused

    # deduce configures the root logger (DEBUG, to standard output) when imported, which
    # would mix its log into ``--format json``; a handler in place makes that a no-op.
    root = logging.getLogger()
    placeholder, level = logging.NullHandler(), root.level
    root.addHandler(placeholder)
    try:
        with cyclic_gc_paused(LoadOptions(freeze_loaded=True)):
            import deduce

            return deduce.Deduce()
    finally:
        root.removeHandler(placeholder)
        root.setLevel(level)


# Only the groups that find names: places, dates and numbers are not what the Woo's 5.1.2e
# protects here, and deduce would spend time on them.
_OTHER_GROUPS = frozenset({
    "locations", "institutions", "dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls",
})
_PERSON_TAGS = ("persoon", "patient")


def found_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each personal name deduce finds in ``text`` and the detector
    puts forward (``_put_forward``), in order."""
    if not text.strip():
        return []
    detector = _detector()
    document = detector.deidentify(text, disabled=set(_OTHER_GROUPS))
    return sorted(
        (annotation.start_char, annotation.end_char, annotation.text)
        for annotation in document.annotations
        if any(tag in annotation.tag for tag in _PERSON_TAGS) and _put_forward(annotation.text, detector.lookup_structs)
    )


_INITIAL_WITH_STOP = re.compile(r"^(?:[A-Z][a-z]{0,2}\.)+$")  # "J.", "H.G.J.", "Th."


def _put_forward(found: str, lists) -> bool:
    """Whether what deduce found is a person's name as a letter writes one: after a title
    ("mevrouw De Vries", "de heer Jansen", "collega Bakker"), or a first name or initials
    before a surname ("Jan de Vries", "J. de Vries", "Kamerlid Olger van Dijk"). deduce, made for medical notes,
    also takes a lone capitalised surname, and a letter capitalises many such words
    ("het Rijk", "Kern", "Eindhoven"); a lone surname is not proposed."""
    tokens = found.split()
    titled = any(" ".join(tokens[:n]).lower().rstrip(".") in lists["prefix"] for n in (1, 2))
    names = [t for t in tokens if t.lower() not in lists["interfix"] and t.lower().rstrip(".") not in lists["prefix"]]
    if titled:
        return bool(names)
    return any(
        _INITIAL_WITH_STOP.match(name) is not None or lists["first_name"].longest_matching_prefix([name]) is not None
        for name in names[:-1]
    )


# --- whose names are public, or allowed --------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]{0,2}\.)+$")
_INTERFIXES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du", "d'", "di"})


def words(name: str) -> tuple[str, ...]:
    """A name's words, lower case, without initials' full stops: how names are compared."""
    return tuple(word.lower() for word in _WORD.findall(name))


def surname(name: str) -> str:
    """The surname of a name as data writes it: "H.G.J. Bruins Slot" -> "Bruins Slot",
    "Alexandra C. van Huffelen" -> "van Huffelen", "Van Baarle" -> "Van Baarle",
    "Mona Keijzer" -> "Keijzer"."""
    parts = name.split()
    initials = [n for n, part in enumerate(parts) if _INITIALS.match(part)]
    if initials:
        rest = parts[initials[-1] + 1 :]
        return " ".join(rest) or name
    interfix = next((n for n, part in enumerate(parts) if part.lower() in _INTERFIXES), None)
    if interfix is not None:
        return " ".join(parts[interfix:])
    # "Mona Keijzer" -> "Keijzer"; a double surname written alone loses its first part
    # ("Bruins Slot" -> "Slot"), but the name as a whole is matched too.
    return parts[-1] if parts else name


@dataclass(frozen=True)
class KnownNames:
    """Names not to propose: each as words, the whole and the surname."""

    names: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, names: Iterable[str], by_surname: bool) -> KnownNames:
        found: set[tuple[str, ...]] = set()
        for name in names:
            found |= {words(name), words(surname(name))} if by_surname else {words(name)}
        return cls(tuple(sorted(name for name in found if name)))

    def match(self, proposal: str) -> bool:
        """Whether the words found end in a known name, or are part of one."""
        found = words(proposal)
        core = tuple(word for word in found if len(word) > 1)  # an initial says little
        return any(
            found[-len(name) :] == name or (core and _contains(name, core))
            for name in self.names
        )


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(name[start : start + len(part)] == part for start in range(len(name) - len(part) + 1))


def office_holders(repository: Repository) -> list[str]:
    """Every name the data holds of someone whose office is public."""
    organisation = repository.organisation
    names = [person.name for person in organisation.people]
    names += [b.name for b in organisation.bewindspersonen if b.name]
    names += [member.member for motion in repository.motions.values() for member in motion.submitters]
    names += [c.to.member for c in repository.commitments.values() if c.to is not None and c.to.member]
    names += [member.member for one_set in repository.kamervragen.values() for member in one_set.indieners]
    for overleg in repository.overleggen.values():
        names += [fractie.member for fractie in overleg.fracties if fractie.member]
        names += [name for name in (overleg.voorzitter, overleg.griffier) if name]
    return names


def allowed_names(repository: Repository) -> list[str]:
    woo = repository.woo
    return list(woo.toegestaan) if woo is not None else []


# --- proposals ----------------------------------------------------------------------------


def brief_proposals(brief: Brief, public: KnownNames, allowed: KnownNames) -> list[Proposal]:
    """The names in a brief's body that are neither public, allowed nor redacted already."""
    text = brief.body
    redacted = sorted(
        (span.start, span.end) for span in find_spans(text, brief.path, brief.body_line) if span.has_class(REDACTION_CLASS)
    )
    starts = line_starts(text)
    proposals = []
    for start, _, found in found_names(prose(text)):
        if _inside(redacted, start) or public.match(found) or allowed.match(found):
            continue
        line, column = line_and_column(starts, start)
        proposals.append(Proposal(Location(brief.path, brief.body_line + line - 1, column), found))
    return proposals


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def check_names(project: Project, names: list[str] | None = None, options: LoadOptions | None = None) -> list[Diagnostic]:
    """What ``brief check --woo`` adds to the check: the names proposed in the briefs named
    (all without names). Data or briefs that cannot be read give none: the check says why."""
    from ..assemble import load_repository
    from ..briefs import load_briefs
    from ..loading import LoadOptions
    from ..severities import apply_severities

    repository, _ = load_repository(project, options=options or LoadOptions())
    if repository is None:
        return []
    briefs, _ = load_briefs(project, names)
    return apply_severities(name_problems(briefs, repository), repository.severities)


def name_problems(briefs: Iterable[Brief], repository: Repository) -> list[Diagnostic]:
    """A ``woo-name`` warning for each proposed name in the briefs' bodies."""
    public = KnownNames.of(office_holders(repository), by_surname=True)
    allowed = KnownNames.of(allowed_names(repository), by_surname=False)
    return [_warning(proposal) for brief in briefs for proposal in brief_proposals(brief, public, allowed)]


def _warning(proposal: Proposal) -> Diagnostic:
    name = " ".join(proposal.text.split())
    message = (
        f"\u201c{name}\u201d lijkt een persoonsnaam: lak het met [{name}]{{.{REDACTION_CLASS} grond=\"{PRIVACY_GROUND}\"}}"
        f" of zet het op de lijst toegestaan: in data/{FILE}"
    )
    return finding(proposal.location, message, "woo-name")
