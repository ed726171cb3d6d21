"""The body of a brief as Markdown: its blocks, sections and citations, found without resolving.

Citation syntax, as light as pandoc's:

``[@id]``, ``[Zie @id, p. 3]``, ``[@a; @b]``
    a footnote with the reference(s) to the cited items;
``@id``
    the item in running text: a document's reference, a motion's or
    commitment's short name ("de motie van het lid Bamenga");
``@id:text``
    the commitment's text or the motion's dictum;
``@id:short``
    a motion's short name ("motie Rajkowski c.s.") or a commitment's.

An id may also name a target the brief defines itself (a question of its
overleg, a bijlage): what it means is the resolve stage's business.

Code spans, code blocks, HTML comments and link targets are not scanned
(``mask``). Level-1 headings split a body into sections; a heading's
attributes (``{answers="id"}``) are read here too, as are those of bracketed spans
(``[eigen woorden]{answers="id"}``), and so are every heading and
image the body has (``find_headings``, ``find_images``): what numbering and
figures are made of.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterator, Literal

from .codes import finding
from .diagnostics import Diagnostic, Location, did_you_mean
from .load import line_and_column, line_starts, split_lines
from .model import ID_TEXT

ID = ID_TEXT  # the id rule's own pattern: every id the data may have can be cited
_BARE = re.compile(rf"(?<![\w\\@])@(?P<id>{ID})(?::(?P<field>text|short)\b)?")
# "@id:inline", "@id:tekst": a field the syntax does not have would print as text.
_UNKNOWN_FIELD = re.compile(rf"(?<![\w\\@])@(?P<id>{ID}):(?P<field>(?!(?:text|short)\b)[A-Za-z]\w*)")
CITATION_FIELDS = ("text", "short")
# Brackets that are neither a link, a reference link's label, a definition nor a span: a
# run of them back to back ("[@a][@b]"), as a reference link "[text][label]" is one too.
_BRACKET_RUN = re.compile(r"(?<![\^\\\]])(?:\[[^\[\]]*\])+(?![(\[:{])")
_BRACKET = re.compile(r"\[(?P<body>[^\[\]]*)\]")
_PART = re.compile(rf"^(?P<prefix>.*?)(?<![\w\\@])@(?P<id>{ID})(?P<suffix>.*)$", re.S)
_INLINE_CODE = re.compile(r"(?P<ticks>`+)(?:.|\n)*?(?<!`)(?P=ticks)(?!`)")
_NOTE_BRACKET = re.compile(r"\^\[|\[|\]")
_COMMENT = re.compile(r"<!--(?:.|\n)*?-->")
# Whichever starts first wins, as in pandoc: a comment in a code span is code, and back
# ticks in a comment are comment.
_COMMENT_OR_CODE = re.compile(f"(?P<comment>{_COMMENT.pattern})|{_INLINE_CODE.pattern}")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[a-z][a-z0-9+.-]*:[^\s<>]*>", re.I)


@dataclass(frozen=True)
class CitePart:
    key: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Citation:
    form: Literal["note", "inline", "text", "short"]
    parts: tuple[CitePart, ...]
    start: int
    end: int
    location: Location


# Only the block structure is read (code blocks, headings); inline parsing was half the cost.
@functools.cache
def _block_parser():
    """Made on first use: an edit of data/ never parses Markdown, and need not import it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")
# A code block needs a fence or four columns of indentation (inside a list item or a quote
# too): a text with neither has none, and most letters are spared the block parser.
_MAY_HOLD_CODE_BLOCK = re.compile("```|~~~|\t|    ")


@dataclass(frozen=True)
class _Blocks:
    code: tuple[tuple[int, int], ...]  # line ranges of fenced and indented code
    headings: tuple[tuple[int, int, str], ...]  # line range and text of each level-1 heading


@functools.lru_cache(maxsize=1024)
def _blocks(text: str) -> _Blocks:
    """A text's block structure, parsed once: resolve, check and render each ask about the
    same bodies, several times over. Kept small so that a whole repository's bodies fit."""
    return _plain_blocks(text) or _parsed_blocks(text)


