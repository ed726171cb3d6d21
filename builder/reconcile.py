"""``brief reconcile``: our toezeggingen against the Tweede Kamer's register, difference by difference.

The Kamer's register is read as ``brief import`` reads it (``builder.opendata``), and a
Toezegging is ours when its Nummer is one of our commitments' ids: the key the import
merges by. For each toezegging both registers hold, three things are compared:

- ``status-differs``: its status. The Kamer knows Openstaand, Deels voldaan, Voldaan (or
  Afgedaan) and Vervallen; a postponed or recurring toezegging of ours is open there.
- ``due-differs``: its due date, ours in force (after postponements) against DatumNakoming.
  Two dates that differ always count; a date on one side only, while the toezegging is
  open on either side.
- ``letter-not-recorded``: each letter we sent that answers it, or answers part of it,
  and that the Kamer does not list in KamerbriefNakoming. When both name a kamerstuk, a
  recorded letter is ours if the kamerstuk is (dossier and number); otherwise if it has our
  letter's name (our own export) or our letter's date.

Across the registers:

- ``only-at-kamer``: a toezegging the Kamer has and we lack, made by one of our
  bewindspersonen (matched on name and Functie as the import matches them) or, when
  organisation.yaml no longer lists whoever made it, by our ministry.
- ``only-here``: one of ours with a Kamer Nummer (TZ202503-112) that the file lacks, made
  within the days the file plainly covers: from the first to the last day a toezegging of
  our ministry in it was made. Ids of our own making (per-racisme-a) are not the Kamer's,
  and an Eerste Kamer toezegging is in no Tweede Kamer file, so neither is looked for.

A library: :func:`reconcile` compares and returns :class:`Difference` records;
``as_text``, ``as_markdown`` and ``as_json`` render them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .assemble import load_repository
from .briefs import load_briefs
from .codes import finding
from .coverage import CoverageRow, coverage_rows
from .diagnostics import Diagnostic, Location, has_errors
from .dutch import long_date
from .load import read_text
from .loading import LoadOptions
from .model import Brief, Organisation, Repository
from .opendata import Fulfilment, Imported, kamerstuk_number, read_tk_json
from .project import Project

# Each kind of difference: its Dutch heading, in the order the reports list them.
KINDS = {
    "status-differs": "Status wijkt af",
    "due-differs": "Termijn wijkt af",
    "letter-not-recorded": "Verzonden brief niet als nakoming geregistreerd",
    "only-at-kamer": "Alleen in het register van de Kamer",
    "only-here": "Alleen in ons register",
}
SHORT = {
    "status-differs": "status", "due-differs": "termijn", "letter-not-recorded": "brief",
    "only-at-kamer": "alleen bij de Kamer", "only-here": "alleen bij ons",
}

# Our statuses as the Kamer's register can hold them (opendata.COMMITMENT_STATUSES's vocabulary).
AS_REGISTERED = {
    "open": "open", "uitgesteld": "open", "lopend": "open",
    "deels voldaan": "deels voldaan", "voldaan": "voldaan", "vervallen": "vervallen",
}
OPEN_AT_KAMER = ("open", "deels voldaan")
ANSWERING_ROLES = {"antwoord": "answers", "deelantwoord": "partly_answers"}  # role -> its front matter field
KAMER_NUMMER = re.compile(r"TZ\d{6}-\d+")


@dataclass(frozen=True)
class Letter:
    """A letter of ours in a difference: what a person needs to find it."""

    name: str
    title: str
    date: dt.date
    kamerstuk: str | None
    role: str  # antwoord or deelantwoord

    @property
    def described(self) -> str:
        noun = "deelantwoord" if self.role == "deelantwoord" else "brief"
        kamerstuk = f" ({self.kamerstuk})" if self.kamerstuk else ""
        return f"{noun} '{self.title}'{kamerstuk} van {long_date(self.date)}"


@dataclass(frozen=True)
class Difference:
    """One difference between the registers. The fields a kind does not concern are None."""

    kind: str
    id: str
    text: str
    location: Location  # where to look: our side when it has a place, else the Kamer's file
    registry_location: Location | None = None  # the Toezegging in the Kamer's file
    our_status: str | None = None
    registry_status: str | None = None  # as the Kamer writes it: "Afgedaan"
    our_due: dt.date | None = None
    registry_due: dt.date | None = None
    letter: Letter | None = None
    registry_letters: tuple[str, ...] = ()  # what the Kamer records as fulfilment
    bewindspersoon: str | None = None  # ours, by id
    toezegger: str | None = None  # as the Kamer names them
    covered: tuple[dt.date, dt.date] | None = None  # only-here: the days the file covers

    def sides(self) -> tuple[str, str]:
        """Our side and the Kamer's, in Dutch, as the text and Markdown reports show them."""
        if self.kind == "status-differs":
            return self.our_status or "geen", self.registry_status or "geen"
        if self.kind == "due-differs":
            return _day(self.our_due), _day(self.registry_due)
        if self.kind == "letter-not-recorded":
            assert self.letter is not None
            recorded = "; ".join(self.registry_letters)
            theirs = "niet als nakoming geregistreerd" + (f" (wel: {recorded})" if recorded else "")
            return f"verzonden {self.letter.described}", theirs
        if self.kind == "only-at-kamer":
            who = self.toezegger or "onbekend"
            if self.bewindspersoon is None:
                who += ", niet in organisation.yaml"
            due = f", termijn {long_date(self.registry_due)}" if self.registry_due else ""
            return "ontbreekt", f"{self.registry_status or 'zonder status'}{due}; toegezegd door {who}"
        start, end = self.covered or (None, None)
        span = f" (dat de toezeggingen van {_day(start)} tot en met {_day(end)} bevat)" if start and end else ""
        return self.our_status or "geen status", f"ontbreekt{span}"


