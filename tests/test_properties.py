"""Property-based tests of the reference syntax, the front-matter parser and the formats.

Positions in a file are checked against one definition of a line, the one the YAML parser,
CommonMark and pandoc share: a line ends at "\\r\\n", "\\r" or "\\n", and nowhere else. The
load stage turns the first two into "\\n", so the stages after it (citations, comments, code)
are fed text with "\\n" line ends only. Python's ``str.splitlines`` also breaks at U+2028 and
U+2029 (and at control characters, which the loader rejects), so the generators mix those
two in on purpose.
"""

from __future__ import annotations

import keyword

import collections.abc
import datetime as dt
import itertools
import re
import types
import typing
import unicodedata
from dataclasses import MISSING, fields, is_dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.diagnostics import Diagnostic, Location
from builder.dutch import dossier_number, prinsjesdag, vergaderjaar
from builder.load import compose_yaml, normalise_newlines
from builder.model import (
    INVALID,
    Commitment,
    Converter,
    Document,
    Motion,
    yaml_key,
)
from builder.pipeline import Project, load_briefs
from builder.references import document_reference
from builder.doctypes import front_matter_types
from builder.body import (
    _MAY_HOLD_CODE_BLOCK,
    _blocks,
    _parsed_blocks,
    _plain_blocks,
    find_citations,
    mask,
    strip_comments,
)

# --- shared helpers --------------------------------------------------------------------------

# The documented id syntax (README, "Citations"), kept here so that the tests pin it.
ID = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
STRAY_BREAKS = "\u2028\u2029"  # line breaks to str.splitlines only, and allowed in a brief
SYNTAX = "@[]^`<>!-:;,.()\\{}~*#_ \t\n\r\x00\x0c\x1b\x85" + STRAY_BREAKS
# What a brief may hold as text: no control character but tab and the line breaks.
BRIEF_TEXT = (st.characters(exclude_categories=("Cs", "Cc")), st.sampled_from("\t\n\r"))


def strings(*alphabets: st.SearchStrategy, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy:
    """Text drawn from each alphabet alike: st.text would merge them into one character range,
    where a few syntax characters among all of Unicode almost never come up."""
    return st.lists(st.one_of(*alphabets), min_size=min_size, max_size=max_size).map("".join)


ids = st.from_regex(ID, fullmatch=True)
# Pieces of the syntax, so that random text holds citations, notes, code and comments.
SNIPPETS = ["@a", "@b:text", "[@a]", "[Zie @a, p. 3; @b]", "^[", "]", "`", "```\n", "<!--", "-->", "](", "\r", "\n    "]
syntax_text = strings(st.sampled_from(SYNTAX), st.sampled_from(SNIPPETS), st.characters(), max_size=40)
# A body as the load stage hands it on.
loaded_text = syntax_text.map(normalise_newlines)


def line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in LINE_BREAK.finditer(text)]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset."""
    starts = line_starts(text)
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return line + 1, offset - starts[line] + 1


def assert_inside(location: Location, text: str, first_line: int = 1) -> None:
    """A location names a line of ``text`` and a column on it or just past its end."""
    lines = LINE_BREAK.split(text)
    index = location.line - first_line
    assert 0 <= index < len(lines), location
    assert 1 <= location.col <= len(lines[index]) + 1, location


# --- the front-matter parser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("properties")
    (root / "briefs").mkdir()
    return Project(root)


def parse_brief(scratch: Project, raw: bytes):
    (scratch.briefs_dir / "b.md").write_bytes(raw)
    briefs, problems = load_briefs(scratch, ["b"])
    return (briefs[0] if briefs else None), problems


def _yaml_raw_in_quotes(text: str, i: int) -> bool:
    """Whether a double-quoted YAML scalar keeps ``text[i]`` as written.

    ruamel folds a raw NEL, and the blanks beside U+2028/U+2029, as YAML 1.1 did: escape those.
    """
    ch = text[i]
    beside_break = any(text[j] in STRAY_BREAKS for j in (i - 1, i + 1) if 0 <= j < len(text))
    if ch in '"\\' or (ch in " \t" and beside_break):
        return False
    return bool(re.match(r"[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", ch))


def quoted(text: str) -> str:
    return '"' + "".join(ch if _yaml_raw_in_quotes(text, i) else f"\\U{ord(ch):08x}" for i, ch in enumerate(text)) + '"'


def yaml_value(value) -> str:
    """Flow-style YAML for a generated value; strings always quoted, so 'null' stays text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, int)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_value(v)}" for key, v in value.items()) + "}"
    return quoted(value)


