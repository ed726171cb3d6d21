"""Kamervragen: a member's written questions (data/kamervragen/<id>.yaml) and their three-week clock.

A set of schriftelijke vragen is one file, named by the number the Kamer gave it
(``2025Z01234``): who asked (``indieners``), whom (``aan``: bewindspersonen of
data/organisation.yaml), when (``ingezonden``), about what (``subject``), and the
numbered questions verbatim. The answer is a brief of type ``kamervragen-antwoord``;
a brief of type ``kamervragen-uitstel`` is the Mededeling that the answer will take
longer.

The clock: an answer is due three weeks after the questions were sent in; each sent
Mededeling gives three weeks more. The Kamer counts the same way: its weekly list
names questions unanswered after three weeks, or after six when a Mededeling came
(sources in data/kamervragen's ``notes:``). The term runs on through recesses. This module replays the sent briefs into that clock; the
rules in ``builder.rules.kamervragen`` turn it into findings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Literal

from .codes import finding
from .diagnostics import Diagnostic, unknown
from .model import Kamer, Member, Record

if TYPE_CHECKING:
    from .model import Brief, Repository

TERM = dt.timedelta(weeks=3)
# A Kamer's number for a set of questions: the year, Z (zaak) and five digits.
KAMER_NUMBER = re.compile(r"^(?:19|20)\d\dZ\d{5}$")
_FOOTNOTE_MARK = re.compile(r"\[\^(\d+)\]")

ANSWERS, POSTPONES = "answers", "postpones"
KamervragenRole = Literal["answers", "postpones"]

OPEN, POSTPONED, ANSWERED = "open", "uitgesteld", "beantwoord"


@dataclass(frozen=True, kw_only=True)
class Vraag(Record):
    """One numbered question, verbatim; ``[^n]`` in its text marks its n-th footnote."""

    noun = "question"
    number: int
    text: str
    footnotes: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n") if p.strip()]


@dataclass(frozen=True, kw_only=True)
class Kamervragen(Record):
    """A set of schriftelijke vragen, as the Kamer registered and printed it."""

    noun = "set of Kamervragen"
    id: str  # the Kamer's number, 2025Z01234
    kamer: Kamer
    indieners: tuple[Member, ...]
    aan: tuple[str, ...]  # the bewindspersonen asked, by id
    ingezonden: dt.date
    subject: str  # what follows "over": "het bericht 'Discriminatie bij sollicitaties'"
    vragen: tuple[Vraag, ...]
    toelichting: str | None = None  # the Kamer prints it after the last question, as the indiener wrote it
    notes: str | None = None

    @property
    def first_deadline(self) -> dt.date:
        return self.ingezonden + TERM

    def vraag(self, number: int) -> Vraag | None:
        return next((vraag for vraag in self.vragen if vraag.number == number), None)


def kamervragen_problems(kamervragen: Kamervragen, repository: Repository) -> list[Diagnostic]:
    """A set's own consistency: whom it asks, who asked, its numbering and its footnotes."""
    problems: list[Diagnostic] = []
    people = repository.bewindspersonen
    for key in kamervragen.aan:
        if key not in people:
            problems.append(finding(kamervragen.location_of("aan"), unknown("bewindspersoon", key, people), "unknown-id"))
    if not kamervragen.aan:
        message = f"Kamervragen '{kamervragen.id}' are asked of no one: list the bewindspersonen in 'aan'"
        problems.append(finding(kamervragen.location_of("aan"), message, "missing-field"))
    if not kamervragen.indieners:
        message = f"Kamervragen '{kamervragen.id}' need at least one indiener (member, fractie)"
        problems.append(finding(kamervragen.location_of("indieners"), message, "missing-field"))
    if not KAMER_NUMBER.match(kamervragen.id):
        message = f"'{kamervragen.id}' is not a Kamer number such as 2025Z01234; name the set by the number the Kamer gave it"
        problems.append(finding(kamervragen.location_of("id"), message, "kamervragen-number"))
    if not kamervragen.vragen:
        # Not an error: the registry's Zaak (brief import) gives the set without its text, and
        # its clock runs from then on; the text follows with brief import-vragen.
        message = f"Kamervragen '{kamervragen.id}' hold no questions yet: read them in with 'brief import-vragen FILE'"
        problems.append(finding(kamervragen.location_of("vragen"), message, "kamervragen-empty"))
    for expected, vraag in enumerate(kamervragen.vragen, 1):
        if vraag.number != expected:
            message = f"question {vraag.number} should be number {expected}: the questions are numbered 1, 2, 3 … in order"
            problems.append(finding(vraag.location_of("number"), message, "kamervragen-number"))
        problems += footnote_problems(vraag)
    return problems


