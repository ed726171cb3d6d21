"""The parliamentary calendar (data/calendar.yaml) and the due-date phrases it resolves.

A toezegging's term is a phrase ("voor de zomer 2025", "dit najaar"); this module turns
it into the date a ministry reads it as, through the recesses and Prinsjesdagen in
data/calendar.yaml. It is pure: no I/O, no clock; a phrase that is relative ("dit
jaar", "voor het reces") is read from ``made_on``, the day the toezegging was made.

Reading a phrase: case does not matter, nor accents ("vóór"), extra spaces, a
trailing full stop, or the words "de", "het", "van", "in", "nog" and "uiterlijk"
("uiterlijk eind 2025" is "eind 2025"). A year is written out ("2025"), or is "dit
jaar" / "volgend jaar" / "komend jaar" from ``made_on``. Without a year, a phrase
means its next occurrence: the first on or after ``made_on`` (for a recess: the
first that begins after it).

=============================================  =================================================
Form (example)                                 Due date
=============================================  =================================================
voor het zomerreces 2025                       the day before the Kamer's zomerreces 2025 begins:
                                               its last sitting day (Tweede Kamer: a Thursday)
voor de zomer 2025                             the same as "voor het zomerreces 2025"
voor het kerstreces 2025, voor de kerst 2025   the day before the kerstreces 2025 begins
voor het meireces 2024                         the day before that recess; likewise herfstreces,
                                               voorjaarsreces (also krokusreces), verkiezingsreces
voor het reces                                 the day before the Kamer's next recess
na de zomer 2023, na het kerstreces 2023       the day before the Kamer's first recess after that
                                               one: the end of the next sitting period
voor Prinsjesdag 2025                          the day before Prinsjesdag 2025
op Prinsjesdag 2024                            Prinsjesdag 2024
bij de begroting 2026                          Prinsjesdag 2025, when the begroting 2026 is
                                               presented (Grondwet art. 65 and 105)
in het voorjaar van 2025                       31 May 2025: spring ends with May (the
                                               meteorological seasons of the KNMI)
in de zomer van 2025                           31 August 2025
in het najaar van 2025                         30 November 2025
dit najaar                                     30 November of the year it was made in; said
                                               after 30 November it is refused (write the year)
volgend voorjaar                               the end of the first spring that begins after it
                                               was made
eind 2025, voor het einde van het jaar         31 December ("het jaar": the year it was made in)
begin 2026                                     31 March 2026: the first quarter
medio 2025                                     30 June 2025: the end of the first half
Q1 2025, in het derde kwartaal van 2025        the last day of that quarter
in de eerste helft van 2025                    30 June 2025; "tweede helft": 31 December
in 2026                                        31 December 2026
voor 2026                                      31 December 2025
eind dit jaar, medio volgend jaar              as "eind 2025", "medio 2026", from the day made
voor eind januari 2025, eind januari 2025      31 January 2025: the last day of the month
in maart 2025                                  31 March 2025: the last day of the month
begin maart 2025                               10 March 2025: the end of its first third
medio maart 2025                               15 March 2025
voor maart 2025                                28 February 2025: the day before the month
per 1 januari 2025, op 15 juni 2025            that day
uiterlijk 1 maart 2025, 2025-03-01             that day
voor 1 maart 2025                              28 February 2025: the day before
rond de jaarwisseling                          31 December
binnen drie maanden                            that long after the day it was made
=============================================  =================================================

A phrase that promises no date ("zo snel mogelijk", "op korte termijn") is refused with
that reason. The recesses are each Kamer's own: the Eerste Kamer holds only a zomerreces
and a kerstreces (its other weeks without meetings are no recess), so "voor het meireces"
of the Eerste Kamer is a year data/calendar.yaml lacks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from .codes import finding
from .diagnostics import Diagnostic, did_you_mean
from .dutch import MONTHS, long_date, prinsjesdag
from .model import Kamer, Record

RecessName = Literal["voorjaarsreces", "meireces", "zomerreces", "herfstreces", "verkiezingsreces", "kerstreces"]
# How a date in data/calendar.yaml is known: from the Kamer's own schedule (or, for
# Prinsjesdag, the Grondwet); from a report or secondary source that names it; or not
# found in any source, so derived from the Kamers' pattern of earlier years.
Basis = Literal["published", "reported", "estimated"]

KAMER_NAMES = {"TK": "Tweede Kamer", "EK": "Eerste Kamer"}


# --- the records of data/calendar.yaml ---------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Recess(Record):
    """A recess of one Kamer: ``first`` and ``last`` are its first and last day without
    meetings, both included. The Tweede Kamer publishes "vrijdag 4 juli t/m maandag 1
    september 2025": it last sits on the Thursday before ``first`` and meets again on the
    Tuesday after ``last``."""

    noun = "recess"
    kamer: Kamer
    name: RecessName
    first: dt.date
    last: dt.date
    basis: Basis
    source: str
    notes: str | None = None

    @property
    def year(self) -> int:
        """The year a recess is named by: "kerstreces 2025" begins in December 2025."""
        return self.first.year

    @property
    def label(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def provisional(self) -> bool:
        """Not found in a source: a due date resolved through it is an estimate too."""
        return self.basis == "estimated"


@dataclass(frozen=True, kw_only=True)
class Prinsjesdag(Record):
    """Prinsjesdag: the third Tuesday of September (Grondwet art. 65)."""

    noun = "Prinsjesdag"
    date: dt.date
    basis: Basis
    source: str
    notes: str | None = None


@dataclass(frozen=True, kw_only=True)
class CalendarFile(Record):
    """data/calendar.yaml: both Kamers' recesses and the Prinsjesdagen."""

    noun = "calendar file"
    recesses: tuple[Recess, ...] = ()
    prinsjesdagen: tuple[Prinsjesdag, ...] = ()

    def recesses_of(self, kamer: str) -> list[Recess]:
        """A Kamer's recesses in the order of their first day."""
        return sorted((r for r in self.recesses if r.kamer == kamer), key=lambda r: r.first)

    def prinsjesdag_of(self, year: int) -> Prinsjesdag | None:
        return next((p for p in self.prinsjesdagen if p.date.year == year), None)