yaml_strings = strings(*BRIEF_TEXT, st.sampled_from('"\\#:-' + STRAY_BREAKS), max_size=12)


def schema_values(hint) -> st.SearchStrategy:
    """Values of a front-matter field, read off its annotation as the model reads it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return st.none() | schema_values(inner)
    if origin is tuple:
        return st.lists(schema_values(args[0]), max_size=3)
    if origin is collections.abc.Mapping:
        return st.dictionaries(ids, schema_values(args[1]), max_size=2).map(IdMapping)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if is_dataclass(hint):
        return schema_records(hint)
    # A whole number of the data format starts at 1 and has at most 18 digits (builder.model).
    numbers = st.integers(min_value=1, max_value=10**18 - 1)
    return {dt.date: st.dates(), bool: st.booleans(), int: numbers}.get(hint, yaml_strings)


def field_values(name: str, hint) -> st.SearchStrategy:
    """An id follows the model's one id rule (a bijlage's ``id``); every other field its annotation."""
    return ids if name == "id" else schema_values(hint)


def schema_records(cls) -> st.SearchStrategy:
    hints = typing.get_type_hints(cls)
    specs = [f for f in fields(cls) if f.name not in ("loc", "where")]
    # By YAML key: ``from_`` is written ``from``.
    required = {yaml_key(f.name): field_values(f.name, hints[f.name]) for f in specs if _is_required(f)}
    optional = {yaml_key(f.name): field_values(f.name, hints[f.name]) for f in specs if not _is_required(f)}
    return st.fixed_dictionaries(required, optional=optional)


def _is_required(spec) -> bool:
    return spec.default is MISSING and spec.default_factory is MISSING


class IdMapping(dict):
    """A generated ``{id: value}`` field (``postpones:``), as opposed to a record written as a dict."""


def attribute_of(key: str) -> str:
    """The field a YAML key reads into: ``from`` is the keyword's ``from_``."""
    return f"{key}_" if keyword.iskeyword(key) else key


