"""The parliamentary calendar as shipped in data/calendar.yaml, and due-date phrases read through it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import builder.calendar as calendar_module
from builder.calendar import (
    AmbiguousPhrase,
    CalendarFile,
    PhraseError,
    PhraseOutsideCalendar,
    UnknownPhrase,
    calendar_problems,
    known_phrase_forms,
    recess_on,
    resolve_due,
    resolve_due_phrase,
)
from builder.loading import load_record
from builder.model import CommitmentsFile
from builder.project import Project

from .conftest import REPO

D = dt.date
YEARS = range(2022, 2028)
DEBATE = D(2024, 9, 12)  # the Dertigledendebat of data/commitments.yaml: a Thursday in September


def _load(path: Path, cls: type, text: str | None = None):
    return load_record(Project(REPO if text is None else path.parent.parent), path, cls, text)


@pytest.fixture(scope="module")
def calendar() -> CalendarFile:
    record, problems = _load(REPO / "data" / "calendar.yaml", CalendarFile)
    assert problems == []
    return record


# --- the shipped file -------------------------------------------------------------------------


def test_the_shipped_calendar_has_no_problems(calendar):
    assert calendar_problems(calendar) == []
    assert len(calendar.recesses) >= 2 * 2 * len(YEARS)


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("kamer", ["TK", "EK"])
def test_both_kamers_have_a_zomerreces_and_a_kerstreces_every_year(calendar, kamer, year):
    names = {r.name for r in calendar.recesses_of(kamer) if r.year == year}
    assert {"zomerreces", "kerstreces"} <= names


@pytest.mark.parametrize("year", range(2022, 2027))
def test_the_tweede_kamer_has_its_voorjaars_and_meireces_every_published_year(calendar, year):
    names = {r.name for r in calendar.recesses_of("TK") if r.year == year}
    assert {"voorjaarsreces", "meireces"} <= names


@pytest.mark.parametrize("year", YEARS)
def test_prinsjesdag_is_the_third_tuesday_of_september_every_year(calendar, year):
    day = calendar.prinsjesdag_of(year)
    assert day is not None
    assert day.date.weekday() == 1 and day.date.month == 9 and 15 <= day.date.day <= 21


def test_recesses_begin_before_they_end_and_do_not_overlap(calendar):
    for kamer in ("TK", "EK"):
        recesses = calendar.recesses_of(kamer)
        assert all(r.first < r.last for r in recesses)
        assert all(a.last < b.first for a, b in zip(recesses, recesses[1:], strict=False)), kamer


def test_the_tweede_kamers_recesses_run_from_a_friday_to_a_monday(calendar):
    """As the Kamer publishes them: "vrijdag 7 juli t/m maandag 4 september 2023"."""
    for recess in calendar.recesses_of("TK"):
        if recess.name != "verkiezingsreces":  # it ends with the election day
            assert (recess.first.strftime("%a"), recess.last.strftime("%a")) == ("Fri", "Mon"), recess.label


def test_the_published_recesses_are_the_tweede_kamers_own_dates(calendar):
    """tweedekamer.nl/debat_en_vergadering/recessen, as stored (Meireces 2023 to Zomerreces 2024)."""
    published = {(r.label, r.first, r.last) for r in calendar.recesses_of("TK") if r.basis == "published"}
    assert published == {
        ("meireces 2023", D(2023, 4, 21), D(2023, 5, 8)),
        ("zomerreces 2023", D(2023, 7, 7), D(2023, 9, 4)),
        ("herfstreces 2023", D(2023, 10, 13), D(2023, 10, 23)),
        ("kerstreces 2023", D(2023, 12, 22), D(2024, 1, 15)),
        ("voorjaarsreces 2024", D(2024, 2, 16), D(2024, 2, 26)),
        ("meireces 2024", D(2024, 4, 26), D(2024, 5, 13)),
        ("zomerreces 2024", D(2024, 7, 5), D(2024, 9, 2)),
    }


def test_every_date_cites_its_source_and_says_how_it_is_known(calendar):
    for record in (*calendar.recesses, *calendar.prinsjesdagen):
        assert record.source.startswith("https://"), record
        assert record.basis in ("published", "reported", "estimated")
        assert record.notes, record
    # The Eerste Kamer's schedule was not found: none of its dates may pass for a published one.
    assert {r.basis for r in calendar.recesses_of("EK")} == {"estimated"}
    assert all(r.provisional for r in calendar.recesses_of("EK"))


# --- a calendar file with mistakes ------------------------------------------------------------

BAD_CALENDAR = """\
recesses:
  - kamer: TK
    name: zomerreces
    first: 2025-07-04
    last: 2025-09-01
    basis: reported
    source: https://example.org/a
  - kamer: TK
    name: herfstreces
    first: 2025-08-29
    last: 2025-08-20
    basis: estimated
    source: https://example.org/b
  - kamer: XK
    name: zomereces
    first: 2025-07-04
    last: 2025-09-01
    basis: reported
    source: https://example.org/c
