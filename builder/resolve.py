"""Resolve stage: find the citations in a brief and resolve every id to data.

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

In the reply to a schriftelijk overleg, ``@D66-4`` names a question of the
overleg ("de vierde vraag van de leden van de fractie van D66").

Code spans, code blocks, HTML comments and link targets are not scanned.
The body's structure is resolved here too: its level-1 headings are the
sections of a nota and the answers of a reply.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

from .diagnostics import Diagnostic, Location, error, unknown
from .dutch import ordinal
from .load import line_and_column, line_starts, split_lines
from .model import (
    ID_TEXT,
    Bijlage,
    Brief,
    Commitment,
    Document,
    Fractie,
    LetterFrontMatter,
    Motion,
    NotaFrontMatter,
    Overleg,
    Question,
    ReplyFrontMatter,
    Repository,
)
from .references import (
    NotCitable,
    commitment_name,
    document_reference,
    footnote,
    motion_label,
    motion_name,
    motion_reference,
)

ID = ID_TEXT  # the id rule's own pattern: every id the data may have can be cited
_BARE = re.compile(rf"(?<![\w\\@])@(?P<id>{ID})(?::(?P<field>text|short)\b)?")
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

Cited = Commitment | Motion | Document


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
    """Blank out code, comments and link targets, keeping every offset and line break."""
    masked = _blanked(text, sorted(span for spans in _code_and_comments(text) for span in spans))
    return _blanked(masked, [match.span() for match in _LINK_TARGET.finditer(masked)])


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
            problems.append(error(location, "a citation in a footnote cannot make another footnote; write @id instead", "nested-citation"))
            continue
        cite_parts = tuple(
            CitePart(p.group("id"), p.group("prefix").strip(), p.group("suffix").rstrip()) for p in parts if p
        )
        citations.append(Citation("note", cite_parts, match.start(), match.end(), location))
        taken.append((match.start(), match.end()))
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


# --- resolving ------------------------------------------------------------------------

QuestionIndex = dict[str, tuple[Fractie, int, Question]]
BijlageIndex = dict[str, tuple[Bijlage, int]]
LocalIndex = dict[str, tuple]  # ids a brief defines itself: its overleg's questions, its bijlagen


def question_index(overleg: Overleg | None) -> QuestionIndex:
    if overleg is None:
        return {}
    return {question.id: (fractie, number, question) for fractie, number, question in overleg.questions()}


def bijlage_index(meta) -> BijlageIndex:
    if not isinstance(meta, NotaFrontMatter):
        return {}
    return {bijlage.id: (bijlage, number) for number, bijlage in enumerate(meta.bijlagen, 1) if bijlage.id}


def local_index(brief: Brief, repository: Repository) -> LocalIndex:
    """The ids a brief may cite besides the data's: its overleg's questions or its bijlagen."""
    meta = brief.meta
    if isinstance(meta, ReplyFrontMatter):
        return dict(question_index(repository.overleggen.get(meta.overleg)))
    return dict(bijlage_index(meta))


def question_name(fractie: Fractie, number: int) -> str:
    """'de vierde vraag van de leden van de fractie van D66'."""
    return f"de {ordinal(number)} vraag van de leden van de fractie van {fractie.named}"


def resolve_citation(
    citation: Citation, repository: Repository, style: str, local: LocalIndex | None = None
) -> tuple[str | None, list[Diagnostic]]:
    """The citation's text (plain, with URLs as <url>), or None with the reasons."""
    problems: list[Diagnostic] = []
    texts: list[str] = []
    questions = local or {}
    for part in citation.parts:
        if part.key in questions:
            try:
                texts.append(_local_text(citation.form, part.key, questions[part.key]))
            except NotCitable as exc:
                problems.append(error(citation.location, str(exc), "not-citable"))
            continue
        item = repository.lookup(part.key)
        if item is None:
            problems.append(error(citation.location, unknown("id", part.key, [*repository.all_ids(), *questions]), "unknown-id"))
            continue
        try:
            texts.append(_text_for(citation.form, item, repository, style))
        except NotCitable as exc:
            problems.append(error(citation.location, str(exc), "not-citable"))
    if problems:
        return None, problems
    if citation.form != "note":
        return texts[0], []
    pieces = [
        " ".join(x for x in (part.prefix, text) if x) + part.suffix for part, text in zip(citation.parts, texts, strict=True)
    ]
    return footnote(pieces), []