def as_generated(actual, expected):
    """The parsed value in the shape of the generated one: records as dicts, tuples as lists."""
    if isinstance(expected, IdMapping) and isinstance(actual, dict) and actual.keys() == expected.keys():
        return IdMapping({key: as_generated(actual[key], value) for key, value in expected.items()})
    if isinstance(expected, dict):
        return {key: as_generated(getattr(actual, attribute_of(key)), value) for key, value in expected.items()}
    if isinstance(expected, list) and isinstance(actual, tuple) and len(actual) == len(expected):
        return [as_generated(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


front_matters = st.sampled_from(list(front_matter_types().values())).flatmap(schema_records)
# ruamel ends a comment at U+2028/U+2029, where YAML 1.2 does not: leave that quirk out.
comment_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)


@st.composite
def brief_files(draw) -> tuple[dict, str, str]:
    """(front matter, body, file text): valid front matter, optional comments, any body."""
    front_matter = draw(front_matters)
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for key, value in front_matter.items():
        if draw(st.booleans()):
            lines.append("# " + draw(comment_text))
        lines.append(f"{key}: {yaml_value(value)}")
    body = draw(strings(*BRIEF_TEXT, st.sampled_from(STRAY_BREAKS + "-@[]")))
    return front_matter, body, f"---{eol}{eol.join(lines)}{eol}---{eol}{body}"


@settings(max_examples=150, deadline=None)
@given(brief_files())
def test_front_matter_round_trips_and_body_line_is_the_file_line(scratch, case):
    front_matter, body, text = case
    brief, problems = parse_brief(scratch, text.encode())
    assert problems == []
    assert as_generated(brief.meta, front_matter) == front_matter
    assert brief.body == normalise_newlines(body)
    # Every position in the body is reported as body_line + its line in the body.
    assert brief.body_line == len(line_starts(text[: len(text) - len(body)]))


yaml_ish = strings(
    st.sampled_from(SYNTAX + "\"'|>&%?"),
    st.sampled_from(["type", "kamerbrief", "date", "2025-01-01", "!!str", "*a", "&a"]),
    st.characters(),
    max_size=40,
)


def _deeply_nested(depth: int, opener: str) -> bytes:
    return f"---\ntype: kamerbrief\nbetreft: {opener * depth}\n---\n".encode()


hostile_inputs = st.one_of(
    st.binary(max_size=80),
    syntax_text.map(str.encode),
    st.tuples(yaml_ish, syntax_text).map(lambda p: f"---\n{p[0]}\n---\n{p[1]}".encode()),
    st.builds(_deeply_nested, st.integers(0, 10).map(lambda k: 2**k), st.sampled_from(["[", "{a: "])),
)


@settings(max_examples=300, deadline=None)
@given(hostile_inputs)
def test_front_matter_parser_never_raises_and_locates_every_problem(scratch, raw):
    brief, problems = parse_brief(scratch, raw)
    assert brief is not None or problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    for problem in problems:
        assert problem.location.path == "briefs/b.md"
        if text is None:  # positions in undecodable bytes count bytes
            assert 1 <= problem.location.line <= raw.count(b"\n") + 1 and problem.location.col >= 1
        else:
            assert_inside(problem.location, text)


# Scalars as YAML 1.2 writes them, in every notation its core schema resolves.
yaml_scalars = st.one_of(
    st.integers().map(str),
    st.integers().map(hex),
    st.integers().map(oct),
    st.integers().map(bin),
    st.floats(allow_nan=False).map(repr),
    st.sampled_from(["true", "false", "null", "~", ".nan", "-.inf", "1_000", "2025-02-30", "2025-01-01"]),
    yaml_strings.map(quoted),
)


def scalar_records(cls) -> st.SearchStrategy:
    """(cls, {field: scalar}): any scalars for some of the record's fields and an unknown one."""
    names = [yaml_key(f.name) for f in fields(cls) if f.name not in ("loc", "where")] + ["x"]
    return st.tuples(st.just(cls), st.dictionaries(st.sampled_from(names), yaml_scalars))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([Document, Motion, Commitment]).flatmap(scalar_records))
def test_a_data_record_of_any_scalars_is_a_record_or_located_errors(case):
    cls, values = case
    text = "".join(f"{key}: {value}\n" for key, value in values.items()) or "{}\n"
    document, problems = compose_yaml(text, "data/x.yaml")
    assert problems == []
    converter = Converter(document)
    record = converter.record(cls, document.root)
    assert record is not INVALID or converter.problems
    for problem in converter.problems:
        assert_inside(problem.location, text)


# --- citations ----------------------------------------------------------------------------------

# Plain text: no character that could start or end a citation, code, a comment or a link.
WORD_ALPHABET = st.characters(exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), exclude_characters="@[]^`<>\\~;")
words = strings(WORD_ALPHABET, st.sampled_from(STRAY_BREAKS), min_size=1, max_size=6)
affix_words = st.text(WORD_ALPHABET, min_size=1, max_size=6)  # prefix and suffix are stripped
plain = st.lists(st.tuples(words, st.sampled_from([" ", "\n"])), min_size=1, max_size=4).map(
    lambda pairs: "".join(word + gap for word, gap in pairs[:-1]) + pairs[-1][0]
)
# Between two elements: none of them glues to a citation ('a@x', '[@x](', '@x-y', ']^[').
separators = st.sampled_from([" ", "\n", ". ", ", ", " (", ") ", ") ("])
cite_parts = st.tuples(st.lists(affix_words, max_size=2), ids, st.lists(affix_words, max_size=2))

leaves = st.one_of(
    plain.map(lambda t: ("plain", t)),
    st.tuples(st.just("bare"), ids, st.sampled_from([None, "text", "short"])),
    st.lists(cite_parts, min_size=1, max_size=3).map(lambda parts: ("cite", parts)),
    words.map(lambda t: ("group", t)),
    st.tuples(st.just("code"), words, ids),
    st.tuples(st.just("comment"), words, ids),
)
inline_elements = st.recursive(
    leaves, lambda children: st.lists(st.tuples(separators, children), max_size=4).map(lambda xs: ("note", xs)), max_leaves=8
)
top_elements = inline_elements | st.tuples(st.just("fence"), words, ids)