def calendar_problems(calendar: CalendarFile) -> list[Diagnostic]:
    """What the types cannot say: a recess ends after it begins and overlaps no other
    of its Kamer; a Kamer has one recess of a name a year; Prinsjesdag is the third
    Tuesday of September, once a year."""
    problems = []
    seen: dict[tuple[str, str, int], Recess] = {}
    for kamer in KAMER_NAMES:
        previous: Recess | None = None
        for recess in calendar.recesses_of(kamer):
            if recess.last < recess.first:
                message = f"the {recess.label} of the {KAMER_NAMES[kamer]} ends ({recess.last}) before it begins ({recess.first})"
                problems.append(finding(recess.location_of("last"), message, "calendar"))
            if previous is not None and recess.first <= previous.last:
                message = (
                    f"the {recess.label} of the {KAMER_NAMES[kamer]} begins ({recess.first}) before the "
                    f"{previous.label} ends ({previous.last}, at {previous.location_of('last')})"
                )
                problems.append(finding(recess.location_of("first"), message, "calendar"))
            key = (kamer, recess.name, recess.year)
            if key in seen:
                message = f"a second {recess.label} of the {KAMER_NAMES[kamer]} (the first is at {seen[key].loc})"
                problems.append(finding(recess.loc, message, "calendar"))
            seen.setdefault(key, recess)
            previous = recess if previous is None or recess.last > previous.last else previous
    years: dict[int, Prinsjesdag] = {}
    for day in calendar.prinsjesdagen:
        expected = prinsjesdag(day.date.year)
        if day.date != expected:
            message = f"Prinsjesdag {day.date.year} is the third Tuesday of September, {expected}, not {day.date}"
            problems.append(finding(day.location_of("date"), message, "calendar"))
        if day.date.year in years:
            message = f"a second Prinsjesdag in {day.date.year} (the first is at {years[day.date.year].loc})"
            problems.append(finding(day.loc, message, "calendar"))
        years.setdefault(day.date.year, day)
    return problems