prinsjesdagen:
  - date: 2025-09-23
    basis: published
    source: https://example.org/d
"""


def test_a_calendar_with_mistakes_gets_located_errors(tmp_path):
    path = tmp_path / "data" / "calendar.yaml"
    record, problems = load_record(Project(tmp_path), path, CalendarFile, BAD_CALENDAR)
    assert [str(p) for p in problems] == [
        "data/calendar.yaml:14:12: error: 'XK' is not allowed in field 'kamer' of recess; use one of 'TK', 'EK' [choice]",
        "data/calendar.yaml:15:11: error: 'zomereces' is not allowed in field 'name' of recess; use one of 'voorjaarsreces', "
        "'meireces', 'zomerreces', 'herfstreces', 'verkiezingsreces', 'kerstreces' (did you mean 'zomerreces'?) [choice]",
    ]
    fixed, problems = load_record(Project(tmp_path), path, CalendarFile, BAD_CALENDAR.replace("XK", "EK").replace("zomereces", "zomerreces"))
    assert problems == []
    assert [str(p) for p in calendar_problems(fixed)] == [
        "data/calendar.yaml:11:11: error: the herfstreces 2025 of the Tweede Kamer ends (2025-08-20) before it begins (2025-08-29) [calendar]",
        "data/calendar.yaml:10:12: error: the herfstreces 2025 of the Tweede Kamer begins (2025-08-29) before the zomerreces 2025 "
        "ends (2025-09-01, at data/calendar.yaml:5:11) [calendar]",
        "data/calendar.yaml:21:11: error: Prinsjesdag 2025 is the third Tuesday of September, 2025-09-16, not 2025-09-23 [calendar]",
    ]


# --- phrases ----------------------------------------------------------------------------------

# (phrase, made on, Kamer, due date): the dates follow from data/calendar.yaml as shipped.
PHRASES = [
    # before a recess: the day before its first day, the Kamer's last sitting day
    ("voor het zomerreces 2025", DEBATE, "TK", D(2025, 7, 3)),
    ("voor de zomer 2025", DEBATE, "TK", D(2025, 7, 3)),
    ("vóór  de Zomer  2025.", DEBATE, "TK", D(2025, 7, 3)),
    ("voor de zomer van volgend jaar", DEBATE, "TK", D(2025, 7, 3)),
    ("voor de zomer", DEBATE, "TK", D(2025, 7, 3)),
    ("voor het zomerreces 2023", None, "TK", D(2023, 7, 6)),
    ("voor het kerstreces 2025", DEBATE, "TK", D(2025, 12, 18)),
    ("voor de kerst 2023", DEBATE, "TK", D(2023, 12, 21)),
    ("voor het meireces 2024", DEBATE, "TK", D(2024, 4, 25)),
    ("voor het herfstreces 2023", DEBATE, "TK", D(2023, 10, 12)),
    ("voor het voorjaarsreces 2024", DEBATE, "TK", D(2024, 2, 15)),
    ("voor het krokusreces 2024", DEBATE, "TK", D(2024, 2, 15)),
    ("voor het reces", D(2024, 5, 20), "TK", D(2024, 7, 4)),
    ("voor het reces", DEBATE, "TK", D(2024, 10, 24)),  # the herfstreces 2024, an estimate
    ("na de zomer 2023", DEBATE, "TK", D(2023, 10, 12)),
    ("na het kerstreces 2023", DEBATE, "TK", D(2024, 2, 15)),
    ("na de zomer", D(2023, 8, 1), "TK", D(2023, 10, 12)),  # said in the recess: this summer's
    ("na de zomer", D(2023, 6, 1), "TK", D(2023, 10, 12)),
    ("voor de zomer", D(2023, 8, 1), "TK", D(2024, 7, 4)),  # this summer's has begun: the next
    ("voor het zomerreces 2022", DEBATE, "EK", D(2022, 7, 12)),  # its last meeting before the summer of 2022
    # Prinsjesdag and the begroting
    ("voor Prinsjesdag 2025", DEBATE, "TK", D(2025, 9, 15)),
    ("op Prinsjesdag 2024", DEBATE, "TK", D(2024, 9, 17)),
    ("voor Prinsjesdag", DEBATE, "TK", D(2024, 9, 16)),
    ("voor Prinsjesdag", D(2024, 9, 17), "TK", D(2025, 9, 15)),
    ("bij de begroting 2026", DEBATE, "TK", D(2025, 9, 16)),
    # seasons (meteorological)
    ("in het voorjaar van 2025", DEBATE, "TK", D(2025, 5, 31)),
    ("in de zomer van 2025", DEBATE, "TK", D(2025, 8, 31)),
    ("in het najaar van 2025", DEBATE, "TK", D(2025, 11, 30)),
    ("dit najaar", DEBATE, "TK", D(2024, 11, 30)),
    ("volgend voorjaar", DEBATE, "TK", D(2025, 5, 31)),
    ("volgend najaar", D(2024, 10, 1), "TK", D(2025, 11, 30)),
    ("in het voorjaar", DEBATE, "TK", D(2025, 5, 31)),
    # parts of a year
    ("eind 2025", DEBATE, "TK", D(2025, 12, 31)),
    ("uiterlijk eind 2025", DEBATE, "TK", D(2025, 12, 31)),
    ("voor het einde van het jaar", DEBATE, "TK", D(2024, 12, 31)),
    ("voor het einde van het jaar 2025", DEBATE, "TK", D(2025, 12, 31)),
    ("eind dit jaar", DEBATE, "TK", D(2024, 12, 31)),
    ("begin 2026", DEBATE, "TK", D(2026, 3, 31)),
    ("begin volgend jaar", DEBATE, "TK", D(2025, 3, 31)),
    ("medio 2025", DEBATE, "TK", D(2025, 6, 30)),
    ("medio volgend jaar", DEBATE, "TK", D(2025, 6, 30)),
    ("Q1 2025", DEBATE, "TK", D(2025, 3, 31)),
    ("in het derde kwartaal van 2025", DEBATE, "TK", D(2025, 9, 30)),
    ("dit kwartaal", DEBATE, "TK", D(2024, 9, 30)),
    ("volgend kwartaal", DEBATE, "TK", D(2024, 12, 31)),
    ("in de eerste helft van 2025", DEBATE, "TK", D(2025, 6, 30)),
    ("tweede helft 2025", DEBATE, "TK", D(2025, 12, 31)),
    ("in 2026", DEBATE, "TK", D(2026, 12, 31)),
    ("voor 2026", DEBATE, "TK", D(2025, 12, 31)),
    ("nog dit jaar", DEBATE, "TK", D(2024, 12, 31)),
    ("rond de jaarwisseling", DEBATE, "TK", D(2024, 12, 31)),
    # months and days
    ("voor eind januari 2025", DEBATE, "TK", D(2025, 1, 31)),
    ("eind februari 2028", DEBATE, "TK", D(2028, 2, 29)),
    ("in maart 2025", DEBATE, "TK", D(2025, 3, 31)),
    ("uiterlijk in maart", DEBATE, "TK", D(2025, 3, 31)),
    ("begin maart 2025", DEBATE, "TK", D(2025, 3, 10)),
    ("medio maart 2025", DEBATE, "TK", D(2025, 3, 15)),
    ("voor maart 2025", DEBATE, "TK", D(2025, 2, 28)),
    ("per 1 januari 2025", DEBATE, "TK", D(2025, 1, 1)),
    ("met ingang van 1 januari 2026", DEBATE, "TK", D(2026, 1, 1)),
    ("op 15 juni 2025", DEBATE, "TK", D(2025, 6, 15)),
    ("uiterlijk 1 maart 2025", DEBATE, "TK", D(2025, 3, 1)),
    ("voor 1 maart 2025", DEBATE, "TK", D(2025, 2, 28)),
    ("voor 1 oktober", DEBATE, "TK", D(2024, 9, 30)),
    ("2025-03-01", None, "TK", D(2025, 3, 1)),
    ("1-3-2025", None, "TK", D(2025, 3, 1)),
    # spans from the day it was made
    ("binnen drie maanden", DEBATE, "TK", D(2024, 12, 12)),
    ("binnen twee weken", DEBATE, "TK", D(2024, 9, 26)),
    ("binnen een half jaar", D(2024, 8, 31), "TK", D(2025, 2, 28)),
]


@pytest.mark.parametrize(("phrase", "made_on", "kamer", "expected"), PHRASES, ids=[f"{p[0]}@{p[1]}" for p in PHRASES])
def test_a_phrase_resolves_to_its_date(calendar, phrase, made_on, kamer, expected):
    assert resolve_due_phrase(phrase, made_on, kamer, calendar) == expected


def test_every_known_form_resolves_and_is_in_the_modules_table(calendar):
    table = " ".join(calendar_module.__doc__.split()).lower()
    resolved = {}
    for form in known_phrase_forms():
        assert form.example.lower() in table, form.example
        resolved[form.example] = resolve_due_phrase(form.example, DEBATE, "TK", calendar)
    assert resolved == {phrase: date for phrase, made_on, kamer, date in PHRASES if phrase in resolved and made_on == DEBATE}
    assert len(resolved) == len(known_phrase_forms())


def test_the_phrases_in_the_example_data_resolve(calendar):
    commitments, problems = _load(REPO / "data" / "commitments.yaml", CommitmentsFile)
    assert problems == []
    resolved = {
        (c.due.phrase, resolve_due_phrase(c.due.phrase, c.made.date, c.kamer, calendar))
        for c in commitments.commitments
        if c.due is not None and c.due.phrase
    }
    assert resolved == {
        ("per 1 januari 2025", D(2025, 1, 1)),
        ("voor eind januari 2025", D(2025, 1, 31)),
        ("eind januari 2025", D(2025, 1, 31)),  # made in the answers to the Kamervragen 2024Z18656
        ("eind 2026", D(2026, 12, 31)),  # the recurring follow-up study's first instance
        # The Tweede Kamer's last day before the zomerreces 2022 was Thursday 7 July.
        ("voor de zomer 2022", D(2022, 7, 7)),
    }


def test_a_date_read_from_an_estimated_recess_is_provisional(calendar):
    published = resolve_due("voor het zomerreces 2024", DEBATE, "TK", calendar)
    estimated = resolve_due("voor het herfstreces 2024", DEBATE, "TK", calendar)
    assert (published.date, [r.label for r in published.based_on], published.provisional) == (D(2024, 7, 4), ["zomerreces 2024"], False)
    assert (estimated.date, estimated.provisional) == (D(2024, 10, 24), True)
    assert resolve_due("eind 2025", DEBATE, "TK", calendar).based_on == ()


# --- phrases that give no date ----------------------------------------------------------------


def test_an_unknown_phrase_names_the_known_forms_and_the_word_it_misread(calendar):
    with pytest.raises(UnknownPhrase) as caught:
        resolve_due_phrase("voor het zomereces 2025", DEBATE, "TK", calendar)
    message = str(caught.value)
    assert message.startswith("cannot read the due date 'voor het zomereces 2025' (did you mean 'zomerreces'?)")
    assert all(f"'{form.example}'" in message for form in known_phrase_forms())
    assert caught.value.phrase == "voor het zomereces 2025"


@pytest.mark.parametrize("phrase", ["zo snel mogelijk", "Z.S.M.", "op korte termijn", "binnenkort"])
def test_a_phrase_that_promises_no_date_is_refused_as_such(calendar, phrase):
    with pytest.raises(UnknownPhrase, match="promises no date"):
        resolve_due_phrase(phrase, DEBATE, "TK", calendar)


def test_the_begrotingsbehandeling_is_not_read_as_prinsjesdag(calendar):
    with pytest.raises(UnknownPhrase, match="a begrotingsbehandeling has no date in data/calendar.yaml"):
        resolve_due_phrase("voor de begrotingsbehandeling", DEBATE, "TK", calendar)


@pytest.mark.parametrize("phrase", ["31 februari 2025", "voor begin 2026", "binnen drie half jaar", "voor het reces 2025"])
def test_phrases_that_are_no_date_are_unknown(calendar, phrase):
    with pytest.raises(UnknownPhrase):
        resolve_due_phrase(phrase, DEBATE, "TK", calendar)


def test_a_year_outside_the_calendar_is_named(calendar):
    with pytest.raises(PhraseOutsideCalendar) as caught:
        resolve_due_phrase("voor het zomerreces 2030", DEBATE, "TK", calendar)
    assert caught.value.year == 2030
    assert str(caught.value) == (
        "'voor het zomerreces 2030' needs a zomerreces of the Tweede Kamer in 2030; "
        "data/calendar.yaml holds them for 2022–2027 only: add 2030 there"
    )
    with pytest.raises(PhraseOutsideCalendar, match="needs Prinsjesdag 2031") as caught:
        resolve_due_phrase("voor Prinsjesdag 2031", DEBATE, "TK", calendar)
    assert caught.value.year == 2031


def test_the_next_zomerreces_after_the_calendar_names_the_year_missing(calendar):
    with pytest.raises(PhraseOutsideCalendar, match="zomerreces of the Tweede Kamer in 2028") as caught:
        resolve_due_phrase("voor de zomer", D(2027, 8, 1), "TK", calendar)
    assert caught.value.year == 2028
    with pytest.raises(PhraseOutsideCalendar, match="recess of the Tweede Kamer in 2028"):
        resolve_due_phrase("na het kerstreces 2027", DEBATE, "TK", calendar)


def test_the_eerste_kamer_has_no_meireces(calendar):
    with pytest.raises(PhraseOutsideCalendar) as caught:
        resolve_due_phrase("voor het meireces 2024", DEBATE, "EK", calendar)
    assert "holds no meireces of the Eerste Kamer in any year (its recesses: kerstreces, zomerreces)" in str(caught.value)


def test_a_relative_phrase_needs_the_day_it_was_made(calendar):
    for phrase in ("dit najaar", "voor het reces", "eind dit jaar", "binnen drie maanden", "in maart"):
        with pytest.raises(AmbiguousPhrase, match="counts from the day it was made"):
            resolve_due_phrase(phrase, None, "TK", calendar)


def test_this_autumn_said_in_december_is_refused(calendar):
    with pytest.raises(AmbiguousPhrase) as caught:
        resolve_due_phrase("dit najaar", D(2024, 12, 10), "TK", calendar)
    assert str(caught.value) == (
        "'dit najaar' was said on 10 december 2024, after it ended on 30 november 2024: write the year it means"
    )


def test_every_phrase_error_is_a_value_error_and_a_wrong_kamer_is_a_bug(calendar):
    assert issubclass(UnknownPhrase, PhraseError) and issubclass(PhraseError, ValueError)
    with pytest.raises(ValueError, match="kamer is 'TK' or 'EK'"):
        resolve_due_phrase("eind 2025", DEBATE, "Tweede Kamer", calendar)


# --- the recess a date falls in ---------------------------------------------------------------


def test_recess_on_finds_the_zomerreces(calendar):
    recess = recess_on(D(2025, 8, 1), "TK", calendar)
    assert recess is not None and recess.label == "zomerreces 2025"
    assert (recess.first, recess.last) == (D(2025, 7, 4), D(2025, 9, 1))
    assert recess_on(D(2025, 7, 4), "TK", calendar) == recess  # both ends belong to it
    assert recess_on(D(2025, 9, 1), "TK", calendar) == recess
    assert recess_on(D(2025, 9, 2), "TK", calendar) is None  # the Kamer meets again
    assert recess_on(D(2025, 7, 3), "TK", calendar) is None
    assert recess_on(D(2026, 1, 5), "TK", calendar).label == "kerstreces 2025"
    assert recess_on(D(2022, 7, 12), "EK", calendar) is None  # the Eerste Kamer still sat
    assert recess_on(D(2022, 7, 13), "EK", calendar).label == "zomerreces 2022"