# Elements that yield no citation: plain text, and citations hidden in code and comments.
LITERAL = {
    "plain": lambda text: text,
    "group": lambda text: f"[{text}]",
    "code": lambda text, key: f"`{text} @{key} [@{key}]`",
    "comment": lambda text, key: f"<!-- {text}\n@{key} -->",
    "fence": lambda text, key: f"\n```\n{text} @{key}\n[@{key}]\n```\n",
}


class Body:
    """A body written element by element, with the citations and problems it must yield."""

    def __init__(self) -> None:
        self.text = ""
        self.citations: list[tuple] = []
        self.nested: list[int] = []

    def __repr__(self) -> str:
        return f"Body({self.text!r})"

    def write(self, element, in_note: bool = False) -> None:
        kind = element[0]
        if kind in LITERAL:
            self.text += LITERAL[kind](*element[1:])
        elif kind == "bare":
            self._write_bare_citation(*element[1:])
        elif kind == "cite":
            self._write_note_citation(element[1], in_note)
        else:
            self.text += "^["
            for separator, child in element[1]:
                self.text += separator
                self.write(child, in_note=True)
            self.text += "]"

    def _write_bare_citation(self, key: str, field: str | None) -> None:
        start = len(self.text)
        self.text += f"@{key}" + (f":{field}" if field else "")
        self.citations.append((field or "inline", ((key, "", ""),), start, len(self.text)))

    def _write_note_citation(self, parts, in_note: bool) -> None:
        start = len(self.text)
        self.text += "["
        keys_at = []
        for n, (prefix, key, suffix) in enumerate(parts):
            self.text += ("; " if n else "") + (" ".join(prefix) + " " if prefix else "")
            keys_at.append((key, len(self.text)))
            self.text += f"@{key}" + (", " + " ".join(suffix) if suffix else "")
        self.text += "]"
        if in_note:
            # An error, and each id still read as written in running text: "write @id instead".
            self.nested.append(start)
            self.citations += [("inline", ((key, "", ""),), at, at + 1 + len(key)) for key, at in keys_at]
            return
        expected = tuple((key, " ".join(prefix), ", " + " ".join(suffix) if suffix else "") for prefix, key, suffix in parts)
        self.citations.append(("note", expected, start, len(self.text)))


@st.composite
def bodies(draw) -> Body:
    body = Body()
    for separator, element in draw(st.lists(st.tuples(separators, top_elements), max_size=8)):
        body.text += separator
        body.write(element)
    return body


@settings(max_examples=300, deadline=None)
@given(bodies(), st.integers(1, 500))
def test_find_citations_finds_exactly_the_citations_written(body, first_line):
    citations, problems = find_citations(body.text, "briefs/b.md", first_line)
    found = [(c.form, tuple((p.key, p.prefix, p.suffix) for p in c.parts), c.start, c.end) for c in citations]
    assert found == body.citations
    for citation in citations:
        line, col = position(body.text, citation.start)
        assert citation.location == Location("briefs/b.md", first_line + line - 1, col)
    nested = [(p.code, p.location) for p in problems]
    assert nested == [
        ("nested-citation", Location("briefs/b.md", first_line + position(body.text, at)[0] - 1, position(body.text, at)[1]))
        for at in body.nested
    ]


@settings(max_examples=200, deadline=None)
@given(loaded_text.map(lambda t: t.replace("@", "")))
def test_text_without_an_at_sign_cites_nothing(text):
    assert find_citations(text, "b.md", 1) == ([], [])