def recess_on(day: dt.date, kamer: str, calendar: CalendarFile) -> Recess | None:
    """The recess of ``kamer`` that ``day`` falls in, if any."""
    _check_kamer(kamer)
    return next((r for r in calendar.recesses_of(kamer) if r.first <= day <= r.last), None)


# --- what can go wrong with a phrase ------------------------------------------------------


class PhraseError(ValueError):
    """A due-date phrase that gives no date; the message says why and what to write."""

    def __init__(self, phrase: str, message: str):
        super().__init__(message)
        self.phrase = phrase


class UnknownPhrase(PhraseError):
    """A phrase none of the known forms reads, or one that promises no date at all."""


class PhraseOutsideCalendar(PhraseError):
    """A phrase that needs a recess or Prinsjesdag of a year data/calendar.yaml lacks."""

    def __init__(self, phrase: str, message: str, year: int):
        super().__init__(phrase, message)
        self.year = year


class AmbiguousPhrase(PhraseError):
    """A relative phrase ("dit najaar", "voor het reces") without the day it was made,
    or one that day makes meaningless ("dit najaar" said in December)."""


# --- the forms ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PhraseForm:
    """A form a due-date phrase can take: an example and the date it stands for."""

    example: str
    rule: str


_FORMS: tuple[PhraseForm, ...] = (
    PhraseForm("voor het zomerreces 2025", "the day before the Kamer's zomerreces begins: its last sitting day"),
    PhraseForm("voor de zomer 2025", "the same as 'voor het zomerreces 2025'"),
    PhraseForm("voor het kerstreces 2025", "the day before the kerstreces begins ('voor de kerst' too)"),
    PhraseForm("voor het meireces 2024", "the day before that recess (herfst-, voorjaars-/krokus-, verkiezingsreces too)"),
    PhraseForm("voor het reces", "the day before the Kamer's next recess"),
    PhraseForm("na de zomer 2023", "the day before the Kamer's first recess after the zomerreces"),
    PhraseForm("voor Prinsjesdag 2025", "the day before Prinsjesdag"),
    PhraseForm("op Prinsjesdag 2024", "Prinsjesdag itself"),
    PhraseForm("bij de begroting 2026", "Prinsjesdag of the year before, when that begroting is presented"),
    PhraseForm("in het voorjaar van 2025", "31 May: the end of spring (meteorological seasons, KNMI)"),
    PhraseForm("in de zomer van 2025", "31 August"),
    PhraseForm("in het najaar van 2025", "30 November"),
    PhraseForm("dit najaar", "30 November of the year it was made in (refused once that autumn is over)"),
    PhraseForm("volgend voorjaar", "the end of the first spring that begins after it was made"),
    PhraseForm("eind 2025", "31 December ('voor het einde van het jaar': of the year it was made in)"),
    PhraseForm("begin 2026", "31 March: the end of the first quarter"),
    PhraseForm("medio 2025", "30 June: the end of the first half"),
    PhraseForm("Q1 2025", "the last day of the quarter ('in het eerste kwartaal van 2025' too)"),
    PhraseForm("in de eerste helft van 2025", "30 June; 'tweede helft': 31 December"),
    PhraseForm("in 2026", "31 December of that year"),
    PhraseForm("voor 2026", "31 December of the year before"),
    PhraseForm("eind dit jaar", "years as 'dit jaar', 'volgend jaar', 'komend jaar' count from the day it was made"),
    PhraseForm("voor eind januari 2025", "the last day of the month"),
    PhraseForm("in maart 2025", "the last day of the month"),
    PhraseForm("begin maart 2025", "the 10th of the month ('medio maart': the 15th)"),
    PhraseForm("voor maart 2025", "the day before the month begins"),
    PhraseForm("per 1 januari 2025", "that day ('op', 'uiterlijk', or the date alone, as 2025-01-01, too)"),
    PhraseForm("voor 1 maart 2025", "the day before that day"),
    PhraseForm("rond de jaarwisseling", "31 December"),
    PhraseForm("binnen drie maanden", "that long after the day it was made (dagen, weken, maanden, een half jaar)"),
)


