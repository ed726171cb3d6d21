"""The furniture of a letter to the Kamer (a Kamerbrief, or the reply to a schriftelijk overleg)."""

from __future__ import annotations

from docx.shared import Pt

from ..house_style import PARAGRAPH_STYLES

from ..dutch import long_date
from ..model import Repository
from .furniture import BLANK, Furniture, Line, labelled

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

    def opening(self) -> None:
        postal = " ".join(self.sender.directorate.postal_address)
        paragraphs = self.insert_at_start(
            [
                (f"> Retouradres {postal}", "Return Address"),
                *[(text, "Addressee") for text in ADDRESSEES[self.meta.addressee]],
                (f"Datum\t{long_date(self.meta.date)}", "Letter Meta"),
                (f"Betreft\t{self.meta.betreft}", "Letter Meta"),
                (self.meta.salutation, "Salutation"),
            ]
        )
        paragraphs[5].paragraph_format.space_before = Pt(24)  # two blank lines above Datum

    def closing(self) -> None:
        self.add_paragraph(self.document, "Closing", self.meta.closing).paragraph_format.keep_with_next = True
        for key in self.meta.signatories:
            person = self.people[key]
            role = self.add_paragraph(self.document, "Signature", f"{person.role},")
            role.paragraph_format.space_before = Pt(12)
            role.paragraph_format.keep_with_next = True
            if person.portfolio:
                portfolio = self.add_paragraph(self.document, "Signature")
                portfolio.add_run(person.portfolio).italic = True
                portfolio.paragraph_format.keep_with_next = True
            name = self.add_paragraph(self.document, "Signature", person.name)
            name.paragraph_format.space_before = Pt(48)