def _local_text(form: str, key: str, entry: tuple) -> str:
    if isinstance(entry[0], Bijlage):
        if form != "inline":
            raise NotCitable(f"a bijlage is named, not cited: write @{key} for 'bijlage {entry[1]}'")
        return f"bijlage {entry[1]}"
    fractie, number, question = entry
    if form == "inline":
        return question_name(fractie, number)
    if form == "text":
        return " ".join(question.paragraphs)
    if form == "note":
        raise NotCitable(f"question '{key}' cannot be cited in a footnote; write @{key} to refer to it")
    raise NotCitable(f"a question has no short name; write @{key} to refer to question '{key}'")


def _text_for(form: str, item: Cited, repository: Repository, style: str) -> str:
    if form == "text":
        if isinstance(item, Commitment):
            return item.text
        if isinstance(item, Motion):
            if item.dictum is None:
                raise NotCitable(f"motion '{item.id}' has no dictum yet; add it to data/motions.yaml")
            return item.dictum
        raise NotCitable(f"'@{item.id}:text' needs a commitment or motion; '{item.id}' is a document")
    if form == "short":
        if isinstance(item, Motion):
            return motion_label(item)
        if isinstance(item, Commitment):
            return commitment_name(item)
        raise NotCitable(f"'@{item.id}:short' needs a commitment or motion; '{item.id}' is a document")
    if isinstance(item, Document):
        return document_reference(item, style)  # type: ignore[arg-type]
    if form == "inline":
        return motion_name(item) if isinstance(item, Motion) else commitment_name(item)
    if isinstance(item, Motion):
        return motion_reference(item, style)  # type: ignore[arg-type]
    source = repository.documents.get(item.made.source or "")
    if source is None:
        raise NotCitable(
            f"commitment '{item.id}' has no source document to put in a footnote; write @{item.id} for its name"
        )
    return document_reference(source, style)  # type: ignore[arg-type]


# --- body structure ---------------------------------------------------------------------

REPLY_CLOSING = "slot"


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


def answer_keys(section: Section) -> list[str]:
    """'D66-2, D66-3' -> ['D66-2', 'D66-3']: the questions one answer answers."""
    return [key.strip() for key in section.title.split(",") if key.strip()]


def _reply_problems(brief: Brief, overleg: Overleg) -> list[Diagnostic]:
    """Every heading of a reply names questions of its overleg, a fractie, or 'slot'."""
    questions = question_index(overleg)
    fracties = [fractie.fractie for fractie in overleg.fracties]
    problems = []
    for section in split_sections(brief.body, brief.path, brief.body_line)[1]:
        keys = answer_keys(section)
        if len(keys) == 1 and (keys[0] in fracties or keys[0].lower() == REPLY_CLOSING):
            continue
        for key in keys:
            if key not in questions:
                candidates = [*questions, *fracties, REPLY_CLOSING]
                problems.append(
                    error(section.location, f"{unknown('question', key, candidates)} in schriftelijk overleg '{overleg.id}'", "unknown-question")
                )
    return problems


# --- a brief's references ------------------------------------------------------------------


def resolve_brief(
    brief: Brief, repository: Repository, letters: dict[str, Brief], names: Iterable[str] = ()
) -> list[Diagnostic]:
    """Every id a brief names, in its front matter and its body, must exist.

    ``letters`` are the briefs read so far by name; ``names`` all brief names, for hints.
    """
    meta = brief.meta
    problems: list[Diagnostic] = []
    if isinstance(meta, LetterFrontMatter):
        problems += _letter_references(meta, repository)
    if isinstance(meta, NotaFrontMatter):
        problems += _nota_references(meta, repository, letters, names)
    if isinstance(meta, ReplyFrontMatter):
        overleg = repository.overleggen.get(meta.overleg)
        if overleg is None:
            problems.append(
                error(meta.location_of("overleg"), unknown("schriftelijk overleg", meta.overleg, repository.overleggen), "unknown-id")
            )
        else:
            problems += _reply_problems(brief, overleg)
    if meta.kamerstuk is not None and meta.kamerstuk not in repository.documents:
        problems.append(
            error(meta.location_of("kamerstuk"), unknown("document", meta.kamerstuk, repository.documents), "unknown-id")
        )
    local = local_index(brief, repository)
    citations, found = find_citations(brief.body, brief.path, brief.body_line)
    problems.extend(found)
    for citation in citations:
        problems.extend(resolve_citation(citation, repository, meta.citation_style, local)[1])
    return problems