def known_phrase_forms() -> tuple[PhraseForm, ...]:
    """The forms a due-date phrase can take, each with an example: for errors and the README."""
    return _FORMS


# --- reading a phrase --------------------------------------------------------------------

# Words that change nothing in a due date: "in het voorjaar van 2025" is "voorjaar 2025".
_FILLER = frozenset({"de", "het", "van", "in", "nog", "uiterlijk", "'t"})
_UNDATED = re.compile(
    r"(?:zo (?:snel|spoedig|spoedig als|gauw) mogelijk|z\.?s\.?m|op korte termijn|binnenkort|spoedig|op termijn|zodra mogelijk)"
)
_MONTH = "(?P<month>" + "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS) + ")"
_YEAR = r"(?P<year>\d{4}|(?:dit|deze|volgend|volgende|komend|komende|aanstaand|aanstaande) jaar)"
_REL = r"(?P<rel>dit|deze|komend|komende|volgend|volgende|aankomend|aankomende|aanstaand|aanstaande)"
_RECESS_WORDS = {
    "zomer": "zomerreces", "zomerreces": "zomerreces", "zomervakantie": "zomerreces",
    "kerst": "kerstreces", "kerstmis": "kerstreces", "kerstreces": "kerstreces", "kerstvakantie": "kerstreces",
    "meireces": "meireces", "meivakantie": "meireces",
    "herfstreces": "herfstreces", "herfstvakantie": "herfstreces",
    "voorjaarsreces": "voorjaarsreces", "krokusreces": "voorjaarsreces", "voorjaarsvakantie": "voorjaarsreces",
    "krokusvakantie": "voorjaarsreces",
    "verkiezingsreces": "verkiezingsreces",
    "reces": "",
}  # fmt: skip
_RECESS = "(?P<recess>" + "|".join(sorted(_RECESS_WORDS, key=len, reverse=True)) + ")"
# Meteorological seasons (KNMI): spring is March to May, summer June to August, autumn September to November.
_SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11)}
_SEASON = "(?P<season>" + "|".join(_SEASONS) + ")"
_NUMBERS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip
_ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4, "laatste": 4}
_VOCABULARY = frozenset(
    {*_RECESS_WORDS, *_SEASONS, *MONTHS, *_NUMBERS, *_ORDINALS, "voor", "na", "per", "op", "bij", "met", "rond",
     "eind", "einde", "begin", "medio", "half", "midden", "jaar", "kwartaal", "helft", "halfjaar", "binnen", "dag",
     "dagen", "week", "weken", "maand", "maanden", "prinsjesdag", "begroting", "miljoenennota", "jaarwisseling",
     "dit", "deze", "volgend", "volgende", "komend", "komende", "aankomend", "aankomende", "aanstaand", "aanstaande"}
)  # fmt: skip


@dataclass(frozen=True)
class _Context:
    phrase: str
    made_on: dt.date | None
    kamer: str
    calendar: CalendarFile
    used: list[Recess] = field(default_factory=list)  # the recesses the date was read from


@dataclass(frozen=True)
class ResolvedDue:
    """A phrase's due date and the recesses it was read from: when one of them is
    ``provisional`` (an estimate), so is the date."""

    date: dt.date
    based_on: tuple[Recess, ...] = ()

    @property
    def provisional(self) -> bool:
        return any(recess.provisional for recess in self.based_on)