@settings(max_examples=300, deadline=None)
@given(loaded_text, st.integers(1, 500))
def test_find_citations_never_raises_and_stays_inside_the_text(text, first_line):
    citations, problems = find_citations(text, "b.md", first_line)
    assert [c.start for c in citations] == sorted(c.start for c in citations)
    for before, after in itertools.pairwise(citations):
        assert before.end <= after.start
    for citation in citations:
        written = text[citation.start : citation.end]
        if citation.form == "note":
            assert written[0] == "[" and written[-1] == "]"
        else:
            field = "" if citation.form == "inline" else f":{citation.form}"
            assert written == f"@{citation.parts[0].key}{field}"
        assert_inside(citation.location, text, first_line)
    for problem in problems:
        assert_inside(problem.location, text, first_line)


@settings(max_examples=200, deadline=None)
@given(loaded_text)
def test_mask_keeps_every_offset_and_line_break(text):
    masked = mask(text)
    assert len(masked) == len(text)
    for original, blanked in zip(text, masked, strict=True):
        assert blanked == original or (blanked == " " and original != "\n")


# Block structure that can hold code: containers, list markers, fences, spaces short of four.
BLOCK_SNIPPETS = ["\n", "> ", "- ", "1. ", "  ", "   ", "``", "~~", "`", "~", "#", "=", "<div>", "\n\n", "*"]


@settings(max_examples=300, deadline=None)
@given(strings(st.sampled_from(BLOCK_SNIPPETS), st.sampled_from("ab \n"), max_size=40))
def test_a_text_the_code_prefilter_passes_over_holds_no_code_block(text):
    # The prefilter spares most letters the block parser: it must never skip a code block.
    if not _MAY_HOLD_CODE_BLOCK.search(text):
        assert _blocks(text).code == ()


LINE_STARTS = [
    "", "#", "# ", "## ", "###### ", "####### ", "#x", "\\#", "a ", "Zie ", "é", "@a ", "{{ x }}", " ", "  ", ">", "=",
    "- ", "* ", "+ ", "-", "--- ", "-x", "- # ", "- - ", "- 1. ", "1. ", "2) ", "1.", "1.5 ", "2025 ", "1234567890. ",
]
LINE_ENDS = ["", " #", " ##", "#", "  ", " \\#", " # #", "\u00a0", " {answers=\"a\"}"]
plain_lines = st.tuples(st.sampled_from(LINE_STARTS), strings(st.sampled_from("ab #"), max_size=6), st.sampled_from(LINE_ENDS))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.just(""), plain_lines.map("".join)), max_size=8), st.booleans())
def test_plain_text_structure_is_what_the_block_parser_reads(lines, final_newline):
    # Bodies of paragraphs and headings skip the block parser: the shortcut must agree with it.
    text = "\n".join(lines) + ("\n" if final_newline else "")
    plain = _plain_blocks(text)
    if plain is not None:
        assert plain == _parsed_blocks(text)


# --- comments --------------------------------------------------------------------------------

# Prose around the comments: a back tick or an indented line would make a comment code.
prose = st.one_of(st.just(""), plain)
comments = strings(st.characters(), st.sampled_from("\n-<!>@")).filter(lambda t: "-->" not in t).map(
    lambda t: f"<!--{t}-->"
)


@settings(max_examples=200, deadline=None)
@given(prose, st.lists(st.tuples(comments, prose), max_size=4))
def test_strip_comments_removes_exactly_the_comments_and_keeps_the_lines(first, rest):
    text = first + "".join(comment + after for comment, after in rest)
    expected = first + "".join("\n" * comment.count("\n") + after for comment, after in rest)
    stripped = strip_comments(text)
    assert stripped == expected
    assert stripped.count("\n") == text.count("\n")


@settings(max_examples=100, deadline=None)
@given(strings(st.characters(exclude_characters="`\n\r"), st.just("-"), max_size=10))
def test_strip_comments_leaves_code_as_written(inside):
    # pandoc prints code literally, so a comment marker in code is text of the letter.
    text = f"Zie `<!--{inside}-->` en\n```\n<!--{inside}-->\n```\n"
    assert strip_comments(text) == text


# --- citation formats ----------------------------------------------------------------------------

GROUPED = re.compile(r"^\d{1,3}(?: \d{3})*$")
dossier_suffixes = st.from_regex(r"(| [A-Z]{1,4}|-\d{2})", fullmatch=True)
dossiers = st.tuples(st.integers(1, 10**7), dossier_suffixes)
dates = st.dates(dt.date(1815, 1, 1), dt.date(2200, 12, 31))  # the Staten-Generaal's lifetime, and then some


