"""Kamervragen as data (data/kamervragen/<id>.yaml) and their three-week clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from builder.assemble import load_repository
from builder.diagnostics import Location
from builder.kamervragen import ANSWERED, ANSWERS, OPEN, POSTPONED, POSTPONES, asked_named, clock_of, indieners_named, roles_named
from builder.model import Brief, Member

SET = """\
id: 2024Z21910
kamer: TK
indieners:
  - member: Erkens
    fractie: VVD
aan: [minister-bzk-uitermark]
ingezonden: 2024-12-20
subject: het bericht 'Discriminatie bij sollicitaties'
vragen:
  - number: 1
    text: Bent u bekend met het bericht?[^1]
    footnotes:
      - NOS, 19 december 2024.
  - number: 2
    text: |-
      Wat is uw reactie?

      Kunt u dat toelichten?
"""


def write_set(project, text: str = SET, name: str = "2024Z21910") -> None:
    project.kamervragen_dir.mkdir(exist_ok=True)
    (project.kamervragen_dir / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_a_set_loads_with_its_questions(project):
    write_set(project)
    repository, problems = load_repository(project)
    assert problems == []
    kamervragen = repository.kamervragen["2024Z21910"]
    assert [v.number for v in kamervragen.vragen] == [1, 2]
    assert kamervragen.vraag(2).paragraphs == ["Wat is uw reactie?", "Kunt u dat toelichten?"]
    assert kamervragen.first_deadline == dt.date(2025, 1, 10)
    assert asked_named(kamervragen, repository) == "de Minister van Binnenlandse Zaken en Koninkrijksrelaties"


@pytest.mark.parametrize(
    ("change", "code", "line", "message"),
    [
        (("  - number: 2", "  - number: 3"), "kamervragen-number", 14, "question 3 should be number 2"),
        (("?[^1]", "?[^1][^2]"), "kamervragen-footnote", 11, "marks footnote [^2], but has 1 footnote(s)"),
        (("?[^1]", "?"), "kamervragen-footnote", 13, "footnote 1 of question 1 is never marked"),
        (("aan: [minister-bzk-uitermark]", "aan: [minister-bzk-uitermak]"), "unknown-id", 6, "did you mean 'minister-bzk-uitermark'"),
        (("id: 2024Z21910", "id: vragen-erkens"), "kamervragen-number", 1, "is not a Kamer number such as 2025Z01234"),
        (("ingezonden: 2024-12-20", "ingezonden: 2024-12-32"), "date", 7, "2024-12-32"),
    ],
)
def test_a_broken_set_is_a_located_error(project, change, code, line, message):
    write_set(project, SET.replace(*change))
    repository, problems = load_repository(project)
    assert repository is None
    (problem,) = problems
    assert (problem.code, problem.location.path, problem.location.line) == (code, "data/kamervragen/2024Z21910.yaml", line)
    assert message in problem.message


def test_a_set_shares_the_id_namespace_with_the_data(project):
    write_set(project, SET.replace("id: 2024Z21910", "id: T03545"), name="T03545")
    _, problems = load_repository(project)
    assert "duplicate-id" in [p.code for p in problems]


@pytest.mark.parametrize(
    ("members", "named"),
    [
        ([("Erkens", "VVD")], "het lid Erkens (VVD)"),
        ([("Erkens", "VVD"), ("Van Baarle", "DENK")], "de leden Erkens (VVD) en Van Baarle (DENK)"),
        ([("A", "X"), ("B", "Y"), ("C", None)], "de leden A (X), B (Y) en C"),
        ([("Van Baarle", "DENK"), ("Azarkan", "DENK")], "de leden Van Baarle en Azarkan (beiden DENK)"),
        ([("A", "PVV"), ("B", "PVV"), ("C", "PVV")], "de leden A, B en C (allen PVV)"),
    ],
)
def test_indieners_are_named_as_the_kamer_prints_them(members, named):
    assert indieners_named(tuple(Member(member=m, fractie=f) for m, f in members)) == named


@pytest.mark.parametrize(
    ("roles", "named"),
    [
        (["De Minister van Binnenlandse Zaken en Koninkrijksrelaties"], "de Minister van Binnenlandse Zaken en Koninkrijksrelaties"),
        (["De Minister van Binnenlandse Zaken en Koninkrijksrelaties", "De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"],
         "de Minister en Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
        (["De Minister van Binnenlandse Zaken en Koninkrijksrelaties", "De Minister van Justitie en Veiligheid"],
         "de Ministers van Binnenlandse Zaken en Koninkrijksrelaties en van Justitie en Veiligheid"),
        (["De Minister van Financiën", "De Minister voor Rechtsbescherming"],
         "de Minister van Financiën en de Minister voor Rechtsbescherming"),
    ],
)
def test_the_bewindspersonen_asked_are_named_as_the_kamer_prints_them(roles, named):
    assert roles_named(roles) == named


# --- the clock -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    date: dt.date

    def location_of(self, name: str) -> Location:
        return Location("briefs/x.md", 2, 1)


def sent(name: str, day: str, role: str) -> tuple[Brief, str]:
    return Brief(name, f"briefs/{name}.md", Meta(dt.date.fromisoformat(day)), "", 1), role


@pytest.fixture
def kamervragen(project):
    write_set(project)
    return load_repository(project)[0].kamervragen["2024Z21910"]


def test_three_weeks_after_ingezonden_across_the_year_end(kamervragen):
    clock = clock_of(kamervragen, [])
    assert (clock.deadline, clock.status) == (dt.date(2025, 1, 10), OPEN)
    assert clock.overdue_days(dt.date(2025, 1, 10)) is None
    assert clock.overdue_days(dt.date(2025, 1, 13)) == 3


def test_a_mededeling_gives_three_weeks_more(kamervragen):
    clock = clock_of(kamervragen, [sent("uitstel", "2025-01-09", POSTPONES)])
    assert (clock.deadline, clock.status) == (dt.date(2025, 1, 31), POSTPONED)
    assert clock.uitstel[0].late == 0
    assert clock.overdue_days(dt.date(2025, 1, 20)) is None


def test_a_late_mededeling_still_extends_but_is_late(kamervragen):
    clock = clock_of(kamervragen, [sent("uitstel", "2025-01-14", POSTPONES)])
    assert clock.uitstel[0].late == 4
    assert clock.deadline == dt.date(2025, 1, 31)


def test_a_second_mededeling_gives_three_weeks_again(kamervragen):
    clock = clock_of(kamervragen, [sent("u1", "2025-01-09", POSTPONES), sent("u2", "2025-01-30", POSTPONES)])
    assert clock.deadline == dt.date(2025, 2, 21)
    assert [reply.deadline for reply in clock.uitstel] == [dt.date(2025, 1, 10), dt.date(2025, 1, 31)]


def test_an_answer_closes_and_says_how_late(kamervragen):
    clock = clock_of(kamervragen, [sent("antwoord", "2025-02-04", ANSWERS), sent("uitstel", "2025-01-09", POSTPONES)])
    assert clock.status == ANSWERED
    assert clock.answer.late == 4  # 4 February, four days after the postponed deadline of 31 January
    assert clock.overdue_days(dt.date(2025, 6, 1)) is None


def test_a_mededeling_after_the_answer_changes_nothing(kamervragen):
    clock = clock_of(kamervragen, [sent("antwoord", "2025-01-08", ANSWERS), sent("uitstel", "2025-01-09", POSTPONES)])
    assert (clock.uitstel, clock.deadline, clock.answer.late) == ((), dt.date(2025, 1, 10), 0)