def resolve_due_phrase(phrase: str, made_on: dt.date | None, kamer: str, calendar: CalendarFile) -> dt.date:
    """The due date ``phrase`` stands for, for a toezegging to ``kamer`` ("TK" or "EK")
    made on ``made_on`` (None when unknown: then only phrases with a year resolve).

    Raises UnknownPhrase for a phrase no form reads, PhraseOutsideCalendar for one that
    needs a year data/calendar.yaml lacks, AmbiguousPhrase for a relative phrase that
    ``made_on`` cannot place (all are PhraseError)."""
    return resolve_due(phrase, made_on, kamer, calendar).date


def resolve_due(phrase: str, made_on: dt.date | None, kamer: str, calendar: CalendarFile) -> ResolvedDue:
    """As ``resolve_due_phrase``, with the recesses the date was read from."""
    _check_kamer(kamer)
    text = _normalised(phrase)
    context = _Context(phrase, made_on, kamer, calendar)
    if _UNDATED.fullmatch(text):
        raise UnknownPhrase(phrase, f"'{phrase}' promises no date: give the date the ministry holds itself to, as 'voor 1 maart 2025'")
    if "begrotingsbehandeling" in text:  # "begroting" is Prinsjesdag; the debate on it is each ministry's own date
        raise UnknownPhrase(phrase, f"'{phrase}': a begrotingsbehandeling has no date in data/calendar.yaml; give the date it is planned for")
    for pattern, reader in _READERS:
        match = pattern.fullmatch(text)
        if match:
            return ResolvedDue(reader(match, context), tuple(context.used))
    raise UnknownPhrase(phrase, _unknown_message(phrase, text))


def _check_kamer(kamer: str) -> None:
    if kamer not in KAMER_NAMES:
        raise ValueError(f"kamer is 'TK' or 'EK', not {kamer!r}")


def _normalised(phrase: str) -> str:
    """Lower case, no accents, one space between words, no filler words or full stop."""
    text = "".join(c for c in unicodedata.normalize("NFKD", phrase) if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.!;,]+$", "", text.strip())
    return " ".join(word for word in text.split() if word not in _FILLER)


def _unknown_message(phrase: str, text: str) -> str:
    strange = [w for w in text.split() if w not in _VOCABULARY and not re.fullmatch(r"[\d\-/]+|q[1-4]|h[12]", w)]
    hint = did_you_mean(strange[0], _VOCABULARY) if strange else ""
    examples = ", ".join(f"'{form.example}'" for form in _FORMS)
    return f"cannot read the due date '{phrase}'{hint}; write it in one of the known forms: {examples}"


# --- years ---------------------------------------------------------------------------------


def _need_made_on(context: _Context) -> dt.date:
    if context.made_on is None:
        raise AmbiguousPhrase(
            context.phrase, f"'{context.phrase}' counts from the day it was made, which is not known: write the year, as in 'eind 2025'"
        )
    return context.made_on


def _year(text: str, context: _Context) -> int:
    """A year as written: '2025', 'dit jaar', 'volgend jaar'."""
    if text.isdigit():
        return int(text)
    made_on = _need_made_on(context)
    return made_on.year if text.split()[0] in ("dit", "deze") else made_on.year + 1


def _yearly(match: re.Match, context: _Context, date_in: Callable[[int], dt.date], start_in: Callable[[int], dt.date] | None = None) -> dt.date:
    """A date of a year: the one written, else the one relative words or ``made_on`` choose.

    Without a year: the first occurrence on or after ``made_on``. "dit najaar": that of
    ``made_on``'s year, refused when it is already over. "volgend voorjaar": the first
    whose start (``start_in``) is after ``made_on``."""
    groups = match.groupdict()
    if groups.get("year"):
        return date_in(_year(groups["year"], context))
    made_on = _need_made_on(context)
    rel = groups.get("rel")
    if rel in ("dit", "deze"):
        due = date_in(made_on.year)
        if due < made_on:
            raise AmbiguousPhrase(
                context.phrase,
                f"'{context.phrase}' was said on {long_date(made_on)}, after it ended on {long_date(due)}: write the year it means",
            )
        return due
    if rel and start_in is not None:
        return next(date_in(y) for y in (made_on.year, made_on.year + 1, made_on.year + 2) if start_in(y) > made_on)
    return next(date_in(y) for y in (made_on.year, made_on.year + 1) if date_in(y) >= made_on)


