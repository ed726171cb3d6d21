"""Kamervragen deadlines in `brief check`, and a set's row in `brief status`.

The briefs that answer or postpone a set are of a document type registered here only: its
``kamervragen_step`` hook is all the clock reads, as it is for the real types.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pytest

from builder import doctypes
from builder.coverage import coverage_rows
from builder.doctypes import DocumentType
from builder.model import BriefStatus, CitationStyle, Record
from builder.pipeline import check, load_briefs, load_repository

from .conftest import write_brief
from .test_kamervragen_data import write_set


@dataclass(frozen=True, kw_only=True)
class StepFrontMatter(Record):
    noun = "front matter"
    type: Literal["kv-stap"]
    date: dt.date
    status: BriefStatus
    kenmerk: str
    kamervragen: str
    step: Literal["answers", "postpones"]
    kamerstuk: str | None = None
    citation_style: CitationStyle = "leidraad"


class KamervragenStep(DocumentType):
    """A brief that answers (``step: answers``) or postpones (``step: postpones``) a set of Kamervragen."""

    name = "kv-stap"
    front_matter = StepFrontMatter

    def kamervragen_step(self, meta):
        return (meta.step, meta.kamervragen)


@contextlib.contextmanager
def step_type_registered():
    """The test's document type, known for the block's duration (the CLI in this process sees it too)."""
    doctypes.register(KamervragenStep())
    try:
        yield
    finally:
        doctypes.unregister("kv-stap")


@pytest.fixture
def kv_type():
    with step_type_registered():
        yield


def write_step(project, name: str, step: str, day: str, status: str = "verzonden", key: str = "2024Z21910") -> None:
    front_matter = f"type: kv-stap\ndate: {day}\nstatus: {status}\nkenmerk: 2025-0000000{len(name):03d}\nkamervragen: {key}\nstep: {step}\n"
    write_brief(project, name, front_matter, "Tekst.\n")


# The front matter's `kamervragen:` is on line 6 of the file (after the opening ---).
FIELD_LINE = 6


def kamervragen_findings(project, as_of: str) -> list[tuple[str, str, int, str]]:
    """(code, path, line, message) of the findings about Kamervragen; the example data has its own."""
    return [
        (p.code, p.location.path, p.location.line, p.message)
        for p in check(project, as_of=dt.date.fromisoformat(as_of))
        if p.message.startswith("Kamervragen ")
    ]


NAMED = "Kamervragen '2024Z21910' (het lid Erkens (VVD), ingezonden 20 december 2024)"
SET_FILE = "data/kamervragen/2024Z21910.yaml"


@pytest.fixture
def kv(project, kv_type):
    write_set(project)
    return project


# --- brief check ----------------------------------------------------------------------------------


def test_on_time_and_unanswered_is_no_finding(kv):
    # Ingezonden 20 December 2024, due three weeks later across the year end: 10 January 2025.
    assert kamervragen_findings(kv, "2025-01-10") == []


def test_overdue_without_uitstel_is_located_at_ingezonden(kv):
    assert kamervragen_findings(kv, "2025-01-22") == [(
        "kamervragen-overdue", SET_FILE, 7,
        f"{NAMED} are 12 days past their deadline 10 januari 2025: te laat zonder uitstel",
    )]
    assert kamervragen_findings(kv, "2025-01-11")[0][3].startswith(f"{NAMED} are 1 day past")


def test_a_concept_or_a_later_mededeling_does_not_count(kv):
    write_step(kv, "concept-uitstel", "postpones", "2025-01-09", status="concept")
    write_step(kv, "later-uitstel", "postpones", "2025-01-25")
    # As of 22 January the Mededeling of the 25th was not yet sent, and a concept is not sent at all.
    assert [code for code, *_ in kamervragen_findings(kv, "2025-01-22")] == ["kamervragen-overdue"]
    assert "te laat zonder uitstel" in kamervragen_findings(kv, "2025-01-22")[0][3]


def test_overdue_after_uitstel_is_located_at_the_mededeling(kv):
    write_step(kv, "uitstel-erkens", "postpones", "2025-01-09")
    assert kamervragen_findings(kv, "2025-01-31") == []  # three weeks more: 31 January
    assert kamervragen_findings(kv, "2025-02-03") == [(
        "kamervragen-overdue", "briefs/uitstel-erkens.md", FIELD_LINE,
        f"{NAMED} are 3 days past their deadline 31 januari 2025"
        " after uitstel (Mededeling uitstel-erkens of 9 januari 2025)",
    )]


def test_a_mededeling_after_the_deadline_is_late_and_still_extends(kv):
    write_step(kv, "uitstel-erkens", "postpones", "2025-01-14")
    assert kamervragen_findings(kv, "2025-01-31") == [(
        "uitstel-late", "briefs/uitstel-erkens.md", FIELD_LINE,
        f"{NAMED}: te laat: the Mededeling uitstel-erkens of 14 januari 2025"
        " came 4 days after the deadline 10 januari 2025 it was to move",
    )]


def test_answered_late_is_located_at_the_answer(kv):
    write_step(kv, "antwoord-erkens", "answers", "2025-01-13")
    assert kamervragen_findings(kv, "2025-06-01") == [(
        "answered-late", "briefs/antwoord-erkens.md", FIELD_LINE,
        f"{NAMED} were answered 3 days late by antwoord-erkens (13 januari 2025): they were due 10 januari 2025",
    )]


def test_answered_on_time_after_uitstel_is_no_finding_but_late_after_uitstel_says_so(kv):
    write_step(kv, "uitstel-erkens", "postpones", "2025-01-09")
    write_step(kv, "antwoord-erkens", "answers", "2025-01-31")
    assert kamervragen_findings(kv, "2025-06-01") == []
    write_step(kv, "antwoord-erkens", "answers", "2025-02-04")
    assert kamervragen_findings(kv, "2025-06-01") == [(
        "answered-late", "briefs/antwoord-erkens.md", FIELD_LINE,
        f"{NAMED} were answered 4 days late by antwoord-erkens (4 februari 2025):"
        " they were due 31 januari 2025 after uitstel",
    )]


def test_the_codes_are_warnings_a_repository_may_raise(kv):
    (kv.data_dir / "rules.yaml").write_text("kamervragen-overdue: error\n", encoding="utf-8")
    [problem] = [p for p in check(kv, as_of=dt.date(2025, 2, 1)) if p.code == "kamervragen-overdue"]
    assert problem.severity == "error"
    (kv.data_dir / "rules.yaml").write_text("kamervragen-overdue: off\n", encoding="utf-8")
    assert kamervragen_findings(kv, "2025-02-01") == []


# --- the row in brief status ----------------------------------------------------------------------


def row_of(project, as_of: str):
    repository, problems = load_repository(project)
    assert repository is not None, problems
    briefs, _ = load_briefs(project)
    rows = coverage_rows(repository, briefs, dt.date.fromisoformat(as_of))
    return {row.id: row for row in rows}["2024Z21910"]


def test_a_postponed_and_answered_set_as_a_row(kv):
    write_step(kv, "uitstel-erkens", "postpones", "2025-01-14")
    write_step(kv, "antwoord-erkens", "answers", "2025-02-03")
    row = row_of(kv, "2025-06-01")
    assert (row.kind, row.text, row.kamer, row.made, row.first_due, row.due) == (
        "Kamervragen", "het bericht 'Discriminatie bij sollicitaties'", "TK",
        dt.date(2024, 12, 20), dt.date(2025, 1, 10), dt.date(2025, 1, 31),
    )
    assert (row.status, row.open, row.closed_on, row.late_days) == ("beantwoord", False, dt.date(2025, 2, 3), 3)
    assert (row.asked, row.indieners, row.by) == (("minister-bzk-uitermark",), "het lid Erkens (VVD)", None)
    assert row.flags == ("answered-late", "postponed-late")
    assert [(letter.name, letter.role, letter.title) for letter in row.letters] == [
        ("uitstel-erkens", "uitstel", "Uitstel beantwoording Kamervragen 2024Z21910"),
        ("antwoord-erkens", "antwoord", "Antwoorden op Kamervragen 2024Z21910"),
    ]
    assert [event.sentence for event in row.history] == [
        "20 december 2024: ingezonden door het lid Erkens (VVD), termijn 10 januari 2025",
        "14 januari 2025: uitgesteld bij brief 'Uitstel beantwoording Kamervragen 2024Z21910'"
        " (4 dagen na de termijn) naar 31 januari 2025",
        "3 februari 2025: beantwoord bij brief 'Antwoorden op Kamervragen 2024Z21910' (3 dagen na de termijn)",
    ]
    assert row.postponed


def test_a_set_answered_later_than_as_of_is_still_open_then(kv):
    write_step(kv, "antwoord-erkens", "answers", "2025-01-08")
    write_step(kv, "concept-antwoord", "answers", "2025-01-07", status="concept", key="2024Z21910")
    row = row_of(kv, "2025-01-07")
    assert (row.status, row.open, row.flags) == ("open", True, ())
    # Its letters are every brief naming it, the concept and the later one too, as for commitments.
    assert [letter.name for letter in row.letters] == ["concept-antwoord", "antwoord-erkens"]
    assert row_of(kv, "2025-01-12").flags == ()
    assert row_of(kv, "2025-01-12").status == "beantwoord"


def test_overdue_rows_flag_the_missing_uitstel(kv):
    assert row_of(kv, "2025-01-22").flags == ("overdue-no-uitstel",)
    write_step(kv, "uitstel-erkens", "postpones", "2025-01-09")
    assert row_of(kv, "2025-02-03").flags == ("overdue",)


# --- a toezegging made in the answers -------------------------------------------------------------

MADE_IN_ANSWERS = """
  - id: kv-toezegging
    kamer: TK
    text: De minister stuurt de Kamer voor de zomer een overzicht van de adviesorganen.
    made:
      kind: Kamervragen
      date: 2025-02-03
      source: {source}
    by: minister-bzk-uitermark
    to:
      member: Erkens
      fractie: VVD
    due:
      date: 2025-07-01