@dataclass(frozen=True)
class Reconciliation:
    differences: tuple[Difference, ...]
    compared: int  # toezeggingen both registers hold
    registry_items: int  # toezeggingen read from the Kamer's files

    def counts(self) -> dict[str, int]:
        return {kind: sum(d.kind == kind for d in self.differences) for kind in KINDS}


# --- comparing ------------------------------------------------------------------------------------


def reconcile(
    registry: Sequence[Imported], rows: Sequence[CoverageRow], repository: Repository, briefs: Sequence[Brief]
) -> Reconciliation:
    """Compare the Kamer's toezeggingen (``opendata.read_tk_json``) with ours.

    ``rows`` are ``coverage.coverage_rows``: each commitment's status, due date and letters
    as its lifecycle left them. ``repository`` and ``briefs`` give the places to point at.
    """
    kamer = {item.key: item for item in registry if item.kind == "commitment"}
    ours = {row.id: row for row in rows if row.kind == "toezegging"}
    places = _Places(repository, briefs)
    found: list[Difference] = []
    for row in ours.values():
        if row.id in kamer:
            found += _compared(row, kamer[row.id], places)
    ministries = repository.organisation.ministry_names
    of_ours = [item for item in kamer.values() if any(_of_our_ministry(item, ministry) for ministry in ministries)]
    found += _only_at_kamer(of_ours, ours)
    found += _only_here(ours, kamer, of_ours, places)
    order = list(KINDS)
    found.sort(key=lambda difference: order.index(difference.kind))  # stable: in each kind, as found
    compared = sum(1 for ident in ours if ident in kamer)
    return Reconciliation(tuple(found), compared, len(kamer))


def _compared(row: CoverageRow, item: Imported, places: _Places) -> list[Difference]:
    assert item.registry is not None
    facts = item.registry
    registered = item.fields.get("status")  # None: the Kamer gave no status it has words for
    due = item.fields.get("due", {}).get("date")
    # Each difference carries both sides' status and due date, for tools; its kind says which differs.
    common = {
        "id": row.id, "text": row.text, "our_status": row.status, "registry_status": facts.status,
        "our_due": row.due, "registry_due": due, "bewindspersoon": row.by, "toezegger": facts.toezegger,
    }
    found = []
    if registered is not None and AS_REGISTERED.get(row.status, row.status) != registered:
        found.append(Difference(
            "status-differs", location=places.status(row.id, item), registry_location=facts.places["Status"], **common
        ))
    is_open = row.open or registered in OPEN_AT_KAMER
    if due != row.due and ((due is not None and row.due is not None) or is_open):
        found.append(Difference(
            "due-differs", location=places.due(row, item), registry_location=facts.places["DatumNakoming"], **common
        ))
    for answer in row.letters:
        if answer.status == "verzonden" and answer.role in ANSWERING_ROLES:
            letter = Letter(answer.name, answer.title, answer.date, answer.kamerstuk, answer.role)
            if not any(_records(fulfilment, letter) for fulfilment in facts.fulfilments):
                found.append(Difference(
                    "letter-not-recorded", location=places.letter(letter, item),
                    registry_location=facts.places["KamerbriefNakoming"], letter=letter,
                    registry_letters=tuple(f.text for f in facts.fulfilments), **common,
                ))
    return found


def _records(fulfilment: Fulfilment, letter: Letter) -> bool:
    """Whether the Kamer's recorded letter is ours: by kamerstuk, else by name, else by date."""
    dossier, number = kamerstuk_number(letter.kamerstuk) if letter.kamerstuk else (None, None)
    if fulfilment.dossier and fulfilment.number and dossier:
        return (_plain(fulfilment.dossier), fulfilment.number) == (_plain(dossier), number)
    return fulfilment.text == letter.name or (fulfilment.date is not None and fulfilment.date == letter.date)


