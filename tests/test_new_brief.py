"""`brief new TYPE NAME`: a brief of each type that builds and passes `brief check` as written."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from builder.doctypes import document_types
from builder.pipeline import build, check, load_repository
from builder.scaffold import new_brief

from .conftest import run_cli

TODAY = dt.date(2025, 1, 6)  # the Kamervragen example's clock still runs: the scaffold is judged as written


@pytest.mark.parametrize("type_name", sorted(document_types()))
def test_a_new_brief_of_each_type_passes_the_check_and_builds(project, type_name):
    repository, _ = load_repository(project)
    created, problems = new_brief(project, repository, type_name, "nieuw", today=TODAY)
    assert problems == [] and created is not None
    text = created.path.read_text(encoding="utf-8")
    assert f"type: {type_name}\n" in text and "status: concept" in text and f"date: {TODAY.isoformat()}" in text
    found = [d for d in check(project, ["nieuw"], as_of=TODAY) if d.location.path == "briefs/nieuw.md"]
    assert [d for d in found if d.severity == "error"] == []
    # The example overleg's deadline (1 May 2024) has passed: that a reply today is late is true.
    assert {d.code for d in found} <= ({"late-reply"} if type_name == "so-beantwoording" else set())
    result = build(project, ["nieuw"])
    assert result.ok and any(path.name == "nieuw.docx" for path in result.written)
    body = "\n".join(paragraph.text for paragraph in Document(str(project.out_dir / "nieuw.docx")).paragraphs)
    assert WRITTEN[type_name] in body


# A sentence of each new brief that the built document prints.
WRITTEN = {
    "kamerbrief": "Met deze brief informeer ik uw Kamer over het onderwerp van de brief.",
    "nota": "Waarom deze nota u nu bereikt.",
    "so-beantwoording": "Hier komt het antwoord op vraag GLPvdA-1.",
    "kamervragen-antwoord": "Hier komt het antwoord op vraag 1.",
    "kamervragen-uitstel": "Voor de beantwoording is afstemming met andere departementen nodig.",
}


def test_a_new_nota_has_the_four_sections_and_the_minister_in_office(project):
    repository, _ = load_repository(project)
    created, _ = new_brief(project, repository, "nota", "nieuwe-nota", today=TODAY)
    text = created.path.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        "# Aanleiding", "# Geadviseerd besluit", "# Kern", "# Toelichting",
    ]
    assert "aan: minister-bzk-uitermark" in text  # in office on 6 January 2025, a minister before a staatssecretaris


def test_the_signatory_is_the_one_in_office_on_the_day(project):
    repository, _ = load_repository(project)
    created, _ = new_brief(project, repository, "kamerbrief", "oud", today=dt.date(2023, 3, 1))
    assert "signatories: [minister-bzk-bruins-slot]" in created.path.read_text(encoding="utf-8")


def test_a_reply_answers_every_question_of_the_overleg_named(project):
    repository, _ = load_repository(project)
    created, problems = new_brief(project, repository, "so-beantwoording", "antwoord-so", about="ek-35741-per-racisme", today=TODAY)
    assert problems == []
    overleg = repository.overleggen["ek-35741-per-racisme"]
    headings = [line[2:] for line in created.path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    assert headings == [question.id for _, _, question in overleg.questions()]


def test_answers_to_kamervragen_have_a_section_per_question_signed_by_one_asked(project):
    repository, _ = load_repository(project)
    created, _ = new_brief(project, repository, "kamervragen-antwoord", "antwoord", today=TODAY)
    text = created.path.read_text(encoding="utf-8")
    kamervragen = repository.kamervragen["2024Z18656"]
    assert [line for line in text.splitlines() if line.startswith("# ")] == [f"# {vraag.number}" for vraag in kamervragen.vragen]
    assert f"signatories: [{kamervragen.aan[0]}]" in text


def test_it_never_overwrites_a_brief(project):
    target = project.briefs_dir / "voortgang-aanpak-racisme.md"
    before = target.read_bytes()
    done = run_cli("new", "kamerbrief", "voortgang-aanpak-racisme", cwd=project.root)
    assert done.returncode == 2
    assert "briefs/voortgang-aanpak-racisme.md:1:1: error: briefs/voortgang-aanpak-racisme.md exists: choose another name, or remove it first [brief-exists]" in done.stderr
    assert target.read_bytes() == before
    assert not [p for p in project.briefs_dir.iterdir() if p.name.startswith(".")]  # no temporary left


def test_the_command_says_what_it_wrote_and_which_record_it_chose(project):
    done = run_cli("new", "kamervragen-uitstel", "uitstel-nieuw", cwd=project.root / "briefs")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "wrote briefs/uitstel-nieuw.md (answering 2024Z18656)\n"


def test_an_unknown_overleg_or_type_or_name_is_a_clear_error(project):
    done = run_cli("new", "so-beantwoording", "x", "--over", "ek-35741-per-racism", cwd=project.root)
    assert done.returncode == 2 and "did you mean 'ek-35741-per-racisme'?" in done.stderr and "[unknown-id]" in done.stderr
    done = run_cli("new", "kamerbriefje", "x", cwd=project.root)
    assert done.returncode == 2 and "invalid choice: 'kamerbriefje'" in done.stderr
    done = run_cli("new", "nota", "../x", cwd=project.root)
    assert done.returncode == 2 and "invalid brief name '../x'" in done.stderr
    assert not (project.root / "x.md").exists()


def test_a_reply_without_any_overleg_says_where_to_add_one(project):
    for path in (project.root / "data" / "overleggen").glob("*.yaml"):
        path.unlink()
    (project.briefs_dir / "so-per-racisme-ek.md").unlink()
    repository, _ = load_repository(project)
    created, problems = new_brief(project, repository, "so-beantwoording", "x", today=TODAY)
    assert created is None
    assert str(problems[0]).startswith("data/overleggen/:1:1: error: no schriftelijk overleg in data/overleggen/ to answer")


def test_values_are_quoted_only_where_yaml_would_read_them_otherwise():
    from builder.scaffold import _plain_or_quoted

    assert _plain_or_quoted("nog toe te kennen") == "nog toe te kennen"
    assert _plain_or_quoted("Over: iets") == '"Over: iets"'
    assert _plain_or_quoted("true") == '"true"'
    assert _plain_or_quoted("2025") == '"2025"'
    assert _plain_or_quoted("a # b") == '"a # b"'
    assert _plain_or_quoted("") == '""'


def test_the_readmes_first_ten_minutes_print_what_it_says(project):
    """Steps 2, 5 and 6 of "The first ten minutes", replayed on the example repository."""
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The first ten minutes"):readme.index("## Commands")]
    done = run_cli("new", "kamerbrief", "voortgang-wervingsbeleid", cwd=project.root / "briefs")
    assert done.returncode == 0 and done.stdout == "wrote briefs/voortgang-wervingsbeleid.md\n"
    assert "   $ .venv/bin/brief new kamerbrief voortgang-wervingsbeleid\n   wrote briefs/voortgang-wervingsbeleid.md\n" in section
    path = project.briefs_dir / "voortgang-wervingsbeleid.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nDe Kamer is geïnformeerd in [@kst-30950-433] en ik beantwoord @per-racisme-z.\n",
        encoding="utf-8",
    )
    done = run_cli("check", "briefs/voortgang-wervingsbeleid.md", cwd=project.root)
    assert done.returncode == 1
    assert "".join(f"   {line}\n" for line in done.stderr.splitlines()) in section
    path.write_text(path.read_text(encoding="utf-8").replace("@per-racisme-z", "@per-racisme-m"), encoding="utf-8")
    done = run_cli("build", "briefs/voortgang-wervingsbeleid.md", cwd=project.root)
    assert done.returncode == 0
    shown = "".join(f"   {line}\n" for line in (done.stdout + done.stderr).splitlines())
    assert shown in section


def test_a_new_brief_names_the_default_sender_where_directorates_have_ids(project):
    repository, _ = load_repository(project)
    created, _ = new_brief(project, repository, "kamerbrief", "met-afzender", today=TODAY)
    assert "from: dgdoo  # the directorate that sends it" in created.path.read_text(encoding="utf-8")


def test_without_a_default_among_several_directorates_the_writer_is_asked_to_choose(project):
    path = project.data_dir / "organisation.yaml"
    text = path.read_text(encoding="utf-8")
    second = "\n  - id: dgoo\n    name: Directoraat-Generaal Overheidsorganisatie\n    postal_address:\n      - Postbus 20011\n"
    path.write_text(text.replace("    default: true\n", "").replace("\nbewindspersonen:", second + "\nbewindspersonen:", 1), encoding="utf-8")
    repository, problems = load_repository(project)
    assert repository is not None, problems
    created, _ = new_brief(project, repository, "kamerbrief", "zonder-afzender", today=TODAY)
    assert "from:" not in created.path.read_text(encoding="utf-8")
    found = check(project, ["zonder-afzender"], as_of=TODAY)
    assert any(d.code == "no-sender" and d.location.path == "briefs/zonder-afzender.md" for d in found)