"""


def add_commitment(project, source: str = "2024Z21910") -> None:
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + MADE_IN_ANSWERS.format(source=source).lstrip("\n"),
                    encoding="utf-8")


def test_a_toezegging_made_in_the_answers_names_the_set_and_the_set_lists_it(kv):
    add_commitment(kv)
    repository, problems = load_repository(kv)
    assert problems == []
    briefs, _ = load_briefs(kv)
    rows = {row.id: row for row in coverage_rows(repository, briefs, dt.date(2025, 3, 1))}
    made = rows["kv-toezegging"]
    assert (made.made_in, made.made_source) == ("2024Z21910", "de vragen van het lid Erkens (VVD) (2024Z21910)")
    assert made.history[0].sentence == (
        "3 februari 2025: gedaan in de antwoorden op de vragen van het lid Erkens (VVD) (2024Z21910),"
        " aan het lid Erkens (VVD), termijn 1 juli 2025"
    )
    assert rows["2024Z21910"].commitments == ("kv-toezegging",)
    assert [p for p in check(kv, as_of=dt.date(2025, 3, 1)) if "kv-toezegging" in p.message] == []


def test_a_source_that_is_neither_a_document_nor_a_set_is_located(kv):
    add_commitment(kv, source="2024Z21911")
    _, problems = load_repository(kv)
    [problem] = [p for p in problems if p.code == "unknown-id"]
    assert problem.location.path == "data/commitments.yaml"
    assert problem.message == "unknown set of Kamervragen '2024Z21911' (did you mean '2024Z21910'?)"



def test_the_toezeggingenoverzicht_lists_the_toezegging_but_not_the_set(kv):
    from builder.overview import build_overview

    add_commitment(kv)
    write_step(kv, "antwoord-erkens", "answers", "2025-02-03")
    repository, _ = load_repository(kv)
    briefs, _ = load_briefs(kv)
    rows = coverage_rows(repository, briefs, dt.date(2025, 3, 1))
    assert "2024Z21910" in {row.id for row in rows}
    overview = build_overview(rows, repository.bewindspersonen, repository.organisation.ministry, dt.date(2025, 3, 1))
    cells = [entry.cells for entry in overview.entries]
    assert not any("2024Z21910" == cell[0] or "het bericht 'Discriminatie" in " ".join(cell[1]) for cell in cells)
    (made,) = [cell for cell in cells if cell[1][0].startswith("De minister stuurt de Kamer voor de zomer")]
    assert made[2] == ("Antwoorden op Kamervragen van 3 februari 2025", "de vragen van het lid Erkens (VVD) (2024Z21910)",
                       "aan het lid Erkens (VVD)")
    assert len(overview.entries) == sum(1 for row in rows if row.kind == "toezegging")