# What can open a block other than a paragraph, an ATX heading or a list item of plain
# text, at the start of a line: indentation, quotes, rules, setext underlines, HTML,
# fences, link definitions, and list items whose text starts with any of those (or with
# a heading, a digit or another list marker).
_PLAIN_START = r"[^\s>*+\-_=<`~\[|#0-9]"
_BLOCK_OPENER = re.compile(rf"^(?:[ >_=<`~\[|]|[-*+](?! {_PLAIN_START})|\d{{1,9}}[.)](?! {_PLAIN_START}))", re.M)


def _plain_blocks(text: str) -> _Blocks | None:
    """The structure of a text of paragraphs, ATX headings and flat lists of plain items,
    read off its lines; None for any other text. Most bodies are such text, and the block
    parser is slow. Level-1 headings are then exactly the lines that start with '# '."""
    if "\r" in text or _MAY_HOLD_CODE_BLOCK.search(text) or _BLOCK_OPENER.search(text):
        return None
    headings = tuple(
        (number, number + 1, _atx_heading_text(line))
        for number, line in enumerate(text.split("\n"))
        if line == "#" or line.startswith("# ")
    )
    return _Blocks((), headings)


def _atx_heading_text(line: str) -> str:
    """'# Kern ##' -> 'Kern': the text of a level-1 heading line, as CommonMark reads it."""
    end = len(line.rstrip(" "))
    closing = len(line[:end].rstrip("#"))
    if closing < end and closing > 1 and line[closing - 1] == " ":
        end = closing
    return line[1:end].strip()


def _parsed_blocks(text: str) -> _Blocks:
    tokens = _block_parser().parse(text)
    code = tuple((t.map[0], t.map[1]) for t in tokens if t.type in ("fence", "code_block") and t.map)
    headings = tuple(
        (t.map[0], t.map[1], tokens[i + 1].content.strip())
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h1" and t.map
    )
    return _Blocks(code, headings)


@functools.lru_cache(maxsize=1024)
def mask(text: str) -> str:
    """Blank out code, comments, link targets and bracketed spans' attributes, keeping every
    offset and line break: a reviewer's remark (``{.opmerking tekst="zie [@id]"}``) is no citation."""
    masked = _blanked(text, sorted(span for spans in _code_and_comments(text) for span in spans))
    masked = _blanked(masked, [match.span() for match in _LINK_TARGET.finditer(masked)])
    return _blanked(masked, [match.span("attributes") for match in _SPAN_END.finditer(masked)])


