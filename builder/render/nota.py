"""The furniture of a nota to a bewindspersoon, as in the seeds' beslisnota's.

The status line and the metadata (Nota actief openbaar, Onze referentie, Datum,
Opgesteld door, Samengewerkt met, Bijlage(n)) stand in the reference column;
Onze referentie and Datum repeat there on later pages. The body opens with
Aan/Van, the document name and the title, and closes with the Bijlagen table.
"""

from __future__ import annotations

from docx.shared import Mm

from ..dutch import long_date
from ..model import Repository
from .furniture import BLANK, Furniture, Line, labelled

BIJLAGEN_COLUMNS = (("Volgnummer", Mm(22)), ("Naam", Mm(45)), ("Informatie", Mm(57)))


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

    def opening(self) -> None:
        sender = self.meta.van or self.organisation.directorate_short or self.organisation.directorate
        self.insert_at_start(
            [
                (f"Aan {addressed(self.person.short or self.person.role)}", "Nota Meta"),
                (f"Van {sender}", "Nota Meta"),
                ("nota", "Document Type"),
                (self.meta.title, "Nota Title"),
            ]
        )

    def closing(self) -> None:
        if not self.meta.bijlagen:
            return
        self.add_paragraph(self.document, "Heading 1", "Bijlagen")
        table = self.document.add_table(rows=1, cols=len(BIJLAGEN_COLUMNS))
        table.style = "Table"
        for cell, (label, _) in zip(table.rows[0].cells, BIJLAGEN_COLUMNS, strict=True):
            self.style(cell.paragraphs[0], "Table Heading")
            cell.paragraphs[0].add_run(label)
        for number, bijlage in enumerate(self.meta.bijlagen, 1):
            row = table.add_row().cells
            for cell, text in zip(row, (str(number), bijlage.naam, bijlage.informatie or ""), strict=True):
                self.style(cell.paragraphs[0], "Compact")
                cell.paragraphs[0].add_run(text)
        for column, (_, width) in zip(table.columns, BIJLAGEN_COLUMNS, strict=True):
            for cell in column.cells:
                cell.width = width


def status_line(meta) -> str:
    return f"TER {meta.ter.upper()}"


def addressed(short: str) -> str:
    """'de minister van BZK' as in "Aan de minister van BZK" (a leading 'De' lowered)."""
    return short[:1].lower() + short[1:] if short.startswith("De ") else short
