"""Kamervragen from the Kamer: the registry's Zaak (brief import) and the questions' published
text (brief import-vragen) into data/kamervragen/<number>.yaml.

Fixtures: fixtures/tk-opendata/schriftelijke-vragen.json (the OData shape; its README says
from which sources) and fixtures/kamervragen/ (text as the Kamer's pages print it; its README
says which parts are real and which composed).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from builder.assemble import load_repository
from builder.lock import repository_lock
from builder.opendata import kamervragen_subject, read_tk_json
from builder.pipeline import Project
from builder.vragen_text import dutch_date, members, read_vragen_text, roles

from .conftest import run_cli

HERE = Path(__file__).resolve().parent
REGISTRY = HERE / "fixtures" / "tk-opendata" / "schriftelijke-vragen.json"
TEXTS = HERE / "fixtures" / "kamervragen"

ERKENS_FROM_REGISTRY = """\
id: 2024Z21910
kamer: TK
indieners:
  - member: Erkens
    fractie: VVD
aan:
  - minister-bzk-uitermark
ingezonden: 2024-12-20
subject: overbodige functies, adviesorganen en doublures bij de Rijksoverheid in relatie tot voorgenomen besparingen op het overheidsapparaat
vragen: []
"""

ERKENS_QUESTIONS = """\
vragen:
  - number: 1
    text: Deelt u de mening dat de Rijksoverheid significant is gegroeid de laatste jaren terwijl de slagvaardigheid niet evenredig is toegenomen? Zo nee, waarom niet?
  - number: 2
    text: Kunt u per ministerie aangeven hoeveel adviesorganen er op dit moment zijn?
  - number: 3
    text: |-
      Welke functies en adviesorganen acht u overbodig?

      Kunt u daarbij aangeven waar doublures bestaan tussen ministeries?
"""

JUSTITIE = """
  # Added for the tests: the second ministry Van Baarle and Azarkan asked.
  - id: minister-jenv-yesilgoz
    role: De Minister van Justitie en Veiligheid
    name: D. Yeşilgöz-Zegerius
