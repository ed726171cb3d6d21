"""brief fmt, add, set, link and import: canonical layout, and edits that are minimal diffs.

The edit tests compare ``git diff -U0`` of a scratch repository: each command
must change exactly the lines it means to, and nothing else.
"""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path

import pytest

from builder.layout import canonical_text
from builder.model import CommitmentsFile, schema_of
from builder.diagnostics import has_errors
from builder.edit import add_record, locked, set_fields
from builder.assemble import load_repository
from builder.project import Project, data_files

from .conftest import REPO, changed_lines, git, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "tk-opendata"

# Not canonical in every way the layout fixes: key order, a flow mapping, single
# quotes, quotes where none are needed, and comments in awkward places.
MESSY = """\
# Top comment, kept.
commitments:
  # The first record.
  - status: open  # end-of-line comment on status
    id: x-1
    kamer: 'TK'
    # A comment above text travels with text.
    text: >-
      Prose that its author folded by hand, on
      lines of their own choosing.
    made: {date: 2025-01-02, kind: "debat"}
    by: "minister-bzk-uitermark"

  - id: x-2
    text: "Dossier: 30950"
    kamer: TK
    dossier_like: "30950"

# Trailing comment, kept.
"""

CANONICAL = """\
# Top comment, kept.
commitments:
  # The first record.
  - id: x-1
    kamer: TK
    # A comment above text travels with text.
    text: >-
      Prose that its author folded by hand, on
      lines of their own choosing.
    made:
      kind: debat
      date: 2025-01-02
    by: minister-bzk-uitermark
    status: open  # end-of-line comment on status

  - id: x-2
    kamer: TK
    text: "Dossier: 30950"
    dossier_like: "30950"

# Trailing comment, kept.
"""


# The same, as data the model accepts: what `brief fmt` (which refuses invalid data) rewrites.
MESSY_VALID = MESSY.replace(
    '    dossier_like: "30950"\n', "    status: open\n    by: minister-bzk-uitermark\n    made: {kind: debat, date: 2025-01-03}\n"
)
CANONICAL_VALID = CANONICAL.replace(
    '    dossier_like: "30950"\n',
    "    made:\n      kind: debat\n      date: 2025-01-03\n    by: minister-bzk-uitermark\n    status: open\n",
)


# --- fmt --------------------------------------------------------------------------------------


def test_fmt_gives_one_layout_and_keeps_comments():
    text, problems = canonical_text(MESSY, "messy.yaml", CommitmentsFile)
    assert problems == []
    assert text == CANONICAL


def test_fmt_resolves_each_record_schema_once(monkeypatch):
    # Evaluating the annotations per node visited made fmt --check take minutes at
    # ministry scale: the layout must share the model's cached schema.
    resolved = []
    get_type_hints = typing.get_type_hints
    monkeypatch.setattr(typing, "get_type_hints", lambda cls, *a, **k: resolved.append(cls) or get_type_hints(cls, *a, **k))
    schema_of.cache_clear()
    canonical_text(MESSY, "messy.yaml", CommitmentsFile)
    assert resolved
    assert len(resolved) == len(set(resolved))


DATA_FILES = dict(data_files(Project(REPO)))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_fmt_is_idempotent_and_the_examples_are_canonical(path):
    schema = DATA_FILES[path]
    text = path.read_text(encoding="utf-8")
    once, _ = canonical_text(text, path.name, schema)
    twice, _ = canonical_text(once, path.name, schema)
    assert once == twice == text
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == [
        line for line in once.splitlines() if line.lstrip().startswith("#")
    ]


def test_fmt_check_names_the_first_line_out_of_layout_and_changes_nothing(project):
    path = project.data_dir / "commitments.yaml"
    path.write_text(MESSY, encoding="utf-8")
    result = run_cli("fmt", "--check", cwd=project.root)
    assert result.returncode == 1
    assert "data/commitments.yaml:4:1: error: not in the canonical layout; run 'brief fmt' [fmt]" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY


def test_fmt_rewrites_only_files_out_of_layout(project):
    path = project.data_dir / "commitments.yaml"
    path.write_text(MESSY_VALID, encoding="utf-8")
    motions_before = (project.data_dir / "motions.yaml").stat().st_mtime_ns
    result = run_cli("fmt", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "reformatted data/commitments.yaml\n"
    assert path.read_text(encoding="utf-8") == CANONICAL_VALID
    assert (project.data_dir / "motions.yaml").stat().st_mtime_ns == motions_before
    assert run_cli("fmt", "--check", cwd=project.root).returncode == 0


def test_fmt_refuses_a_file_it_cannot_read_and_writes_nothing(project):
    path = project.data_dir / "motions.yaml"
    broken = "motions:\n  - id: a\n    kamer: [TK\n"
    path.write_text(broken, encoding="utf-8")
    result = run_cli("fmt", cwd=project.root)
    assert result.returncode == 2
    assert "data/motions.yaml:4:1: error: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == broken


# --- set ---------------------------------------------------------------------------------------


def test_set_changes_exactly_the_lines_of_the_fields(repo):
    result = run_cli("set", "T03545", "status=open", "due=2026-07-01", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "data/commitments.yaml: T03545: status voldaan → open",
        "data/commitments.yaml: T03545: due 2024-07-01 → 2026-07-01",
    ]
    assert changed_lines(repo.root) == [
        "-    due: 2024-07-01",
        "-    status: voldaan",
        "+    due: 2026-07-01",
        "+    status: open",
    ]


def test_set_adds_a_missing_field_in_schema_order_and_removes_one_with_an_empty_value(repo):
    result = run_cli("set", "per-racisme-c", "motion=motie-bamenga", "short=", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert changed_lines(repo.root) == [
        "-    short: de toezegging over een model voor een beleids- en effectrapportage",
        "+    motion: motie-bamenga",
    ]
    text = (repo.data_dir / "commitments.yaml").read_text(encoding="utf-8")
    record = text[text.index("- id: per-racisme-c") : text.index("- id: per-racisme-d")]
    assert record.index("    due:") < record.index("    motion: motie-bamenga") < record.index("    notes:")


def test_set_refolds_only_the_prose_it_changes(repo):
    new_text = (
        "De rijksbrede klachtencommissie per 1 januari 2025 in werking laten treden en de Kamer voor de zomer "
        "informeren over de eerste ervaringen."
    )
    result = run_cli("set", "per-racisme-a", f"text={new_text}", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "data/commitments.yaml: per-racisme-a: text changed\n"
    assert changed_lines(repo.root) == [
        "-      Rijksbrede klachtencommissie in werking per 1 januari 2025.",
        "+      De rijksbrede klachtencommissie per 1 januari 2025 in werking laten treden en",
        "+      de Kamer voor de zomer informeren over de eerste ervaringen.",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["T03545", "status=klaar"], "data/commitments.yaml:270:5: error: 'klaar' is not allowed in field 'status'; "
         "use one of 'open', 'voldaan', 'deels voldaan', 'vervallen' [choice]"),
        (["T03545", "stauts=open"], "data/commitments.yaml:270:5: error: unknown field 'stauts' of commitment "
         "(did you mean 'status'?) [unknown-field]"),
        (["T03545", "due=1 juli"], "error: bad date '1 juli' in field 'due': write a real date as YYYY-MM-DD [date]"),
        (["T03545", "text="], "error: field 'text' is required and cannot be removed [edit]"),
        (["T03545", "status"], "error: expected field=value, got 'status' [edit]"),
        (["T0354", "status=open"], "error: no commitment, motion or document 'T0354' (did you mean 'T03545'?) [unknown-id]"),
        (["T03545", "by=minister-bzk-onbekend"], "data/commitments.yaml:283:9: error: unknown bewindspersoon "
         "'minister-bzk-onbekend' (did you mean 'minister-bzk-plasterk'?) [unknown-id]"),
    ],
    ids=["choice", "unknown-field", "date", "required", "no-value", "unknown-id", "dangling-reference"],
)
def test_set_refuses_bad_values_with_a_located_message_and_writes_nothing(repo, arguments, message):
    result = run_cli("set", *arguments, cwd=repo.root)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert changed_lines(repo.root) == []


def test_edits_refuse_a_file_out_of_layout_rather_than_reformat_it(repo):
    path = repo.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8").replace("    kamer: EK\n", "    kamer: 'EK'\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("set", "T03545", "status=open", cwd=repo.root)
    assert result.returncode == 2
    assert "data/commitments.yaml:271:1: error: not in the canonical layout, so this edit would change other lines" in result.stderr
    assert path.read_text(encoding="utf-8") == text


# --- add ---------------------------------------------------------------------------------------


def test_add_commitment_appends_one_record_after_a_blank_line(repo):
    result = run_cli(
        "add", "commitment", "T04001", "kamer=EK", "text=De minister zegt toe de Kamer te informeren.",
        "made.kind=plenair debat", "made.date=2025-06-03", "by=minister-bzk-uitermark", "due=2025-12-01",
        cwd=repo.root,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "data/commitments.yaml: new commitment T04001\n"
    assert changed_lines(repo.root) == [
        "+",
        "+  - id: T04001",
        "+    kamer: EK",
        "+    text: De minister zegt toe de Kamer te informeren.",
        "+    made:",
        "+      kind: plenair debat",
        "+      date: 2025-06-03",
        "+    by: minister-bzk-uitermark",
        "+    due:",
        "+      date: 2025-12-01",
        "+    status: open",
    ]


def test_add_motion_reads_submitters_as_names_with_fracties(repo):
    result = run_cli(
        "add", "motion", "motie-test", "kamer=TK", "dossier=30950", "number=461", "date=2025-03-05",
        "submitters=De Vries (VVD), Bakker (D66)", "cs=true", "vote=aangenomen",
        cwd=repo.root,
    )
    assert result.returncode == 0, result.stderr
    added = [line[1:] for line in changed_lines(repo.root)]
    assert added[:6] == ["", "  - id: motie-test", "    kamer: TK", '    dossier: "30950"', "    number: 461",
                         "    date: 2025-03-05"]
    assert added[6:11] == ["    submitters:", "      - member: De Vries", "        fractie: VVD",
                           "      - member: Bakker", "        fractie: D66"]
    assert added[11:] == ["    cs: true", "    vote: aangenomen", "    status: open"]


def test_add_reports_every_missing_field_and_a_duplicate_id(repo):
    result = run_cli("add", "commitment", "T03545", "kamer=EK", cwd=repo.root)
    assert result.returncode == 2
    for field in ("text", "made", "by"):
        assert f"error: missing field '{field}' in commitment 'T03545' [missing-field]" in result.stderr
    result = run_cli(
        "add", "commitment", "T03545", "kamer=EK", "text=x", "made.kind=debat", "made.date=2025-01-01",
        "by=minister-bzk-uitermark", cwd=repo.root,
    )
    assert result.returncode == 2
    assert "error: duplicate id 'T03545' (first defined at data/commitments.yaml:270:9) [duplicate-id]" in result.stderr
    assert changed_lines(repo.root) == []


# --- link --------------------------------------------------------------------------------------


def test_link_adds_one_line_to_the_letters_answers(repo):
    result = run_cli("link", "per-racisme-j", "voortgang-aanpak-racisme", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "briefs/voortgang-aanpak-racisme.md: voortgang-aanpak-racisme answers per-racisme-j\n"
    assert changed_lines(repo.root) == ["+  - per-racisme-j"]
    again = run_cli("link", "per-racisme-j", "voortgang-aanpak-racisme", cwd=repo.root)
    assert again.returncode == 0
    assert "already answers per-racisme-j" in again.stdout
    assert changed_lines(repo.root) == ["+  - per-racisme-j"]


def test_link_creates_the_answers_list_when_a_letter_has_none(repo):
    path = repo.briefs_dir / "so-per-racisme-ek.md"
    assert "answers:" not in path.read_text(encoding="utf-8").split("---")[1]
    result = run_cli("link", "T03545", "so-per-racisme-ek", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert changed_lines(repo.root) == ["+answers:", "+  - T03545"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["per-racisme-x", "voortgang-aanpak-racisme"], "no commitment or motion 'per-racisme-x' (did you mean"),
        (["per-racisme-j", "voortgang"], "error: no such brief 'voortgang'"),
        (["per-racisme-j", "../data/commitments"], "error: no such brief '../data/commitments'"),
        (["kst-30950-433", "voortgang-aanpak-racisme"], "no commitment or motion 'kst-30950-433'"),
    ],
    ids=["unknown-id", "unknown-brief", "path-traversal", "a-document"],
)
def test_link_refuses_what_cannot_be_answered(repo, arguments, message):
    result = run_cli("link", *arguments, cwd=repo.root)
    assert result.returncode == 2
    assert message in result.stderr
    assert changed_lines(repo.root) == []


# --- import ------------------------------------------------------------------------------------


def test_import_merges_by_id_keeping_local_fields(repo):
    shutil.copy(FIXTURES / "toezeggingen.json", repo.root / "toezeggingen.json")
    first = run_cli("import", "--by", "minister-bzk-bruins-slot", "toezeggingen.json", cwd=repo.root)
    assert first.returncode == 0, first.stderr
    assert "new commitment TZ202409-071" in first.stdout
    # A coordinator adds local knowledge, and marks the item done before the registry does.
    local = run_cli("set", "TZ202409-071", "short=de toezegging over integriteitsmeldingen",
                    "notes=Afgestemd met de griffie.", "status=voldaan", "reason=Zie brief van 1 mei.", cwd=repo.root)
    assert local.returncode == 0, local.stderr
    git(repo.root, "commit", "-q", "-am", "imported, with local fields")
    # The registry then changes the text; importing again updates it and nothing local.
    fixture = (FIXTURES / "toezeggingen.json").read_text(encoding="utf-8")
    changed = fixture.replace("over  de rijksbrede gegevens", "over  de rijksbrede cijfers")
    assert changed != fixture
    (repo.root / "toezeggingen.json").write_text(changed, encoding="utf-8")
    second = run_cli("import", "--by", "minister-bzk-bruins-slot", "toezeggingen.json", cwd=repo.root)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == [
        "data/commitments.yaml: TZ202409-071: text changed",
        "data/commitments.yaml: TZ202409-071: status stays voldaan (the registry still says open)",
    ]
    old_text = "De minister zegt toe de Kamer voor eind januari 2025 te informeren over de rijksbrede {} over integriteitsmeldingen."
    assert changed_lines(repo.root) == [f"-    text: {old_text.format('gegevens')}", f"+    text: {old_text.format('cijfers')}"]
    after = (repo.data_dir / "commitments.yaml").read_text(encoding="utf-8")
    for local_line in ("    short: de toezegging over integriteitsmeldingen", "    notes: Afgestemd met de griffie.",
                       "    status: voldaan", "    reason: Zie brief van 1 mei."):
        assert local_line in after


def test_import_of_broken_json_reports_every_problem_and_writes_nothing(repo):
    result = run_cli("import", str(FIXTURES / "broken.json"), cwd=repo.root)
    assert result.returncode == 2
    assert result.stderr.count(": error: ") >= 2
    assert "Traceback" not in result.stderr
    assert changed_lines(repo.root) == []


def test_import_without_a_bewindspersoon_match_asks_for_one(repo):
    result = run_cli("import", str(FIXTURES / "toezeggingen.json"), cwd=repo.root)
    assert result.returncode == 2
    assert "no bewindspersoon in data/organisation.yaml matches its Naam and Functie; add them there, or pass --by ID" in (
        result.stderr
    )
    assert changed_lines(repo.root) == []


def test_export_round_trips_through_import(repo):
    result = run_cli("export", "--format", "json", "-o", "export.json", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    again = run_cli("import", "export.json", cwd=repo.root)
    assert again.returncode == 0, again.stderr
    assert changed_lines(repo.root) == []
    csv = run_cli("export", "--format", "csv", cwd=repo.root)
    assert csv.stdout.splitlines()[0].startswith('"Nummer",')
    assert any(line.startswith('"per-racisme-c",') and "voortgang-aanpak-racisme" in line for line in csv.stdout.splitlines())


# --- edits at ministry scale: only the record's lines are round-tripped ---------------------------


def _locations(value, found=None):
    """Every location in a model tree, in order: a cached model must put records where they stand."""
    import dataclasses

    from builder.model import Record

    found = [] if found is None else found
    if isinstance(value, Record):
        found.append((type(value).__name__, value.loc, tuple(sorted(value.where.items()))))
        for field in dataclasses.fields(value):
            if field.name not in ("loc", "where"):
                _locations(getattr(value, field.name), found)
    elif isinstance(value, tuple):
        for item in value:
            _locations(item, found)
    return found


def _wait_for_cached(project, path):
    import time

    from builder import data_cache

    key = data_cache.key(path, path.read_bytes())
    for _ in range(200):
        cached = data_cache.read(project.root, path, key)
        if cached is not None:
            return cached
        time.sleep(0.05)
    raise AssertionError("the edit did not leave its model in the data cache")


@pytest.mark.parametrize(
    "fields", [["status=deels voldaan"], ["notes=Een nieuwe regel."], ["notes=", "short="], ["to.member=Jansen", "to.fractie=D66"]]
)
def test_the_model_an_edit_caches_is_the_model_of_the_file_it_wrote(project, fields):
    from builder.loading import load_record
    from builder.model import CommitmentsFile

    path = project.data_dir / "commitments.yaml"
    load_repository(project)  # the cache holds the file as it was
    edits, problems = locked(project, lambda: _one(set_fields(project, "per-racisme-b", fields)))
    assert edits and not has_errors(problems), problems
    cached, _ = _wait_for_cached(project, path)
    fresh, _ = load_record(project, path, CommitmentsFile, path.read_text(encoding="utf-8"))
    assert cached == fresh
    assert _locations(cached) == _locations(fresh)


def test_add_caches_the_model_of_the_file_it_wrote(project):
    from builder.loading import load_record
    from builder.model import CommitmentsFile

    path = project.data_dir / "commitments.yaml"
    load_repository(project)
    args = ["kamer=TK", "text=Een toezegging.", "made.kind=debat", "made.date=2025-01-01", "by=minister-bzk-uitermark"]
    edits, problems = locked(project, lambda: _one(add_record(project, "commitment", "T77777", args)))
    assert edits and not has_errors(problems), problems
    cached, _ = _wait_for_cached(project, path)
    fresh, _ = load_record(project, path, CommitmentsFile, path.read_text(encoding="utf-8"))
    assert cached == fresh and _locations(cached) == _locations(fresh)


def _one(result):
    edit, problems = result
    return ([] if edit is None else [edit]), problems


def test_an_edit_changes_only_the_records_lines_in_a_file_not_otherwise_canonical(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    # Another record out of the layout: the edit of this one still touches only its own lines.
    odd = text.replace("kamer: TK", "kamer: 'TK'", 1)
    assert odd != text
    path.write_text(odd, encoding="utf-8")
    edits, problems = locked(project, lambda: _one(set_fields(project, "per-racisme-m", ["notes=x"])))
    assert edits and not has_errors(problems), problems
    after = path.read_text(encoding="utf-8")
    assert after.count("kamer: 'TK'") == 1
    start, end = odd.index("  - id: per-racisme-m"), odd.index("  - id: T03545")
    assert after.startswith(odd[:start]) and after.endswith(odd[end:])
    assert "    notes: >-\n      x\n" in after[start:]


def test_an_edit_of_a_record_out_of_layout_is_refused_at_its_line(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    index = text.index("  - id: per-racisme-m")
    odd = text[:index] + text[index:].replace("kamer: TK", "kamer: 'TK'", 1)
    path.write_text(odd, encoding="utf-8")
    edit, problems = set_fields(project, "per-racisme-m", ["notes=x"])
    line = next(number for number, content in enumerate(odd.splitlines(), 1) if content == "    kamer: 'TK'")
    assert edit is None
    assert [(p.location.line, p.code) for p in problems] == [(line, "fmt")]


def test_closing_an_item_that_no_letter_answers_is_refused(project):
    """Removing the reason of a voldaan item that no letter answers: check would reject it."""
    result = run_cli("set", "T03545", "reason=", cwd=project.root)
    assert result.returncode == 2
    assert "[closed-unanswered]" in result.stderr
    assert run_cli("check", cwd=project.root).returncode == 0


def test_closing_is_judged_as_check_judges_it(project):
    """With closed-unanswered lowered in data/rules.yaml, check accepts the closed item, so the edit may close it."""
    (project.data_dir / "rules.yaml").write_text("closed-unanswered: warning\n", encoding="utf-8")
    result = run_cli("set", "T03545", "reason=", cwd=project.root)
    assert result.returncode == 0, result.stderr
    check = run_cli("check", cwd=project.root)
    assert check.returncode == 0
    assert "T03545" in check.stderr and "[closed-unanswered]" in check.stderr


# --- fmt never reinterprets a value -------------------------------------------------------------


def test_formatting_never_changes_how_a_number_reads_or_is_spelt():
    text = "a: 1e400\nb: .NaN\nc: +12\nd: -0\ne: 0o17\nf: 3.10\n"
    assert canonical_text(text, "x.yaml", None) == (text, [])


def test_fmt_keeps_a_number_as_written_in_the_data(project):
    path = project.data_dir / "documents.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 237", "number: +237", 1), encoding="utf-8")
    assert run_cli("fmt", cwd=project.root).returncode == 0
    assert "number: +237" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "replace, expected",
    [
        (("date: 2024-09-12", "date: 2022-02-30"), r"^data/commitments\.yaml:\d+:\d+: error: bad date '2022-02-30'"),
        (None, r"^data/commitments\.yaml:1:14: error: expected a list in field 'commitments'"),
        ("hello\n", r"^data/commitments\.yaml:1:1: error: expected a mapping for commitments file"),
    ],
    ids=["impossible-date", "list-is-a-value", "top-level-is-a-value"],
)
@pytest.mark.parametrize("command", [["fmt"], ["fmt", "--check"], ["set", "T03545", "notes=x"], ["add", "motion", "m-1", "kamer=TK"]])
def test_fmt_and_edits_refuse_data_the_model_rejects(project, replace, expected, command):
    import re

    path = project.data_dir / "commitments.yaml"
    if replace is None:
        path.write_text("commitments: hello\n", encoding="utf-8")
    elif isinstance(replace, str):
        path.write_text(replace, encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8").replace(*replace, 1), encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(*command, cwd=project.root)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert any(re.match(expected, line) for line in result.stderr.splitlines()), result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", ["9" * 5000, "1" * 19])
def test_a_huge_whole_number_on_the_command_line_is_a_located_error(project, value):
    result = run_cli("set", "kst-28844-237", f"number={value}", cwd=project.root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "error: expected a whole number of at most 18 digits in field 'number'" in result.stderr


def test_fmt_refuses_data_that_check_rejects_and_fmt_check_reads_only_the_layout(project):
    path = project.data_dir / "commitments.yaml"
    path.write_text(MESSY, encoding="utf-8")  # x-2 has an unknown field and lacks required ones
    result = run_cli("fmt", cwd=project.root)
    assert result.returncode == 2
    assert "unknown field 'dossier_like' in commitment 'x-2'" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY
    assert run_cli("fmt", "--check", cwd=project.root).returncode == 1  # out of layout, said as such


def test_a_text_of_5000_digits_is_formatted_and_edited_as_written(project):
    """YAML reads it as a whole number, longer than Python turns into an int: kept as text."""
    path = project.data_dir / "commitments.yaml"
    digits = "9" * 5000
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: T03545")
    record = text[start:]
    path.write_text(text[:start] + re.sub(r"    text: >-\n(      .*\n)+", f"    text: {digits}\n", record, count=1), encoding="utf-8")
    for command in (["fmt"], ["fmt", "--check"], ["set", "T03545", "notes=x"]):
        result = run_cli(*command, cwd=project.root)
        assert result.returncode == 0, result.stderr
    assert f"    text: {digits}\n" in path.read_text(encoding="utf-8")


def test_a_commitment_the_registry_closes_gets_the_registry_as_reason_so_check_passes(project):
    fixture = (FIXTURES / "toezeggingen.json").read_text(encoding="utf-8")
    (project.root / "tz.json").write_text(fixture, encoding="utf-8")
    first = run_cli("import", "--by", "minister-bzk-uitermark", "tz.json", cwd=project.root)
    assert first.returncode == 0, first.stderr
    # The Kamer then records TZ202409-071 as fulfilled; no letter of ours answers it.
    closed = fixture.replace('"Status": "Openstaand"', '"Status": "Voldaan"', 1)
    assert closed != fixture
    (project.root / "tz.json").write_text(closed, encoding="utf-8")
    second = run_cli("import", "--by", "minister-bzk-uitermark", "tz.json", cwd=project.root)
    assert second.returncode == 0, second.stderr
    assert "TZ202409-071: status open → voldaan" in second.stdout
    assert "TZ202409-071: reason set: Afgedaan volgens het toezeggingenregister van de Tweede Kamer." in second.stdout
    assert run_cli("check", cwd=project.root).returncode == 0


def test_an_import_that_changes_nothing_still_says_what_stays(project):
    """A local voldaan the registry still calls open: nothing is written, and that is said."""
    fixture = (FIXTURES / "toezeggingen.json").read_text(encoding="utf-8")
    (project.root / "tz.json").write_text(fixture, encoding="utf-8")
    assert run_cli("import", "--by", "minister-bzk-uitermark", "tz.json", cwd=project.root).returncode == 0
    local = run_cli("set", "TZ202409-071", "status=voldaan", "reason=Zie brief van 1 mei.", cwd=project.root)
    assert local.returncode == 0, local.stderr
    again = run_cli("import", "--by", "minister-bzk-uitermark", "tz.json", cwd=project.root)
    assert again.returncode == 0, again.stderr
    assert "TZ202409-071: status stays voldaan (the registry still says open)" in again.stdout
