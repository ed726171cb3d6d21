"""How items are cited: footnote references and names in running text.

Two conventions occur in real letters (see shared/reference/leidraad.md):
- ``leidraad``: "Kamerstukken II 2024/25, 30 950, nr. 433", the Leidraad voor
  juridische auteurs, which is also what Aanwijzing 3.43 prescribes;
- ``kamer``: "Kamerstuk 30 950, nr. 280", the Kamer's own redactional style,
  which drops the vergaderjaar.
Both use the thousands space in dossier numbers.

What each kind becomes ("note": ``[@id]``, a footnote, which ends in a full stop;
"inline": ``@id`` in running text, the same words without the full stop; *x* is italic).
In running text the writer sets the brackets, as the Kamer prints a reference there:
"(@kst-28844-237)" gives "(Kamerstuk 28 844, nr. 237)". The tool adds none, so that one
pair can hold more ("(@h-tk-20212022-73, Tweeminutendebat …)") and "Zie @web-x." in a
footnote of one's own stays a sentence.

| cited | style | note / inline |
|---|---|---|
| kamerstuk | leidraad | Kamerstukken II 2024/25, 30 950, nr. 433 |
| kamerstuk | kamer | Kamerstuk 30 950, nr. 433 |
| handelingen | both | Handelingen II 2021/22, nr. 73, item 12 |
| aanhangsel | leidraad | Aanhangsel Handelingen II 2024/25, nr. 1205 |
| aanhangsel | kamer | Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1205 (an EK one: Aanhangsel Handelingen I, …) |
| staatsblad, with citeertitel | leidraad | Wet open overheid |
| staatsblad, with citeertitel | kamer | Wet open overheid (Stb. 2021, 499) |
| staatsblad, without | leidraad | Besluit van 11 november 2013, houdende … (*Stb.* 2013, 465) |
| staatsblad, without | kamer | Besluit van 11 november 2013, houdende … (Stb. 2013, 465) |
| staatscourant | both | as staatsblad, with Stcrt. (*Stcrt.* in leidraad) |
| staatsblad, staatscourant | both | :short: the citeertitel, or the name and date; :text: the title |
| rechtspraak | both | HR 20 december 2019, ECLI:NL:HR:2019:2006; :short: HR 20 december 2019 |
| eu | leidraad | Verordening (EU) 2016/679 van … (*PbEU* 2016, L 119); :short: Verordening (EU) 2016/679 |
| eu | kamer | Verordening (EU) 2016/679 van … (PbEU 2016, L 119) |
| web, report | both | Titel, Uitgever, <https://…>, geraadpleegd op 3 maart 2025 (with ``consulted``) |
| Kamervragen | leidraad | note: Vragen van het lid Erkens (VVD) aan de Minister van … over … (ingezonden 20 december 2024), 2024Z21910 |
| Kamervragen | kamer | note: Vragen van het lid Erkens (VVD) aan de Minister van … over … (2024Z21910, ingezonden 20 december 2024) |
| Kamervragen | both | inline: de vragen van het lid Erkens (VVD) over … (2024Z21910); :short: de vragen van het lid Erkens (VVD); :text: the subject |

Regulations follow the Leidraad and the Aanwijzingen voor de regelgeving (3.42, 3.45, 3.46),
rulings the Leidraad and Ar 3.44 (the court, the date, the ECLI; both conventions agree).
"geraadpleegd op" is not the Leidraad's (it marks only frequently updated sources) but is
common in government footnotes, so it is printed, in both, when the data records the date.
Any titled document's ``:text`` is its title.

The Kamer's form of the Aanhangsel is the one a published answer prints ("Zie ook
Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028"): the Tweede Kamer's own,
without "II"; the "I" of the Eerste Kamer's is kept so that the two stay apart. A set
of Kamervragen not (yet) printed in the Aanhangsel is cited by the Kamer's number, as
is common practice ("Vragen van het lid X … (2024Z21910)"); the Leidraad has no rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dutch import dossier_number, join_names, long_date, vergaderjaar
from .model import EU_ACT, CitationStyle, Commitment, Document, Motion

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


# The Leidraad sets the abbreviations of the official journals (Stb., Stcrt., PbEU) in italics.
# A reference is plain text until it is written out, so the italics travel as a pair of
# control characters no file can hold (builder.load refuses them): ``markdown_for`` makes
# them pandoc's *…*, and ``plain`` drops them wherever the text is shown as it is.
EMPHASIS_START, EMPHASIS_END = "\x0e", "\x0f"
JOURNAL = {"staatsblad": "Stb.", "staatscourant": "Stcrt.", "eu": "PbEU"}


def plain(text: str) -> str:
    """A reference without its italics marks."""
    return text.replace(EMPHASIS_START, "").replace(EMPHASIS_END, "")


def _journal(kind: str, style: CitationStyle) -> str:
    name = JOURNAL[kind]
    return f"{EMPHASIS_START}{name}{EMPHASIS_END}" if style == "leidraad" else name


def document_reference(document: Document, style: CitationStyle, emphasis: bool = False) -> str:
    """The reference to a document, without the closing full stop; with ``emphasis``, its
    italics marked (see ``EMPHASIS_START``)."""
    text = _reference(document, style)
    return text if emphasis else plain(text)


def _reference(document: Document, style: CitationStyle) -> str:
    if document.kind in ("staatsblad", "staatscourant"):
        return regulation(document, style)
    if document.kind == "rechtspraak":
        return f"{ruling_name(document)}, {document.ecli}"
    if document.kind == "eu":
        return f"{document.title} ({_journal('eu', style)} {document.year}, {document.oj})"
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
    if document.consulted is not None:
        parts.append(f"geraadpleegd op {long_date(document.consulted)}")
    return ", ".join(parts)


def regulation(document: Document, style: CitationStyle) -> str:
    """A regulation in the Staatsblad or Staatscourant.

    The Leidraad cites one with a citeertitel by that title alone; the Aanwijzingen (3.45) add
    the place of publication between brackets, as government letters do. One without a
    citeertitel is named and dated as its intitulé opens, with the place between brackets in
    both: "Besluit van 11 november 2013, houdende … (Stb. 2013, 465)".
    """
    found = f"({_journal(document.kind, style)} {document.year}, {document.number})"
    if document.citeertitel:
        return str(document.title) if style == "leidraad" else f"{document.title} {found}"
    return f"{regulation_name(document)} {found}"


def regulation_name(document: Document) -> str:
    """'Wet open overheid'; 'Besluit van 11 november 2013, houdende …'."""
    if document.citeertitel:
        return str(document.title)
    assert document.date is not None  # the model guarantees it (document_problems)
    about = f", {document.subject}" if document.subject else ""
    return f"{document.title} van {long_date(document.date)}{about}"


def ruling_name(document: Document) -> str:
    """'HR 20 december 2019': the court as the Leidraad abbreviates it and the date."""
    assert document.date is not None  # the model guarantees it (document_problems)
    return f"{document.court} {long_date(document.date)}"


def document_short(document: Document) -> str:
    """How running text names a regulation, ruling or EU act (``@id:short``)."""
    if document.kind in ("staatsblad", "staatscourant"):
        return regulation_name(document)
    if document.kind == "rechtspraak":
        return ruling_name(document)
    if document.kind == "eu":
        match = EU_ACT.match(str(document.title))
        assert match is not None  # the model guarantees it (document_problems)
        return match.group(0)
    raise NotCitable(
        f"'@{document.id}:short' needs a commitment, a motion, a regulation, a ruling or an EU act; "
        f"'{document.id}' is of kind {document.kind}"
    )


def document_text(document: Document) -> str:
    """A document's title (``@id:text``): a Kamerstuk's, a report's, a regulation's."""
    if document.title is None:
        raise NotCitable(f"'@{document.id}:text' needs a title; document '{document.id}' has none")
    return document.title


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
    if plain(text) and not plain(text).endswith("."):
        text += "."
    first = 1 if text.startswith(EMPHASIS_START) else 0  # the letter, not an italics mark
    return text[:first] + text[first : first + 1].upper() + text[first + 1 :]


def motion_label(motion: Motion) -> str:
    """'motie Bamenga', 'motie Rajkowski c.s.': how a nota or list names a motion."""
    names = [s.member for s in motion.submitters]
    return f"motie {names[0]}{' c.s.' if motion.cs or len(names) > 1 else ''}"