"""


def kamervragen_file(project, number: str) -> Path:
    return project.kamervragen_dir / f"{number}.yaml"


def cli(project, *args: str):
    return run_cli(*args, cwd=project.root)


# --- the registry's Zaak --------------------------------------------------------------------


@pytest.fixture(scope="module")
def organisation():
    repository, problems = load_repository(Project(HERE.parent))
    assert repository is not None, problems
    return repository.organisation


def read_registry(text: str, organisation):
    return read_tk_json(text, "tk/schriftelijke-vragen.json", organisation)


def test_a_zaak_of_schriftelijke_vragen_gives_who_asked_whom_when_about_what(organisation):
    items, diagnostics = read_registry(REGISTRY.read_text(encoding="utf-8"), organisation)
    assert [(item.kind, item.key, item.document) for item in items] == [
        ("kamervragen", "2024Z21910", "2024D50999"),
        ("kamervragen", "2025Z01001", "2025D02002"),
    ]
    erkens, two = items
    assert erkens.fields == {
        "kamer": "TK",
        "indieners": [{"member": "Erkens", "fractie": "VVD"}],
        "aan": ["minister-bzk-uitermark"],
        "ingezonden": dt.date(2024, 12, 20),
        "subject": "overbodige functies, adviesorganen en doublures bij de Rijksoverheid in relatie tot voorgenomen "
        "besparingen op het overheidsapparaat",
    }
    # Indiener before Medeindiener, the deleted one left out; the registry's order of 'Gericht aan' kept.
    assert two.fields["indieners"] == [{"member": "Van Baarle", "fractie": "DENK"}, {"member": "Azarkan", "fractie": "DENK"}]
    assert two.fields["aan"] == ["staatssecretaris-bzk-van-huffelen", "minister-bzk-uitermark"]
    assert two.fields["subject"] == "Het gebruik van algoritmes bij de selectie van sollicitanten bij de Rijksoverheid"
    assert [str(d) for d in diagnostics] == [
        "tk/schriftelijke-vragen.json:186:5: warning: skipped Zaak '2025Z01002' of Soort 'Mondelinge vragen': "
        "only moties and schriftelijke vragen are imported [tk-skipped]"
    ]


@pytest.mark.parametrize(
    ("onderwerp", "subject"),
    [
        ("Vragen van het lid Erkens (VVD) aan de minister van BZK over overbodige functies", "overbodige functies"),
        ("Vragen van de leden Van Baarle en Azarkan aan de Ministers van BZK en van JenV over racisme.", "racisme"),
        ("Vragen van het lid Kops over de stikstofregels (ingezonden 3 maart 2025)", "de stikstofregels"),
        ("Het gebruik van algoritmes", "Het gebruik van algoritmes"),
        ("Vragen over het gebruik van algoritmes", "Vragen over het gebruik van algoritmes"),
    ],
)
def test_the_subject_is_what_follows_over_or_the_onderwerp_whole(onderwerp, subject):
    assert kamervragen_subject(onderwerp) == subject


def test_whom_no_bewindspersoon_matches_is_a_located_error(organisation):
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    actor = data["value"][0]["ZaakActor"][0]
    actor |= {"ActorNaam": "E. Heinen", "Functie": "minister van Financiën"}
    items, diagnostics = read_registry(json.dumps(data, ensure_ascii=False, indent=2), organisation)
    assert [item.key for item in items] == ["2025Z01001"]
    assert str(diagnostics[0]) == (
        "tk/schriftelijke-vragen.json:30:24: error: Zaak '2024Z21910' is asked of E. Heinen (minister van Financiën), "
        "whom no bewindspersoon in data/organisation.yaml matches (by surname, and by role when surnames are shared); "
        "add them there [tk-bewindspersoon]"
    )


def test_a_zaak_without_gericht_aan_is_a_located_error(organisation):
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    del data["value"][0]["ZaakActor"][0]
    items, diagnostics = read_registry(json.dumps(data, indent=2), organisation)
    assert [item.key for item in items] == ["2025Z01001"]
    assert "no 'Gericht aan' for Zaak '2024Z21910': expand ZaakActor" in str(diagnostics[0])
    assert diagnostics[0].code == "tk-json" and diagnostics[0].location.line == 26


def test_the_zaak_reads_the_same_in_the_syncfeeds_lower_camel_case(organisation):
    def lower_camel(value):
        if isinstance(value, dict):
            return {(k[:1].lower() + k[1:] if not k.startswith("@") else k): lower_camel(v) for k, v in value.items()}
        return [lower_camel(v) for v in value] if isinstance(value, list) else value

    data = lower_camel(json.loads(REGISTRY.read_text(encoding="utf-8")))
    data["value"] = data.pop("value")
    original, _ = read_registry(REGISTRY.read_text(encoding="utf-8"), organisation)
    lowered, _ = read_registry(json.dumps(data), organisation)
    assert [(i.key, i.fields, i.document) for i in lowered] == [(i.key, i.fields, i.document) for i in original]


def test_the_registry_import_creates_each_set_without_questions(project):
    result = cli(project, "import", str(REGISTRY))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "data/kamervragen/2024Z21910.yaml: new Kamervragen 2024Z21910, due 2025-01-10; no questions yet: read their "
        "published text (the Kamer's document 2024D50999) in with 'brief import-vragen FILE'",
        "data/kamervragen/2025Z01001.yaml: new Kamervragen 2025Z01001, due 2025-02-06; no questions yet: read their "
        "published text (the Kamer's document 2025D02002) in with 'brief import-vragen FILE'",
    ]
    assert kamervragen_file(project, "2024Z21910").read_text(encoding="utf-8") == ERKENS_FROM_REGISTRY
    assert kamervragen_file(project, "2025Z01001").read_text(encoding="utf-8").startswith(
        "id: 2025Z01001\nkamer: TK\nindieners:\n  - member: Van Baarle\n    fractie: DENK\n  - member: Azarkan\n"
        "    fractie: DENK\naan:\n  - staatssecretaris-bzk-van-huffelen\n  - minister-bzk-uitermark\n"
    )
    # A set without its questions is loadable, and brief check says what is missing.
    repository, problems = load_repository(project)
    assert repository is not None and repository.kamervragen["2024Z21910"].vragen == ()
    assert [p.code for p in problems if p.code == "kamervragen-empty"] == ["kamervragen-empty"] * 2
    check = cli(project, "check")
    assert "data/kamervragen/2024Z21910.yaml:10:9: warning: Kamervragen '2024Z21910' hold no questions yet" in check.stderr
    # Importing the same file again changes nothing, and says so.
    again = cli(project, "import", str(REGISTRY))
    assert again.returncode == 0
    assert again.stdout == "nothing to change: data/ already has what the registry says\n"
    assert kamervragen_file(project, "2024Z21910").read_text(encoding="utf-8") == ERKENS_FROM_REGISTRY


def test_the_registry_import_updates_the_metadata_and_never_the_questions_or_notes(project):
    project.kamervragen_dir.mkdir(exist_ok=True)
    before = ERKENS_FROM_REGISTRY.replace("vragen: []\n", ERKENS_QUESTIONS + "notes: Beantwoord door DGDOO.\n")
    before = before.replace("aan:\n  - minister-bzk-uitermark\n", "# Asked of the minister.\naan:\n  - minister-bzk-bruins-slot\n")
    before = before.replace("subject: overbodige", "subject: Overbodige")
    kamervragen_file(project, "2024Z21910").write_text(before, encoding="utf-8")
    result = cli(project, "import", str(REGISTRY))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "data/kamervragen/2024Z21910.yaml: 2024Z21910: aan minister-bzk-bruins-slot → minister-bzk-uitermark",
        "data/kamervragen/2024Z21910.yaml: 2024Z21910: subject changed",
    ]
    after = before.replace("minister-bzk-bruins-slot", "minister-bzk-uitermark").replace("subject: Overbodige", "subject: overbodige")
    assert kamervragen_file(project, "2024Z21910").read_text(encoding="utf-8") == after
    assert cli(project, "import", str(REGISTRY)).stdout.startswith("nothing to change")


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(project):
    result = cli(project, "import", "--dry-run", str(REGISTRY))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("would change data/kamervragen/2024Z21910.yaml: new Kamervragen 2024Z21910") for line in lines)
    assert lines[-1].startswith("dry run: nothing written; ") and lines[-1].endswith(" file(s) would change")
    assert all(line.startswith(("would change ", "dry run: ")) for line in lines)  # never read as a real run
    assert sorted(p.name for p in project.kamervragen_dir.iterdir()) == ["2024Z18656.yaml"]  # the example's own
    real = cli(project, "import", str(REGISTRY)).stdout.splitlines()
    assert [line.removeprefix("would change ") for line in lines[:-1]] == real


def test_a_dry_run_of_the_questions_text_says_would_too(project, tmp_path):
    text = tmp_path / "vragen.txt"
    text.write_text(
        "2025Z01234\nVragen van het lid Erkens (VVD) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties"
        " over proefdocumenten (ingezonden 6 januari 2025).\n\nVraag 1\nKent u het bericht?\n",
        encoding="utf-8",
    )
    result = cli(project, "import-vragen", "--dry-run", "--aan", "minister-bzk-uitermark", str(text))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("would change data/kamervragen/2025Z01234.yaml: ")
    assert lines[-1] == "dry run: nothing written; 1 file(s) would change"
    assert not (project.kamervragen_dir / "2025Z01234.yaml").exists()


# --- the questions' published text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("het lid Erkens (VVD)", (("Erkens", "VVD"),)),
        ("de leden Van Baarle en Azarkan (beiden DENK)", (("Van Baarle", "DENK"), ("Azarkan", "DENK"))),
        ("de leden Kops, Madlener en Van Haga (allen PVV)", (("Kops", "PVV"), ("Madlener", "PVV"), ("Van Haga", "PVV"))),
        ("de leden Bamenga (D66) en De Vries (VVD)", (("Bamenga", "D66"), ("De Vries", "VVD"))),
        ("de leden Omtzigt (NSC), Van Baarle en Azarkan (beiden DENK)", (("Omtzigt", "NSC"), ("Van Baarle", "DENK"), ("Azarkan", "DENK"))),
        ("het lid Omtzigt", (("Omtzigt", None),)),
    ],
)
def test_the_indieners_as_the_header_names_them(who, expected):
    assert members(who) == expected


@pytest.mark.parametrize(
    ("aan", "expected"),
    [
        ("de Minister van Binnenlandse Zaken en Koninkrijksrelaties", ("Minister van Binnenlandse Zaken en Koninkrijksrelaties",)),
        (
            "de Ministers van Binnenlandse Zaken en Koninkrijksrelaties en van Justitie en Veiligheid",
            ("Minister van Binnenlandse Zaken en Koninkrijksrelaties", "Minister van Justitie en Veiligheid"),
        ),
        (
            "de Minister en Staatssecretaris van Financiën",
            ("Minister van Financiën", "Staatssecretaris van Financiën"),
        ),
        (
            "de Minister van Financiën en de Minister voor Klimaat en Groene Groei",
            ("Minister van Financiën", "Minister voor Klimaat en Groene Groei"),
        ),
        (
            "de Staatssecretarissen van Financiën, van Defensie en van Justitie en Veiligheid",
            ("Staatssecretaris van Financiën", "Staatssecretaris van Defensie", "Staatssecretaris van Justitie en Veiligheid"),
        ),
    ],
)
def test_the_roles_asked_as_the_header_names_them(aan, expected):
    assert roles(aan) == expected


@pytest.mark.parametrize(("text", "date"), [("20 december 2024", dt.date(2024, 12, 20)), ("1 mei 2025", dt.date(2025, 5, 1)),
                                            ("31 april 2025", None), ("20 dec 2024", None)])
def test_the_date_sent_in(text, date):
    assert dutch_date(text) == date


def test_the_kamers_page_is_split_into_its_parts():
    read = read_vragen_text((TEXTS / "2024Z21910.txt").read_text(encoding="utf-8").splitlines())
    assert (read.number, read.kamer, read.indieners, read.ingezonden) == ("2024Z21910", "TK", (("Erkens", "VVD"),), dt.date(2024, 12, 20))
    assert read.roles == ("Minister van Binnenlandse Zaken en Koninkrijksrelaties",)
    assert read.subject.startswith("overbodige functies") and read.subject.endswith("op het overheidsapparaat")
    assert [(v.number, v.place.line) for v in read.vragen] == [(1, 5), (2, 8), (3, 11)]
    assert read.vragen[0].text.startswith("Deelt u de mening dat de Rijksoverheid significant is gegroeid")
    assert read.vragen[2].text.count("\n\n") == 1
    assert read.unplaced == ()


def test_numbered_paragraphs_and_the_kamers_footnote_digits_become_each_questions_own_footnotes():
    read = read_vragen_text((TEXTS / "van-baarle-azarkan.txt").read_text(encoding="utf-8").splitlines())
    assert read.number == "2021Z06500" and (read.number_place.line, read.number_place.column) == (2, 2)
    assert read.indieners == (("Van Baarle", "DENK"), ("Azarkan", "DENK"))
    assert [(v.number, v.footnotes) for v in read.vragen] == [
        (1, ("Voorbeeldbron A (samengesteld voor deze test), 12 april 2021.",)),
        (2, ()),
        (3, ("Voorbeeldbron B (samengesteld voor deze test).", "Voorbeeldbron C (samengesteld voor deze test).")),
        (4, ()),
    ]
    assert read.vragen[0].text.endswith("hardnekkig»?[^1]")
    # The Kamer's footnotes 2 and 3 are question 3's first and second.
    assert read.vragen[2].text == (
        "Wat is de stand van zaken van het Nationaal Programma tegen Discriminatie en Racisme?[^1] "
        "Wanneer ontvangt de Kamer de voortgangsrapportage die u heeft toegezegd?[^2]"
    )
    assert read.unplaced == ()


def test_a_digit_is_a_footnote_mark_only_where_the_kamer_puts_one():
    lines = ["2025Z00001", "Vraag 1", "Klopt het dat artikel 3.1 van de wet in 2024?1 Geldt dat voor 1 op de 5 gemeenten?",
             "1 Bron."]
    (vraag,) = read_vragen_text(lines).vragen
    assert vraag.text == "Klopt het dat artikel 3.1 van de wet in 2024?[^1] Geldt dat voor 1 op de 5 gemeenten?"
    assert vraag.footnotes == ("Bron.",)


def test_every_line_that_cannot_be_placed_is_a_located_warning(project):
    text = (TEXTS / "2024Z21910.txt").read_text(encoding="utf-8")
    text = "Tweede Kamer der Staten-Generaal\n  Gepubliceerd op 23 december 2024\n" + text
    text += "\nAntwoord 3\nDe functies worden bezien.\n"
    path = project.root / "vragen.txt"
    path.write_text(text, encoding="utf-8")
    result = cli(project, "import-vragen", "vragen.txt", "--aan", "minister-bzk-uitermark")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "vragen.txt:2:3: warning: 'Gepubliceerd op 23 december 2024' is not a part of the questions this import knows "
        "(the number, 'Vragen van …', 'Vraag 1' or '1.', footnotes); skipped [vragen-text]",
        "vragen.txt:17:1: warning: skipped 'Antwoord 3' and its text up to the next question: import-vragen reads the "
        "questions, not their answers [vragen-text]",
        "0 error(s), 2 warning(s)",
    ]
    written = kamervragen_file(project, "2024Z21910").read_text(encoding="utf-8")
    assert "De functies worden bezien" not in written and written.endswith(ERKENS_QUESTIONS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Vraag 1\nWat?\n", "vragen.txt:1:1: error: no Kamer number (such as 2024Z21910) before the questions"),
        ("2024Z21910\nGeen vragen hier.\n", "vragen.txt:1:1: error: no questions found: expected 'Vraag 1' on a line of its own"),
        ("2024Z21910\nVraag 1\nWat?\nVraag 3\nEn nu?\n", "vragen.txt:4:1: error: question 3 follows question 1"),
    ],
)
def test_a_text_without_number_or_questions_is_an_error_and_nothing_is_written(project, text, message):
    (project.root / "vragen.txt").write_text(text, encoding="utf-8")
    result = cli(project, "import-vragen", "vragen.txt", "--aan", "minister-bzk-uitermark")
    assert result.returncode == 2
    assert message in result.stderr and "[vragen-unreadable]" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in project.kamervragen_dir.iterdir()) == ["2024Z18656.yaml"]  # the example's own


def test_a_role_several_bewindspersonen_hold_needs_aan_or_the_registry(project):
    result = cli(project, "import-vragen", str(TEXTS / "2024Z21910.txt"))
    assert result.returncode == 2
    assert (
        "2024Z21910.txt:3:1: error: the Minister van Binnenlandse Zaken en Koninkrijksrelaties is the role of "
        "minister-bzk-bruins-slot, minister-bzk-plasterk, minister-bzk-uitermark in data/organisation.yaml: name whom "
        "the questions ask with --aan ID, or import the registry's Zaak first (brief import), which names them "
        "[vragen-unreadable]"
    ) in result.stderr
    result = cli(project, "import-vragen", str(TEXTS / "2024Z21910.txt"), "--aan", "minister-bzk-uitermak")
    assert result.returncode == 2 and "did you mean 'minister-bzk-uitermark'" in result.stderr


def test_the_text_after_the_registry_fills_the_questions_and_keeps_aan_and_notes(project):
    assert cli(project, "import", str(REGISTRY)).returncode == 0
    path = kamervragen_file(project, "2024Z21910")
    path.write_text(path.read_text(encoding="utf-8") + "notes: Bron van de vragen is tweedekamer.nl.\n", encoding="utf-8")
    result = cli(project, "import-vragen", str(TEXTS / "2024Z21910.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "data/kamervragen/2024Z21910.yaml: 2024Z21910: questions replaced (0 → 3)",
        "--- a/data/kamervragen/2024Z21910.yaml",
        "+++ b/data/kamervragen/2024Z21910.yaml",
    ]
    assert "-vragen: []" in lines and "+  - number: 3" in lines
    expected = ERKENS_FROM_REGISTRY.replace("vragen: []\n", ERKENS_QUESTIONS) + "notes: Bron van de vragen is tweedekamer.nl.\n"
    assert path.read_text(encoding="utf-8") == expected
    # The registry again: the questions and notes stay; the text again: nothing to change.
    assert cli(project, "import", str(REGISTRY)).stdout.startswith("nothing to change")
    again = cli(project, "import-vragen", str(TEXTS / "2024Z21910.txt"))
    assert again.stdout == "nothing to change: data/ already has these questions\n"
    assert path.read_text(encoding="utf-8") == expected


def test_changed_questions_are_replaced_and_shown_as_a_diff(project):
    project.kamervragen_dir.mkdir(exist_ok=True)
    path = kamervragen_file(project, "2024Z21910")
    path.write_text(ERKENS_FROM_REGISTRY.replace("vragen: []\n", ERKENS_QUESTIONS.replace("adviesorganen er", "organen er")),
                    encoding="utf-8")
    result = cli(project, "import-vragen", str(TEXTS / "2024Z21910.txt"))
    assert result.returncode == 0, result.stderr
    assert "2024Z21910: questions replaced (3 → 3)" in result.stdout
    assert "-    text: Kunt u per ministerie aangeven hoeveel organen er op dit moment zijn?" in result.stdout.splitlines()
    assert "+    text: Kunt u per ministerie aangeven hoeveel adviesorganen er op dit moment zijn?" in result.stdout.splitlines()
    assert path.read_text(encoding="utf-8") == ERKENS_FROM_REGISTRY.replace("vragen: []\n", ERKENS_QUESTIONS)


def test_several_members_and_ministers_with_footnotes(project):
    organisation = project.data_dir / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + JUSTITIE, encoding="utf-8")
    result = cli(project, "import-vragen", str(TEXTS / "van-baarle-azarkan.txt"), "--aan", "minister-bzk-uitermark",
                 "--aan", "minister-jenv-yesilgoz")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "data/kamervragen/2021Z06500.yaml: new Kamervragen 2021Z06500: 4 question(s), due 2021-05-06\n"
    assert kamervragen_file(project, "2021Z06500").read_text(encoding="utf-8") == """\
