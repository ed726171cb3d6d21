"""Build the example nota's and read them back: metadata, sections, Bijlagen, lists from data."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build, check, load_repository

from .conftest import W, footnotes, part, parts_named, write_brief
from .test_bad_input import build_fails


def column(header) -> dict[str, list[str]]:
    """The reference column as label -> values (bold labels, values below)."""
    blocks: dict[str, list[str]] = {}
    label = None
    for paragraph in header.paragraphs:
        if paragraph.style.name == "Sender Column Heading":
            label = paragraph.text
            blocks[label] = []
        elif paragraph.style.name == "Sender Column" and label and paragraph.text:
            blocks[label].append(paragraph.text)
    return blocks


def test_metadata_column_with_derived_bijlagen_count(built):
    document = docx.Document(built["nota-focusgroepenonderzoek-racisme"])
    header = document.sections[0].first_page_header
    status = [p.text for p in header.paragraphs if p.style.name == "Status Line"]
    assert status == ["TER ONDERTEKENING"]
    assert column(header) == {
        "Nota actief openbaar": ["Ja"],
        "Onze referentie": ["2024-0000847827"],
        "Datum": ["25 oktober 2024"],
        "Opgesteld door": ["[REDACTED]"],
        "Samengewerkt met": ["[REDACTED]"],
        "Bijlage(n)": ["2"],  # counted from the bijlagen list, never typed
    }
    labels = [p.text for p in header.paragraphs if p.style.name == "Sender Column Heading"]
    assert labels == ["Nota actief openbaar", "Onze referentie", "Datum", "Opgesteld door", "Samengewerkt met", "Bijlage(n)"]


def test_onze_referentie_and_datum_repeat_on_later_pages(built):
    document = docx.Document(built["nota-tekenexemplaren-per-racisme"])
    assert column(document.sections[0].header) == {"Onze referentie": ["2024-0000078748"], "Datum": ["8 februari 2024"]}
    first = column(document.sections[0].first_page_header)
    assert first["Samengewerkt met"] == [] and first["Bijlage(n)"] == ["0"]


def test_aan_van_title_and_sections_in_order(built):
    document = docx.Document(built["nota-tekenexemplaren-per-racisme"])
    opening = [(p.style.name, p.text) for p in document.paragraphs[:4]]
    assert opening == [
        ("Nota Meta", "Aan de staatssecretaris van BZK"),
        ("Nota Meta", "Van DGDOO"),
        ("Document Type", "nota"),
        ("Nota Title", "Tekenexemplaren Kamerbrief PER racisme"),
    ]
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sections == ["Aanleiding", "Geadviseerd besluit", "Kern", "Toelichting", "Uitvoering"]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ["Communicatie"]
    assert document.tables == []  # no bijlagen, no table


def test_bijlagen_table_closes_the_nota(built):
    path = built["nota-focusgroepenonderzoek-racisme"]
    document = docx.Document(path)
    body = [child.tag for child in document.element.body.iterchildren()]
    assert body[-2:] == [f"{W}tbl", f"{W}sectPr"]  # nothing after the table
    assert document.paragraphs[-1].text == "Bijlagen"
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Volgnummer", "Naam", "Informatie"]
    assert [row[:2] for row in rows[1:]] == [
        ["1", "Maatregelen diversiteit- en inclusiebeleid Rijk"],
        ["2", "Focusgroepenonderzoek racisme binnen de Rijksoverheid"],
    ]
    assert rows[1][2].startswith("Overzicht van maatregelen") and rows[1][2].endswith("motie Chakor c.s.")
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs) or all(
        cell.paragraphs[0].style.name == "Table Heading" for cell in table.rows[0].cells
    )


def test_nota_has_page_numbers_and_properties(built):
    path = built["nota-focusgroepenonderzoek-racisme"]
    for name in parts_named(path, "word/footer"):
        assert [t.text.strip() for t in part(path, name).iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    properties = docx.Document(path).core_properties
    assert (properties.title, properties.subject, properties.identifier) == (
        "Focusgroepenonderzoek Racisme binnen de Rijksoverheid", "Nota", "2024-0000847827"
    )


def test_seed_000_lists_the_writers_words_and_the_registers(built, project):
    """Kern in the writer's words (each item marked with what it answers, seed 000's own
    phrasing); Toelichting a)-m) all promises of the debate, in the register's text."""
    repository, _ = load_repository(project)
    path = built["nota-voortgang-aanpak-racisme"]
    document = docx.Document(path)
    paragraphs = [p.text for p in document.paragraphs]
    kern = paragraphs[paragraphs.index("Kern") + 2 : paragraphs.index("Kern") + 8]
    assert kern[0] == "Een model voor een beleids- en effectrapportage van departementen over de aanpak van racisme en discriminatie,"
    assert kern[4] == "Oprichting van één meldloket voor klachten over ongewenst gedrag en integriteitsmeldingen."
    assert "De brief gaat ook in op de volgende motie van het lid Bamenga:" in paragraphs
    assert any(p.startswith("Verzoekt de regering om in functieomschrijvingen") for p in paragraphs)
    toelichting = paragraphs[paragraphs.index("Toelichting") + 2 : paragraphs.index("Bijlagen")]
    assert len(toelichting) == 13  # a) to m)
    assert toelichting[0] == "Rijksbrede klachtencommissie in werking per 1 januari 2025 (motie Rajkowski c.s.)."
    assert toelichting[1] == "Onderzoek naar uw doorzettingsmacht ten aanzien van andere departementen (motie Chakor)."
    assert toelichting[2] == repository.commitments["per-racisme-c"].text
    assert toelichting[7].endswith("vrij van racisme en discriminatie (motie Bamenga).")
    numbering = part(path, "word/numbering.xml")
    formats = {(lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val")) for lvl in numbering.iter(f"{W}lvl")}
    assert ("lowerLetter", "%1)") in formats  # a) b) c) as in the seed
    assert footnotes(path) == ["Kamerstukken II 2024/25, 30 950, nr. 433."]


def test_nota_is_held_to_what_the_letter_answers(project):
    """A Kern item marked {answers="per-racisme-g"} is refused once the letter no longer
    answers it: the nota's words may differ from the register, its claims may not."""
    letter = project.briefs_dir / "voortgang-aanpak-racisme.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("  - per-racisme-g\n", ""), encoding="utf-8")
    nota = project.briefs_dir / "nota-voortgang-aanpak-racisme.md"
    line = next(n for n, text in enumerate(nota.read_text(encoding="utf-8").splitlines(), 1) if "escalatieladder" in text)
    problems = [str(d) for d in check(project, ["nota-voortgang-aanpak-racisme"])]
    assert problems == [
        f"briefs/nota-voortgang-aanpak-racisme.md:{line}:3: error: this passage answers 'per-racisme-g', "
        "which is not answered by the Kamerbrief it accompanies [not-in-answers]"
    ]


NOTA = """
type: nota
ter: beslissing
date: 2025-03-01
onze_referentie: 2025-0000000001
actief_openbaar: false
opgesteld_door: A. Auteur
aan: minister-bzk-uitermark
title: Testnota
status: concept
"""
SECTIONS = "# Aanleiding\n\nA.\n\n# Geadviseerd besluit\n\nB.\n\n# Kern\n\nC.\n\n# Toelichting\n\nD.\n"


def test_a_minimal_nota_builds_with_nee_and_no_bijlagen(project):
    write_brief(project, "testnota", NOTA, SECTIONS + "\n# Communicatie\n\nE.\n")
    result = build(project, ["testnota"])
    assert result.ok, result.diagnostics
    document = docx.Document(result.written[0])
    assert column(document.sections[0].first_page_header)["Nota actief openbaar"] == ["Nee"]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][-1] == "Communicatie"


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            SECTIONS.replace("# Kern\n\nC.\n\n", ""),
            ["briefs/testnota.md:12:1: error: missing section 'Kern' in nota"],
        ),
        (
            SECTIONS.replace("# Toelichting", "# Toelichtng"),
            ["briefs/testnota.md:12:1: error: missing section 'Toelichting' in nota (is it misspelled as 'Toelichtng'?)"],
        ),
        (
            "# Geadviseerd besluit\n\nB.\n\n# Aanleiding\n\nA.\n\n# Kern\n\nC.\n\n# Toelichting\n\nD.\n",
            ["briefs/testnota.md:16:1: error: section 'Aanleiding' is out of order: "
             "write Aanleiding → Geadviseerd besluit → Kern → Toelichting"],
        ),
        (
            SECTIONS + "\n# Kern\n\nNog eens.\n",
            ["briefs/testnota.md:28:1: error: section 'Kern' appears twice (first on line 20)"],
        ),
        (
            "Inleiding.\n\n" + SECTIONS,
            ["briefs/testnota.md:12:1: error: text before the first section: a nota starts with '# Aanleiding'"],
        ),
        (
            "# Aanleiding\n\nA.\n\n# Communicatie\n\nX.\n\n# Geadviseerd besluit\n\nB.\n\n# Kern\n\nC.\n\n# Toelichting\n\nD.\n",
            ["briefs/testnota.md:16:1: error: section 'Communicatie' comes too early: optional sections follow 'Kern'"],
        ),
    ],
    ids=["missing", "misspelled", "order", "twice", "preamble", "optional-too-early"],
)
def test_section_errors_are_located(project, body, expected):
    write_brief(project, "testnota", NOTA, body)
    assert build_fails(project, "testnota") == expected
    assert not (project.out_dir / "testnota.docx").exists()


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("ter: beslissing", "ter: beslisssing",
         "briefs/testnota.md:3:6: error: 'beslisssing' is not allowed in field 'ter' of front matter; "
         "use one of 'ondertekening', 'beslissing', 'informatie', 'accordering' (did you mean 'beslissing'?)"),
        ("actief_openbaar: false", "actief_openbaar: Nee",
         "briefs/testnota.md:6:18: error: expected true or false in field 'actief_openbaar' of front matter, got 'Nee'"),
        ("aan: minister-bzk-uitermark", "aan: minister-bzk-uitermak",
         "briefs/testnota.md:8:6: error: unknown bewindspersoon 'minister-bzk-uitermak' (did you mean 'minister-bzk-uitermark'?)"),
        ("status: concept", "status: concept\nkamerbrief: voortgang-aanpak-racism",
         "briefs/testnota.md:11:13: error: unknown brief 'voortgang-aanpak-racism' (did you mean 'voortgang-aanpak-racisme'?)"),
        ("status: concept", "status: concept\nkamerbrief: nota-tekenexemplaren-per-racisme",
         "briefs/testnota.md:11:13: error: 'nota-tekenexemplaren-per-racisme' is a nota, not a letter to the Kamer"),
        ("status: concept", "status: concept\nbijlagen:\n  - naam: X\n    informatei: Y",
         "briefs/testnota.md:13:5: error: unknown field 'informatei' in bijlage (did you mean 'informatie'?)"),
        ("type: nota", "type: notaa",
         "briefs/testnota.md:2:7: error: unknown brief type 'notaa'; use one of 'kamerbrief', 'nota', 'so-beantwoording', "
         "'kamervragen-antwoord', 'kamervragen-uitstel' "
         "(did you mean 'nota'?)"),
    ],
    ids=["ter", "actief-openbaar", "aan", "kamerbrief", "kamerbrief-is-nota", "bijlage-field", "type"],
)
def test_front_matter_errors_are_located(project, old, new, expected):
    write_brief(project, "testnota", NOTA.replace(old, new), SECTIONS)
    assert expected in build_fails(project, "testnota")


