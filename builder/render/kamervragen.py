"""The documents that answer Kamervragen: the answer as the Aanhangsel prints it, the
aanbiedingsbrief that sends it, and the Mededeling that the answer takes longer.

The answer document opens with the set's number, "Vragen van het lid … aan de … over …
(ingezonden …)." and "Antwoord van Minister … (…) (ontvangen …).", then per question
"Vraag n" and its text (its footnotes real ones), and after the last question an answer
covers "Antwoord n" (or "Antwoord 2 en 3") and the writer's answer. The labels and the
question keep with the paragraph after them, so that "Vraag n" never ends a page.
"""

from __future__ import annotations

import datetime as dt
import re

from ..body import split_sections
from ..doctypes.kamervragen import answer_anchor, answer_numbers
from ..dutch import join_names, long_date
from ..kamervragen import Kamervragen, Vraag, asked_named, indieners_named, role_after_article, split_footnotes
from ..model import Bewindspersoon, Brief, Repository
from ..template import escape_markdown
from .furniture import BLANK, Furniture, Line, labelled

NUMBER_STYLE = "Kamervragen Number"
LABEL_STYLE = "Kamervraag Label"
QUESTION_STYLE = "Kamervraag Text"


def answer_markdown(body: str, brief: Brief, kamervragen: Kamervragen, repository: Repository) -> str:
    """The whole answer document as Markdown; ``body`` is the writer's, citations resolved."""
    meta = brief.meta
    preamble, sections = split_sections(body, "", 1)
    answers: dict[int, tuple[list[int], str]] = {}
    for section in sections:
        numbers = answer_numbers(section) or []
        for number in numbers:
            answers.setdefault(number, (numbers, section.text))
    people = repository.bewindspersonen
    blocks = [
        _styled(NUMBER_STYLE, escape_markdown(kamervragen.id)),
        escape_markdown(asked_sentence(kamervragen, repository)),
        escape_markdown(answered_sentence([people[key] for key in meta.signatories], meta.date if meta.status == "verzonden" else None)),
        preamble,
    ]
    done: set[int] = set()
    for vraag in kamervragen.vragen:
        if vraag.number in done or vraag.number not in answers:
            continue  # answered with an earlier one; an unanswered one is an error of the check stage
        numbers, text = answers[vraag.number]
        group = sorted({number for number in numbers if kamervragen.vraag(number) is not None} - done)
        for number in group:
            blocks += [_styled(LABEL_STYLE, f"Vraag {number}"), _question(kamervragen.vraag(number))]
        bookmarks = "".join(f"[]{{#{answer_anchor(number)}}}" for number in group[1:])
        label = f"[Antwoord {join_names([str(number) for number in group])}]{{#{answer_anchor(group[0])}}}{bookmarks}"
        blocks += [_styled(LABEL_STYLE, label), text]
        done.update(group)
    return "\n\n".join(block.strip() for block in blocks if block.strip()) + "\n"


def asked_sentence(kamervragen: Kamervragen, repository: Repository) -> str:
    """'Vragen van het lid Erkens (VVD) aan de Minister van … over … (ingezonden 20 december 2024).'"""
    return (
        f"Vragen van {indieners_named(kamervragen.indieners)} aan {asked_named(kamervragen, repository)}"
        f" over {kamervragen.subject} (ingezonden {long_date(kamervragen.ingezonden)})."
    )


def answered_sentence(signatories: list[Bewindspersoon], received: dt.date | None = None) -> str:
    """'Antwoord van Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen 4 februari 2025).';
    the others who sign are named "mede namens"; no "ontvangen" before the answer is sent."""
    first, *others = signatories
    sentence = f"Antwoord van {answerer(first)}"
    if others:
        sentence += f", mede namens {join_names([role_after_article(person.role) for person in others])}"
    if received is not None:
        sentence += f" (ontvangen {long_date(received)})"
    return sentence + "."


# "De Minister van X", "De Staatssecretaris van X", "De Minister voor X",
# "De Minister-President, Minister van Algemene Zaken".
_ROLE = re.compile(r"^(?:[Dd]e\s+)?(?P<title>[^,]+?)(?:,[^,]*?)?(?:\s+(?:van|voor)\s+(?P<portfolio>.+))?$")
_PARTICLES = {"van", "der", "den", "de", "het", "ter", "te", "ten", "in", "op", "'t", "d'", "la", "le", "du"}


def answerer(person: Bewindspersoon) -> str:
    """'Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties)', as the Aanhangsel names who answered."""
    match = _ROLE.match(person.role.strip())
    title = match.group("title") if match else person.role
    portfolio = match.group("portfolio") if match else None
    named = f"{title} {surname(person.name)}"
    return f"{named} ({portfolio})" if portfolio else named


