"""The furniture of a nota to a bewindspersoon, as in the seeds' beslisnota's.

The status line and the metadata (Nota actief openbaar, Onze referentie, Datum,
Opgesteld door, Samengewerkt met, Bijlage(n)) stand in the reference column;
Onze referentie and Datum repeat there on later pages. The body opens with
Aan/Van, the document name and the title, and closes with the Bijlagen table.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from ..dutch import long_date
from ..model import Repository
from .furniture import BLANK, Furniture, Line, Table, labelled

# The table fills the text width (124 mm). Volgnummer is as narrow as its heading (22.8 mm in
# bold 9 pt, and the padding). Naam is as wide as its longest name needs to stand on two
# lines, up to NAAM_WIDEST (a name as long as a Kamerbrief's betreft, 76 characters, fits
# there); Informatie takes the rest, never less than room for a long word ("Tekenexemplaar":
# 26.6 mm).
TABLE_WIDTH = Mm(124)
VOLGNUMMER_WIDTH, NAAM_NARROWEST, NAAM_WIDEST = Mm(25), Mm(35), Mm(69.5)
# The mean advance of a character of Dutch text in DejaVu Sans 9 pt (measured in the PDF of
# the example nota: 360 pt for 76 characters), and a quarter more: a line breaks between words.
CHARACTER_WIDTH = Pt(4.9 * 1.25)
CELL_PADDING = Mm(1)  # left and right of a cell's text
RULE = "4"  # eighths of a point: the rules between the cells are half a point


class NotaFurniture(Furniture):
    subject = "Nota"

    def __init__(self, document, brief, repository: Repository, stamp):
        super().__init__(document, brief, repository.organisation, stamp)
        self.meta = brief.meta  # a NotaFrontMatter
        self.person = repository.bewindspersonen[self.meta.aan]

    def title(self) -> str:
        return self.meta.title

    def reference(self) -> str:
        return self.meta.onze_referentie

    def column_lines(self, first_page: bool) -> list[Line]:
        meta = self.meta
        if not first_page:
            return labelled("Onze referentie", meta.onze_referentie) + labelled("Datum", long_date(meta.date))
        return [
            (status_line(meta), "Status Line"),
            BLANK,
            *labelled("Nota actief openbaar", "Ja" if meta.actief_openbaar else "Nee"),
            *labelled("Onze referentie", meta.onze_referentie),
            *labelled("Datum", long_date(meta.date)),
            *labelled("Opgesteld door", meta.opgesteld_door),
            *labelled("Samengewerkt met", *meta.samengewerkt_met),
            *labelled("Bijlage(n)", str(len(meta.bijlagen))),
        ]

    def opening_lines(self) -> list[Line]:
        sender = self.meta.van or self.sender.directorate.short or self.sender.directorate.name
        return [
            (f"Aan {addressed(self.person.short or self.person.role)}", "Nota Meta"),
            (f"Van {sender}", "Nota Meta"),
            ("nota", "Document Type"),
            (self.meta.title, "Nota Title"),
        ]

    def opening(self) -> None:
        self.insert_at_start(self.opening_lines())

    def closing_lines(self) -> list[Line]:
        return [("Bijlagen", "Heading 1")] if self.meta.bijlagen else []

    def tables(self) -> list[Table]:
        """The Bijlagen table: volgnummer, naam and informatie of each bijlage."""
        if not self.meta.bijlagen:
            return []
        rows = tuple(
            (str(number), bijlage.naam, bijlage.informatie or "") for number, bijlage in enumerate(self.meta.bijlagen, 1)
        )
        return [Table(BIJLAGEN_HEADINGS, rows)]

    def closing(self) -> None:
        for text, style in self.closing_lines():
            self.add_paragraph(self.document, style, text)
        for bijlagen in self.tables():
            self._bijlagen_table(bijlagen)

    def _bijlagen_table(self, bijlagen: Table) -> None:
        columns = bijlagen_columns([row[1] for row in bijlagen.rows])
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = "Table"
        for cell, (label, _) in zip(table.rows[0].cells, columns, strict=True):
            self.style(cell.paragraphs[0], "Table Heading")
            cell.paragraphs[0].add_run(label)
        for texts in bijlagen.rows:
            row = table.add_row().cells
            for cell, text in zip(row, texts, strict=True):
                self.style(cell.paragraphs[0], "Compact")
                cell.paragraphs[0].add_run(text)
        # Word reads the cells' widths, LibreOffice the grid's; a fixed layout keeps both.
        table.autofit = False
        for column, (_, width) in zip(table.columns, columns, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        width = table._tbl.tblPr.find(qn("w:tblW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(int(w.twips) for _, w in columns)))
        rules_and_padding(table._tbl.tblPr)


BIJLAGEN_HEADINGS = ("Volgnummer", "Naam", "Informatie")


def bijlagen_columns(names: list[str]) -> list[tuple[str, Emu]]:
    """(heading, width) of the Bijlagen table's columns, Naam as wide as ``names`` need."""
    longest = max((len(name) for name in names), default=0)
    naam = Emu(min(max(CHARACTER_WIDTH * longest // 2 + 2 * CELL_PADDING, NAAM_NARROWEST), NAAM_WIDEST))
    widths = (VOLGNUMMER_WIDTH, naam, Emu(TABLE_WIDTH - VOLGNUMMER_WIDTH - naam))
    return list(zip(BIJLAGEN_HEADINGS, widths, strict=True))


# The order the schema fixes for w:tblPr's children (Word rejects a misplaced one).
_TABLE_PROPERTIES = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)


def rules_and_padding(properties) -> None:
    """Half-point black rules around and between all cells, and a narrow padding."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = OxmlElement(f"w:{side}")
        for name, value in (("w:val", "single"), ("w:sz", RULE), ("w:space", "0"), ("w:color", "000000")):
            rule.set(qn(name), value)
        borders.append(rule)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_PADDING.twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    for element in (borders, margins):
        name = element.tag
        for old in properties.findall(name):
            properties.remove(old)
        _insert_in_order(properties, element)


def _insert_in_order(properties, element) -> None:
    tags = [qn(tag) for tag in _TABLE_PROPERTIES]
    later = tags[tags.index(element.tag) + 1 :]
    following = next((child for child in properties if child.tag in later), None)
    if following is None:
        properties.append(element)
    else:
        following.addprevious(element)


def status_line(meta) -> str:
    return f"TER {meta.ter.upper()}"


def addressed(short: str) -> str:
    """'de minister van BZK' as in "Aan de minister van BZK" (a leading 'De' lowered)."""
    return short[:1].lower() + short[1:] if short.startswith("De ") else short