def footnote_problems(vraag: Vraag) -> list[Diagnostic]:
    """Each ``[^n]`` names one of the question's footnotes, and each footnote is marked."""
    problems: list[Diagnostic] = []
    marks = [int(mark) for mark in _FOOTNOTE_MARK.findall(vraag.text)]
    for mark in marks:
        if not 1 <= mark <= len(vraag.footnotes):
            message = f"question {vraag.number} marks footnote [^{mark}], but has {len(vraag.footnotes)} footnote(s)"
            problems.append(finding(vraag.location_of("text"), message, "kamervragen-footnote"))
    for number in range(1, len(vraag.footnotes) + 1):
        if number not in marks:
            message = f"footnote {number} of question {vraag.number} is never marked: write [^{number}] where it belongs"
            problems.append(finding(vraag.location_of("footnotes"), message, "kamervragen-footnote"))
    return problems


def split_footnotes(text: str) -> list[tuple[str, int | None]]:
    """'a[^1] b' -> [('a', 1), (' b', None)]: the text between footnote marks, each with the mark after it."""
    parts: list[tuple[str, int | None]] = []
    last = 0
    for match in _FOOTNOTE_MARK.finditer(text):
        parts.append((text[last:match.start()], int(match.group(1))))
        last = match.end()
    parts.append((text[last:], None))
    return parts


# --- the clock ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A sent brief that answers a set of Kamervragen, or postpones the answer (a Mededeling)."""

    brief: str
    role: KamervragenRole
    date: dt.date
    deadline: dt.date  # the deadline in force on the day it was sent
    location: object  # where its front matter names the set (a diagnostics.Location)

    @property
    def late(self) -> int:
        """Days past the deadline in force, 0 when on time."""
        return max((self.date - self.deadline).days, 0)


@dataclass(frozen=True)
class Clock:
    """Where a set of Kamervragen stands: its deadline, its Mededelingen and its answer."""

    kamervragen: Kamervragen
    deadline: dt.date  # three weeks after ingezonden, three more for each Mededeling sent
    uitstel: tuple[Reply, ...]
    answer: Reply | None

    @property
    def status(self) -> str:
        if self.answer is not None:
            return ANSWERED
        return POSTPONED if self.uitstel else OPEN

    def overdue_days(self, as_of: dt.date) -> int | None:
        """Days past the deadline on ``as_of`` while unanswered, else None."""
        if self.answer is not None or as_of <= self.deadline:
            return None
        return (as_of - self.deadline).days


def naming(briefs: Iterable[Brief]) -> dict[str, list[tuple[Brief, KamervragenRole]]]:
    """Set id -> every brief that answers or postpones it (concepts too), by the briefs' own
    document types, by date (a Mededeling before an answer of the same day)."""
    from .doctypes import doctype_of

    found: dict[str, list[tuple[Brief, KamervragenRole]]] = {}
    for brief in briefs:
        step = doctype_of(brief).kamervragen_step(brief.meta)
        if step is not None:
            role, key = step
            found.setdefault(key, []).append((brief, role))
    for named in found.values():
        named.sort(key=lambda pair: (pair[0].meta.date, pair[1] == ANSWERS, pair[0].name))
    return found