def surname(name: str) -> str:
    """'J.J.M. Uitermark' -> 'Uitermark', 'Alexandra C. van Huffelen' -> 'Van Huffelen':
    the words after the initials (or the last word with its particles), capitalised."""
    words = name.split()
    initials = [i for i, word in enumerate(words) if word.endswith(".")]
    if initials and initials[-1] < len(words) - 1:
        rest = words[initials[-1] + 1:]
    else:
        start = len(words) - 1
        while start > 0 and words[start - 1].lower() in _PARTICLES:
            start -= 1
        rest = words[start:]
    text = " ".join(rest)
    return text[:1].upper() + text[1:]


# The letter's voice: one signatory writes "ik", several "wij".
_VOICE = {
    "zend": ("Hierbij zend ik u", "Hierbij zenden wij u"),
    "spijt": ("tot mijn spijt", "tot onze spijt"),
    "streef": ("Ik streef ernaar", "Wij streven ernaar"),
    "verwacht": ("Ik verwacht", "Wij verwachten"),
}


def _voice(key: str, signatories: int) -> str:
    return _VOICE[key][signatories > 1]


def aanbiedingsbrief_markdown(kamervragen: Kamervragen, signatories: int = 1) -> str:
    """'Hierbij zend ik u de antwoorden op de vragen van het lid … over … (ingezonden …).'"""
    return escape_markdown(
        f"{_voice('zend', signatories)} de antwoorden op de vragen van {indieners_named(kamervragen.indieners)}"
        f" over {kamervragen.subject} (ingezonden {long_date(kamervragen.ingezonden)})."
    ) + "\n"


def uitstel_markdown(body: str, meta, kamervragen: Kamervragen, repository: Repository) -> str:
    """The Mededeling's standard text from the data, then the writer's own (if any)."""
    reason = meta.reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    signatories = len(meta.signatories)
    when = (
        f"{_voice('verwacht', signatories)} de vragen {meta.expected.strip()} te beantwoorden."
        if meta.expected else
        f"{_voice('streef', signatories)} de vragen zo spoedig mogelijk, doch uiterlijk binnen drie weken, te beantwoorden."
    )
    sentences = [
        f"De vragen van {indieners_named(kamervragen.indieners)} aan {asked_named(kamervragen, repository)}"
        f" over {kamervragen.subject} (ingezonden {long_date(kamervragen.ingezonden)}) kunnen {_voice('spijt', signatories)}"
        " niet binnen de gebruikelijke termijn worden beantwoord.",
        reason,
        when,
    ]
    text = escape_markdown(" ".join(sentence for sentence in sentences if sentence))
    return "\n\n".join(block.strip() for block in (text, body) if block.strip()) + "\n"


def _question(vraag: Vraag) -> str:
    """The question's paragraphs in the question style, each ``[^n]`` a footnote with its text."""
    paragraphs = []
    for paragraph in vraag.paragraphs:
        pieces = []
        for text, mark in split_footnotes(paragraph):
            pieces.append(escape_markdown(text))
            if mark is not None and 1 <= mark <= len(vraag.footnotes):
                pieces.append(f"^[{escape_markdown(vraag.footnotes[mark - 1])}]")
        paragraphs.append(_styled(QUESTION_STYLE, "".join(pieces)))
    return "\n\n".join(paragraphs)


def _styled(style: str, markdown: str) -> str:
    return f'::: {{custom-style="{style}"}}\n{markdown}\n:::'


class AnswerFurniture(Furniture):
    """A plain document in the house style: the woordmerk, Kenmerk in the reference column,
    page numbers; no addressee, salutation or signature (the answer names who answered)."""

    subject = "Antwoord op Kamervragen"

    def __init__(self, document, brief, repository: Repository, stamp, betreft: str):
        super().__init__(document, brief, repository.organisation, stamp)
        self.meta = brief.meta  # an AntwoordFrontMatter
        self.betreft = betreft

    def title(self) -> str:
        return self.betreft

    def reference(self) -> str:
        return self.meta.kenmerk

    def column_lines(self, first_page: bool) -> list[Line]:
        lines: list[Line] = [(self.sender.directorate.name, "Sender Column Heading"), BLANK] if first_page else []
        return lines + labelled("Kenmerk", self.meta.kenmerk) + labelled("Uw kenmerk", self.meta.kamervragen)

    def opening(self) -> None:
        """The number and the two sentences are part of the composed body."""

    def closing(self) -> None:
        """The answer ends with the last answer: it is sent with the aanbiedingsbrief, which is signed."""
