"""The toezeggingenoverzicht: the commitments a ministry reports to the Kamer, as a DOCX table and CSV.

``brief overview`` turns the coverage rows (``builder.coverage``) into the bijlage a
ministry sends with a letter: per toezegging a volgnummer, its text (with the Kamer's
register number where the id is one), where it was made, its termijn as promised
(and where it was postponed to), and the stand van zaken told from the sent letters
and reasons. Concept letters never appear: the Kamer has not received them.

The layout follows the Rijksbegroting's "Bijlage: Moties en toezeggingen" (e.g.
Koninkrijksrelaties 2020 and 2024 on rijksfinancien.nl): toezeggingen still open
and those afgedaan in separate tables, the stand van zaken in the ministry's words
("Afgedaan. De Tweede Kamer is op … per brief geïnformeerd (Kamerstukken II …)"),
and the Eerste Kamer's rappel, which names the register number and the
bewindspersoon: within each status, one table per bewindspersoon when the overview
covers several. The volgnummer runs through the whole overview, so that a letter can
refer to "toezegging 12" without saying which table.

The page is A4 landscape: five columns of prose do not fit the 124 mm that the
letter's portrait page leaves beside its sender column, and a bijlage has none.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from lxml import etree

from .csvsafe import csv_text
from .dutch import long_date

TITLE = "Overzicht toezeggingen"
COLUMNS = ("Nr.", "Toezegging", "Gedaan tijdens", "Termijn", "Stand van zaken")
# A CSV has no headings: the table's group headings become two more columns.
CSV_COLUMNS = (*COLUMNS, "Status", "Bewindspersoon")
OPEN_HEADING, CLOSED_HEADING = "Openstaande toezeggingen", "Afgedane toezeggingen"
KAMERS = {"TK": "de Tweede Kamer", "EK": "de Eerste Kamer"}
RECURS = {"yearly": "jaarlijks", "half-yearly": "halfjaarlijks", "quarterly": "elk kwartaal"}
# The registers' numbers: the Tweede Kamer's "TZ202409-071", the Eerste Kamer's "T03545".
REGISTER_NUMBER = re.compile(r"^(TZ\d{6}-\d{3}|T\d{5})$")
# How an occasion is named at the head of a cell where its kind alone reads oddly.
OCCASIONS = {"Kamervragen": "antwoorden op Kamervragen", "brief": "brief", "mondelinge vragen": "mondelinge vragen"}

Cell = tuple[str, ...]  # one paragraph per string

MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(20), Mm(20)
CELL_PADDING = Mm(1)  # above and below a cell's text, so that the rules between rows do not touch it
# Landscape A4 is 297 mm wide: 257 mm between the margins, and the columns fill it.
COLUMN_WIDTHS = tuple(Mm(width) for width in (10, 78, 45, 44, 80))
# A row this many lines high or less is kept on one page; a longer one may break, as one
# taller than the page must. 9 pt DejaVu Sans sets about 1.9 characters per millimetre.
UNBROKEN_LINES, CHARACTERS_PER_MM = 20, 1.9


@dataclass(frozen=True)
class Entry:
    """One toezegging as a row of the overview."""

    number: int
    cells: tuple[Cell, ...]  # in the order of COLUMNS
    status: str
    bewindspersoon: str


@dataclass(frozen=True)
class Table:
    heading: str  # the status group
    subheading: str | None  # the bewindspersoon, when the overview covers several
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Overview:
    ministry: str
    as_of: dt.date
    scope: str  # "Toezeggingen aan de Tweede Kamer van de minister van BZK (J.J.M. Uitermark)"
    tables: tuple[Table, ...]

    @property
    def entries(self) -> list[Entry]:
        return [entry for table in self.tables for entry in table.entries]


# --- rows -> the overview ---------------------------------------------------------------------


def build_overview(
    rows: Iterable,
    people: Mapping,
    ministry: str,
    as_of: dt.date,
    kamer: str | None = None,
    by: str | None = None,
    open_only: bool = False,
) -> Overview:
    """The overview of the toezeggingen among ``rows`` (coverage rows) that the filters keep.

    ``people`` maps bewindspersoon ids to ``Bewindspersoon`` records, in the order the
    groups are shown.
    """
    chosen = [
        row for row in rows
        if row.kind == "toezegging"
        and (kamer is None or row.kamer == kamer)
        and (by is None or row.by == by)
        and (not open_only or row.open)
    ]
    still_open = sorted((row for row in chosen if row.open), key=_by_due)
    closed = sorted((row for row in chosen if not row.open), key=_by_closing)
    several = len({row.by for row in chosen}) > 1
    order = {key: position for position, key in enumerate(people)}
    tables: list[Table] = []
    number = 0
    for heading, group in ((OPEN_HEADING, still_open), (CLOSED_HEADING, closed)):
        for person, members in _per_person(group, order) if several else [(by, group)]:
            if not members:
                continue
            entries = []
            for row in members:
                number += 1
                entries.append(Entry(number, cells_of(row, number), row.status, person_label(people, row.by)))
            tables.append(Table(heading, person_label(people, person) if several else None, tuple(entries)))
    return Overview(ministry, as_of, scope_of(people, kamer, by), tuple(tables))


def _by_due(row) -> tuple:
    return (row.due is None, row.due or dt.date.max, row.made, row.id)


def _by_closing(row) -> tuple:
    dated = [event.date for event in row.history if event.date is not None and event.kind != "gedaan"]
    return (row.closed_on or (max(dated) if dated else row.made), row.made, row.id)


def _per_person(rows: list, order: Mapping[str, int]) -> list[tuple[str | None, list]]:
    people = sorted({row.by for row in rows}, key=lambda key: (order.get(key, len(order)), key or ""))
    return [(person, [row for row in rows if row.by == person]) for person in people]


def person_label(people: Mapping, key: str | None) -> str:
    """'De minister van BZK (J.J.M. Uitermark)': the short function and the name, which tell two ministers apart."""
    person = people.get(key) if key is not None else None
    if person is None:
        return key or "onbekend"
    return f"{_capital(person.short or person.role)} ({person.name})"


def scope_of(people: Mapping, kamer: str | None, by: str | None) -> str:
    scope = "Toezeggingen" + (f" aan {KAMERS[kamer]}" if kamer else " aan de Tweede en de Eerste Kamer")
    if by is not None:
        scope += f" van {_lower_article(person_label(people, by))}"
    return scope


def cells_of(row, number: int) -> tuple[Cell, ...]:
    return (str(number),), commitment_cell(row), made_cell(row), due_cell(row), progress_cell(row)


def commitment_cell(row) -> Cell:
    """The text, and the register number when the id is one (a slug means nothing to the Kamer)."""
    text = " ".join(row.text.split())
    return (text, f"({row.id})") if REGISTER_NUMBER.match(row.id) else (text,)


def made_cell(row) -> Cell:
    """'Dertigledendebat van 12 september 2024', its Kamerstuk or Handelingen, and to whom."""
    occasion = OCCASIONS.get(row.made_kind or "", row.made_kind or "gedaan")
    lines = [f"{_capital(occasion)} van {long_date(row.made)}"]
    if row.made_source:
        lines.append(row.made_source)
    if row.to:
        lines.append(f"aan {row.to}")
    return tuple(lines)


def due_cell(row) -> Cell:
    """The termijn as promised, and the one in force when a letter moved it."""
    first = long_date(row.first_due) if row.first_due else None
    phrase = " ".join(row.due_phrase.split()) if row.due_phrase else None
    if phrase and first and first not in phrase:
        promised = f"{phrase} ({first})"
    else:
        promised = phrase or first or "geen termijn"
    lines = [_capital(promised)]
    if row.recurs:
        lines.append(RECURS.get(row.recurs, row.recurs))
    if row.postponed and row.due is not None and row.due != row.first_due and not row.recurs:
        lines.append(f"uitgesteld naar {long_date(row.due)}")
    return tuple(lines)


def progress_cell(row) -> Cell:
    """The stand van zaken: each thing a sent letter or a reason did, then what is still running."""
    lines = [sentence for event in row.history if (sentence := event_sentence(event, row.recurs)) is not None]
    if row.recurs and row.open and row.due is not None:
        lines.append(f"Loopt; {RECURS.get(row.recurs, row.recurs)}, volgende keer {long_date(row.due)}.")
    elif row.open and not lines:
        lines.append("Loopt." if row.due is None else f"Loopt; termijn {long_date(row.due)}.")
    return tuple(lines)


def event_sentence(event, recurs: str | None = None) -> str | None:
    """One step of the history as the overview tells it; None for the making itself."""
    kind = event.kind
    letter = letter_reference(event.letter) if event.letter is not None else None
    note = _sentence_part(event.note)
    if kind == "gedaan":
        return None
    if kind == "beantwoord" and letter:
        return f"{'Beantwoord' if recurs else 'Afgedaan'} met {letter}."
    if kind == "deels beantwoord" and letter:
        return f"Deels afgedaan met {letter}" + (f"; nog te doen: {note}." if note else ".")
    if kind == "uitgesteld" and letter:
        target = f" naar {long_date(event.due)}" if event.due else ""
        return f"Uitgesteld bij {letter}{target}" + (f": {note}." if note else ".")
    return verdict(_capital("afgedaan" if kind == "beantwoord" else kind), note)


def verdict(word: str, reason: str | None) -> str:
    """'Afgedaan. De Kamer is … geïnformeerd (…).', as the begroting's bijlage writes it; a
    reason that opens with the word itself ("Afgedaan met …") is not preceded by it again."""
    if not reason:
        return f"{word}."
    if reason.lower().startswith(word.lower()):
        return f"{_capital(reason)}."
    return f"{word}. {_capital(reason)}."


def letter_reference(letter) -> str:
    """'brief van 14 april 2025 (Kamerstukken II 2024/25, 30 950, nr. 451)'; the title until it is numbered."""
    where = letter.kamerstuk or f"«{' '.join(letter.title.split())}»"
    return f"brief van {long_date(letter.date)} ({where})"


def _sentence_part(text: str | None) -> str | None:
    """A note as the middle of a sentence: whitespace folded, no closing full stop of its own."""
    if not text:
        return None
    return " ".join(text.split()).rstrip(".") or None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_article(text: str) -> str:
    return "de " + text[3:] if text.startswith("De ") else text


# --- the overview -> CSV ----------------------------------------------------------------------


def as_csv(overview: Overview) -> str:
    """The table's columns and the group headings, one line per toezegging; cells defused."""
    return csv_text(
        CSV_COLUMNS,
        (
            ["\n".join(cell) for cell in entry.cells] + [entry.status, entry.bewindspersoon]
            for entry in overview.entries
        ),
    )