def replies(named: dict[str, list[tuple[Brief, KamervragenRole]]], as_of: dt.date | None = None) -> dict[str, list[tuple[Brief, KamervragenRole]]]:
    """Of ``naming``'s briefs, those sent by ``as_of``: what the clock counts."""
    return {
        key: [(brief, role) for brief, role in pairs
              if brief.meta.status == "verzonden" and (as_of is None or brief.meta.date <= as_of)]
        for key, pairs in named.items()
    }


def clock_of(kamervragen: Kamervragen, sent: list[tuple[Brief, KamervragenRole]]) -> Clock:
    """Replay the sent briefs in date order (a Mededeling before an answer of the same day)."""
    deadline = kamervragen.first_deadline
    uitstel: list[Reply] = []
    answer: Reply | None = None
    for brief, role in sorted(sent, key=lambda pair: (pair[0].meta.date, pair[1] == ANSWERS, pair[0].name)):
        reply = Reply(brief.name, role, brief.meta.date, deadline, brief.meta.location_of("kamervragen"))
        if role == POSTPONES and answer is None:
            uitstel.append(reply)
            deadline += TERM
        elif role == ANSWERS and answer is None:
            answer = reply
    return Clock(kamervragen, deadline, tuple(uitstel), answer)


def clocks(
    repository: Repository, briefs: Iterable[Brief], as_of: dt.date | None = None, named: dict | None = None
) -> dict[str, Clock]:
    """Every set of Kamervragen in the repository with its clock, counting the briefs sent by ``as_of``
    (``named``: ``naming(briefs)``, when the caller has it already)."""
    sent = replies(naming(briefs) if named is None else named, as_of)
    return {key: clock_of(kamervragen, sent.get(key, [])) for key, kamervragen in repository.kamervragen.items()}


# --- how the documents name people --------------------------------------------------------


def indieners_named(indieners: tuple[Member, ...]) -> str:
    """As the Kamer prints them: 'het lid Erkens (VVD)'; of one fractie 'de leden Van Baarle en
    Azarkan (beiden DENK)', 'de leden A, B en C (allen PVV)'; else 'de leden Erkens (VVD) en Van
    Baarle (DENK)'."""
    from .dutch import join_names

    fracties = {member.fractie for member in indieners}
    if len(indieners) > 1 and len(fracties) == 1 and None not in fracties:
        together = "beiden" if len(indieners) == 2 else "allen"
        return f"de leden {join_names([member.member for member in indieners])} ({together} {indieners[0].fractie})"
    names = [f"{member.member} ({member.fractie})" if member.fractie else member.member for member in indieners]
    return f"het lid {names[0]}" if len(names) == 1 else f"de leden {join_names(names)}"


def asked_named(kamervragen: Kamervragen, repository: Repository) -> str:
    """Whom the questions were put to, as the Kamer prints it: 'de Minister van Binnenlandse Zaken
    en Koninkrijksrelaties'; of one ministry 'de Minister en Staatssecretaris van …'; ministers of
    several 'de Ministers van … en van …'; otherwise each named, joined with 'en'."""
    people = repository.bewindspersonen
    return roles_named([people[key].role for key in kamervragen.aan if key in people])


_ROLE = re.compile(r"^(?:[Dd]e )?(Minister|Staatssecretaris) van (.+)$")


def roles_named(roles: list[str]) -> str:
    from .dutch import join_names

    parts = [_ROLE.match(role) for role in roles]
    if len(roles) > 1 and all(parts):
        titles = [part.group(1) for part in parts]
        ministries = [part.group(2) for part in parts]
        if len(set(ministries)) == 1 and len(set(titles)) == len(titles):
            return f"de {join_names(titles)} van {ministries[0]}"
        if set(titles) == {"Minister"} and len(set(ministries)) == len(ministries):
            return "de Ministers " + join_names([f"van {ministry}" for ministry in ministries])
    return join_names([role_after_article(role) for role in roles])


def role_after_article(role: str) -> str:
    """'De Minister van …' (a signature's first line) -> 'de Minister van …', as a sentence has it."""
    return "de " + (role[3:] if role.startswith("De ") else role)