_NOT_NEWLINE = re.compile("[^\n]")


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character but "\n" in the spans (sorted by start) made a space.

    Spans may overlap: an inline code span can run on across a fenced block.
    """
    pieces, last = [], 0
    for start, end in spans:
        start = max(start, last)
        if start < end:
            pieces += [text[last:start], _NOT_NEWLINE.sub(" ", text[start:end])]
            last = end
    return "".join(pieces) + text[last:]


def strip_comments(text: str) -> str:
    """Remove HTML comments, keeping their line breaks; comments inside code are code."""
    _, comments, _ = _code_and_comments(text)
    pieces, last = [], 0
    for start, end in comments:
        pieces += [text[last:start], "\n" * text.count("\n", start, end)]
        last = end
    return "".join(pieces) + text[last:]


Spans = tuple[tuple[int, int], ...]


@functools.lru_cache(maxsize=1024)
def _code_and_comments(text: str) -> tuple[Spans, Spans, Spans]:
    """Spans of fenced and indented code blocks, of comments, and of inline code."""
    fences: Spans = ()
    if _MAY_HOLD_CODE_BLOCK.search(text):
        starts = [*line_starts(text), len(text)]  # a block's end may be the line after the last
        fences = tuple((starts[start], starts[end]) for start, end in _blocks(text).code)
    outside = _blanked(text, list(fences))
    comments, code = [], []
    for match in _COMMENT_OR_CODE.finditer(outside):
        (comments if match.group("comment") else code).append(match.span())
    return fences, tuple(comments), tuple(code)


def find_citations(text: str, path: str, first_line: int) -> tuple[list[Citation], list[Diagnostic]]:
    """Every citation in ``text``; positions are reported as lines of the brief file."""
    citations, problems = _citations(text, path, first_line)
    return list(citations), list(problems)


@functools.lru_cache(maxsize=1024)
def _citations(text: str, path: str, first_line: int) -> tuple[tuple[Citation, ...], tuple[Diagnostic, ...]]:
    """Found once per text: resolve, check and render each look at most bodies unchanged."""
    masked = mask(text)
    starts = line_starts(text)

    def locate(offset: int) -> Location:
        line, column = line_and_column(starts, offset)
        return Location(path, first_line + line - 1, column)

    citations: list[Citation] = []
    problems: list[Diagnostic] = []
    notes = _inline_note_spans(masked)
    taken: list[tuple[int, int]] = []
    for match in _note_brackets(masked):
        parts = [_PART.match(piece) for piece in match.group("body").split(";")]
        location = locate(match.start())
        if _inside(notes, match.start()):
            problems.append(finding(location, "a citation in a footnote cannot make another footnote; write @id instead", "nested-citation"))
            continue
        cite_parts = tuple(
            CitePart(p.group("id"), p.group("prefix").strip(), p.group("suffix").rstrip()) for p in parts if p
        )
        citations.append(Citation("note", cite_parts, match.start(), match.end(), location))
        taken.append((match.start(), match.end()))
    for match in _UNKNOWN_FIELD.finditer(masked):
        field = match.group("field")
        message = (
            f"unknown citation field ':{field}' of @{match.group('id')}{did_you_mean(field, CITATION_FIELDS)};"
            f" write @{match.group('id')} for its name, or :text or :short"
        )
        problems.append(finding(locate(match.start("field") - 1), message, "citation-field"))
    for match in _BARE.finditer(masked):
        if _inside(taken, match.start()):
            continue
        form = match.group("field") or "inline"
        citations.append(
            Citation(form, (CitePart(match.group("id")),), match.start(), match.end(), locate(match.start()))
        )
    return tuple(sorted(citations, key=lambda c: c.start)), tuple(problems)


def _note_brackets(masked: str) -> Iterator[re.Match]:
    """Each bracket that is a footnote citation: alone, or in a run of brackets that all are.

    "[@a][@b]" is two notes; in "[tekst][@b]" or "[@a][label]" the brackets are a reference
    link, and pandoc leaves one with no such label as it is written.
    """
    for run in _BRACKET_RUN.finditer(masked):
        brackets = list(_BRACKET.finditer(masked, run.start(), run.end()))
        if all(_is_citation_list(bracket.group("body")) for bracket in brackets):
            yield from brackets


def _is_citation_list(body: str) -> bool:
    return all(_PART.match(piece) for piece in body.split(";"))


def _inline_note_spans(text: str) -> list[tuple[int, int]]:
    """Outermost spans of pandoc inline notes ``^[...]``, brackets balanced, in order.

    One pass with a stack of open brackets: a body full of ``^[`` stays linear.
    """
    spans: list[tuple[int, int]] = []
    open_brackets: list[tuple[int, bool]] = []  # (start, opens a note)
    for match in _NOTE_BRACKET.finditer(text):
        if match.group() != "]":
            open_brackets.append((match.start(), match.group() == "^["))
        elif open_brackets:
            start, is_note = open_brackets.pop()
            if is_note:
                # A note closing around notes already found replaces them: keep outermost only.
                while spans and spans[-1][0] > start:
                    spans.pop()
                spans.append((start, match.end()))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


# --- sections and heading attributes ----------------------------------------------------


@dataclass(frozen=True)
class Section:
    """The Markdown under one level-1 heading of a body."""

    title: str
    location: Location
    text: str

    @property
    def key(self) -> str:
        """The title as compared: no emphasis markers, case and spacing ignored."""
        return " ".join(self.title.replace("*", "").replace("_", "").split()).lower()


def split_sections(text: str, path: str, first_line: int) -> tuple[str, list[Section]]:
    """Split a body at its level-1 headings: the text before the first, and each section."""
    lines = split_lines(text)
    headings = _blocks(text).headings
    preamble = "".join(lines[: headings[0][0]]) if headings else text
    sections = []
    for n, (start, end, title) in enumerate(headings):
        stop = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        column = len(lines[start]) - len(lines[start].lstrip()) + 1
        location = Location(path, first_line + start, column)
        sections.append(Section(title, location, "".join(lines[end:stop])))
    return preamble, sections



# Attributes ending a heading line; "]{…}" there ends a span, which pandoc reads first.
_ATTRIBUTES = re.compile(r"^#{1,6}\s.*(?<!\])\{(?P<attributes>[^{}]*)\}\s*$")


def attribute_words(attributes: str, name: str) -> list[str]:
    """The words of ``name="a b"`` (or ``name=a``) in an attribute list: ``answers="TZ-1 TZ-2"``
    gives the two ids, as pandoc keeps the value whole and the house splits it."""
    attribute = re.compile(rf"""(?<![\w-]){re.escape(name)}=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))""")
    return [
        word
        for value in attribute.finditer(attributes)
        for word in (value.group("quoted") or value.group("bare") or "").split()
    ]


def heading_attribute_values(text: str, first_line: int, name: str) -> list[tuple[int, str]]:
    """(line, word) for each word of every heading attribute ``name="a b"`` (or ``name=a``),
    outside code and comments: ``{answers="TZ-1 TZ-2"}`` gives the two ids."""
    found = []
    for offset, line in enumerate(split_lines(mask(text))):
        match = _ATTRIBUTES.match(line)
        if match:
            found += [(first_line + offset, word) for word in attribute_words(match.group("attributes"), name)]
    return found


# A bracketed span's end: "]{…}" (pandoc's bracketed_spans); its start is the "[" that
# balances it. A link "[a](b){…}" or an image ends in ")" and is no span.
_SPAN_END = re.compile(r"(?<!\\)\]\{(?P<attributes>[^{}\n]*)\}")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Span:
    """A bracketed span ``[text]{attributes}``: where its "[" stands, its offsets in the body
    (``start`` at "[", ``end`` after "}"), the text between the brackets and its attributes."""

    location: Location
    start: int
    end: int
    text: str
    attributes: str

    def has_class(self, name: str) -> bool:
        return re.search(rf"(?:^|\s)\.{re.escape(name)}(?=\s|$)", self.attributes) is not None

    def attribute(self, name: str) -> str | None:
        """The whole value of ``name="…"`` (or ``name=…``), or None when the span has none."""
        match = re.search(rf"""(?<![\w-]){re.escape(name)}=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"}}]+))""", self.attributes)
        return None if match is None else (match.group("quoted") if match.group("quoted") is not None else match.group("bare"))


