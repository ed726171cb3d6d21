"""`brief overview`: the toezeggingenoverzicht, read back from the DOCX (python-docx), the CSV and a PDF.

The library tests build coverage rows by hand (``row()``), one lifecycle path each; the CLI
tests run the command on a copy of the example repository; one test renders the document with
LibreOffice and reads the PDF back with poppler.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from builder.lifecycle import Answer as Letter, Event
from builder.model import Bewindspersoon
from builder.overview import (
    CLOSED_HEADING, COLUMN_WIDTHS, COLUMNS, CSV_COLUMNS, MARGIN_SIDE, OPEN_HEADING, as_csv, as_docx, build_overview,
)

from .conftest import REPO, require_tool, run_cli

AS_OF = dt.date(2025, 5, 1)
REFERENCE = REPO / "templates" / "reference.docx"
UITERMARK, BRUINS_SLOT = "minister-bzk-uitermark", "minister-bzk-bruins-slot"
PEOPLE = {
    key: Bewindspersoon(id=key, role="De Minister van BZK", short="de minister van BZK", name=name)
    for key, name in ((BRUINS_SLOT, "H.G.J. Bruins Slot"), (UITERMARK, "J.J.M. Uitermark"))
}
MINISTRY = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
NR_433 = "Kamerstukken II 2024/25, 30 950, nr. 433"
NR_451 = "Kamerstukken II 2024/25, 30 950, nr. 451"


# --- coverage rows by hand, with the attributes of builder.coverage.CoverageRow (its letters
# and events are builder.lifecycle's own) -----------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    status: str
    kind: str = "toezegging"
    kamer: str = "TK"
    made: dt.date = dt.date(2024, 9, 12)
    made_kind: str | None = "dertigledendebat"
    made_source: str | None = None
    to: str | None = None
    due: dt.date | None = None
    due_phrase: str | None = None
    first_due: dt.date | None = None
    by: str | None = UITERMARK
    letters: tuple[Letter, ...] = ()
    reason: str | None = None
    flags: tuple[str, ...] = ()
    history: tuple[Event, ...] = ()
    recurs: str | None = None
    closed_on: dt.date | None = None
    late_days: int | None = None
    recess: str | None = None
    asked: tuple[str, ...] = ()
    indieners: str | None = None
    made_in: str | None = None
    commitments: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return self.status in ("open", "uitgesteld", "deels voldaan", "deels uitgevoerd", "lopend")

    @property
    def postponed(self) -> bool:
        return any(event.kind == "uitgesteld" for event in self.history)


def letter(day: dt.date, kamerstuk: str | None = None, role: str = "antwoord", title: str = "Voortgang") -> Letter:
    return Letter(f"brief-{day.isoformat()}", "verzonden", day, title, kamerstuk, role)


def row(key: str, status: str, *events: Event, due: dt.date | None = dt.date(2025, 1, 31), **fields) -> Row:
    first = fields.pop("first_due", due)
    made = Event("gedaan", fields.get("made", dt.date(2024, 9, 12)), due=first)
    closed = next((e.date for e in events if e.kind == "beantwoord"), None) if status == "voldaan" else None
    return Row(
        key, fields.pop("text", f"Toezegging {key}."), status, due=due, first_due=first, history=(made, *events),
        letters=tuple(e.letter for e in events if e.letter), closed_on=closed, **fields,
    )


POSTPONED = row(
    "uitstel", "uitgesteld",
    Event("uitgesteld", dt.date(2025, 1, 27), letter(dt.date(2025, 1, 27), NR_433, "uitstel"), dt.date(2025, 6, 1),
          dt.date(2025, 1, 31), "de resultaten van het onderzoek zijn er pas in het voorjaar."),
    due=dt.date(2025, 6, 1), first_due=dt.date(2025, 1, 31), due_phrase="voor eind januari 2025",
)
PART = row(
    "deels", "deels voldaan",
    Event("deels beantwoord", dt.date(2025, 1, 27), letter(dt.date(2025, 1, 27), NR_433, "deelantwoord"),
          note="de cijfers over 2024"),
    due=dt.date(2025, 3, 1),
)
ANSWERED = row(
    "T03545", "voldaan", Event("beantwoord", dt.date(2025, 4, 14), letter(dt.date(2025, 4, 14), NR_451)),
    kamer="EK", by=BRUINS_SLOT, made_kind="plenair debat", made=dt.date(2022, 12, 20),
    made_source="Handelingen I 2022/23, nr. 14, item 3", to="het lid Koole (PvdA)",
)
RECURRING = row(
    "jaarlijks", "lopend",
    Event("beantwoord", dt.date(2025, 7, 1), letter(dt.date(2025, 7, 1), title="Jaarrapportage sociale veiligheid")),
    due=dt.date(2026, 7, 3), first_due=dt.date(2025, 7, 4), due_phrase="voor het zomerreces 2025", recurs="yearly",
)
INFORMED = "De Kamer is geïnformeerd in het debat van 3 maart."
CLOSED_BY_REASON = row("reden", "voldaan", Event("afgedaan", None, note=INFORMED))
LAPSED = row("vervallen", "vervallen", Event("vervallen", None, note="door de val van het kabinet"))
OPEN = row(
    "open", "open", due=dt.date(2025, 2, 15), made_kind="Kamervragen", to="de vaste commissie voor Binnenlandse Zaken"
)
MOTION = row("motie-x", "open", kind="motie")


def overview(*rows: Row, **filters):
    return build_overview(rows, PEOPLE, MINISTRY, AS_OF, **filters)


def cells(entry) -> dict[str, tuple[str, ...]]:
    return dict(zip(COLUMNS, entry.cells, strict=True))


# --- the stand van zaken, the termijn, where it was made -----------------------------------------


def test_each_lifecycle_path_told_in_the_stand_van_zaken():
    made = {entry.cells[1][0]: cells(entry) for entry in overview(
        POSTPONED, PART, ANSWERED, RECURRING, CLOSED_BY_REASON, LAPSED, OPEN).entries}
    assert made["Toezegging uitstel."]["Stand van zaken"] == (
        f"Uitgesteld bij brief van 27 januari 2025 ({NR_433}) naar 1 juni 2025: "
        "de resultaten van het onderzoek zijn er pas in het voorjaar.",
    )
    assert made["Toezegging deels."]["Stand van zaken"] == (
        f"Deels afgedaan met brief van 27 januari 2025 ({NR_433}); nog te doen: de cijfers over 2024.",
    )
    assert made["Toezegging T03545."]["Stand van zaken"] == (f"Afgedaan met brief van 14 april 2025 ({NR_451}).",)
    assert made["Toezegging jaarlijks."]["Stand van zaken"] == (
        "Beantwoord met brief van 1 juli 2025 («Jaarrapportage sociale veiligheid»).",
        "Loopt; jaarlijks, volgende keer 3 juli 2026.",
    )
    assert made["Toezegging reden."]["Stand van zaken"] == (f"Afgedaan. {INFORMED}",)
    assert made["Toezegging vervallen."]["Stand van zaken"] == ("Vervallen. Door de val van het kabinet.",)
    assert made["Toezegging open."]["Stand van zaken"] == ("Loopt; termijn 15 februari 2025.",)


def test_a_postponement_then_the_answer_both_stay_in_the_history():
    answered = row(
        "later", "voldaan", *POSTPONED.history[1:],
        Event("beantwoord", dt.date(2025, 4, 14), letter(dt.date(2025, 4, 14), NR_451)),
        due=dt.date(2025, 6, 1), first_due=dt.date(2025, 1, 31),
    )
    (entry,) = overview(answered).entries
    assert [line.split(" (")[0] for line in cells(entry)["Stand van zaken"]] == [
        "Uitgesteld bij brief van 27 januari 2025", "Afgedaan met brief van 14 april 2025",
    ]
    assert cells(entry)["Termijn"] == ("31 januari 2025", "uitgesteld naar 1 juni 2025")


def test_termijn_as_promised_and_as_in_force():
    made = {entry.cells[1][0]: cells(entry)["Termijn"] for entry in overview(POSTPONED, RECURRING, OPEN).entries}
    assert made["Toezegging uitstel."] == ("Voor eind januari 2025 (31 januari 2025)", "uitgesteld naar 1 juni 2025")
    assert made["Toezegging jaarlijks."] == ("Voor het zomerreces 2025 (4 juli 2025)", "jaarlijks")
    assert made["Toezegging open."] == ("15 februari 2025",)
    (dated,) = overview(row("per", "open", due_phrase="per 1 januari 2025", due=dt.date(2025, 1, 1))).entries
    assert cells(dated)["Termijn"] == ("Per 1 januari 2025",)  # the date is in the phrase already
    (undated,) = overview(row("geen", "open", due=None)).entries
    assert cells(undated)["Termijn"] == ("Geen termijn",)
    assert cells(undated)["Stand van zaken"] == ("Loopt.",)


def test_where_it_was_made_and_the_register_number():
    asked, answered = overview(ANSWERED, OPEN).entries  # open first
    assert cells(answered)["Toezegging"] == ("Toezegging T03545.", "(T03545)")
    assert cells(answered)["Gedaan tijdens"] == (
        "Plenair debat van 20 december 2022", "Handelingen I 2022/23, nr. 14, item 3", "aan het lid Koole (PvdA)",
    )
    assert cells(asked)["Toezegging"] == ("Toezegging open.",)  # a slug is no register number
    assert cells(asked)["Gedaan tijdens"] == (
        "Antwoorden op Kamervragen van 12 september 2024", "aan de vaste commissie voor Binnenlandse Zaken",
    )
    (tk,) = overview(row("TZ202409-071", "open")).entries
    assert cells(tk)["Toezegging"][1] == "(TZ202409-071)"


# --- grouping, order, numbering and filters -------------------------------------------------------


def test_open_before_closed_by_due_date_numbered_through():
    result = overview(LAPSED, ANSWERED, OPEN, POSTPONED, PART, CLOSED_BY_REASON, MOTION, RECURRING)
    assert [(t.heading, t.subheading) for t in result.tables] == [
        (OPEN_HEADING, "De minister van BZK (J.J.M. Uitermark)"),
        (CLOSED_HEADING, "De minister van BZK (H.G.J. Bruins Slot)"),
        (CLOSED_HEADING, "De minister van BZK (J.J.M. Uitermark)"),
    ]
    assert [(e.number, e.cells[1][0].split()[1].rstrip(".")) for e in result.entries] == [
        (1, "open"), (2, "deels"), (3, "uitstel"), (4, "jaarlijks"),  # by the termijn in force
        (5, "T03545"),
        (6, "reden"), (7, "vervallen"),
    ]
    assert all(entry.cells[0] == (str(entry.number),) for entry in result.entries)
    assert result.scope == "Toezeggingen aan de Tweede en de Eerste Kamer"


def test_filters_kamer_bewindspersoon_and_open():
    rows = (LAPSED, ANSWERED, OPEN, POSTPONED, PART, RECURRING)
    assert [e.cells[1][0] for e in overview(*rows, kamer="EK").entries] == ["Toezegging T03545."]
    by = overview(*rows, by=BRUINS_SLOT)
    assert [e.cells[1][0] for e in by.entries] == ["Toezegging T03545."]
    assert [t.subheading for t in by.tables] == [None]  # one bewindspersoon: no subheadings
    assert by.scope == "Toezeggingen aan de Tweede en de Eerste Kamer van de minister van BZK (H.G.J. Bruins Slot)"
    still_open = overview(*rows, open_only=True, kamer="TK")
    assert [t.heading for t in still_open.tables] == [OPEN_HEADING]
    assert len(still_open.entries) == 4
    assert still_open.scope == "Toezeggingen aan de Tweede Kamer"


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_has_the_table_columns_and_defuses_formulas():
    evil = row("evil", "open", text='=HYPERLINK("http://evil.example","klik")')
    text = as_csv(overview(POSTPONED, evil, ANSWERED))
    lines = list(csv.reader(io.StringIO(text)))
    assert tuple(lines[0]) == CSV_COLUMNS
    by_number = {line[0]: dict(zip(CSV_COLUMNS, line, strict=True)) for line in lines[1:]}
    assert by_number["1"]["Toezegging"] == "'" + evil.text
    assert by_number["2"]["Termijn"] == "Voor eind januari 2025 (31 januari 2025)\nuitgesteld naar 1 juni 2025"
    assert by_number["2"]["Status"] == "uitgesteld"
    assert by_number["3"]["Toezegging"] == "Toezegging T03545.\n(T03545)"
    assert by_number["3"]["Bewindspersoon"] == "De minister van BZK (H.G.J. Bruins Slot)"


# --- DOCX ----------------------------------------------------------------------------------------


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_table_in_the_house_style_landscape_with_a_repeated_header(tmp_path):
    document = open_docx(as_docx(overview(POSTPONED, PART, ANSWERED, RECURRING, LAPSED), REFERENCE))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(COLUMN_WIDTHS) - text_width) < Mm(0.1)  # the columns fill it (the page is in whole twips)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[:4] == [
        ("Title", "Overzicht toezeggingen"), ("Nota Meta", MINISTRY),
        ("Nota Meta", "Toezeggingen aan de Tweede en de Eerste Kamer"), ("Body Text", "Stand van zaken per 1 mei 2025"),
    ]
    assert [text for style, text in paragraphs if style.startswith("Heading")] == [
        OPEN_HEADING, "De minister van BZK (J.J.M. Uitermark)",
        CLOSED_HEADING, "De minister van BZK (H.G.J. Bruins Slot)", "De minister van BZK (J.J.M. Uitermark)",
    ]
    first = document.tables[0]
    assert first.style.name == "Table"
    header = first.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in first.rows[1:])
    assert [cell.text for cell in header.cells] == list(COLUMNS)
    assert {p.style.name for cell in header.cells for p in cell.paragraphs} == {"Table Heading"}
    assert table_texts(first)[1] == [
        "1", "Toezegging deels.", "Dertigledendebat van 12 september 2024", "1 maart 2025",
        f"Deels afgedaan met brief van 27 januari 2025 ({NR_433}); nog te doen: de cijfers over 2024.",
    ]
    assert [p.text for p in first.rows[3].cells[4].paragraphs] == [
        "Beantwoord met brief van 1 juli 2025 («Jaarrapportage sociale veiligheid»).",
        "Loopt; jaarlijks, volgende keer 3 juli 2026.",
    ]
    assert {p.style.name for row in first.rows[1:] for cell in row.cells for p in cell.paragraphs} == {"Compact"}
    assert [table_texts(t)[1][0] for t in document.tables] == ["1", "4", "5"]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Overzicht toezeggingen — pagina ")
    assert [i.text.strip() for i in footer._p.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert document.core_properties.title == f"Overzicht toezeggingen — {MINISTRY}"


def test_an_empty_selection_says_so():
    document = open_docx(as_docx(overview(ANSWERED, kamer="TK"), REFERENCE))
    assert document.tables == []
    assert "Er zijn geen toezeggingen die aan deze keuze voldoen." in [p.text for p in document.paragraphs]


def test_the_same_input_gives_the_same_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746057600")
    built = [as_docx(overview(POSTPONED, ANSWERED), REFERENCE) for _ in range(2)]
    assert built[0] == built[1]


# --- the command -----------------------------------------------------------------------------------


def run_overview(project, *args: str):
    result = run_cli("overview", "--as-of", AS_OF.isoformat(), *args, cwd=project.root)
    assert "Traceback" not in result.stderr
    return result


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_command_writes_the_docx_and_the_csv_with_the_same_rows(project):
    result = run_overview(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["wrote out/toezeggingen.docx", "wrote out/toezeggingen.csv"]
    document = Document(str(project.out_dir / "toezeggingen.docx"))
    from_docx = [
        [cell.text for cell in row.cells] for table in document.tables for row in table.rows[1:]
    ]
    from_csv = [[line[column] for column in COLUMNS] for line in read_csv(project.out_dir / "toezeggingen.csv")]
    assert from_docx == from_csv
    assert [line[0] for line in from_csv] == [str(n) for n in range(1, len(from_csv) + 1)]
    texts = {line[1]: line for line in from_csv}
    t03545 = next(line for text, line in texts.items() if text.endswith("(T03545)"))
    assert t03545[2].splitlines() == [
        "Plenair debat van 20 december 2022", "Handelingen I 2022/23, nr. 14, item 3", "aan het lid Koole (PvdA)",
    ]
    assert any(line[4].splitlines()[-1] == f"Afgedaan met brief van 14 april 2025 ({NR_451})." for line in from_csv)
    assert not list(project.out_dir.glob(".*.tmp"))


def test_kamer_and_by_filter_the_command(project):
    assert run_overview(project, "--kamer", "EK", "-o", "out/ek.docx").returncode == 0
    assert [line["Toezegging"].splitlines()[-1] for line in read_csv(project.out_dir / "ek.csv")] == ["(T01970)", "(T03545)"]
    assert run_overview(project, "--by", BRUINS_SLOT, "-o", "out/bs.docx").returncode == 0
    lines = read_csv(project.out_dir / "bs.csv")
    assert len(lines) == 3
    assert {line["Bewindspersoon"] for line in lines} == {"De minister van BZK (H.G.J. Bruins Slot)"}


def test_a_lapsed_commitment_is_told_with_its_reason(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: T03545")  # no letter in briefs/ names it
    text = text[:start] + text[start:].replace("    status: voldaan\n", "    status: vervallen\n", 1)
    path.write_text(text, encoding="utf-8")
    assert run_overview(project).returncode == 0
    (line,) = [line for line in read_csv(project.out_dir / "toezeggingen.csv") if line["Status"] == "vervallen"]
    assert line["Stand van zaken"] == (
        "Vervallen. Beantwoord met de brief van 9 februari 2024 (Kamerstukken I 2023/24, 35 741, F)."
    )


def test_an_unknown_bewindspersoon_is_a_located_error_with_a_suggestion(project):
    result = run_overview(project, "--by", "minister-bzk-uitermrak")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "data/organisation.yaml:1:1: error: --by: unknown bewindspersoon 'minister-bzk-uitermrak' "
        "(did you mean 'minister-bzk-uitermark'?) [unknown-id]"
    )
    assert not project.out_dir.exists()


def test_bad_output_paths_are_refused(project):
    not_docx = run_overview(project, "-o", "out/toezeggingen.pdf")
    assert not_docx.returncode == 2
    assert "does not end in .docx" in not_docx.stderr
    missing = run_overview(project, "-o", "nergens/toezeggingen.docx")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[0] == (
        "nergens/toezeggingen.docx:1:1: error: cannot write: there is no directory 'nergens' [write]"
    )
    assert not (project.root / "nergens").exists()


def test_both_files_or_neither_and_a_killed_run_s_temporaries_cleared(project):
    project.out_dir.mkdir()
    stale = project.out_dir / ".toezeggingen.docx.999999999.abcd1234.tmp"  # its writer is long gone
    stale.write_bytes(b"half")
    (project.out_dir / "toezeggingen.csv").mkdir()
    blocked = run_overview(project)
    assert blocked.returncode == 2
    assert blocked.stderr.splitlines()[0] == "out/toezeggingen.csv:1:1: error: cannot write: Is a directory [write]"
    assert sorted(path.name for path in project.out_dir.iterdir()) == ["toezeggingen.csv"]  # no docx, no temporary
    (project.out_dir / "toezeggingen.csv").rmdir()
    assert run_overview(project).returncode == 0
    assert sorted(path.name for path in project.out_dir.iterdir()) == ["toezeggingen.csv", "toezeggingen.docx"]


def test_broken_data_is_reported_and_nothing_written(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    status: voldaan\n", "    statsu: voldaan\n", 1), encoding="utf-8")
    result = run_overview(project)
    assert result.returncode == 2
    assert "unknown field 'statsu'" in result.stderr and "[unknown-field]" in result.stderr
    assert not (project.out_dir / "toezeggingen.docx").exists()


# --- a word processor lays it out ------------------------------------------------------------------


def test_libreoffice_renders_it_landscape_with_the_table_inside_the_page(project, tmp_path):
    """One soffice run (about 3 s): the PDF has the header row on every page and nothing past the margins."""
    soffice = require_tool("soffice", "libreoffice-writer")
    require_tool("pdftotext", "poppler-utils")
    assert run_overview(project).returncode == 0
    profile = tmp_path / "profile"
    started = time.monotonic()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(project.out_dir / "toezeggingen.docx")],
        env={**os.environ, "HOME": str(profile)}, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 10
    pdf = tmp_path / "toezeggingen.pdf"
    namespace = "{http://www.w3.org/1999/xhtml}"
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = list(etree.fromstring(layout.stdout.encode()).iter(f"{namespace}page"))
    assert len(pages) >= 2  # the example's sixteen toezeggingen take more than one page
    for page in pages:
        width = float(page.get("width"))
        assert width > float(page.get("height"))  # landscape
        words = list(page.iter(f"{namespace}word"))
        margin = MARGIN_SIDE.pt - 1
        assert min(float(w.get("xMin")) for w in words) >= margin
        assert max(float(w.get("xMax")) for w in words) <= width - margin
        texts = [w.text for w in words]
        assert texts.count("Toezegging") >= 1 and "Termijn" in texts  # the header row, repeated
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:]} == {"DejaVuSans"}
    kept = REPO / "out" / "render"
    kept.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, kept / "toezeggingen.pdf")  # for a person to look at


def test_markup_and_what_xml_cannot_hold_are_text_in_the_document():
    hostile = row("x", "open", text='<w:p>"&amp;" \uffff </w:tbl>', made_source="Kamerstuk <b>1</b>")
    people = {UITERMARK: Bewindspersoon(id=UITERMARK, role="Minister", short="de minister \uffff", name="<Naam>")}
    built = build_overview([hostile], people, "Ministerie \ufffe", AS_OF, by=UITERMARK)
    document = open_docx(as_docx(built, REFERENCE))
    assert [p.text for p in document.paragraphs[1:3]] == [
        "Ministerie \ufffd", "Toezeggingen aan de Tweede en de Eerste Kamer van de minister \ufffd (<Naam>)",
    ]
    (table,) = document.tables
    assert table.rows[1].cells[1].text == '<w:p>"&amp;" \ufffd </w:tbl>'
    assert table.rows[1].cells[2].paragraphs[1].text == "Kamerstuk <b>1</b>"


def test_the_hand_built_rows_have_the_fields_of_the_real_ones():
    """The rows above stand in for builder.coverage's: they must not drift from them."""
    from dataclasses import fields

    from builder.coverage import CoverageRow

    assert {f.name for f in fields(CoverageRow)} <= {f.name for f in fields(Row)}