def test_bijlagen_table_has_rules_a_narrow_volgnummer_and_a_wide_naam(built):
    """LibreOffice lays a table out by its grid: without one the three columns were a third each,
    Volgnummer as wide as Naam, whose long name wrapped on four lines; nor were there any rules."""
    from docx.shared import Mm

    path = built["nota-voortgang-aanpak-racisme"]
    (table,) = docx.Document(path).tables
    grid = [column.width for column in table.columns]
    assert sum(grid) == pytest.approx(Mm(124), abs=Mm(0.1))  # the text width, no more
    volgnummer, naam, informatie = grid
    assert volgnummer < Mm(26) and naam > Mm(65) and informatie > Mm(28)
    for row in table.rows:
        assert [cell.width for cell in row.cells] == grid  # what Word reads
    properties = table._tbl.tblPr
    assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    rules = properties.find(f"{W}tblBorders")
    assert [(rule.tag.removeprefix(W), rule.get(f"{W}val")) for rule in rules] == [
        (side, "single") for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    ]
    # The other example's names are shorter: Naam narrows, Informatie gets the room.
    (other,) = docx.Document(built["nota-focusgroepenonderzoek-racisme"]).tables
    assert Mm(35) <= other.columns[1].width < naam and other.columns[2].width > informatie
