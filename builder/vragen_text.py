"""The questions' own published text, split into a set of Kamervragen (``brief import-vragen``).

The Kamer publishes a set of schriftelijke vragen as a short text: its number
(``2024Z21910``), the sentence "Vragen van het lid Erkens (VVD) aan de Minister
van … over … (ingezonden 20 december 2024).", then the questions, as "Vraag 1"
on a line of its own followed by the text (tweedekamer.nl/kamerstukken/kamervragen)
or as "1." numbered paragraphs (zoek.officielebekendmakingen.nl, kv-tk-…), and at
the end the footnotes ("1 NOS, 19 december 2024."), marked in a question by the
digit after it ("…in 2024?1").

``read_vragen_text`` takes that text as lines (a text file's lines, or a DOCX's
paragraphs from ``docx_lines``) and gives every part it recognises with where it
stood, and every line it could not place. The Kamer numbers footnotes through the
whole text; a question's ``[^n]`` counts its own footnotes, so they are renumbered.

Pure: nothing here reads files, writes or knows the repository; the caller matches
the roles asked ("Minister van Binnenlandse Zaken en Koninkrijksrelaties") to
bewindspersonen and reports the lines left over (``builder.importing``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Sequence

from .dutch import MONTHS

KAMER_NUMBER = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\dZ\d{5})(?![0-9A-Za-z])")
# "Vraag 1", "Vraag 1:", "Vraag 1. Deelt u …"
_VRAAG_LABEL = re.compile(r"^Vraag\s+(\d{1,3})\s*[:.]?(?:\s+(?P<text>\S.*))?$")
# "Antwoord 1", "Antwoord 2 en 3": an Aanhangsel copied whole; its answers are not ours to import.
_ANTWOORD_LABEL = re.compile(r"^Antwoord\s+\d{1,3}\b")
# "1. Deelt u …", "1) Deelt u …": the numbered paragraphs of officielebekendmakingen.nl.
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.)]\s+(\S.*)$")
# A footnote at the end: "1 NOS, …", "1) NOS, …", "1. NOS, …".
_FOOTNOTE = re.compile(r"^(\d{1,3})[.)]?\s+(\S.*)$")
_FOOTNOTES_HEADING = re.compile(r"^(?:Voetnoten|Noten)\s*:?$", re.IGNORECASE)
# Lines of the Kamer's pages around the questions that say nothing of their own.
_TITLE = re.compile(
    r"^(?:(?P<kamer>Tweede|Eerste) Kamer der Staten-Generaal|Kamervragen(?: \(Aanhangsel\))?|Schriftelijke vragen"
    r"|Vragen gesteld door de leden der Kamer.*)$",
    re.IGNORECASE,
)
_HEADER_START = re.compile(r"^(?:Schriftelijke\s+)?Vragen\s+van\s", re.IGNORECASE)
_HEADER = re.compile(
    r"^(?:Schriftelijke\s+)?Vragen\s+van\s+(?P<who>.+?)\s+aan\s+(?P<aan>.+?)\s+over\s+(?P<subject>.+?)"
    r"\s*(?:\(\s*ingezonden\s+(?P<date>[^()]*?)\s*\))?\s*\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_INGEZONDEN = re.compile(r"\(\s*ingezonden\b[^()]*\)", re.IGNORECASE)
_DUTCH_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$", re.IGNORECASE)
# Explicit marks (a DOCX's footnote references are written so) and the Kamer's digit after a
# question mark, or after a full stop, quote or bracket that does not follow a digit ("artikel 3.1").
_EXPLICIT_MARK = re.compile(r"\[\^(\d{1,3})\]")
_IMPLICIT_MARK = re.compile(r"(?:(?<=\?)|(?<=[^\d\s][.!\u201d\"\u00bb\u2019')]))(\d{1,3})(?=[\s,;:?]|$)")

_TITLES = {"minister": "Minister", "ministers": "Minister", "staatssecretaris": "Staatssecretaris",
           "staatssecretarissen": "Staatssecretaris", "minister-president": "Minister-President"}
_ROLE = re.compile(
    r"^(?P<titles>(?:Minister-President|Ministers?|Staatssecretaris(?:sen)?)"
    r"(?:\s*(?:,|\ben\b)\s*(?:de\s+)?(?:Minister|Staatssecretaris))*)(?:\s+(?P<rest>(?:van|voor)\s.+))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    """A line and column (1-based) of the text read; for a DOCX, the line is the paragraph's number."""

    line: int
    column: int = 1


@dataclass(frozen=True)
class TextQuestion:
    """One question as published: its paragraphs joined by a blank line, its footnotes its own."""

    number: int
    text: str
    footnotes: tuple[str, ...]
    place: Place


