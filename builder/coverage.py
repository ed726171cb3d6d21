"""Coverage for coordinators: every commitment and motion, and the letters that answer it.

``brief status`` shows this as a terminal table, CSV, or one self-contained
HTML page. The flags are the same rules ``brief check`` applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .csvsafe import csv_text
from .codes import finding
from .diagnostics import Diagnostic, Location, unknown
from .doctypes import doctype_of
from .model import Brief, Commitment, Motion, Repository

CLOSED = ("voldaan", "uitgevoerd")


def letters_answering(briefs: Iterable[Brief]) -> dict[str, list[Brief]]:
    """Commitment and motion id -> the letters that list it in ``answers:``."""
    answering: dict[str, list[Brief]] = {}
    for brief in briefs:
        for key in doctype_of(brief).answered(brief.meta):
            answering.setdefault(key, []).append(brief)
    return answering


def coverage_flags(item: Commitment | Motion, answering: list[Brief], as_of: dt.date) -> tuple[str, ...]:
    """What is wrong with an item's status, given the letters that answer it: for check and status alike."""
    sent = any(brief.meta.status == "verzonden" for brief in answering)
    due = item.due if isinstance(item, Commitment) else None
    flags = []
    if item.status == "open" and due is not None and due.date < as_of:
        flags.append("overdue")
    if item.status == "open" and sent:
        flags.append("answered-not-marked")
    if item.status in CLOSED and not sent and not item.reason:
        flags.append("marked-unanswered")
    return tuple(flags)

FLAGS = {
    "overdue": "over tijd",
    "answered-not-marked": "beantwoord, status nog open",
    "marked-unanswered": "afgedaan zonder brief",
}
COLUMNS = ("id", "soort", "tekst", "kamer", "gedaan op", "uiterlijk", "status", "brieven", "signalen")


@dataclass(frozen=True)
class Answer:
    """A letter that answers an item."""

    name: str
    status: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.name} ({self.status} {self.date.isoformat()})"


@dataclass(frozen=True)
class CoverageRow:
    id: str
    kind: str  # toezegging or motie
    text: str
    kamer: str
    made: dt.date
    due: dt.date | None
    status: str
    by: str | None
    letters: tuple[Answer, ...]
    reason: str | None
    flags: tuple[str, ...]

    @property
    def answered_by(self) -> str:
        """The letters, or the reason an item is closed without one."""
        shown = "; ".join(str(letter) for letter in self.letters)
        return shown or (f"reden: {self.reason}" if self.reason else "")

    def cells(self) -> list[str]:
        return [
            self.id, self.kind, self.text, self.kamer, self.made.isoformat(),
            self.due.isoformat() if self.due else "", self.status,
            self.answered_by,
            ", ".join(self.flags),
        ]


def coverage_rows(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[CoverageRow]:
    answering = letters_answering(briefs)
    rows = []
    items: list[Commitment | Motion] = [*repository.commitments.values(), *repository.motions.values()]
    for item in items:
        answered_by = answering.get(item.id, [])
        letters = tuple(Answer(b.name, b.meta.status, b.meta.date) for b in answered_by)
        if isinstance(item, Commitment):
            kind, text, made, due, by = "toezegging", item.text, item.made.date, item.due, item.by
        else:
            kind, text, made, due, by = "motie", item.subject or item.dictum or "", item.date, None, None
        rows.append(
            CoverageRow(
                item.id, kind, text, item.kamer, made, due.date if due else None, item.status, by, letters,
                item.reason, coverage_flags(item, answered_by, as_of),
            )
        )
    return rows


def select(rows: list[CoverageRow], open_only=False, overdue_only=False, kamer=None, by=None) -> list[CoverageRow]:
    return [
        row for row in rows
        if (not open_only or row.status == "open")
        and (not overdue_only or "overdue" in row.flags)
        and (kamer is None or row.kamer == kamer)
        and (by is None or row.by == by)
    ]


def unknown_bewindspersoon(project, repository: Repository, by: str | None) -> list[Diagnostic]:
    """The error for a ``--by`` (``status``, ``import``) that names no bewindspersoon."""
    if by is None or by in repository.bewindspersonen:
        return []
    # The ids --by takes are the ones organisation.yaml defines: point there.
    where = Location(project.shown(project.data_dir / "organisation.yaml"))
    return [finding(where, f"--by: {unknown('bewindspersoon', by, repository.bewindspersonen)}", "unknown-id")]


def as_table(rows: list[CoverageRow], width: int = 48) -> str:
    """A plain-text table for the terminal; long texts are shortened."""
    shown = [[_shorten(cell, width) for cell in row.cells()] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in shown]
    return "\n".join(lines) + "\n"


def as_csv(rows: list[CoverageRow]) -> str:
    """For a spreadsheet: texts from data/ are defused so that none is run as a formula."""
    return csv_text(COLUMNS, (row.cells() for row in rows))


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