def _plain(dossier: str) -> str:
    """'36600 VII' and '36600VII' alike."""
    return "".join(dossier.split()).casefold()


def _of_our_ministry(item: Imported, ministry: str) -> bool:
    """Made by one of our bewindspersonen, or by our ministry ('Binnenlandse Zaken en …')."""
    if item.by is not None:
        return True
    named = (item.registry.ministerie if item.registry else None) or ""
    return bool(named) and _ministry_words(named) == _ministry_words(ministry)


def _ministry_words(name: str) -> str:
    words = name.casefold().split()
    return " ".join(words[2:] if words[:2] == ["ministerie", "van"] else words)


def _only_at_kamer(of_ours: list[Imported], ours: dict[str, CoverageRow]) -> list[Difference]:
    found = []
    for item in of_ours:
        if item.key in ours:
            continue
        facts = item.registry
        assert facts is not None
        found.append(Difference(
            "only-at-kamer", item.key, item.fields.get("text", ""), location=item.loc, registry_location=item.loc,
            registry_status=facts.status, registry_due=item.fields.get("due", {}).get("date"),
            bewindspersoon=item.by, toezegger=facts.toezegger,
        ))
    return found


def _only_here(
    ours: dict[str, CoverageRow], kamer: dict[str, Imported], of_ours: list[Imported], places: _Places
) -> list[Difference]:
    made = [item.fields["made"]["date"] for item in of_ours if isinstance(item.fields["made"].get("date"), dt.date)]
    if not made:
        return []  # the file holds nothing of our ministry: it says nothing of what we have
    covered = (min(made), max(made))
    return [
        Difference(
            "only-here", row.id, row.text, location=places.item(row.id), our_status=row.status, our_due=row.due,
            bewindspersoon=row.by, covered=covered,
        )
        for row in ours.values()
        if row.kamer == "TK" and row.id not in kamer and KAMER_NUMMER.fullmatch(row.id)
        and covered[0] <= row.made <= covered[1]
    ]


class _Places:
    """Where our side of a difference is written: a field of data/, or a letter's front matter."""

    def __init__(self, repository: Repository, briefs: Iterable[Brief]):
        self.commitments = repository.commitments
        self.briefs = {brief.name: brief for brief in briefs}

    def item(self, ident: str) -> Location:
        return self.commitments[ident].loc

    def status(self, ident: str, item: Imported) -> Location:
        commitment = self.commitments.get(ident)
        return commitment.location_of("status") if commitment is not None else item.loc

    def due(self, row: CoverageRow, item: Imported) -> Location:
        """The due date in force: where the last sent postponement says it, else data/."""
        if row.postponed:
            postponing = [event.letter for event in row.history if event.kind == "uitgesteld" and event.letter]
            brief = self.briefs.get(postponing[-1].name) if postponing else None
            if brief is not None:
                return brief.meta.location_of(f"postpones.{row.id}")
        commitment = self.commitments.get(row.id)
        return commitment.location_of("due") if commitment is not None else item.loc

    def letter(self, letter: Letter, item: Imported) -> Location:
        brief = self.briefs.get(letter.name)
        return brief.meta.location_of(ANSWERING_ROLES[letter.role]) if brief is not None else item.loc


# --- reading the files and our register -----------------------------------------------------------


def reconcile_files(
    project: Project, paths: Sequence[Path], as_of: dt.date, options: LoadOptions | None = None
) -> tuple[Reconciliation | None, list[Diagnostic]]:
    """``brief reconcile FILE.json …``: read our register and the Kamer's files, and compare them.

    Every problem of every file is reported; any error, in data/ or a file, means no comparison.
    """
    repository, problems = load_repository(project, options=options or LoadOptions())
    briefs, found = load_briefs(project)
    problems += found
    if repository is None or has_errors(problems):
        return None, problems
    registry, found = read_registry(paths, repository.organisation)
    problems += found
    if has_errors(problems):
        return None, problems
    rows = coverage_rows(repository, briefs, as_of)
    return reconcile(registry, rows, repository, briefs), problems