id: 2021Z06500
kamer: TK
indieners:
  - member: Van Baarle
    fractie: DENK
  - member: Azarkan
    fractie: DENK
aan:
  - minister-bzk-uitermark
  - minister-jenv-yesilgoz
ingezonden: 2021-04-15
subject: de huidige stand van zaken met betrekking tot discriminatie en racisme in Nederland
vragen:
  - number: 1
    text: Bent u bekend met het bericht «Discriminatie op de arbeidsmarkt blijft hardnekkig»?[^1]
    footnotes:
      - Voorbeeldbron A (samengesteld voor deze test), 12 april 2021.
  - number: 2
    text: Hoeveel meldingen van discriminatie zijn in 2020 gedaan bij de antidiscriminatievoorzieningen? Kunt u deze uitsplitsen naar discriminatiegrond?
  - number: 3
    text: Wat is de stand van zaken van het Nationaal Programma tegen Discriminatie en Racisme?[^1] Wanneer ontvangt de Kamer de voortgangsrapportage die u heeft toegezegd?[^2]
    footnotes:
      - Voorbeeldbron B (samengesteld voor deze test).
      - Voorbeeldbron C (samengesteld voor deze test).
  - number: 4
    text: Bent u bereid deze vragen elk afzonderlijk te beantwoorden?