@settings(max_examples=200)
@given(dossiers, st.sampled_from(["", " "]))
def test_dossier_numbers_are_grouped_by_thousands(dossier, padding):
    number, suffix = dossier
    formatted = dossier_number(f"{padding}{number}{suffix}{padding}")
    digits = formatted[: len(formatted) - len(suffix)]
    assert formatted.endswith(suffix)
    assert GROUPED.match(digits) and digits.replace(" ", "") == str(number)
    assert dossier_number(formatted) == formatted


@settings(max_examples=200)
@given(dates)
def test_vergaderjaar_names_the_year_that_holds_the_date(date):
    match = re.fullmatch(r"(\d{4})/(\d{2}|\d{4})", vergaderjaar(date))
    assert match
    start = int(match.group(1))
    assert prinsjesdag(start) <= date < prinsjesdag(start + 1)
    same_century = start // 100 == (start + 1) // 100
    assert match.group(2) == (f"{(start + 1) % 100:02d}" if same_century else str(start + 1))


# "30 950, nr. 433", "31 700 VI, A": a dossier number grouped by thousands, then the document.
REFERENCE_TAIL = r"(?P<dossier>\d{1,3}(?: \d{3})*)(?P<suffix>.*?), (?P<part>nr\. \d+|[A-Z]+)$"
LEIDRAAD = re.compile(r"^Kamerstukken (?P<kamer>I|II) (?P<year>\d{4}/\d{2,4}), " + REFERENCE_TAIL)
KAMER = re.compile(r"^Kamerstuk " + REFERENCE_TAIL)
# (number, letter): a Kamerstuk has exactly one of the two.
numbers_or_letters = st.one_of(
    st.integers(1, 10**4).map(lambda n: (n, None)),
    st.from_regex(r"[A-Z]{1,2}", fullmatch=True).map(lambda c: (None, c)),
)


@settings(max_examples=200)
@given(st.sampled_from(["I", "II"]), dossiers, numbers_or_letters, dates, st.sampled_from(["leidraad", "kamer"]))
def test_kamerstuk_references_parse_back_to_what_was_cited(kamer, dossier, part, date, style):
    (digits, suffix), (number, letter) = dossier, part
    document = Document(
        id="d", kind="kamerstuk", kamer=kamer, dossier=f"{digits}{suffix}", number=number, letter=letter, title="T", date=date
    )
    reference = document_reference(document, style)
    match = (LEIDRAAD if style == "leidraad" else KAMER).match(reference)
    assert match, reference
    assert match.group("dossier").replace(" ", "") == str(digits) and match.group("suffix") == suffix
    assert match.group("part") == (f"nr. {number}" if number is not None else letter)
    if style == "leidraad":
        assert (match.group("kamer"), match.group("year")) == (kamer, vergaderjaar(date))


# --- diagnostics -----------------------------------------------------------------------------------

diagnostics = st.builds(
    Diagnostic,
    location=st.builds(Location, path=syntax_text, line=st.integers(1, 10**6), col=st.integers(1, 10**4)),
    message=syntax_text,
    severity=st.sampled_from(["error", "warning"]),
    code=st.from_regex(r"[a-z][a-z0-9-]*", fullmatch=True),
)


@settings(max_examples=300)
@given(diagnostics)
def test_a_diagnostic_prints_as_one_line_without_control_characters(diagnostic):
    printed = str(diagnostic)
    assert len(printed.splitlines()) == 1
    # A tab moves the cursor only; every other control character can drive a terminal.
    assert not [ch for ch in printed if unicodedata.category(ch) == "Cc" and ch != "\t"], repr(printed)


printable = st.text(st.characters(exclude_characters="\\").filter(str.isprintable), min_size=1, max_size=30)


@settings(max_examples=100)
@given(printable, printable)
def test_a_diagnostic_prints_ordinary_text_as_written(path, message):
    # Dutch text ('één', '’s-Gravenhage') must reach the reader unescaped.
    printed = str(Diagnostic(Location(path, 3, 7), message, "error", "x"))
    assert printed == f"{path}:3:7: error: {message} [x]"