def read_registry(paths: Sequence[Path], organisation: Organisation) -> tuple[list[Imported], list[Diagnostic]]:
    """The toezeggingen of the files, read as ``brief import`` reads them; a Nummer in two files is an error."""
    items: list[Imported] = []
    problems: list[Diagnostic] = []
    seen: dict[str, Location] = {}
    for path in paths:
        text, found = read_text(path, str(path))
        problems += found
        if text is None:
            continue
        read, found = read_tk_json(text, str(path), organisation)
        problems += found
        for item in read:
            if item.kind != "commitment":
                noun = "a motie" if item.kind == "motion" else "a set of schriftelijke vragen"
                message = f"skipped Zaak '{item.key}': reconcile compares toezeggingen, and this is {noun}"
                problems.append(finding(item.loc, message, "tk-not-compared"))
            elif item.key in seen:
                message = f"Toezegging '{item.key}' is also in {seen[item.key]}: give each page of the result once"
                problems.append(finding(item.loc, message, "tk-json"))
            else:
                seen[item.key] = item.loc
                items.append(item)
    return items, problems


# --- the reports ----------------------------------------------------------------------------------


def summary(result: Reconciliation) -> str:
    """'3 verschillen (1 status, 2 brief); 16 toezeggingen in beide registers', in Dutch."""
    counts = ", ".join(f"{n} {SHORT[kind]}" for kind, n in result.counts().items() if n)
    total = len(result.differences)
    noun = "verschil" if total == 1 else "verschillen"
    said = f"{total} {noun} ({counts})" if total else "geen verschillen"
    return f"{said}; {result.compared} toezegging{'en' if result.compared != 1 else ''} in beide registers"


def as_text(result: Reconciliation) -> str:
    """One line per difference, at our side's place, then the summary."""
    lines = []
    for difference in result.differences:
        ours, theirs = difference.sides()
        line = f"{difference.location}: {difference.kind}: {difference.id}: bij ons: {ours}; bij de Kamer: {theirs}"
        if difference.registry_location is not None and difference.registry_location != difference.location:
            line += f" ({difference.registry_location})"
        lines.append(line)
    lines.append(f"reconcile: {summary(result)}")
    return "\n".join(lines) + "\n"


def as_markdown(result: Reconciliation) -> str:
    """For a pull request comment: a table per kind of difference, every cell escaped."""
    lines = ["## Verschillen met het toezeggingenregister van de Tweede Kamer", "", _escaped(summary(result)) + "."]
    for kind, heading in KINDS.items():
        differences = [d for d in result.differences if d.kind == kind]
        if not differences:
            continue
        lines += ["", f"### {heading} ({len(differences)})", ""]
        lines += ["| Toezegging | Bij ons | Bij de Kamer | Plaats |", "|---|---|---|---|"]
        for difference in differences:
            ours, theirs = difference.sides()
            cells = [
                f"`{difference.id}` {_escaped(_shortened(difference.text))}", _escaped(ours), _escaped(theirs),
                _escaped(str(difference.location)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_json(result: Reconciliation, as_of: dt.date) -> str:
    """For tools: every difference with the same keys, null where its kind does not say."""
    data = {
        "as_of": as_of.isoformat(),
        "compared": result.compared,
        "registry_items": result.registry_items,
        "counts": result.counts(),
        "differences": [_json_difference(d) for d in result.differences],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_difference(difference: Difference) -> dict[str, Any]:
    letter = difference.letter
    return {
        "kind": difference.kind,
        "id": difference.id,
        "text": difference.text,
        "location": _json_location(difference.location),
        "registry_location": _json_location(difference.registry_location),
        "ours": {
            "status": difference.our_status,
            "due": _iso(difference.our_due),
            "bewindspersoon": difference.bewindspersoon,
            "letter": None if letter is None else {
                "name": letter.name, "title": letter.title, "date": letter.date.isoformat(),
                "kamerstuk": letter.kamerstuk, "role": letter.role,
            },
        },
        "registry": {
            "status": difference.registry_status,
            "due": _iso(difference.registry_due),
            "toezegger": difference.toezegger,
            "letters": list(difference.registry_letters),
            "covers": None if difference.covered is None else [day.isoformat() for day in difference.covered],
        },
    }


def _json_location(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else {"path": location.path, "line": location.line, "column": location.col}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(day: dt.date | None) -> str:
    return long_date(day) if day else "geen"


def _shortened(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# Inline Markdown a table cell must not act on: emphasis, code, links and images, raw HTML and
# entities, the cell separator, strike-through and GitHub's math. A backslash makes each literal.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&!$])")
# GitHub turns '@name' into a mention and '#12' into a link after Markdown is rendered, so an
# escape does not stop them; a word joiner after the sign does, and shows nothing.
_GITHUB_REFERENCE = re.compile(r"([@#])(?=\w)")
WORD_JOINER = "\u2060"


def _escaped(text: str) -> str:
    """Data text as a Markdown table cell that shows it as written, on one line."""
    text = " ".join(text.split())
    return _GITHUB_REFERENCE.sub(r"\1" + WORD_JOINER, _MARKDOWN.sub(r"\\\1", text))
