"""The lifecycle of a commitment: postponed (on time and late), answered in part, answered late,
recurring; through the library (``coverage_rows``) and through ``brief check``."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from builder.pipeline import LoadOptions, status

from .conftest import run_cli, write_brief

AS_OF = "2026-11-30"


def add_commitment(project, ident: str, due: str | None = "2025-03-01", extra: str = "") -> int:
    """Append a commitment to data/commitments.yaml; returns the line of its id."""
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    record = textwrap.dedent(f"""
      - id: {ident}
        kamer: TK
        text: De Kamer informeren over {ident}.
        made:
          kind: commissiedebat
          date: 2024-11-20
        by: minister-bzk-uitermark
    """).strip("\n")
    record = textwrap.indent(record, "  ")
    if due is not None:
        record += f"\n    due: {due}"
    if extra:
        record += "\n" + textwrap.indent(textwrap.dedent(extra).strip("\n"), "    ")
    path.write_text(text.rstrip("\n") + "\n\n" + record + "\n", encoding="utf-8")
    return text.rstrip("\n").count("\n") + 3


def letter(project, name: str, date: str, front: str, body: str = "", status_: str = "verzonden"):
    front_matter = textwrap.dedent(f"""
        type: kamerbrief
        date: {date}
        kenmerk: 2025-{abs(hash(name)) % 10**10:010d}
        betreft: {name}
        addressee: TK
        signatories: [minister-bzk-uitermark]
        status: {status_}
    """).strip("\n") + "\n" + textwrap.dedent(front).strip("\n")
    return write_brief(project, name, front_matter, body or "Geachte voorzitter,\n\nZie hieronder.\n")


def rows(project, as_of: str = AS_OF):
    repository, found, diagnostics = status(project, dt.date.fromisoformat(as_of), options=LoadOptions())
    assert repository is not None, diagnostics
    return {row.id: row for row in found}


def findings(project, ident: str, as_of: str = AS_OF) -> tuple[int, list[str]]:
    result = run_cli("check", "--as-of", as_of, cwd=project.root)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if f"'{ident}'" in line]
    return result.returncode, lines


def test_a_postponement_in_time_moves_the_due_date_and_keeps_the_history(project):
    add_commitment(project, "t-uitstel")
    letter(project, "uitstel", "2025-02-15", """
        postpones:
          t-uitstel: {due: 2025-06-01, reason: Het onderzoek loopt vertraging op.}
    """, "Over @t-uitstel volgt later meer.\n")
    before = rows(project, "2025-05-01")["t-uitstel"]
    assert (before.status, before.due, before.first_due, before.flags) == ("uitgesteld", dt.date(2025, 6, 1), dt.date(2025, 3, 1), ())
    assert before.postponed
    letter(project, "antwoord", "2025-05-20", "answers: [t-uitstel]", "Hiermee doe ik @t-uitstel gestand.\n")
    after = rows(project)["t-uitstel"]
    assert (after.status, after.closed_on, after.flags) == ("voldaan", dt.date(2025, 5, 20), ())
    assert [event.kind for event in after.history] == ["gedaan", "uitgesteld", "beantwoord"]
    postponed = after.history[1]
    assert (postponed.previous_due, postponed.due, postponed.note) == (dt.date(2025, 3, 1), dt.date(2025, 6, 1), "Het onderzoek loopt vertraging op.")
    assert postponed.sentence == (
        "15 februari 2025: uitgesteld bij brief 'uitstel' naar 1 juni 2025: Het onderzoek loopt vertraging op."
    )
    assert [(letter.name, letter.role) for letter in after.letters] == [("uitstel", "uitstel"), ("antwoord", "antwoord")]
    assert findings(project, "t-uitstel") == (0, [])


def test_a_postponement_after_the_due_date_is_te_laat_zonder_tijdig_uitstel(project):
    add_commitment(project, "t-laat-uitstel")
    letter(project, "uitstel", "2025-03-11", """
        postpones:
          t-laat-uitstel: voor 2025-09-01
    """)
    path = project.briefs_dir / "uitstel.md"
    path.write_text(path.read_text(encoding="utf-8").replace("voor 2025-09-01", "2025-09-01"), encoding="utf-8")
    code, found = findings(project, "t-laat-uitstel", "2025-06-01")
    assert code == 0
    assert found == [
        "briefs/uitstel.md:10:3: warning: commitment 't-laat-uitstel' was postponed by uitstel (11 maart 2025),"
        " 10 days after it was due (1 maart 2025): te laat, zonder tijdig uitstel [postponed-late]"
    ]
    assert rows(project, "2025-06-01")["t-laat-uitstel"].flags == ("postponed-late",)


def test_an_overdue_postponed_item_points_at_the_letter_that_set_its_due_date(project):
    add_commitment(project, "t-over-tijd")
    letter(project, "uitstel", "2025-02-01", """
        postpones:
          t-over-tijd: 2025-04-01
    """)
    code, found = findings(project, "t-over-tijd", "2025-04-11")
    assert found == [
        "briefs/uitstel.md:10:16: warning: commitment 't-over-tijd' is uitgesteld and was due 1 april 2025"
        " (postponed) (10 days ago) [overdue]"
    ]


def test_part_answers_in_two_letters_then_a_full_answer(project):
    add_commitment(project, "t-deels", due="2025-12-31")
    letter(project, "deel-1", "2025-03-01", """
        partly_answers:
          - {id: t-deels, rest: de evaluatie van de pilot}
    """, "Over @t-deels meld ik het volgende.\n")
    letter(project, "deel-2", "2025-06-01", "partly_answers: [t-deels]", "# Stand {answers=\"t-deels\"}\n\nVerder.\n")
    row = rows(project, "2025-07-01")["t-deels"]
    assert (row.status, row.open, row.closed_on) == ("deels voldaan", True, None)
    assert [event.sentence for event in row.history[1:]] == [
        "1 maart 2025: deels beantwoord bij brief 'deel-1'; nog te doen: de evaluatie van de pilot",
        "1 juni 2025: deels beantwoord bij brief 'deel-2'",
    ]
    letter(project, "slot", "2025-11-01", "answers: [t-deels]", "Met @t-deels ben ik klaar.\n")
    row = rows(project)["t-deels"]
    assert (row.status, row.closed_on, row.flags) == ("voldaan", dt.date(2025, 11, 1), ())
    assert findings(project, "t-deels") == (0, [])


def test_a_part_answer_must_be_addressed_in_the_body(project):
    add_commitment(project, "t-deels", due="2025-12-31")
    letter(project, "deel-1", "2025-03-01", """
        partly_answers:
          - t-deels
    """, "Niets hierover.\n")
    code, found = findings(project, "t-deels", "2025-04-01")
    assert code == 1
    assert found == [
        "briefs/deel-1.md:10:5: error: 't-deels' is listed in 'partly_answers:' but the body never addresses it:"
        " cite @t-deels, or mark the section that answers it with {answers=\"t-deels\"} [answer-not-addressed]"
    ]


def test_an_answer_after_the_due_date_is_answered_late_with_the_days(project):
    add_commitment(project, "t-te-laat")
    letter(project, "antwoord", "2025-04-01", "answers: [t-te-laat]", "Over @t-te-laat.\n")
    assert findings(project, "t-te-laat") == (0, [
        "briefs/antwoord.md:9:10: warning: commitment 't-te-laat' was answered 31 days late by antwoord"
        " (1 april 2025): it was due 1 maart 2025 [answered-late]"
    ])
    row = rows(project)["t-te-laat"]
    assert (row.status, row.late_days, row.flags) == ("voldaan", 31, ("answered-late",))


def test_a_recurring_commitment_is_answered_instance_by_instance_and_never_closes(project):
    add_commitment(project, "t-jaarlijks", due="2025-07-01", extra="recurs: yearly")
    letter(project, "rapportage-2025", "2025-06-20", "answers: [t-jaarlijks]", "Zie @t-jaarlijks.\n")
    letter(project, "rapportage-2026", "2026-07-10", "answers: [t-jaarlijks]", "Zie @t-jaarlijks.\n")
    row = rows(project)["t-jaarlijks"]
    assert (row.status, row.open, row.due, row.recurs) == ("lopend", True, dt.date(2027, 7, 1), "yearly")
    assert row.flags == ("answered-late",)  # the 2026 report came nine days late
    assert findings(project, "t-jaarlijks")[1] == [
        "briefs/rapportage-2026.md:9:10: warning: commitment 't-jaarlijks' was answered 9 days late by"
        " rapportage-2026 (10 juli 2026): it was due 1 juli 2026 [answered-late]"
    ]
    # A year without its report is overdue, as every single commitment would be.
    (project.briefs_dir / "rapportage-2026.md").unlink()
    row = rows(project)["t-jaarlijks"]
    assert (row.due, row.flags) == (dt.date(2026, 7, 1), ("overdue",))


def test_a_concept_letter_changes_nothing_until_it_is_sent(project):
    add_commitment(project, "t-concept")
    letter(project, "uitstel", "2025-02-15", "postpones: {t-concept: 2025-06-01}", status_="concept")
    row = rows(project, "2025-04-01")["t-concept"]
    assert (row.status, row.due, row.flags) == ("open", dt.date(2025, 3, 1), ("overdue",))
    assert [(letter.name, letter.status, letter.role) for letter in row.letters] == [("uitstel", "concept", "uitstel")]


def test_postponements_name_known_items_and_a_later_day(project):
    add_commitment(project, "t-uitstel")
    letter(project, "uitstel", "2025-02-15", """
        postpones:
          t-uitsel: 2025-06-01
          t-uitstel: 2025-01-01
    """)
    code, found = findings(project, "t-uitstel", "2025-02-20")
    assert code == 1
    assert found == [
        "briefs/uitstel.md:10:3: error: unknown commitment or motion 't-uitsel' (did you mean 't-uitstel'?) [unknown-id]",
        "briefs/uitstel.md:11:14: error: 't-uitstel' is postponed to 2025-01-01, which is not after this letter's"
        " date 2025-02-15 [due-phrase]",
    ]


@pytest.mark.parametrize("front, message", [
    ("postpones: [t-x]", "expected a mapping of ids in field 'postpones' of front matter, got a list [type]"),
    ("postpones: {t-x: {reason: x}}", "missing field 'due' in postponement [missing-field]"),
    ("partly_answers: [{rest: x}]", "missing field 'id' in part answer [missing-field]"),
    ("partly_answers: [t x]", "bad id 't x' of part answer"),
])
def test_malformed_lifecycle_front_matter_is_located(project, front, message):
    letter(project, "fout", "2025-02-15", front)
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(line.startswith("briefs/fout.md:9:") and message in line for line in result.stderr.splitlines()), result.stderr


def test_a_typed_status_that_the_letters_contradict_is_a_located_finding(project):
    line = add_commitment(project, "t-getypt", extra="status: deels voldaan")
    code, found = findings(project, "t-getypt", "2025-02-01")
    assert found == [
        f"data/commitments.yaml:{line + 8}:13: warning: commitment 't-getypt' is typed 'deels voldaan' but its"
        " letters make it 'open'; remove 'status:' to let the letters decide [status-differs]"
    ]


def test_where_it_was_made_and_to_whom(project):
    add_commitment(project, "t-commissie", extra="""
        to:
          committee: de vaste commissie voor Binnenlandse Zaken
    """)
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: commissiedebat\n      date: 2024-11-20", "kind: Kamervragen\n      date: 2024-11-20"), encoding="utf-8")
    row = rows(project, "2025-01-01")["t-commissie"]
    assert (row.made_kind, row.to) == ("Kamervragen", "de vaste commissie voor Binnenlandse Zaken")
    assert row.history[0].sentence == (
        "20 november 2024: gedaan in de antwoorden op Kamervragen, aan de vaste commissie voor Binnenlandse Zaken,"
        " termijn 1 maart 2025"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("kind: Kamervragen", "kind: kamervragen"), encoding="utf-8")
    result = run_cli("check", cwd=project.root)
    assert "'kamervragen' is not allowed" in result.stderr and "(did you mean 'Kamervragen'?)" in result.stderr


def test_as_of_a_past_day_only_the_letters_sent_by_then_count(project):
    add_commitment(project, "t-stand")
    letter(project, "uitstel", "2025-02-15", "postpones: {t-stand: 2025-06-01}")
    letter(project, "antwoord", "2025-05-20", "answers: [t-stand]", "Zie @t-stand.\n")
    assert rows(project, "2025-02-01")["t-stand"].status == "open"
    assert rows(project, "2025-03-01")["t-stand"].status == "uitgesteld"
    assert rows(project, "2025-05-20")["t-stand"].status == "voldaan"


def test_due_phrases_resolve_through_the_calendar_in_data_and_in_letters(project):
    add_commitment(project, "t-zin", due="voor het zomerreces 2025")
    letter(project, "uitstel", "2025-06-20", "postpones: {t-zin: voor het kerstreces}", "Over @t-zin later.\n")
    row = rows(project, "2025-07-01")["t-zin"]
    assert (row.first_due, row.due_phrase) == (dt.date(2025, 7, 3), "voor het zomerreces 2025")
    assert row.due == dt.date(2025, 12, 18)  # the next kerstreces after the letter, its day before
    assert row.history[1].sentence.endswith("naar 18 december 2025")


def test_an_unknown_due_phrase_is_located_with_the_known_forms(project):
    line = add_commitment(project, "t-zin", due="voor het zomereces 2025")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (found,) = [entry for entry in result.stderr.splitlines() if "[due-phrase]" in entry]
    assert found.startswith(f"data/commitments.yaml:{line + 7}:10: error: ")
    assert "zomerreces" in found and "voor het zomerreces 2025" in found
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("zomereces", "zomerreces"), encoding="utf-8")
    letter(project, "uitstel", "2025-06-20", "postpones: {per-racisme-k: zo snel mogelijk}")
    result = run_cli("check", cwd=project.root)
    assert any(entry.startswith("briefs/uitstel.md:9:28: error: ") and "[due-phrase]" in entry for entry in result.stderr.splitlines()), result.stderr


def test_a_recurring_instance_after_a_postponed_one_is_not_called_postponed(project):
    add_commitment(project, "t-reeks", due="2025-03-01", extra="recurs: quarterly")
    letter(project, "uitstel", "2025-02-20", "postpones: {t-reeks: 2025-04-01}", "Over @t-reeks later.\n")
    letter(project, "rapport", "2025-03-25", "answers: [t-reeks]", "Zie @t-reeks.\n")
    row = rows(project, "2025-06-15")["t-reeks"]
    assert (row.due, row.flags) == (dt.date(2025, 6, 1), ("overdue",))  # three months after the first
    (overdue,) = findings(project, "t-reeks", "2025-06-15")[1]
    assert "was due 1 juni 2025 (14 days ago) [overdue]" in overdue and "(postponed)" not in overdue