# --- dates of a year -----------------------------------------------------------------------


def _month_number(word: str) -> int:
    return next(i for i, name in enumerate(MONTHS, 1) if name == word or name[:3] == word)


def _end_of_month(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def _season(match: re.Match, context: _Context) -> dt.date:
    first_month, last_month = _SEASONS[match["season"]]
    return _yearly(match, context, lambda y: _end_of_month(y, last_month), lambda y: dt.date(y, first_month, 1))


def _part_of_year(match: re.Match, context: _Context) -> dt.date:
    """eind 2025: 31 December; begin 2026: 31 March; medio 2025: 30 June."""
    if (not match["year"] and not match["jaar"]) or (match["voor"] and match["part"] == "begin"):
        raise UnknownPhrase(context.phrase, _unknown_message(context.phrase, _normalised(context.phrase)))
    month = {"eind": 12, "einde": 12, "begin": 3}.get(match["part"], 6)
    if not match["year"]:  # "voor het einde van het jaar": of the year it was made in
        return _end_of_month(_need_made_on(context).year, month)
    return _yearly(match, context, lambda y: _end_of_month(y, month))


def _whole_year(match: re.Match, context: _Context) -> dt.date:
    """in 2026: 31 December 2026; voor 2026: 31 December 2025."""
    year = _year(match["year"], context)
    return dt.date(year - 1 if match["voor"] else year, 12, 31)


def _quarter(match: re.Match, context: _Context) -> dt.date:
    number = int(match["q"] or match["n"] or 0) or _ORDINALS.get(match["ord"] or "", 0)
    if not number:  # "dit kwartaal", "volgend kwartaal"
        made_on = _need_made_on(context)
        number = (made_on.month - 1) // 3 + 1 + (0 if match["rel"] in ("dit", "deze") else 1)
        year = made_on.year + (number - 1) // 4
        return _end_of_month(year, ((number - 1) % 4 + 1) * 3)
    return _yearly(match, context, lambda y: _end_of_month(y, number * 3))


def _half(match: re.Match, context: _Context) -> dt.date:
    month = 6 if (match["h"] or match["ord"]) in ("1", "eerste", "1e") else 12
    return _yearly(match, context, lambda y: _end_of_month(y, month))


def _month(match: re.Match, context: _Context) -> dt.date:
    """eind januari: the 31st; begin maart: the 10th; medio maart: the 15th; voor maart: 28 February."""
    month = _month_number(match["month"])
    part = match["part"]
    if match["voor"] and part is None:
        return _yearly(match, context, lambda y: dt.date(y, month, 1) - dt.timedelta(days=1))
    if match["voor"] and part == "begin":  # "voor begin maart": neither the 10th nor the day before is what is meant
        raise UnknownPhrase(context.phrase, _unknown_message(context.phrase, "voor begin"))
    day = {"begin": 10, "medio": 15, "half": 15, "midden": 15}.get(part or "")
    return _yearly(match, context, lambda y: dt.date(y, month, day) if day else _end_of_month(y, month))


def _day(match: re.Match, context: _Context) -> dt.date:
    """per/op/uiterlijk 1 maart 2025: that day; voor 1 maart 2025: the day before."""
    month = _month_number(match["month"])
    before = dt.timedelta(days=1 if match["how"] == "voor" else 0)
    try:
        return _yearly(match, context, lambda y: dt.date(y, month, int(match["day"])) - before)
    except ValueError:
        raise UnknownPhrase(context.phrase, f"'{context.phrase}' is no date: {match['month']} has no day {match['day']}") from None


def _iso_day(match: re.Match, context: _Context) -> dt.date:
    """2025-03-01, or as a Dutch date is written with figures: 1-3-2025."""
    groups = match.groupdict()
    try:
        return dt.date(int(groups["y"] or groups["y2"]), int(groups["m"] or groups["m2"]), int(groups["d"] or groups["d2"]))
    except ValueError:
        raise UnknownPhrase(context.phrase, f"'{context.phrase}' is no date") from None


def _within(match: re.Match, context: _Context) -> dt.date:
    """binnen drie maanden: that long after the day it was made; "een half jaar" is six months."""
    made_on = _need_made_on(context)
    count = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"]]
    unit = match["unit"]
    if match["half"]:
        if count != 1:
            raise UnknownPhrase(context.phrase, _unknown_message(context.phrase, _normalised(context.phrase)))
        return _add_months(made_on, 6)
    if unit.startswith("dag"):
        return made_on + dt.timedelta(days=count)
    if unit.startswith("we"):
        return made_on + dt.timedelta(weeks=count)
    return _add_months(made_on, count * {"jaar": 12, "halfjaar": 6}.get(unit, 1))


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day so many months later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return min(dt.date(year, month, 1) + dt.timedelta(days=day.day - 1), _end_of_month(year, month))


def _year_end(match: re.Match, context: _Context) -> dt.date:
    """rond de jaarwisseling, voor de jaarwisseling: 31 December."""
    return _yearly(match, context, lambda y: dt.date(y, 12, 31))


# --- dates of the calendar ------------------------------------------------------------------


def _outside(context: _Context, name: str, year: int) -> PhraseOutsideCalendar:
    """The error for a recess (``name``, "" for any) of a year data/calendar.yaml lacks."""
    kamer = KAMER_NAMES[context.kamer]
    recesses = context.calendar.recesses_of(context.kamer)
    held = sorted({r.year for r in recesses if not name or r.name == name})
    what = f"a {name or 'recess'} of the {kamer} in {year}"
    if held:
        message = f"'{context.phrase}' needs {what}; data/calendar.yaml holds them for {held[0]}–{held[-1]} only: add {year} there"
    else:
        names = ", ".join(sorted({r.name for r in recesses})) or "none"
        message = f"'{context.phrase}' needs {what}; data/calendar.yaml holds no {name} of the {kamer} in any year (its recesses: {names})"
    return PhraseOutsideCalendar(context.phrase, message, year)


def _recess_named(context: _Context, name: str, year: int) -> Recess:
    for recess in context.calendar.recesses_of(context.kamer):
        if recess.name == name and recess.year == year:
            context.used.append(recess)
            return recess
    raise _outside(context, name, year)


def _next_recess(context: _Context, name: str, after: dt.date, ongoing: bool = False) -> Recess:
    """The first recess of that name ("" for any) that begins after ``after``, or, when
    ``ongoing``, that has not ended by then: "na de zomer" said in August is this summer's."""
    for recess in context.calendar.recesses_of(context.kamer):
        if (recess.last >= after if ongoing else recess.first > after) and (not name or recess.name == name):
            context.used.append(recess)
            return recess
    held_this_year = any(r.year == after.year and (not name or r.name == name) for r in context.calendar.recesses_of(context.kamer))
    year = after.year + 1 if held_this_year else after.year
    raise _outside(context, name, year)


def _recess(match: re.Match, context: _Context, ongoing: bool = False) -> Recess:
    name = _RECESS_WORDS[match["recess"]]
    if match["year"]:
        if not name:
            raise UnknownPhrase(context.phrase, f"'{context.phrase}' does not say which recess: name it, as 'voor het zomerreces {match['year']}'")
        return _recess_named(context, name, _year(match["year"], context))
    return _next_recess(context, name, _need_made_on(context), ongoing)


def _before_recess(match: re.Match, context: _Context) -> dt.date:
    """voor het zomerreces 2025 (voor de zomer 2025): the day before it begins."""
    return _recess(match, context).first - dt.timedelta(days=1)


def _after_recess(match: re.Match, context: _Context) -> dt.date:
    """na de zomer 2025: the day before the first recess after it, the end of the next sitting period."""
    recess = _recess(match, context, ongoing=True)
    return _next_recess(context, "", recess.last).first - dt.timedelta(days=1)


def _prinsjesdag_in(context: _Context, year: int) -> dt.date:
    day = context.calendar.prinsjesdag_of(year)
    if day is None:
        years = sorted(p.date.year for p in context.calendar.prinsjesdagen)
        span = f"; it has {years[0]}–{years[-1]}" if years else ""
        message = f"'{context.phrase}' needs Prinsjesdag {year}, which data/calendar.yaml does not hold{span}: add {year} there"
        raise PhraseOutsideCalendar(context.phrase, message, year)
    return day.date


def _prinsjesdag(match: re.Match, context: _Context) -> dt.date:
    """voor Prinsjesdag 2025: the day before; op/bij/met Prinsjesdag 2025: that day."""
    before = dt.timedelta(days=1 if match["how"] == "voor" else 0)
    if match["year"]:
        return _prinsjesdag_in(context, _year(match["year"], context)) - before
    made_on = _need_made_on(context)
    day = _prinsjesdag_in(context, made_on.year)
    return (day if day - before >= made_on else _prinsjesdag_in(context, made_on.year + 1)) - before


def _budget(match: re.Match, context: _Context) -> dt.date:
    """bij de begroting 2026: Prinsjesdag 2025, when the begroting for 2026 is presented."""
    if match["year"]:
        return _prinsjesdag_in(context, int(match["year"]) - 1)
    made_on = _need_made_on(context)
    day = _prinsjesdag_in(context, made_on.year)
    return day if day >= made_on else _prinsjesdag_in(context, made_on.year + 1)


_READERS: tuple[tuple[re.Pattern, Callable[[re.Match, _Context], dt.date]], ...] = tuple(
    (re.compile(pattern), reader)
    for pattern, reader in (
        (rf"voor (?:{_REL} )?{_RECESS}(?: {_YEAR})?", _before_recess),
        (rf"na (?:{_REL} )?{_RECESS}(?: {_YEAR})?", _after_recess),
        (rf"(?:(?P<how>voor|op|met|bij|rond) )?prinsjesdag(?: {_YEAR})?", _prinsjesdag),
        (r"(?:bij|met) (?:rijks|ontwerp)?(?:begroting|miljoenennota)(?: voor)?(?: (?P<year>\d{4}))?", _budget),
        (rf"(?:{_REL} )?{_SEASON}(?: {_YEAR})?", _season),
        (rf"(?P<voor>voor )?(?P<part>eind|einde|begin|medio|half|midden)(?: (?P<jaar>jaar))?(?: {_YEAR})?", _part_of_year),
        (rf"(?:voor )?(?:q(?P<q>[1-4])|kwartaal (?P<n>[1-4])|(?:(?P<ord>{'|'.join(_ORDINALS)})|{_REL}) kwartaal)(?: {_YEAR})?", _quarter),
        (rf"(?:h(?P<h>[12])|(?P<ord>eerste|1e|tweede|2e) (?:helft|halfjaar|half jaar))(?: {_YEAR})?", _half),
        (rf"(?P<voor>voor )?{_YEAR}", _whole_year),
        (rf"(?P<voor>voor )?(?:(?P<part>eind|einde|begin|medio|half|midden) )?{_MONTH}(?: {_YEAR})?", _month),
        (rf"(?:(?P<how>voor|per|op|vanaf|met ingang|m\.i\.v\.?) )?(?P<day>\d{{1,2}}) {_MONTH}(?: {_YEAR})?", _day),
        (r"(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})-(?P<m2>\d{1,2})-(?P<y2>\d{4}))", _iso_day),
        (r"(?:voor|rond|bij|op) jaarwisseling(?: (?P<year>\d{4}))?", _year_end),
        (rf"binnen (?P<n>\d+|{'|'.join(_NUMBERS)})(?: (?P<half>half))? (?P<unit>dagen|dag|weken|week|maanden|maand|halfjaar|jaar)", _within),
    )
)
