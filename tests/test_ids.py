"""The model's rules for single values, shared by every entry point (data files, `brief add`,
`brief import`): what an id may be, whole numbers, dossiers, characters that are not text.

Each test asserts the exact located line with its [code].
"""

from __future__ import annotations

import json

import pytest

from builder.model import MAX_ID_LENGTH, id_problem
from builder.pipeline import load_briefs, load_repository
from builder.body import find_citations

from .conftest import run_cli

ID_RULE = "use ASCII letters, digits, '-' and '_'"


def replace(path, old: str, new: str) -> tuple[int, int]:
    """Edit a file in place; the line and column where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    start = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1


def value_at(path, old: str, new: str) -> str:
    """Replace the value of the key line ``old`` ("  - id: x") with ``new``; 'path:line:col' of the value."""
    key, _ = old.split(": ", 1)
    line, column = replace(path, old, f"{key}: {new}")
    posix = path.as_posix()
    return f"{posix[posix.rindex('/data/') + 1:]}:{line}:{column + len(key) + 2}"


def data_problems(project) -> list[str]:
    repository, problems = load_repository(project)
    assert repository is None
    return [str(p) for p in problems]


# --- ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, kind",
    [("12345", "a number"), ("1.5", "a number"), ("true", "a yes-or-no value"), ("2024-09-12", "a date")],
)
def test_an_id_that_yaml_reads_as_no_text_must_be_quoted(project, written, kind):
    where = value_at(project.data_dir / "commitments.yaml", "  - id: per-racisme-a", written)
    assert data_problems(project) == [
        f"{where}: error: the id of this commitment is {kind} to YAML, not text: write it in quotes: id: \"{written}\" [id]"
    ]


def test_a_quoted_number_is_a_good_id(project):
    replace(project.data_dir / "commitments.yaml", "  - id: per-racisme-a", '  - id: "12345"')
    repository, problems = load_repository(project)
    assert problems == [] and "12345" in repository.commitments


def test_check_reports_an_unquoted_numeric_id(project):
    where = value_at(project.data_dir / "commitments.yaml", "  - id: per-racisme-a", "12345")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{where}: error: the id of this commitment is a number to YAML, not text" in result.stderr


@pytest.mark.parametrize(
    "written, shown, reason",
    [
        ('"per racisme a"', "per racisme a", f"an id cannot hold a space; {ID_RULE}"),
        ('"per\\nracisme"', "per\\nracisme", f"an id cannot hold a line break; {ID_RULE}"),
        ("per#racisme", "per#racisme", f"an id cannot hold '#' (U+0023); {ID_RULE}"),
        ('"per\\u202Eracisme"', "per\\u202eracisme", f"an id cannot hold the invisible formatting character U+202E; {ID_RULE}"),
        ('"per\\u200Bracisme"', "per\\u200bracisme", f"an id cannot hold the invisible formatting character U+200B; {ID_RULE}"),
        ("perécisme", "perécisme", f"an id cannot hold 'é' (U+00E9); {ID_RULE}"),
        ("kst.30950", "kst.30950", f"an id cannot hold '.' (U+002E); {ID_RULE}"),
        ('""', "", "an id cannot be empty"),
        ("-per-racisme", "-per-racisme", "an id starts and ends with a letter or digit, so that @id can cite it"),
        ("per-racisme_", "per-racisme_", "an id starts and ends with a letter or digit, so that @id can cite it"),
        ("x" * 5000, "x" * 39 + "…", "an id has at most 100 characters, this one 5,000"),
    ],
    ids=["space", "newline", "hash", "rtl-override", "zero-width-space", "accent", "dot", "empty", "leading-dash",
         "trailing-underscore", "5000-characters"],
)
def test_unusable_ids_are_located_errors(project, written, shown, reason):
    where = value_at(project.data_dir / "commitments.yaml", "  - id: per-racisme-a", written)
    assert data_problems(project) == [f"{where}: error: bad id '{shown}' of commitment: {reason} [id]"]


@pytest.mark.parametrize(
    "path, old, noun",
    [
        ("motions.yaml", "  - id: motie-bamenga", "motion"),
        ("documents.yaml", "  - id: kst-28844-237", "document"),
        ("organisation.yaml", "  - id: minister-bzk-uitermark", "bewindspersoon"),
        ("overleggen/ek-35741-per-racisme.yaml", "id: ek-35741-per-racisme", "schriftelijk overleg"),
        ("overleggen/ek-35741-per-racisme.yaml", "      - id: GLPvdA-1", "question"),
    ],
    ids=["motion", "document", "bewindspersoon", "overleg", "question"],
)
def test_every_record_kind_has_the_id_rule(project, path, old, noun):
    where = value_at(project.data_dir / path, old, '"twee woorden"')
    assert data_problems(project) == [
        f"{where}: error: bad id 'twee woorden' of {noun}: an id cannot hold a space; {ID_RULE} [id]"
    ]


def test_a_bijlage_id_has_the_id_rule(project):
    path = project.briefs_dir / "nota-voortgang-aanpak-racisme.md"
    line, column = replace(path, "  - id: tekenexemplaar", '  - id: "bijlage #1"')
    briefs, problems = load_briefs(project, ["nota-voortgang-aanpak-racisme"])
    assert briefs == []
    assert [str(p) for p in problems] == [
        f"briefs/nota-voortgang-aanpak-racisme.md:{line}:{column + 8}: error: bad id 'bijlage #1' of bijlage: "
        f"an id cannot hold a space; {ID_RULE} [id]"
    ]


@pytest.mark.parametrize("ident", ["a", "T03545", "kst-30950-433", "per_racisme_a", "2025Z04567", "x" * MAX_ID_LENGTH])
def test_every_id_the_rule_allows_can_be_cited(ident):
    assert id_problem(ident) is None
    citations, problems = find_citations(f"Zie @{ident}. En [@{ident}], @{ident}:text.", "b.md", 1)
    assert problems == []
    assert [(c.form, c.parts[0].key) for c in citations] == [("inline", ident), ("note", ident), ("text", ident)]


def test_add_refuses_an_unusable_id_and_writes_nothing(project):
    path = project.data_dir / "commitments.yaml"
    before = path.read_bytes()
    result = run_cli(
        "add", "commitment", "per racisme z", "kamer=TK", "text=Een toezegging.", "made.kind=debat",
        "made.date=2025-01-01", "by=minister-bzk-uitermark", cwd=project.root,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    new_line = before.decode("utf-8").count("\n") + 2  # after one blank line, at the end of the list
    assert (
        f"data/commitments.yaml:{new_line}:9: error: bad id 'per racisme z' of commitment: "
        f"an id cannot hold a space; {ID_RULE} [id]"
    ) in result.stderr.splitlines()
    assert path.read_bytes() == before


def test_import_refuses_an_unusable_id_and_writes_nothing(project):
    registry = {
        "@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging",
        "value": [
            {
                "Nummer": "TZ 2025\u202e01",
                "Tekst": "De minister zegt toe de Kamer te informeren.",
                "Aanmaakdatum": "2025-01-10T10:00:00+01:00",
                "Naam": "Uitermark",
                "Functie": "minister van Binnenlandse Zaken en Koninkrijksrelaties",
                "Status": "Openstaand",
            }
        ],
    }
    (project.root / "tz.json").write_text(json.dumps(registry), encoding="utf-8")
    path = project.data_dir / "commitments.yaml"
    before = path.read_bytes()
    result = run_cli("import", "tz.json", cwd=project.root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    # The model's rule, reported where the Nummer stands in the registry's JSON.
    assert f"error: cannot use Nummer 'TZ 2025\\u202e01' as an id: an id cannot hold a space; {ID_RULE} [tk-json]" in result.stderr
    assert "\u202e" not in result.stderr  # shown escaped: raw, it would turn the terminal line around
    assert path.read_bytes() == before


# --- whole numbers and dossiers -----------------------------------------------------------


@pytest.mark.parametrize(
    "written, message",
    [
        ("-237", "expected a number from 1 up in field 'number' of document 'kst-28844-237', got -237: "
                 "papers and meetings are numbered from 1 [type]"),
        ("0", "expected a number from 1 up in field 'number' of document 'kst-28844-237', got 0: "
              "papers and meetings are numbered from 1 [type]"),
        ("9" * 5000, "a number of 5,000 digits in field 'number' of document 'kst-28844-237': "
                     "a number here has at most 18 [type]"),
        ("0x1F", "expected a whole number in decimal digits in field 'number' of document 'kst-28844-237', got '0x1F' [type]"),
    ],
    ids=["negative", "zero", "5000-digits", "hexadecimal"],
)
def test_kamerstuk_numbers_are_positive_and_bounded(project, written, message):
    where = value_at(project.data_dir / "documents.yaml", "    number: 237", written)
    assert data_problems(project) == [f"{where}: error: {message}"]


@pytest.mark.parametrize(
    "written, shown, reason",
    [
        ('"-30950"', "-30950", "a dossier starts with its number, as in 30950 or 31700 VI"),
        ('"nul"', "nul", "a dossier starts with its number, as in 30950 or 31700 VI"),
        ('"0"', "0", "a dossier number starts at 1"),
        ('"' + "9" * 5000 + '"', "9" * 39 + "…", "a dossier number has at most 9 digits, this one 5,000"),
        ("9" * 5000, "9" * 39 + "…", "a dossier number has at most 9 digits, this one 5,000"),
    ],
    ids=["negative", "no-number", "zero", "5000-digits-quoted", "5000-digits-plain"],
)
def test_a_dossier_starts_with_a_positive_bounded_number(project, written, shown, reason):
    where = value_at(project.data_dir / "documents.yaml", '    dossier: "28844"', written)
    assert data_problems(project) == [f"{where}: error: bad dossier '{shown}' in document 'kst-28844-237': {reason} [dossier]"]


@pytest.mark.parametrize("dossier", ['"31700 VI"', '"21501-02"', '"36 600 VII"'])
def test_dossiers_with_a_suffix_are_good(project, dossier):
    replace(project.data_dir / "documents.yaml", '    dossier: "28844"', f"    dossier: {dossier}")
    assert load_repository(project)[1] == []


@pytest.mark.parametrize("command, status", [("check", 1), ("build", 2), ("status", 2), ("export", 2)])
def test_a_5000_digit_number_is_bad_input_not_a_crash(project, command, status):
    where = value_at(project.data_dir / "documents.yaml", "    number: 237", "9" * 5000)
    result = run_cli(command, cwd=project.root)
    assert result.returncode == status and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"{where}: error: a number of 5,000 digits" in result.stderr


# --- characters and motions ---------------------------------------------------------------


@pytest.mark.parametrize("escape, named", [("\\uFFFF", "the noncharacter U+FFFF"), ("\\uFFFE", "the noncharacter U+FFFE")])
def test_a_character_no_document_can_hold_is_refused(project, escape, named):
    path = project.data_dir / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    title: ", text.index("  - id: kst-28844-237"))
    old = text[start : text.index("\n", start)]
    where = value_at(path, old, f'"Verslag{escape}"')
    assert data_problems(project) == [
        f"{where}: error: {named} in field 'title' of document 'kst-28844-237'; remove it [control-character]"
    ]


def test_a_motion_needs_a_submitter(project):
    path = project.data_dir / "motions.yaml"
    line, _ = replace(path, "    submitters:\n      - member: Bamenga\n        fractie: D66\n", "    submitters: []\n")
    repository, problems = load_repository(project)
    assert repository is None
    assert [str(p) for p in problems] == [
        f"data/motions.yaml:{line}:17: error: motion 'motie-bamenga' needs at least one submitter [missing-field]"
    ]