def find_spans(text: str, path: str, first_line: int) -> tuple[Span, ...]:
    """Every bracketed span outside code and comments, in order; the shared reading of
    ``[de eigen woorden]{answers="TZ-1"}``, ``[naam]{.lak grond="5.1.2e"}`` and the like."""
    # Code and comments blanked, link targets kept: a link's "]" balances its "[".
    masked = _blanked(text, sorted(span for spans in _code_and_comments(text) for span in spans))
    starts = line_starts(text)
    paragraphs = [0, *(m.end() for m in _PARAGRAPH_END.finditer(masked))]
    found = []
    for match in _SPAN_END.finditer(masked):
        paragraph = paragraphs[bisect.bisect_right(paragraphs, match.start()) - 1]
        opening = _span_start(masked, paragraph, match.start())
        if opening is None:
            continue  # no "[" in its paragraph: pandoc prints the text as written
        line, column = line_and_column(starts, opening)
        location = Location(path, first_line + line - 1, column)
        found.append(Span(location, opening, match.end(), text[opening + 1 : match.start()], match.group("attributes")))
    return tuple(found)


def span_attribute_values(text: str, path: str, first_line: int, name: str) -> list[tuple[Location, str]]:
    """(where its "[" stands, word) for each word of attribute ``name`` of every bracketed span
    outside code and comments, in order: ``[de eigen woorden]{answers="TZ-1"}``, also as the
    text of a list item, which is how a writer marks a passage or an item as answering."""
    return [
        (span.location, word)
        for span in find_spans(text, path, first_line)
        for word in attribute_words(span.attributes, name)
    ]


def _span_start(masked: str, paragraph: int, closing: int) -> int | None:
    """The offset of the unescaped "[" that balances the "]" at ``closing``, not before the
    start of its paragraph (a span cannot cross a blank line)."""
    depth = 0
    for offset in range(closing - 1, paragraph - 1, -1):
        char = masked[offset]
        if char not in "[]" or (offset > 0 and masked[offset - 1] == "\\"):
            continue
        if char == "]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return offset
    return None