"""
    repository, problems = load_repository(project)
    assert repository is not None and [v.number for v in repository.kamervragen["2021Z06500"].vragen] == [1, 2, 3, 4]


def test_a_role_nobody_holds_is_an_error(project):
    result = cli(project, "import-vragen", str(TEXTS / "van-baarle-azarkan.txt"))
    assert result.returncode == 2
    assert (
        "van-baarle-azarkan.txt:3:1: error: no bewindspersoon in data/organisation.yaml is the Minister van Justitie "
        "en Veiligheid: add them there, or name whom the questions ask with --aan ID [vragen-unreadable]"
    ) in result.stderr


def docx_with_footnote(path: Path) -> None:
    """The Kamer's questions as a Word file: paragraphs, and a real footnote (python-docx
    writes no footnotes itself, so the part is added as Word has it)."""
    document = docx.Document()
    for line in (TEXTS / "2024Z21910.txt").read_text(encoding="utf-8").splitlines():
        if line:
            document.add_paragraph(line)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> NOS, 19 december 2024.</w:t>'
        "</w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        footnotes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    question = next(p for p in document.paragraphs if p.text.startswith("Deelt u"))
    question.runs[0].text = "Deelt u de mening dat de Rijksoverheid significant is gegroeid?"
    question.add_run()._r.append(parse_xml(f'<w:footnoteReference {w} w:id="1"/>'))
    question.add_run(" Zo nee, waarom niet?")
    document.save(path)


def test_a_docx_is_read_with_its_footnotes(project, tmp_path):
    path = tmp_path / "vragen.docx"
    docx_with_footnote(path)
    result = cli(project, "import-vragen", str(path), "--aan", "minister-bzk-uitermark")
    assert result.returncode == 0, result.stderr
    written = kamervragen_file(project, "2024Z21910").read_text(encoding="utf-8")
    assert (
        "  - number: 1\n    text: Deelt u de mening dat de Rijksoverheid significant is gegroeid?[^1] Zo nee, waarom niet?\n"
        "    footnotes:\n      - NOS, 19 december 2024.\n  - number: 2\n"
    ) in written
    assert "Kunt u daarbij aangeven" in written


def test_a_file_that_is_no_docx_is_a_located_error(project):
    (project.root / "vragen.docx").write_text("geen Word", encoding="utf-8")
    result = cli(project, "import-vragen", "vragen.docx")
    assert result.returncode == 2
    assert "vragen.docx:1:1: error: cannot read the DOCX: File is not a zip file [docx]" in result.stderr


def test_a_held_lock_is_waited_on_then_reported_and_nothing_written(project, monkeypatch):
    monkeypatch.setenv("BRIEF_LOCK_WAIT", "0.3")
    shutil.copy(TEXTS / "2024Z21910.txt", project.root / "vragen.txt")
    with repository_lock(project.data_dir, "data/.brief.lock"):
        started = time.monotonic()
        result = cli(project, "import-vragen", "vragen.txt", "--aan", "minister-bzk-uitermark")
        waited = time.monotonic() - started
    assert result.returncode == 2 and "[locked]" in result.stderr and waited >= 0.3
    assert not kamervragen_file(project, "2024Z21910").exists()


def test_a_set_the_registry_agrees_with_is_left_as_it_is_written(project):
    """An unchanged set is compared on the model, not laid out again: its own layout stays, unreported."""
    assert cli(project, "import", str(REGISTRY)).returncode == 0
    path = kamervragen_file(project, "2024Z21910")
    flow = path.read_text(encoding="utf-8").replace("aan:\n  - minister-bzk-uitermark\n", "aan: [minister-bzk-uitermark]\n")
    path.write_text(flow, encoding="utf-8")
    again = cli(project, "import", str(REGISTRY))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("nothing to change")
    assert path.read_text(encoding="utf-8") == flow
