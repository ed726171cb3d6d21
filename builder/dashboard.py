"""`brief status` as people and tools read it: a terminal table, CSV, JSON, and the coordinators' dashboard.

builder.coverage works out the rows (one per commitment, motion and set of Kamervragen, with
its letters and history); this module only presents them. The dashboard is one HTML file that needs no server
and fetches nothing: the rows are in the table, the script and the timeline chart (SVG) inline,
and every text from data is escaped by Jinja's autoescape. No data is put into the script: it
reads the table's cells and ``data-`` attributes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .coverage import FLAGS, is_overdue
from .csvsafe import csv_text
from .dutch import MONTHS, long_date
from .model import Repository

SOON_DAYS = 30  # "due soon" on the dashboard: what a coordinator must chase this month
# Rows the page shows at a time (a button shows more): a browser lays out a few hundred rows at
# once, not a ministry's thousands (6,000 took seconds on every click when all were shown).
STEP = 200
COLUMNS = ("id", "soort", "tekst", "kamer", "gedaan op", "uiterlijk", "status", "brieven", "signalen")
# The page's columns: the CSV's, with the bewindspersoon by name.
PAGE_COLUMNS = (
    "id", "soort", "tekst", "kamer", "bewindspersoon", "gedaan op", "uiterlijk", "status", "brieven", "signalen",
)
KAMERS = {"TK": "Tweede Kamer", "EK": "Eerste Kamer"}
# The order the status filter lists them in: the life of an item, open first.
STATUSES = (
    "open", "lopend", "uitgesteld", "deels voldaan", "deels uitgevoerd", "voldaan", "uitgevoerd", "beantwoord",
    "vervallen",
)
KINDS = ("toezegging", "motie", "Kamervragen")


# --- what every format shares ---------------------------------------------------------------------


def groups_of(row: Any, as_of: dt.date) -> tuple[str, ...]:
    """The dashboard's counters a row counts in (the keys of ``counts``)."""
    days = row.days_to_due(as_of)
    closed_on = row.closed_on
    found = [
        ("open", row.open),
        ("overdue", is_overdue(row)),
        ("due_soon", row.open and days is not None and 0 <= days <= SOON_DAYS),
        ("postponed", row.postponed),
        ("answered_late", "answered-late" in row.flags),
        ("closed_this_year", not row.open and closed_on is not None and closed_on.year == as_of.year),
    ]
    return tuple(key for key, present in found if present)


def counter_labels(as_of: dt.date) -> dict[str, str]:
    return {
        "open": "open",
        "overdue": "over tijd",
        "due_soon": f"binnen {SOON_DAYS} dagen",
        "postponed": "uitgesteld",
        "answered_late": "te laat beantwoord",
        "closed_this_year": f"afgedaan in {as_of.year}",
    }


def counts(rows: Sequence[Any], as_of: dt.date) -> dict[str, int]:
    tally = dict.fromkeys(counter_labels(as_of), 0)
    for row in rows:
        for key in groups_of(row, as_of):
            tally[key] += 1
    return tally


def due_within(rows: Iterable[Any], as_of: dt.date, days: int) -> list[Any]:
    """Open items due at most ``days`` days after ``as_of``, those already overdue included:
    a coordinator asking what must be done within a month needs those first."""
    limit = as_of + dt.timedelta(days=min(days, (dt.date.max - as_of).days))
    return [row for row in rows if row.open and row.due is not None and row.due <= limit]


def urgency(row: Any, as_of: dt.date) -> tuple:
    """The dashboard's first order: overdue, then due soon, then other open items by due date, then the rest."""
    days = row.days_to_due(as_of)
    if row.open and days is not None:
        band = 0 if days < 0 else 1 if days <= SOON_DAYS else 2
        return (band, row.due, row.id)
    if row.open:
        return (3, dt.date.max, row.id)
    return (4, dt.date.max - (row.closed_on or dt.date.min), row.id)  # most recently closed first


# --- terminal table and CSV -----------------------------------------------------------------------


def cells(row: Any) -> list[str]:
    """A row's cells under COLUMNS, its flags in the page's Dutch words."""
    letters = "; ".join(str(letter) for letter in row.letters) or (f"reden: {row.reason}" if row.reason else "")
    return [
        row.id, row.kind, text_of(row), row.kamer, row.made.isoformat(), row.due.isoformat() if row.due else "",
        row.status, letters, ", ".join(FLAGS.get(flag, flag) for flag in row.flags),
    ]


