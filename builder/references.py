"""How items are cited: footnote references and names in running text.

Two conventions occur in real letters (see shared/reference/leidraad.md):
- ``leidraad``: "Kamerstukken II 2024/25, 30 950, nr. 433", the Leidraad voor
  juridische auteurs, which is also what Aanwijzing 3.43 prescribes;
- ``kamer``: "Kamerstuk 30 950, nr. 280", the Kamer's own redactional style,
  which drops the vergaderjaar.
Both use the thousands space in dossier numbers.
"""

from __future__ import annotations

from .dutch import dossier_number, join_names, vergaderjaar
from .model import CitationStyle, Commitment, Document, Motion

CHAMBER = {"TK": "II", "EK": "I"}


class NotCitable(ValueError):
    """An item that has nothing to put in a footnote."""


def _year(document: Document) -> str:
    if document.vergaderjaar:
        return document.vergaderjaar
    assert document.date is not None  # the model guarantees one of the two
    return vergaderjaar(document.date)


def kamerstuk(chamber: str, year: str, dossier: str, number: int | None, letter: str | None, style: CitationStyle) -> str:
    part = f"nr. {number}" if number is not None else str(letter)
    if style == "kamer":
        return f"Kamerstuk {dossier_number(dossier)}, {part}"
    return f"Kamerstukken {chamber} {year}, {dossier_number(dossier)}, {part}"


def document_reference(document: Document, style: CitationStyle) -> str:
    """The reference to a document, without the closing full stop."""
    if document.kind == "kamerstuk":
        return kamerstuk(
            str(document.kamer), _year(document), str(document.dossier), document.number, document.letter, style
        )
    if document.kind == "handelingen":
        item = f", item {document.item}" if document.item is not None else ""
        return f"Handelingen {document.kamer} {_year(document)}, nr. {document.number}{item}"
    parts = [p for p in (document.title, document.publisher) if p]
    if document.url:
        parts.append(f"<{document.url}>")
    return ", ".join(parts)


def motion_reference(motion: Motion, style: CitationStyle) -> str:
    if motion.number is None:
        raise NotCitable(f"motion '{motion.id}' has no Kamerstuk number to cite; add 'number' in the data")
    return kamerstuk(CHAMBER[motion.kamer], vergaderjaar(motion.date), motion.dossier, motion.number, None, style)


def motion_name(motion: Motion) -> str:
    """'de motie van het lid Bamenga', 'de motie van het lid Rajkowski c.s.'."""
    names = [s.member for s in motion.submitters]
    if motion.cs or len(names) == 1:
        return f"de motie van het lid {names[0]}{' c.s.' if motion.cs else ''}"
    return f"de motie van de leden {join_names(names)}"


def commitment_name(commitment: Commitment) -> str:
    return commitment.short or f"toezegging {commitment.id}"


def footnote(references: list[str]) -> str:
    """Join references into one note: capital first letter, '; ' between, full stop at the end."""
    text = "; ".join(references).strip()
    if text and not text.endswith("."):
        text += "."
    return text[:1].upper() + text[1:]


def motion_label(motion: Motion) -> str:
    """'motie Bamenga', 'motie Rajkowski c.s.': how a nota or list names a motion."""
    names = [s.member for s in motion.submitters]
    return f"motie {names[0]}{' c.s.' if motion.cs or len(names) > 1 else ''}"