def _letter_references(meta: LetterFrontMatter, repository: Repository) -> list[Diagnostic]:
    problems = []
    people = repository.bewindspersonen
    for key in meta.signatories:
        if key not in people:
            problems.append(error(meta.location_of("signatories"), unknown("bewindspersoon", key, people), "unknown-id"))
    for key in meta.answers:
        item = repository.lookup(key)
        if item is None or isinstance(item, Document):
            candidates = [*repository.commitments, *repository.motions]
            problems.append(error(meta.location_of("answers"), unknown("commitment or motion", key, candidates), "unknown-id"))
    return problems


def _nota_references(
    meta: NotaFrontMatter, repository: Repository, letters: dict[str, Brief], names: Iterable[str]
) -> list[Diagnostic]:
    problems = []
    people = repository.bewindspersonen
    if meta.aan not in people:
        problems.append(error(meta.location_of("aan"), unknown("bewindspersoon", meta.aan, people), "unknown-id"))
    if meta.kamerbrief is not None:
        letter = letters.get(meta.kamerbrief)
        if letter is None:
            problems.append(error(meta.location_of("kamerbrief"), unknown("brief", meta.kamerbrief, [*letters, *names]), "unknown-brief"))
        elif not isinstance(letter.meta, LetterFrontMatter):
            problems.append(
                error(meta.location_of("kamerbrief"), f"'{meta.kamerbrief}' is a {letter.meta.type}, not a letter to the Kamer", "not-a-letter")
            )
    return problems


def data_problems(repository: Repository) -> list[Diagnostic]:
    """References from data to data: a commitment's debate source, its motion, its bewindspersoon;
    and a motion's submitters, whom its name and citation need."""
    problems: list[Diagnostic] = []
    people = repository.bewindspersonen
    for motion in repository.motions.values():
        if not motion.submitters:
            # A motion is named after its submitters: "de motie van het lid Bamenga".
            problems.append(
                error(motion.location_of("submitters"), f"motion '{motion.id}' needs at least one submitter", "missing-field")
            )
    for commitment in repository.commitments.values():
        source = commitment.made.source
        if source is not None and source not in repository.documents:
            problems.append(
                error(
                    commitment.made.location_of("source"),
                    unknown("document", source, repository.documents), "unknown-id",
                )
            )
        if commitment.motion is not None and commitment.motion not in repository.motions:
            problems.append(
                error(
                    commitment.location_of("motion"),
                    unknown("motion", commitment.motion, repository.motions), "unknown-id",
                )
            )
        if commitment.by not in people:
            problems.append(
                error(commitment.location_of("by"), unknown("bewindspersoon", commitment.by, people), "unknown-id")
            )
    return problems


def overleg_problems(overleg: Overleg, repository: Repository) -> list[Diagnostic]:
    """An overleg's references resolve, and its question ids are unique and unambiguous."""
    problems: list[Diagnostic] = []
    people = repository.bewindspersonen
    if overleg.addressed_to not in people:
        problems.append(error(overleg.location_of("addressed_to"), unknown("bewindspersoon", overleg.addressed_to, people), "unknown-id"))
    if overleg.responds_to is not None and overleg.responds_to not in repository.documents:
        problems.append(
            error(overleg.location_of("responds_to"), unknown("document", overleg.responds_to, repository.documents), "unknown-id")
        )
    if not overleg.fracties:
        # The reply repeats each question before its answer: with none, there is no letter to build.
        message = f"schriftelijk overleg '{overleg.id}' has no fracties and so no questions"
        problems.append(error(overleg.location_of("fracties"), message, "empty-overleg"))
    first_seen: dict[str, Question] = {}
    for fractie in overleg.fracties:
        if not fractie.questions:
            problems.append(error(fractie.location_of("questions"), f"fractie '{fractie.fractie}' has no questions", "no-questions"))
        for question in fractie.questions:
            where = question.location_of("id")
            if question.id in first_seen:
                first = first_seen[question.id].location_of("id")
                problems.append(error(where, f"duplicate question id '{question.id}' (first defined at {first})", "duplicate-id"))
            elif repository.lookup(question.id) is not None:
                problems.append(error(where, f"question id '{question.id}' is also the id of a data item; rename it", "duplicate-id"))
            first_seen.setdefault(question.id, question)
    return problems