def text_of(row: Any) -> str:
    """The text column: a set of Kamervragen as the Kamer lists it, "Vragen van het lid … over …"."""
    return f"Vragen van {row.indieners} over {row.text}" if row.indieners else row.text


def as_table(rows: Sequence[Any], width: int = 48) -> str:
    """A plain-text table for the terminal; long texts are shortened."""
    shown = [[_shorten(cell, width) for cell in cells(row)] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in shown]
    return "\n".join(lines) + "\n"


def as_csv(rows: Sequence[Any]) -> str:
    """For a spreadsheet: texts from data/ are defused so that none is run as a formula."""
    return csv_text(COLUMNS, (cells(row) for row in rows))


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --- JSON -----------------------------------------------------------------------------------------


def as_json(rows: Sequence[Any], as_of: dt.date, repository: Repository) -> str:
    """For tools: stable keys, ISO dates, null where a value is unknown (README: "brief status --format json")."""
    names = {person.id: person.name for person in repository.organisation.bewindspersonen}
    document = {
        "as_of": as_of.isoformat(),
        "counts": counts(rows, as_of),
        "items": [_json_item(row, as_of, names) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_item(row: Any, as_of: dt.date, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "text": row.text,
        "kamer": row.kamer,
        "made": _iso(row.made),
        "made_kind": row.made_kind,
        "made_source": row.made_source,
        "to": row.to,
        "by": row.by,
        "by_name": names.get(row.by) if row.by else None,
        "status": row.status,
        "open": row.open,
        "due": _iso(row.due),
        "due_phrase": row.due_phrase,
        "first_due": _iso(row.first_due),
        "days_to_due": row.days_to_due(as_of) if row.open else None,
        "recess": row.recess,
        "recurs": row.recurs,
        "closed_on": _iso(row.closed_on),
        "late_days": row.late_days,
        "reason": row.reason,
        "flags": list(row.flags),
        "letters": [_json_letter(letter) for letter in row.letters],
        "history": [_json_event(event) for event in row.history],
        "asked": list(row.asked),
        "asked_names": [names.get(key, key) for key in row.asked],
        "indieners": row.indieners,
        "made_in": row.made_in,
        "commitments": list(row.commitments),
    }


def _json_letter(letter: Any) -> dict[str, Any]:
    return {
        "name": letter.name, "document": f"out/{letter.name}.docx", "title": letter.title,
        "kamerstuk": letter.kamerstuk, "status": letter.status, "date": _iso(letter.date), "role": letter.role,
    }


def _json_event(event: Any) -> dict[str, Any]:
    return {
        "kind": event.kind, "date": _iso(event.date), "letter": event.letter.name if event.letter else None,
        "due": _iso(event.due), "previous_due": _iso(event.previous_due), "note": event.note,
        "late_days": event.late_days, "text": event.sentence,
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


# --- the dashboard --------------------------------------------------------------------------------


def out_prefix(out_dir: Path, page_dir: Path) -> str:
    """The relative link from a page in ``page_dir`` to ``out_dir``, to put before ``NAME.docx``:
    "" beside it, "out/" from the repository root, "../out/" from a folder beside out/."""
    relative = Path(os.path.relpath(out_dir.resolve(), page_dir.resolve()))
    return "".join(f"{urllib.parse.quote(part)}/" for part in relative.parts if part != ".")


@dataclass(frozen=True)
class Letter:
    """A letter as a row of the page shows it: title, Kamerstuk, role, and the link to its DOCX."""

    href: str
    title: str
    kamerstuk: str | None
    role: str
    status: str
    date: str
    name: str


@dataclass(frozen=True)
class Item:
    """One row of the page, every value worked out here so that the template only places them."""

    id: str
    kind: str
    text: str
    kamer: str
    by: str  # the bewindspersonen's ids, space-separated: a commitment's one, a set's asked
    by_name: str
    status: str
    groups: str  # the counters it counts in, space-separated
    rank: int  # its place in the first order: overdue first
    made: str  # where and to whom it was made, in words
    made_iso: str
    due_iso: str
    due_phrase: str | None
    days: str  # "nog 12 dagen", "3 dagen over tijd"
    recess: str | None
    letters: tuple[Letter, ...]
    reason: str | None
    history: tuple[tuple[str, Letter | None], ...]
    flag_labels: tuple[str, ...]
    made_in: str | None = None  # the set of Kamervragen a commitment was made in: its row is linked
    made_in_label: str | None = None
    commitments: tuple[str, ...] = ()  # a set's row: the toezeggingen made in its answers, linked


def as_html(
    rows: Sequence[Any], *, as_of: dt.date, repository: Repository, title: str, template_dir: Path,
    out_dir: Path, page_dir: Path,
) -> str:
    """The coordinators' dashboard: counters, filters, the sortable table with each item's history, the timeline.

    ``page_dir`` is where the page will be, so that its links reach ``out_dir``'s letters from there.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    people = {person.id: person for person in repository.organisation.bewindspersonen}
    ordered = sorted(rows, key=lambda row: urgency(row, as_of))
    prefix = out_prefix(out_dir, page_dir)
    items = [_item(row, rank, as_of, people, prefix) for rank, row in enumerate(ordered)]
    environment = Environment(
        loader=FileSystemLoader(template_dir), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
    )
    labels = counter_labels(as_of)
    tally = dict.fromkeys(labels, 0)
    for item in items:
        for key in item.groups.split():
            tally[key] += 1
    return environment.get_template("status.html").render(
        title=title,
        as_of=long_date(as_of),
        columns=PAGE_COLUMNS,
        step=STEP,
        items=items,
        counters=[(key, labels[key], tally[key]) for key in labels],
        kamers=[(kamer, KAMERS[kamer]) for kamer in KAMERS if any(row.kamer == kamer for row in rows)],
        people=[(person.id, _person_label(person)) for person in people.values() if any(person.id in row.people for row in rows)],
        statuses=[status for status in STATUSES if any(row.status == status for row in rows)],
        kinds=[kind for kind in KINDS if any(row.kind == kind for row in rows)],
        timeline=timeline(rows, as_of),
    )


def _item(row: Any, rank: int, as_of: dt.date, people: dict, prefix: str) -> Item:
    letters = {letter.name: _letter(letter, prefix) for letter in row.letters}
    if row.indieners:
        made = f"ingezonden op {long_date(row.made)}"  # by whom: the text says
    else:
        # A source that is a set of Kamervragen is shown as the link to its row, after the rest.
        source = None if row.made_in else row.made_source
        made = " · ".join(
            part for part in (f"gedaan op {long_date(row.made)}", row.made_kind, source, f"aan {row.to}" if row.to else None)
            if part
        )
    return Item(
        id=row.id, kind=row.kind, text=text_of(row), kamer=row.kamer, by=" ".join(row.people),
        by_name=", ".join(_person_label(people[key]) if key in people else key for key in row.people),
        status=row.status, groups=" ".join(groups_of(row, as_of)), rank=rank, made=made, made_iso=row.made.isoformat(),
        due_iso=row.due.isoformat() if row.due else "", due_phrase=row.due_phrase,
        days=_days_phrase(row.days_to_due(as_of)) if row.open else "", recess=row.recess,
        letters=tuple(letters.values()), reason=row.reason,
        history=tuple(
            (event.sentence, (letters.get(event.letter.name) or _letter(event.letter, prefix)) if event.letter else None)
            for event in row.history
        ),
        flag_labels=tuple(FLAGS.get(flag, flag) for flag in row.flags),
        made_in=row.made_in, made_in_label=row.made_source if row.made_in else None, commitments=tuple(row.commitments),
    )


def _letter(letter: Any, prefix: str) -> Letter:
    return Letter(
        href=f"{prefix}{urllib.parse.quote(letter.name)}.docx", title=letter.title, kamerstuk=letter.kamerstuk,
        role=letter.role, status=letter.status, date=long_date(letter.date), name=letter.name,
    )


def _person_label(person: Any) -> str:
    """"J.J.M. Uitermark (minister van BZK)": a name, and the office that tells two of them apart."""
    office = person.short or person.role
    office = office[3:] if office.lower().startswith("de ") else office
    return f"{person.name} ({office[:1].lower()}{office[1:]})"


def _days_phrase(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{-days} {'dag' if days == -1 else 'dagen'} over tijd"
    if days == 0:
        return "vandaag"
    return f"nog {days} {'dag' if days == 1 else 'dagen'}"


# --- the timeline chart ---------------------------------------------------------------------------

# Outcomes of a due date, bottom to top of a month's bar: each a CSS class of the page and a legend entry.
OUTCOMES = (
    ("on-time", "op tijd afgedaan"),
    ("late", "te laat beantwoord"),
    ("overdue", "over tijd"),
    ("pending", "nog open"),
)
MONTH_WIDTH = 22
PLOT_HEIGHT = 160
LEFT = 36
TOP = 12
# The chart spans the due and answer dates, but no further than this from the as-of date: a typo's
# year 2205 must not make the chart a kilometre wide.
YEARS_BACK, YEARS_AHEAD = 10, 5


@dataclass(frozen=True)
class Bar:
    css: str
    label: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Month:
    key: str  # "2025-06"
    label: str  # "jun"
    year: str  # "2025" at the chart's first month and every January, else ""
    x: float
    due: tuple[Bar, ...]
    due_count: int
    answered: Bar | None


@dataclass(frozen=True)
class Timeline:
    months: tuple[Month, ...]
    width: float
    height: float
    top: float
    plot_height: float
    left: float
    month_width: float
    scale_max: int
    as_of_x: float
    outside: int  # dates outside the chart's span
    legend: tuple[tuple[str, str], ...] = OUTCOMES


def timeline(rows: Sequence[Any], as_of: dt.date) -> Timeline | None:
    """Due dates per month, stacked by how they turned out, beside the number of items answered that month."""
    first = _month(as_of) - 12 * YEARS_BACK
    last = _month(as_of) + 12 * YEARS_AHEAD
    due: dict[int, Counter[str]] = {}
    answered: Counter[int] = Counter()
    outside = 0
    for row in rows:
        if row.due is not None:
            month = _month(row.due)
            if first <= month <= last:
                due.setdefault(month, Counter())[_outcome(row, as_of)] += 1
            else:
                outside += 1
        if not row.open and row.closed_on is not None:
            month = _month(row.closed_on)
            if first <= month <= last:
                answered[month] += 1
            else:
                outside += 1
    if not due and not answered:
        return None
    # The as-of month is on the chart too, so that its line shows how far the dates lie behind or ahead.
    spanned = [*due, *answered, _month(as_of)]
    start, end = min(spanned), max(spanned)
    scale = max([sum(outcomes.values()) for outcomes in due.values()] + list(answered.values()))
    months = tuple(
        _chart_month(month, index, start, due.get(month, Counter()), answered[month], scale)
        for index, month in enumerate(range(start, end + 1))
    )
    as_of_x = LEFT + (_month(as_of) - start + (as_of.day - 1) / 31) * MONTH_WIDTH
    return Timeline(
        months=months, width=LEFT + len(months) * MONTH_WIDTH + 8, height=TOP + PLOT_HEIGHT + 34, top=TOP,
        plot_height=PLOT_HEIGHT, left=LEFT, month_width=MONTH_WIDTH, scale_max=scale, as_of_x=as_of_x, outside=outside,
    )


def _month(date: dt.date) -> int:
    return date.year * 12 + date.month - 1


def _outcome(row: Any, as_of: dt.date) -> str:
    if row.open:
        return "overdue" if row.due < as_of else "pending"
    return "late" if "answered-late" in row.flags else "on-time"


def _chart_month(month: int, index: int, start: int, outcomes: Counter[str], answered: int, scale: int) -> Month:
    year, number = divmod(month, 12)
    bottom = TOP + PLOT_HEIGHT
    bars = []
    for css, label in OUTCOMES:
        count = outcomes[css]
        if count:
            height = PLOT_HEIGHT * count / scale
            bottom -= height
            bars.append(Bar(css, label, count, round(bottom, 2), round(height, 2)))
    answered_bar = None
    if answered:
        height = PLOT_HEIGHT * answered / scale
        answered_bar = Bar("answered", "beantwoord", answered, round(TOP + PLOT_HEIGHT - height, 2), round(height, 2))
    return Month(
        key=f"{year:04d}-{number + 1:02d}", label=MONTHS[number][:3], year=str(year) if number == 0 or month == start else "",
        x=LEFT + index * MONTH_WIDTH, due=tuple(bars), due_count=sum(bar.count for bar in bars), answered=answered_bar,
    )
