"""Review comments written in the source: a reviewer's remark on a passage of the body.

The writer (or a reviewer, in a pull request) marks the passage and says the remark
in its attributes::

    Het budget is [€ 10 miljoen per jaar]{.opmerking auteur="P. de Vries" tekst="Klopt dit bedrag?"}.

The span's content is the anchored text: it stays in every build, as written. The
remark is ``tekst=``, its reviewer ``auteur=``, both required; ``datum="2026-11-30"``
is optional. The remark is plain text (no Markdown, no citations; no ``"`` or ``}``,
which would end the attribute or the span). An empty anchor (``[]{.opmerking …}``)
puts the comment at a point.

A concept build turns each remark into a Word comment on its anchored text, through
pandoc's ``comment-start``/``comment-end`` spans; a ``verzonden`` build, and every
publication, drops the remark and keeps the text. ``brief check`` reports a remark
that lacks its reviewer or text (``remark``, an error) and one left in a letter
marked verzonden (``open-comment``, a warning: it was not answered before sending).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import partial

from .body import Span, find_spans
from .codes import finding
from .diagnostics import Diagnostic, did_you_mean
from .template import escape_markdown

CLASS = "opmerking"
AUTHOR, TEXT, DATE = "auteur", "tekst", "datum"
_CLASSES = re.compile(r"(?:^|\s)\.(?P<name>[\w-]+)")
_REMARK_ATTRIBUTE = re.compile(rf"(?<![\w-])(?:{AUTHOR}|{TEXT})=")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Remark:
    """A well-formed remark: the span it stands in, who made it, what it says and when."""

    span: Span
    author: str
    text: str
    date: dt.date | None


def may_hold_remarks(text: str) -> bool:
    """A cheap look before the spans are read: most bodies hold no remark."""
    return f".{CLASS}" in text or _REMARK_ATTRIBUTE.search(text) is not None


def find_remarks(text: str, path: str, first_line: int) -> tuple[list[Remark], list[Diagnostic]]:
    """Every well-formed remark of ``text``, and a located error for each ill-formed one
    (no reviewer, no remark, a date that is none, a misspelled class)."""
    if not may_hold_remarks(text):
        return [], []
    remarks, problems = [], []
    for span in map(partial(_as_written, text), find_spans(text, path, first_line)):
        if span.has_class(CLASS):
            remark, problem = _read_remark(span)
            remarks += [remark] if remark else []
            problems += [problem] if problem else []
        elif _REMARK_ATTRIBUTE.search(span.attributes):
            problems.append(_misspelled_class(span))
    return remarks, problems


def _as_written(text: str, span: Span) -> Span:
    """The span with its attributes as written: ``find_spans`` reads them with code blanked,
    and a remark may quote code ("`make`")."""
    return replace(span, attributes=text[_closing(span) + 2 : span.end - 1])


def _closing(span: Span) -> int:
    """The offset of the span's "]", before its attributes."""
    return span.start + 1 + len(span.text)


def _read_remark(span: Span) -> tuple[Remark | None, Diagnostic | None]:
    author = (span.attribute(AUTHOR) or "").strip()
    said = (span.attribute(TEXT) or "").strip()
    written_date = span.attribute(DATE)
    if not author:
        return None, finding(span.location, f'a remark without its reviewer: add {AUTHOR}="naam" to the span', "remark")
    if not said:
        message = f'a remark without its text: write [de tekst waarover het gaat]{{.{CLASS} {AUTHOR}="…" {TEXT}="de opmerking"}}'
        return None, finding(span.location, message, "remark")
    date = None
    if written_date is not None:
        date = _date(written_date)
        if date is None:
            return None, finding(span.location, f"a remark's {DATE}='{written_date}' is not a date YYYY-MM-DD", "remark")
    return Remark(span, author, said, date), None


def _date(text: str) -> dt.date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _misspelled_class(span: Span) -> Diagnostic:
    classes = [match.group("name") for match in _CLASSES.finditer(span.attributes)]
    hint = next((did_you_mean(name, [CLASS]) for name in classes if did_you_mean(name, [CLASS])), "")
    written = f"class '.{classes[0]}'{hint}" if classes else "no class"
    message = f"a span with {AUTHOR}= or {TEXT}= but {written}: a remark is [tekst]{{.{CLASS} {AUTHOR}=\"…\" {TEXT}=\"…\"}}"
    return finding(span.location, message, "remark")


# --- into the Markdown pandoc reads --------------------------------------------------------


def remarks_markdown(markdown: str, as_comments: bool) -> str:
    """``markdown`` with each remark made a Word comment on its anchored text (``as_comments``)
    or dropped, its text kept. Only the span's "[" and its "]{…}" change: a remark inside
    another's anchored text nests, and the anchored Markdown is never touched. A remark
    check refuses (no reviewer) is dropped: build never runs on it, and it must not leak."""
    if not may_hold_remarks(markdown):
        return markdown
    remarks = {remark.span.start: remark for remark in find_remarks(markdown, "", 1)[0]}
    edits: list[tuple[int, int, str]] = []
    number = 0
    for span in find_spans(markdown, "", 1):
        if not span.has_class(CLASS):
            continue
        closing = _closing(span)
        remark = remarks.get(span.start)
        if as_comments and remark is not None:
            number += 1
            # "[anchored]{…}" becomes "[remark]{.comment-start …}[anchored]{}[]{.comment-end …}":
            # the anchored text stays a span of its own, bare.
            end = f']{{}}[]{{.comment-end id="{number}"}}'
            edits += [(span.start, span.start + 1, _comment_start(number, remark)), (closing, span.end, end)]
        else:
            edits.append((closing, span.end, "]{}"))
    return _applied(markdown, edits)


def _comment_start(number: int, remark: Remark) -> str:
    attributes = [f'id="{number}"', f'author="{_attribute_value(remark.author)}"']
    if remark.date is not None:
        attributes.append(f'date="{remark.date.isoformat()}T00:00:00Z"')
    return f"[{escape_markdown(remark.text)}]{{.comment-start {' '.join(attributes)}}}["


def _attribute_value(text: str) -> str:
    """A value for a pandoc attribute in double quotes: backslashes and quotes escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _applied(text: str, edits: list[tuple[int, int, str]]) -> str:
    pieces, last = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[last:start], replacement]
        last = end
    return "".join(pieces) + text[last:]
