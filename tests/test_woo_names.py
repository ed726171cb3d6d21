"""brief check --woo: Dutch personal names in a body proposed for redaction, office-holders left alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from builder.pipeline import check
from builder.woo.names import check_names, prose, surname

from .conftest import MINIMAL_FRONT_MATTER, REPO, run_cli, write_brief

BODY_LINE = 10  # the first body line of a brief written with MINIMAL_FRONT_MATTER


def proposals(project, body: str) -> list[tuple[int, int, str]]:
    """(line, column, name) of each woo-name warning on a brief with ``body``."""
    write_brief(project, "x", MINIMAL_FRONT_MATTER, body)
    found = check_names(project, ["x"])
    assert {(p.code, p.severity, p.location.path) for p in found} <= {("woo-name", "warning", "briefs/x.md")}
    return [(p.location.line, p.location.col, re.search("\u201c(.*?)\u201d", p.message).group(1)) for p in found]


def test_a_planted_name_is_proposed_where_it_stands(project):
    assert proposals(project, "Eerste alinea.\n\nJan de Vries heeft de nota opgesteld.\n") == [
        (BODY_LINE + 2, 1, "Jan de Vries")
    ]


def test_the_warning_says_how_to_redact_it_or_allow_it(project):
    write_brief(project, "x", MINIMAL_FRONT_MATTER, "Dit stuk is van Jan de Vries.\n")
    (problem,) = check_names(project, ["x"])
    assert str(problem) == (
        f"briefs/x.md:{BODY_LINE}:17: warning: \u201cJan de Vries\u201d lijkt een persoonsnaam: lak het met "
        '[Jan de Vries]{.lak grond="5.1.2e"} of zet het op de lijst toegestaan: in data/woo.yaml [woo-name]'
    )


def test_office_holders_in_the_data_are_left_alone(project):
    body = (
        "De minister, H.G.J. Bruins Slot, sprak met staatssecretaris Alexandra C. van Huffelen.\n"  # bewindspersonen
        "Ruud Koole kreeg een toezegging; de heer Bamenga diende een motie in.\n"  # a commitment's and a motion's member
        "Mevrouw Chakor stelde vragen.\n"  # an indiener of Kamervragen
        "Pieter Jansen schreef mee.\n"
    )
    assert proposals(project, body) == [(BODY_LINE + 3, 1, "Pieter Jansen")]


def test_names_in_a_redaction_in_code_or_in_a_comment_are_not_proposed(project):
    body = (
        '[Jan de Vries]{.lak grond="5.1.2e"} heeft de nota opgesteld.\n'
        "`Piet Bakker` en <!-- Klaas Smit --> en Anna de Wit.\n"
    )
    assert proposals(project, body) == [(BODY_LINE + 1, 41, "Anna de Wit")]


def test_names_in_headings_footnotes_and_lists_are_located(project):
    body = "# Gesprek met Jan de Vries\n\nTekst.^[Met dank aan Pieter Jansen.]\n\n- mevrouw Smit\n"
    assert proposals(project, body) == [
        (BODY_LINE, 15, "Jan de Vries"), (BODY_LINE + 2, 22, "Pieter Jansen"), (BODY_LINE + 4, 3, "mevrouw Smit"),
    ]


def test_capitalised_words_that_are_no_name_are_not_proposed(project):
    body = "# Kern\n\nHet Rijk, de Personeelsenquête Rijk en Eindhoven; @motie-bamenga.\n"
    assert proposals(project, body) == []


def test_names_on_the_list_in_data_are_not_proposed(project):
    (project.data_dir / "woo.yaml").write_text(
        "toegestaan:\n  - Jan de Vries\n  - Jansen\nnotes: Jan de Vries is de voorzitter van de commissie.\n",
        encoding="utf-8",
    )
    body = "Jan de Vries, Pieter Jansen en Anna de Wit.\n"
    assert proposals(project, body) == [(BODY_LINE, 32, "Anna de Wit")]


def test_a_list_with_an_unknown_field_is_a_located_error(project):
    (project.data_dir / "woo.yaml").write_text("toegestan:\n  - Jan de Vries\n", encoding="utf-8")
    problems = [p for p in check(project, ["voortgang-aanpak-racisme"]) if p.severity == "error"]
    assert [(p.code, p.location.path, p.location.line) for p in problems] == [("unknown-field", "data/woo.yaml", 1)]
    assert "toegestaan" in problems[0].message


def test_prose_keeps_every_offset_and_blanks_markup():
    text = '# Kop {#sec-x}\n[Jan]{.lak grond="5.1.2e"} @motie-x [^1] **Piet**\n'
    read = prose(text)
    assert len(read) == len(text) and read.count("\n") == text.count("\n")
    assert read.split() == ["Kop", "Jan", "Piet"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("H.G.J. Bruins Slot", "Bruins Slot"), ("Alexandra C. van Huffelen", "van Huffelen"), ("Van Baarle", "Van Baarle"),
     ("Bamenga", "Bamenga"), ("Mona Keijzer", "Keijzer"), ("Bruins Slot", "Slot"), ("Jan Pieter Balkenende", "Balkenende")],
)
def test_the_surname_of_a_name_in_data(name, expected):
    assert surname(name) == expected


# --- the command -------------------------------------------------------------------------------


def test_check_woo_on_the_examples_prints_what_the_readme_says(project):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ brief check --woo (?P<names>[^\n]*)\n(?P<output>.*?)```", readme, re.S)
    done = run_cli("check", "--woo", *block.group("names").split(), cwd=project.root)
    assert done.returncode == 0
    assert done.stdout + done.stderr == block.group("output")


def test_check_woo_json_stays_json_and_strict_fails_on_a_proposal(project):
    write_brief(project, "x", MINIMAL_FRONT_MATTER, "Jan de Vries heeft de nota opgesteld.\n")
    done = run_cli("check", "--woo", "--format", "json", "x", cwd=project.root)
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)] == [("woo-name", BODY_LINE, 1)]
    assert run_cli("check", "--woo", "--strict", "x", cwd=project.root).returncode == 1
    assert run_cli("check", "x", cwd=project.root).returncode == 0


def test_plain_check_never_loads_the_detector(project):
    code = (
        "import sys; from pathlib import Path; from builder.pipeline import Project, check;"
        f"check(Project(Path({str(project.root)!r}))); print('deduce' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.stdout.strip() == "False", done.stderr