# --- the overview -> DOCX ---------------------------------------------------------------------


def as_docx(overview: Overview, reference: Path, stamp_label: str = "") -> bytes:
    """The overview in the house style of ``reference`` (templates/reference.docx), A4 landscape."""
    from docx import Document

    from .render import reproducible_zip

    document = Document(str(reference))
    _Layout(document).lay_out(overview, stamp_label)
    out = BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue())


class _Layout:
    """Writes the overview into a copy of the reference document.

    Tables are not made with python-docx's table API: it finds a new row's cells by walking
    the whole table, which at a ministry's 5,000 toezeggingen takes minutes.
    """

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.document = document
        kinds = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE)
        self.style_ids = {s.name: s.style_id for s in document.styles if s.type in kinds}

    def lay_out(self, overview: Overview, stamp_label: str) -> None:
        self._clear_body()
        self._drop_sample_footnotes()
        self._landscape()
        self._footer()
        self.paragraph("Title", TITLE)
        self.paragraph("Nota Meta", overview.ministry)
        self.paragraph("Nota Meta", overview.scope)
        self.paragraph("Body Text", f"Stand van zaken per {long_date(overview.as_of)}")
        if not overview.tables:
            self.paragraph("Body Text", "Er zijn geen toezeggingen die aan deze keuze voldoen.")
        heading = None
        for table in overview.tables:
            if table.heading != heading:
                self.paragraph("Heading 1", table.heading)
                heading = table.heading
            if table.subheading:
                self.paragraph("Heading 2", table.subheading)
            self.table(table.entries)
        self._properties(overview, stamp_label)

    def paragraph(self, style: str, text: str):
        from .render.furniture import set_text

        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style_ids[style]
        set_text(paragraph, _xml_safe(text))
        if style.startswith("Heading"):
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def _clear_body(self) -> None:
        body = self.document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)

    def _drop_sample_footnotes(self) -> None:
        """pandoc's reference document carries a sample footnote, which a word processor would keep."""
        for part in self.document.part.package.iter_parts():
            if part.partname == "/word/footnotes.xml":
                root = etree.fromstring(part.blob)
                for note in root.findall(qn("w:footnote")):
                    if note.get(qn("w:type")) is None:  # separators have a type
                        root.remove(note)
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _landscape(self) -> None:
        from docx.enum.section import WD_ORIENT

        from .house_style import FOOTER_DISTANCE, PAGE_HEIGHT, PAGE_WIDTH

        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin = section.right_margin = MARGIN_SIDE
        section.footer_distance = FOOTER_DISTANCE

    def _footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from .render.furniture import add_field

        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph._p.style = self.style_ids["Page Number"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(f"{TITLE} — pagina ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" van ")
        add_field(paragraph, "NUMPAGES")

    def table(self, entries: Sequence[Entry]) -> None:
        heading, compact = self.style_ids["Table Heading"], self.style_ids["Compact"]
        rows = [_row_xml([(label,) for label in COLUMNS], heading, header=True)]
        rows += [_row_xml(entry.cells, compact) for entry in entries]
        table = parse_xml(f"<w:tbl {nsdecls('w')}>{self._properties_xml()}{_GRID}{''.join(rows)}</w:tbl>")
        self.document.element.body.sectPr.addprevious(table)
        # A paragraph between two tables keeps Word from merging them into one.
        self.paragraph("Compact", "")

    def _properties_xml(self) -> str:
        rule = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
        borders = "".join(f"<w:{side} {rule}/>" for side in ("top", "bottom", "insideH"))
        padding = "".join(f'<w:{side} w:w="{CELL_PADDING.twips}" w:type="dxa"/>' for side in ("top", "bottom"))
        return (
            f'<w:tblPr><w:tblStyle w:val={_attribute(self.style_ids["Table"])}/>'
            f'<w:tblW w:w="{sum(width.twips for width in COLUMN_WIDTHS)}" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>{padding}</w:tblCellMar>'
            '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/>'
            "</w:tblPr>"
        )

    def _properties(self, overview: Overview, stamp_label: str) -> None:
        from .render.furniture import build_time, property_text

        properties = self.document.core_properties
        stand = f"stand per {long_date(overview.as_of)}"
        texts = {
            "title": f"{TITLE} — {overview.ministry}",
            "subject": overview.scope,
            "author": overview.ministry,
            "last_modified_by": "Briefbouwer",
            "keywords": "toezeggingen",
            "identifier": "",
            "content_status": f"stand per {overview.as_of.isoformat()}",
            "version": stamp_label,
            "comments": f"Gebouwd door Briefbouwer: {len(overview.entries)} toezegging(en), {stand}.",
        }
        for name, text in texts.items():
            setattr(properties, name, property_text(_xml_safe(text)))
        properties.revision = 1
        properties.created = properties.modified = build_time()


def _lines_high(cells: Sequence[Cell]) -> int:
    """About how many lines the tallest cell of a row takes."""
    return max(
        sum(len(paragraph) // per_line + 1 for paragraph in cell)
        for cell, per_line in zip(cells, _PER_LINE, strict=True)
    )


_PER_LINE = tuple(max(1, int(width.mm * CHARACTERS_PER_MM)) for width in COLUMN_WIDTHS)


# Tables are written as XML text and parsed once: made element by element, a ministry's
# 5,000 rows (280,000 elements) took seconds.
_GRID = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{width.twips}"/>' for width in COLUMN_WIDTHS) + "</w:tblGrid>"
_CELL_STARTS = tuple(f'<w:tc><w:tcPr><w:tcW w:w="{width.twips}" w:type="dxa"/></w:tcPr>' for width in COLUMN_WIDTHS)
# What XML 1.0 cannot hold at all; data/ already refuses control characters, not U+FFFE or U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _row_xml(cells: Sequence[Cell], style_id: str, header: bool = False) -> str:
    """A table row; kept on one page when it is short enough, repeated on each page when it is the header."""
    keep = header or _lines_high(cells) <= UNBROKEN_LINES
    properties = f"<w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>" if keep else ""
    style = f"<w:pPr><w:pStyle w:val={_attribute(style_id)}/></w:pPr>"
    parts = [f"<w:tr>{properties}"]
    for lines, start in zip(cells, _CELL_STARTS, strict=True):
        parts.append(start)
        for line in lines or ("",):
            text = f'<w:r><w:t xml:space="preserve">{_xml_text(line)}</w:t></w:r>' if line else ""
            parts.append(f"<w:p>{style}{text}</w:p>")
        parts.append("</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def _xml_safe(text: str) -> str:
    """What XML cannot hold shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _xml_text(text: str) -> str:
    """Text from data as XML character data."""
    return escape(_xml_safe(text))


def _attribute(value: str) -> str:
    return quoteattr(_xml_safe(value))


# --- writing both files -----------------------------------------------------------------------


def csv_path(docx_path: Path) -> Path:
    """The CSV beside the DOCX: the same name with .csv."""
    return docx_path.with_suffix(".csv")


def write_overview(docx_path: Path, docx: bytes, csv: str, out_dir: Path) -> list[Path]:
    """Both files, each atomically and both or neither: every temporary file is written and
    flushed before the first rename, so a failure or a kill before then changes nothing."""
    from .write import prepare_out_dir, real_target, remove_stale_temporaries, write_temporary

    if docx_path.parent.resolve() == out_dir.resolve():
        problem = prepare_out_dir(out_dir)
        if problem is not None:
            raise NotADirectoryError(20, problem)
        remove_stale_temporaries(out_dir)  # a killed run's, as a build clears them
    targets = [(real_target(docx_path), docx), (real_target(csv_path(docx_path)), csv.encode("utf-8"))]
    for target, _ in targets:
        if target.is_dir():  # found before any rename, so that neither file changes
            raise IsADirectoryError(21, "Is a directory", str(target))
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, data in targets:
            temporaries.append((write_temporary(target, data), target))
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    return [docx_path, csv_path(docx_path)]
