"""The furniture of a letter to the Kamer (a Kamerbrief, or the reply to a schriftelijk overleg)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph

from ..house_style import LEADING, PARAGRAPH_STYLES

from ..dutch import long_date
from ..model import Bewindspersoon, Repository
from .furniture import BLANK, Furniture, Line, Signature, labelled

ADDRESSEES = {
    "TK": ("De Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"),
    "EK": ("De Voorzitter van de Eerste Kamer", "der Staten-Generaal", "Postbus 20017", "2500 EA  DEN HAAG"),
}


class LetterFurniture(Furniture):
    """Sender column, Retouradres, addressee, Datum and Betreft, salutation ... signature."""

    subject = "Kamerbrief"
    # The column starts level with the addressee, under the return address (one line and the
    # space after it).
    column_drop = Pt(PARAGRAPH_STYLES["Return Address"][2] + PARAGRAPH_STYLES["Return Address"][6])

    def __init__(self, document, brief, repository: Repository, stamp, uw_kenmerk: str | None = None):
        super().__init__(document, brief, repository.organisation, stamp)
        self.meta = brief.meta  # a LetterFrontMatter
        self.people = repository.bewindspersonen
        self.uw_kenmerk = uw_kenmerk or self.meta.uw_kenmerk

    def title(self) -> str:
        return self.meta.betreft

    def reference(self) -> str:
        return self.meta.kenmerk

    def column_lines(self, first_page: bool) -> list[Line]:
        sender, meta = self.sender.directorate, self.meta
        lines: list[Line] = [(sender.name, "Sender Column Heading"), BLANK]
        if first_page:
            address = [*sender.visiting_address, *sender.postal_address] + ([sender.website] if sender.website else [])
            lines += [(text, "Sender Column") for text in address] + [BLANK]
            if sender.contact:
                lines += [(text, "Sender Column") for text in sender.contact] + [BLANK]
        else:
            lines += labelled("Datum", long_date(meta.date))
        lines += labelled("Kenmerk", meta.kenmerk)
        if first_page:
            if self.uw_kenmerk:
                lines += labelled("Uw kenmerk", self.uw_kenmerk)
            lines += labelled("Bijlage(n)", str(len(meta.bijlagen)))
        return lines

    def opening_lines(self) -> list[Line]:
        postal = " ".join(self.sender.directorate.postal_address)
        lines = [
            (f"> Retouradres {postal}", "Return Address"),
            *[(text, "Addressee") for text in ADDRESSEES[self.meta.addressee]],
            (f"Datum\t{long_date(self.meta.date)}", "Letter Meta"),
            (f"Betreft\t{self.meta.betreft}", "Letter Meta"),
        ]
        # A document without a salutation (salutation: "" or null) has no empty paragraph in
        # its place: its text starts where the salutation would have, the same space below Betreft.
        if self.meta.salutation:
            lines.append((self.meta.salutation, "Salutation"))
        return lines

    def opening(self) -> None:
        first_body = self.document.element.body[0]
        paragraphs = self.insert_at_start(self.opening_lines())
        paragraphs[5].paragraph_format.space_before = Pt(24)  # two blank lines above Datum
        if not self.meta.salutation and first_body.tag == qn("w:p"):
            Paragraph(first_body, self.document).paragraph_format.space_before = Pt(PARAGRAPH_STYLES["Salutation"][5])

    def closing_lines(self) -> list[Line]:
        return [(self.meta.closing, "Closing")] if self.meta.closing else []

    def signatures(self) -> list[Signature]:
        return [Signature(person.role, person.portfolio, person.name) for person in self._signatories()]

    def _signatories(self) -> list[Bewindspersoon]:
        """The bewindspersonen who sign; an unknown id is the resolve stage's error (the preview shows
        a brief that has one)."""
        return [self.people[key] for key in self.meta.signatories if key in self.people]

    def closing(self) -> None:
        for text, style in self.closing_lines():
            self.add_paragraph(self.document, style, text).paragraph_format.keep_with_next = True
        people = self._signatories()
        if len(people) == 1:
            self._signature(people[0])
        elif people:
            self._signatures_side_by_side(people)

    def _signature(self, person: Bewindspersoon) -> None:
        """One signatory: the role, the portfolio in italics, room to sign, the name."""
        for paragraph in self._role(self.document, person):
            paragraph.paragraph_format.keep_with_next = True
        self._name(self.document, person)

    def _role(self, container, person: Bewindspersoon) -> list:
        role = self.add_paragraph(container, "Signature", f"{person.role},")
        role.paragraph_format.space_before = Pt(12)
        if not person.portfolio:
            return [role]
        portfolio = self.add_paragraph(container, "Signature")
        portfolio.add_run(person.portfolio).italic = True
        return [role, portfolio]

    def _name(self, container, person: Bewindspersoon):
        name = self.add_paragraph(container, "Signature", person.name)
        name.paragraph_format.space_before = SIGNING_SPACE
        return name

    def _signatures_side_by_side(self, people: list[Bewindspersoon]) -> None:
        """Two or more signatories side by side, as printed Kamerstukken place them: a borderless
        table of two columns, each pair a row of roles over a row of names, so that the two
        names stand on one line however many lines either role takes; a third signatory opens
        a second pair under the first (two columns of 62 mm already wrap a long role).

        A table rather than tab stops: a role that wraps stays in its own column in Word and
        LibreOffice alike, where a tab-separated line would run on into the other column."""
        table = self.document.add_table(rows=0, cols=SIGNATURE_COLUMNS)
        table.style = "Table"
        for start in range(0, len(people), SIGNATURE_COLUMNS):
            pair = people[start : start + SIGNATURE_COLUMNS]
            roles, names = table.add_row(), table.add_row()
            for row in (roles, names):
                row._tr.get_or_add_trPr().append(_on(OxmlElement("w:cantSplit")))
            for cell, person in zip(roles.cells, pair):
                for paragraph in self._role(cell, person):
                    paragraph.paragraph_format.keep_with_next = True  # the roles' row stays with the names'
                if start:
                    cell.paragraphs[1].paragraph_format.space_before = Pt(LEADING * 2)
            for cell, person in zip(names.cells, pair):
                self._name(cell, person)
            for row in (roles, names):
                for cell in row.cells:
                    # python-docx starts every cell with an empty paragraph; the texts follow it.
                    cell._tc.remove(cell.paragraphs[0]._p)
                    if not cell.paragraphs:  # the empty half of an odd pair
                        self.add_paragraph(cell, "Signature")
        _borderless(table, SIGNATURE_WIDTH)


# The signatures of several share the text width (124 mm), two to a row.
SIGNATURE_COLUMNS = 2
SIGNATURE_WIDTH = Mm(124)
SIGNATURE_GAP = Mm(4)  # right of each column's text, so that a wrapped role never touches the next
SIGNING_SPACE = Pt(48)  # room for the handwritten signature above the name


def _on(element):
    element.set(qn("w:val"), "1")
    return element


def _borderless(table, width) -> None:
    """No rules, no indent, no padding but a gap on the right: the signatures stand at the text's left edge
    without lines, in Word and LibreOffice alike. The columns are fixed, so both lay them out
    at half the width (Word reads the cells' widths, LibreOffice the grid's)."""
    table.autofit = False
    column_width = Emu(width // len(table.columns))
    for column in table.columns:
        column.width = column_width
        for cell in column.cells:
            cell.width = column_width
            borders = OxmlElement("w:tcBorders")  # over the table style's rule under a first row
            for side in ("top", "left", "bottom", "right"):
                borders.append(_nil(side))
            cell._tc.get_or_add_tcPr().append(borders)
    properties = table._tbl.tblPr
    for child in list(properties):
        if child.tag != qn("w:tblStyle"):
            properties.remove(child)
    # In the order the schema fixes for w:tblPr's children (Word rejects a misplaced one).
    properties.append(_element("w:tblW", **{"w:w": str(int(Emu(column_width * len(table.columns)).twips)), "w:type": "dxa"}))
    properties.append(_element("w:tblInd", **{"w:w": "0", "w:type": "dxa"}))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_nil(side))
    properties.append(borders)
    properties.append(_element("w:tblLayout", **{"w:type": "fixed"}))
    margins = OxmlElement("w:tblCellMar")
    for side, margin in (("top", 0), ("left", 0), ("bottom", 0), ("right", int(SIGNATURE_GAP.twips))):
        margins.append(_element(f"w:{side}", **{"w:w": str(margin), "w:type": "dxa"}))
    properties.append(margins)
    # No first row, column or banding: the table style's first-row rule stays off.
    look = {"w:val": "0000", "w:firstRow": "0", "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0",
            "w:noHBand": "1", "w:noVBand": "1"}
    properties.append(_element("w:tblLook", **look))


def _nil(side: str):
    return _element(f"w:{side}", **{"w:val": "nil"})


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element