@dataclass(frozen=True)
class Unplaced:
    """What the reader could not use, where, and why."""

    place: Place
    message: str
    error: bool = False


@dataclass(frozen=True)
class VragenText:
    """A set of Kamervragen as its published text gives it; None where the text does not say."""

    number: str | None = None
    number_place: Place | None = None
    kamer: str = "TK"
    indieners: tuple[tuple[str, str | None], ...] = ()  # (member, fractie)
    roles: tuple[str, ...] = ()  # "Minister van Binnenlandse Zaken en Koninkrijksrelaties"
    subject: str | None = None
    ingezonden: dt.date | None = None
    header_place: Place | None = None
    vragen: tuple[TextQuestion, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()


@dataclass
class _Reading:
    """The state of one pass over the lines."""

    found: dict = field(default_factory=dict)
    questions: list[list] = field(default_factory=list)  # [number, place, paragraphs]
    footnotes: dict[int, list] = field(default_factory=dict)  # number -> [place, text]
    unplaced: list[Unplaced] = field(default_factory=list)
    state: str = "header"  # header, sentence, question, answer, footnotes
    style: str | None = None  # "label" (Vraag 1) or "numbered" (1.)
    sentence: list[tuple[Place, str]] = field(default_factory=list)
    last_footnote: int | None = None


def read_vragen_text(lines: Sequence[str]) -> VragenText:
    """The parts of a set of Kamervragen in its published text (see the module's docstring)."""
    reading = _Reading()
    for index, raw in enumerate(lines, 1):
        text = " ".join(raw.replace("\u00a0", " ").split())
        place = Place(index, len(raw) - len(raw.lstrip()) + 1)
        _read_line(reading, place, text)
    if reading.state == "sentence":
        _end_sentence(reading)
    vragen = _with_footnotes(reading)
    return VragenText(
        **reading.found,
        vragen=vragen,
        unplaced=tuple(sorted(reading.unplaced, key=lambda u: (u.place.line, u.place.column))),
    )


def _read_line(reading: _Reading, place: Place, text: str) -> None:
    if reading.state == "sentence":
        if text and not _VRAAG_LABEL.match(text):
            reading.sentence.append((place, text))
            if _sentence_ends(reading):
                _end_sentence(reading)
            return
        _end_sentence(reading)
    if not text:
        if reading.state == "question" and reading.questions and reading.questions[-1][2]:
            reading.questions[-1][2].append("")  # a paragraph break
        return
    label = _VRAAG_LABEL.match(text)
    if label and reading.style in (None, "label") and reading.state != "footnotes":
        reading.style, reading.state = "label", "question"
        reading.questions.append([int(label.group(1)), place, [label.group("text")] if label.group("text") else []])
        return
    if _ANTWOORD_LABEL.match(text) and reading.state in ("question", "answer"):
        reading.state = "answer"
        message = (
            f"skipped '{text[:40]}' and its text up to the next question: import-vragen reads the questions, "
            "not their answers"
        )
        reading.unplaced.append(Unplaced(place, message))
        return
    if reading.state == "answer":
        return
    if reading.state in ("question", "header") and _FOOTNOTES_HEADING.match(text) and reading.questions:
        reading.state = "footnotes"
        return
    if reading.state == "footnotes":
        _read_footnote_line(reading, place, text)
        return
    numbered = _NUMBERED.match(text)
    if reading.state == "question" and _starts_footnotes(reading, text):
        reading.state = "footnotes"
        _read_footnote_line(reading, place, text)
        return
    if numbered and reading.style in (None, "numbered") and int(numbered.group(1)) == len(reading.questions) + 1:
        reading.style, reading.state = "numbered", "question"
        reading.questions.append([int(numbered.group(1)), place, [numbered.group(2)]])
        return
    if reading.state == "question":
        reading.questions[-1][2].append(text)
        return
    _read_header_line(reading, place, text)


def _read_header_line(reading: _Reading, place: Place, text: str) -> None:
    number = KAMER_NUMBER.search(text)
    if number and "number" not in reading.found:
        reading.found |= {"number": number.group(1), "number_place": Place(place.line, place.column + number.start())}
    if _HEADER_START.match(text):
        reading.state = "sentence"
        reading.sentence = [(place, text)]
        if _sentence_ends(reading):
            _end_sentence(reading)
        return
    title = _TITLE.match(text)
    if title:
        if (title.group("kamer") or "").casefold() == "eerste":
            reading.found["kamer"] = "EK"
        return
    rest = KAMER_NUMBER.sub("", text)
    if number and not re.sub(r"(?i)\b(?:nummer|nr|kamervragen|zaak|zaaknummer)\b|[\s()\[\]:.,\-–]", "", rest):
        return  # the number, alone or in brackets
    reading.unplaced.append(
        Unplaced(place, f"'{_shortened(text)}' is not a part of the questions this import knows (the number, "
                 "'Vragen van …', 'Vraag 1' or '1.', footnotes); skipped")
    )


def _sentence_ends(reading: _Reading) -> bool:
    """The sentence 'Vragen van …' ends with its date, or else with its full stop."""
    return bool(_INGEZONDEN.search(" ".join(text for _, text in reading.sentence))) or reading.sentence[-1][1].endswith(".")


def _end_sentence(reading: _Reading) -> None:
    """'Vragen van <wie> aan <wie> over <onderwerp> (ingezonden <datum>).', over one line or several."""
    place = reading.sentence[0][0]
    sentence = " ".join(text for _, text in reading.sentence)
    reading.state, reading.sentence = "header", []
    match = _HEADER.match(sentence)
    if match is None:
        message = (
            f"'{_shortened(sentence)}' does not read 'Vragen van <het lid …> aan <de Minister van …> over <onderwerp> "
            "(ingezonden <datum>)'; the indieners, whom it asks and the subject are left out"
        )
        reading.unplaced.append(Unplaced(place, message))
        return
    reading.found |= {
        "header_place": place,
        "indieners": members(match.group("who")),
        "roles": roles(match.group("aan")),
        "subject": match.group("subject").strip(),
    }
    if match.group("date"):
        date = dutch_date(match.group("date"))
        if date is None:
            reading.unplaced.append(Unplaced(place, f"'ingezonden {match.group('date')}' is not a date such as 20 december 2024"))
        reading.found["ingezonden"] = date
    else:
        reading.unplaced.append(Unplaced(place, "the sentence 'Vragen van …' does not say when they were sent in ('(ingezonden 20 december 2024)')"))


def _starts_footnotes(reading: _Reading, text: str) -> bool:
    """Footnote 1 at the end: a line '1 …' (or '1) …') after the questions that mark a footnote 1.

    "1 op de 5 ambtenaren …" opening a paragraph is no footnote: no question marks one."""
    footnote = _FOOTNOTE.match(text)
    if footnote is None or int(footnote.group(1)) != 1:
        return False
    return any(_marks(paragraph, {1}) for question in reading.questions for paragraph in question[2])


def _read_footnote_line(reading: _Reading, place: Place, text: str) -> None:
    footnote = _FOOTNOTE.match(text)
    expected = (reading.last_footnote or 0) + 1
    if footnote and int(footnote.group(1)) == expected:
        reading.footnotes[expected] = [place, footnote.group(2)]
        reading.last_footnote = expected
    elif reading.last_footnote is not None:
        reading.footnotes[reading.last_footnote][1] += " " + text  # a footnote over several lines
    else:
        reading.unplaced.append(Unplaced(place, f"'{_shortened(text)}' is not a footnote ('1 NOS, …'); skipped"))


def _marks(paragraph: str, known: set[int]) -> list[re.Match]:
    """The footnote marks in a paragraph: [^n], or a known footnote's digit after '?' and the like."""
    found = [m for m in _EXPLICIT_MARK.finditer(paragraph)]
    found += [m for m in _IMPLICIT_MARK.finditer(paragraph) if int(m.group(1)) in known]
    return sorted(found, key=lambda m: m.start())


def _with_footnotes(reading: _Reading) -> tuple[TextQuestion, ...]:
    """The questions with the Kamer's footnote numbers made each question's own [^1], [^2] …"""
    known = set(reading.footnotes)
    used: set[int] = set()
    vragen = []
    for expected, (number, place, paragraphs) in enumerate(reading.questions, 1):
        if number != expected:
            message = f"question {number} follows question {expected - 1}: the questions must be numbered 1, 2, 3 … in order"
            reading.unplaced.append(Unplaced(place, message, error=True))
        own: list[int] = []
        written = []
        for paragraph in _paragraphs(paragraphs):
            parts, last = [], 0
            for mark in _marks(paragraph, known):
                global_number = int(mark.group(1))
                if global_number not in known:
                    message = f"question {number} marks footnote [^{global_number}], which the text does not have"
                    reading.unplaced.append(Unplaced(place, message, error=True))
                    continue
                if global_number not in own:
                    own.append(global_number)
                parts += [paragraph[last:mark.start()], f"[^{own.index(global_number) + 1}]"]
                last = mark.end()
            written.append("".join(parts) + paragraph[last:])
        used.update(own)
        if not written:
            reading.unplaced.append(Unplaced(place, f"question {number} has no text", error=True))
        text = "\n\n".join(written)
        vragen.append(TextQuestion(number, text, tuple(reading.footnotes[n][1] for n in own), place))
    for number, (place, _) in sorted(reading.footnotes.items()):
        if number not in used:
            reading.unplaced.append(Unplaced(place, f"footnote {number} is marked in no question; skipped"))
    return tuple(vragen)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines as paragraphs: each line one (the Kamer's pages copy so), a blank line only a break."""
    return [line for line in lines if line]


# --- the header's parts ---------------------------------------------------------------------


def members(who: str) -> tuple[tuple[str, str | None], ...]:
    """'het lid Erkens (VVD)', 'de leden Van Baarle en Azarkan (beiden DENK)', 'de leden A (VVD) en
    B (D66)' -> ((member, fractie), …). A fractie in brackets belongs to the names before it."""
    who = re.sub(r"^(?:het\s+(?:kamer)?lid|de\s+(?:kamer)?leden)\s+", "", " ".join(who.split()), flags=re.IGNORECASE)
    found: list[tuple[str, str | None]] = []
    at = 0
    for bracket in re.finditer(r"\(([^()]*)\)", who):
        fractie = re.sub(r"^(?:beiden|beide|allen|alle\s+drie)\s+", "", bracket.group(1).strip(), flags=re.IGNORECASE)
        found += [(name, fractie or None) for name in _names(who[at : bracket.start()])]
        at = bracket.end()
    found += [(name, None) for name in _names(who[at:])]
    return tuple(found)


def _names(part: str) -> list[str]:
    part = re.sub(r"^\s*(?:,|\ben\b)\s*", "", part).strip(" ,")
    return [name.strip() for name in re.split(r"\s*,\s*|\s+en\s+", part) if name.strip()]


def roles(aan: str) -> tuple[str, ...]:
    """'de Ministers van X en van Y' -> ('Minister van X', 'Minister van Y'); 'de Minister en
    Staatssecretaris van X' -> ('Minister van X', 'Staatssecretaris van X')."""
    aan = re.sub(r"^(?:de|het)\s+", "", " ".join(aan.split()), flags=re.IGNORECASE)
    found: list[str] = []
    for part in re.split(r"\s*,\s*(?:de\s+)?(?=(?:Minister|Staatssecretaris))|\s+en\s+de\s+", aan):
        match = _ROLE.match(part)
        if match is None:
            found.append(part)
            continue
        titles = [_TITLES[t.casefold()] for t in re.split(r"\s*(?:,|\ben\b)\s*(?:de\s+)?", match.group("titles")) if t]
        rests = re.split(r"\s*,\s*(?=(?:van|voor)\s)|\s+en\s+(?=(?:van|voor)\s)", match.group("rest") or "")
        found += [f"{title} {rest}".strip() for title in titles for rest in rests]
    return tuple(dict.fromkeys(found))


def dutch_date(text: str) -> dt.date | None:
    """'20 december 2024' -> 2024-12-20; None when it is no such date."""
    match = _DUTCH_DATE.match(" ".join(text.split()))
    if match is None or match.group(2).casefold() not in MONTHS:
        return None
    try:
        return dt.date(int(match.group(3)), MONTHS.index(match.group(2).casefold()) + 1, int(match.group(1)))
    except ValueError:
        return None


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- DOCX -------------------------------------------------------------------------------------


def docx_lines(data: bytes) -> list[str]:
    """A DOCX's body paragraphs as lines, each footnote reference written [^n] (n in order of
    reference), then 'Voetnoten' and the footnotes' text as '1 …' lines after the paragraphs.

    Raises what python-docx raises for bytes that are not a DOCX (the caller reports it)."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document(io.BytesIO(data))
    order: dict[str, int] = {}
    lines = []
    for paragraph in document.paragraphs:
        parts = []
        for element in paragraph._p.iter():
            if element.tag == qn("w:t"):
                parts.append(element.text or "")
            elif element.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                parts.append(" ")
            elif element.tag == qn("w:footnoteReference"):
                number = order.setdefault(element.get(qn("w:id")), len(order) + 1)
                parts.append(f"[^{number}]")
        lines.append("".join(parts))
    if not order:
        return lines
    notes: dict[str, str] = {}
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/footnotes.xml":
            root = etree.fromstring(part.blob)
            for note in root.iter(qn("w:footnote")):
                notes[note.get(qn("w:id"))] = " ".join("".join(t.text or "" for t in note.iter(qn("w:t"))).split())
    lines.append("Voetnoten")
    lines += [f"{number} {notes.get(ident, '')}".rstrip() for ident, number in order.items()]
    return lines
