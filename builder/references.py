"""How items are cited: footnote references and names in running text.

Two conventions occur in real letters (see shared/reference/leidraad.md):
- ``leidraad``: "Kamerstukken II 2024/25, 30 950, nr. 433", the Leidraad voor
  juridische auteurs, which is also what Aanwijzing 3.43 prescribes;
- ``kamer``: "Kamerstuk 30 950, nr. 280", the Kamer's own redactional style,
  which drops the vergaderjaar.
Both use the thousands space in dossier numbers.

What each kind becomes ("note": ``[@id]``, a footnote, which ends in a full stop;
"inline": ``@id`` in running text):

| cited | style | note / inline |
|---|---|---|
| kamerstuk | leidraad | Kamerstukken II 2024/25, 30 950, nr. 433 |
| kamerstuk | kamer | Kamerstuk 30 950, nr. 433 |
| handelingen | both | Handelingen II 2021/22, nr. 73, item 12 |
| aanhangsel | leidraad | Aanhangsel Handelingen II 2024/25, nr. 1205 |
| aanhangsel | kamer | Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1205 (an EK one: Aanhangsel Handelingen I, …) |
| web, report | both | Titel, Uitgever, <https://…> |
| Kamervragen | leidraad | note: Vragen van het lid Erkens (VVD) aan de Minister van … over … (ingezonden 20 december 2024), 2024Z21910 |
| Kamervragen | kamer | note: Vragen van het lid Erkens (VVD) aan de Minister van … over … (2024Z21910, ingezonden 20 december 2024) |
| Kamervragen | both | inline: de vragen van het lid Erkens (VVD) over … (2024Z21910); :short: de vragen van het lid Erkens (VVD); :text: the subject |

The Kamer's form of the Aanhangsel is the one a published answer prints ("Zie ook
Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028"): the Tweede Kamer's own,
without "II"; the "I" of the Eerste Kamer's is kept so that the two stay apart. A set
of Kamervragen not (yet) printed in the Aanhangsel is cited by the Kamer's number, as
is common practice ("Vragen van het lid X … (2024Z21910)"); the Leidraad has no rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dutch import dossier_number, join_names, long_date, vergaderjaar
from .model import CitationStyle, Commitment, Document, Motion

if TYPE_CHECKING:
    from .kamervragen import Kamervragen
    from .model import Repository

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
    if document.kind == "aanhangsel":
        assert document.number is not None  # the model guarantees it (document_problems)
        return aanhangsel(str(document.kamer), _year(document), document.number, style)
    parts = [p for p in (document.title, document.publisher) if p]
    if document.url:
        parts.append(f"<{document.url}>")
    return ", ".join(parts)


def aanhangsel(chamber: str, year: str, number: int, style: CitationStyle) -> str:
    """'Aanhangsel Handelingen II 2024/25, nr. 1205' (leidraad); 'Aanhangsel Handelingen,
    vergaderjaar 2024–2025, nr. 1205' (kamer), as the Tweede Kamer's answers print it."""
    if style == "kamer":
        start = int(year[:4])
        which = "" if chamber == "II" else f" {chamber}"
        return f"Aanhangsel Handelingen{which}, vergaderjaar {start}\u2013{start + 1}, nr. {number}"
    return f"Aanhangsel Handelingen {chamber} {year}, nr. {number}"


def kamervragen_text(form: str, kamervragen: Kamervragen, repository: Repository, style: CitationStyle) -> str:
    """A set of Kamervragen cited by its number (``@2024Z21910``) in each citation form."""
    from .kamervragen import asked_named, indieners_named

    asked_by = f"de vragen van {indieners_named(kamervragen.indieners)}"
    if form == "short":
        return asked_by
    if form == "text":
        return kamervragen.subject
    if form == "inline":
        return f"{asked_by} over {kamervragen.subject} ({kamervragen.id})"
    sent = long_date(kamervragen.ingezonden)
    what = f"Vragen van {indieners_named(kamervragen.indieners)} aan {asked_named(kamervragen, repository)} over {kamervragen.subject}"
    if style == "kamer":
        return f"{what} ({kamervragen.id}, ingezonden {sent})"
    return f"{what} (ingezonden {sent}), {kamervragen.id}"


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