# --- headings and images, for numbering and figures ----------------------------------------

# An ATX heading (setext underlines are not numbered: the house writes "#"), with its
# attributes "{#sec-x .unnumbered answers="…"}" when it ends in them.
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<title>.*?))??(?:[ \t]+\{(?P<attributes>[^{}]*)\})?[ \t#]*$", re.M)
_IDENTIFIER = re.compile(r"(?:^|\s)#(?P<id>[^\s{}]+)")
_CLOSING_MARKS = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_UNNUMBERED = re.compile(r"(?:^|\s)(?:-|\.unnumbered)(?=\s|$)")


@dataclass(frozen=True)
class Heading:
    """An ATX heading of a body: where its marks end (numbers go there), its level and text."""

    level: int
    title: str  # as written, attributes left off
    id: str | None  # {#id}
    unnumbered: bool  # {-} or {.unnumbered}, pandoc's way to leave one heading out
    insert_at: int  # offset in the text after "## "
    location: Location


@functools.lru_cache(maxsize=1024)
def find_headings(text: str, path: str, first_line: int) -> tuple[Heading, ...]:
    """Every ATX heading outside code and comments, in order."""
    masked = mask(strip_comments(text))
    starts = line_starts(text)
    found = []
    for match in _HEADING.finditer(masked):
        attributes = match.group("attributes") or ""
        identifier = _IDENTIFIER.search(attributes)
        line, column = line_and_column(starts, match.start("marks"))
        # The title as written (masking blanked link targets and code spans in it), up to its
        # attributes or its closing marks.
        end = match.start("attributes") - 1 if match.group("attributes") is not None else match.end()
        title = _CLOSING_MARKS.sub("", text[match.start("title") : end]) if match.group("title") else ""
        found.append(
            Heading(
                len(match.group("marks")), title.strip(), identifier.group("id") if identifier else None,
                bool(_UNNUMBERED.search(attributes)), match.end("marks"),
                Location(path, first_line + line - 1, column),
            )
        )
    return tuple(found)


# "![Bijschrift](pad.png "titel"){#fig-x}": the caption may hold one level of brackets (a
# citation), the path may stand in <…> when it has spaces.
_IMAGE = re.compile(
    r"!\[(?P<caption>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<target>[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>]+))(?:[ \t]+\"[^\"\n]*\")?[ \t]*)\)"
    r"(?:\{(?P<attributes>[^{}\n]*)\})?"
)


@dataclass(frozen=True)
class Image:
    """An inline image of a body: its caption, the file it names and its id (``{#fig-x}``)."""

    caption: str
    source: str  # the path as written, relative to the brief's file
    id: str | None
    alone: bool  # the only thing in its paragraph: pandoc makes it a figure with a caption
    caption_span: tuple[int, int]  # offsets in the text
    location: Location


@functools.lru_cache(maxsize=1024)
def find_images(text: str, path: str, first_line: int) -> tuple[Image, ...]:
    """Every inline image outside code and comments, in order (reference images ``![a][b]``
    are not looked for: their path is in a definition)."""
    text = strip_comments(text)
    masked = mask(text)
    starts = line_starts(text)
    found = []
    for match in _IMAGE.finditer(text):
        if masked[match.start() : match.start() + 2] != "![":
            continue  # in code
        identifier = _IDENTIFIER.search(match.group("attributes") or "")
        line, column = line_and_column(starts, match.start())
        source = match.group("angled") if match.group("angled") is not None else match.group("bare")
        found.append(
            Image(
                match.group("caption"), source, identifier.group("id") if identifier else None,
                _alone(text, match.start(), match.end()), match.span("caption"),
                Location(path, first_line + line - 1, column),
            )
        )
    return tuple(found)


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a paragraph of its own: blank lines (or the text's ends) around it."""
    before = text.rfind("\n", 0, start)
    line_start = before + 1
    after = text.find("\n", end)
    line_end = len(text) if after < 0 else after
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    previous = text[text.rfind("\n", 0, max(before, 0)) + 1 : before] if before >= 0 else ""
    following = text[line_end + 1 : (text.find("\n", line_end + 1) + 1 or len(text) + 1) - 1] if after >= 0 else ""
    return not previous.strip() and not following.strip()
