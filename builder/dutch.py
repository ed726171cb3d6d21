"""Dutch domain formats: dates, the parliamentary year, dossier numbers, names."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def long_date(date: dt.date) -> str:
    """'27 juni 2022': day in figures, month in words, as the Rijkshuisstijl writes it."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def prinsjesdag(year: int) -> dt.date:
    """The third Tuesday of September, when a new vergaderjaar starts."""
    first = dt.date(year, 9, 1)
    first_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + dt.timedelta(days=14)


def vergaderjaar(date: dt.date) -> str:
    """The parliamentary year of a date in Leidraad notation: '2021/22', '1999/2000'."""
    start = date.year if date >= prinsjesdag(date.year) else date.year - 1
    end = start + 1
    tail = f"{end % 100:02d}" if start // 100 == end // 100 else str(end)
    return f"{start}/{tail}"


_DOSSIER = re.compile(r"^(\d{1,3}(?: ?\d{3})*)(?!\d)(.*)$")


def dossier_number(dossier: str) -> str:
    """'30950' -> '30 950'; '31700 VI' -> '31 700 VI'; '21501-02' -> '21 501-02'."""
    match = _DOSSIER.match(dossier.strip())
    if not match:
        return dossier
    digits, rest = match.groups()
    grouped = f"{int(digits.replace(' ', '')):,}".replace(",", " ")
    return grouped + rest


def join_names(names: list[str]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


_ORDINALS = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
    "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende", "zeventiende", "achttiende",
    "negentiende", "twintigste",
)


def ordinal(number: int) -> str:
    """'vierde'; beyond twintig in figures ('21e'), as Dutch style guides advise."""
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}e"


def relative_date(date: dt.date, today: dt.date) -> str:
    """'3 april jl.' for an earlier date in the same year, '1 juli a.s.' for a later one."""
    if date.year != today.year or date == today:
        return long_date(date)
    return f"{date.day} {MONTHS[date.month - 1]} {'jl.' if date < today else 'a.s.'}"
