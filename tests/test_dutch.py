import datetime as dt

import pytest

from builder.dutch import (
    dossier_number,
    join_names,
    long_date,
    prinsjesdag,
    vergaderjaar,
)


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2024-09-05", "2023/24"),  # kst-32173-10: before Prinsjesdag
        ("2024-09-17", "2024/25"),  # Prinsjesdag itself opens the new year
        ("2024-09-23", "2024/25"),  # kst-29279-874
        ("2022-06-27", "2021/22"),  # seed 004
        ("2025-01-27", "2024/25"),
        ("1999-12-01", "1999/2000"),  # across a century: full years
    ],
)
def test_vergaderjaar_follows_prinsjesdag(day, expected):
    assert vergaderjaar(dt.date.fromisoformat(day)) == expected


def test_prinsjesdag_is_the_third_tuesday_of_september():
    assert prinsjesdag(2024) == dt.date(2024, 9, 17)
    assert prinsjesdag(2026) == dt.date(2026, 9, 15)
    assert prinsjesdag(2027) == dt.date(2027, 9, 21)


@pytest.mark.parametrize(
    "given, expected",
    [("30950", "30 950"), ("31 490", "31 490"), ("31700 VI", "31 700 VI"), ("21501-02", "21 501-02"), ("36410 B", "36 410 B")],
)
def test_dossier_numbers_get_the_thousands_space(given, expected):
    assert dossier_number(given) == expected


def test_dates_and_names_are_written_in_dutch():
    assert long_date(dt.date(2022, 6, 27)) == "27 juni 2022"
    assert long_date(dt.date(2024, 3, 1)) == "1 maart 2024"
    assert join_names(["Rajkowski", "Van Baarle"]) == "Rajkowski en Van Baarle"
    assert join_names(["A", "B", "C"]) == "A, B en C"
