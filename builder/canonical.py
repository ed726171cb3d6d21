"""Prove, fast, that a data file is already in the canonical layout.

One job: ``certainly_canonical(text, schema)`` answers whether
``layout.canonical_text(text, shown, schema)`` would give ``text`` back
unchanged, without the round trip through ruamel.yaml's pure-Python loader and
dumper, which takes most of a minute on a ministry-sized file.

The contract is one-sided (soundness): True means the round trip certainly
returns the text unchanged; False means only "not proven", and the caller
then does the round trip. So every rule below accepts a shape only when it is
exactly what the dumper writes, and anything unfamiliar is answered with
False rather than reasoned about.

It reads the raw lines, not a YAML parser's events: the accepted subset of
YAML is small enough to recognise line by line (block mappings and sequences
at their canonical indents, one-line scalars, block scalars), and on a 2.4 MB
file reading lines is several times faster than even libyaml's event stream.
A scalar's fate in the dumper is decided with the dumper's own machinery: the
round-trip resolver (what tag a plain scalar reads as) and the emitter's
``analyze_scalar`` (whether it may be written plain).

The accepted shapes, everything else being False:

* the text ends in one line break, has no tab, carriage return, BOM, line or
  paragraph separator, control or astral character, and no line ends in a
  space; it starts with a key or a comment, not a blank line;
* the root is a block mapping at column 0; a mapping's keys are plain,
  known to its record type, and in the schema's order (so ``layout._reorder``
  leaves the mapping alone); a nested record sits two columns in, a list's
  dashes two columns in under its key, a list item's keys two past its dash;
* values are plain one-line scalars the dumper writes plain again (strings,
  decimal integers, lowercase true/false, ISO dates), double-quoted one-line
  strings without escapes that the dumper must quote, or folded/literal
  blocks (``>-``, ``>``, ``|-``, ``|``) whose lines sit exactly two columns
  past their key, none more indented, the first not blank;
* full-line comments and blank lines between values (and above the root);
  a comment at the end of a line only after a one-line scalar.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ruamel.yaml.nodes import ScalarNode

from . import layout

# Characters the emitter writes as they are (allow_unicode), without
# U+2028/U+2029/NEL (line breaks to YAML) and BOM; tabs, control and astral
# characters are left out to keep the recogniser small.
_UNSUPPORTED_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_TRAILING_SPACE = re.compile(" \n")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
_BLOCK_INDICATORS = frozenset((">-", ">", "|-", "|"))
_DECIMAL_INT = re.compile(r"-?[0-9]+\Z")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# First characters after which analyze_scalar might refuse plain style or the
# resolver might find a non-string: such values take the slow, exact path.
_DOUBTFUL_FIRST = frozenset("#,[]{}&*!|>'\"%@`?:-. ")
_STR, _INT, _BOOL, _TIMESTAMP = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "bool", "timestamp"))


class _NotCertain(Exception):
    """Raised wherever the text leaves the accepted subset."""


def certainly_canonical(text: str, schema: type) -> bool:
    """True only if ``layout.canonical_text(text, shown, schema)`` would return ``text`` itself."""
    if not _characters_accepted(text):
        return False
    try:
        _Document(text).check_root(schema)
    except _NotCertain:
        return False
    return True


def _characters_accepted(text: str) -> bool:
    return (
        text.endswith("\n")
        and not text.startswith("\n")
        and _UNSUPPORTED_CHARACTER.search(text) is None
        and _TRAILING_SPACE.search(text) is None
    )


class _Document:
    """The lines of one text, walked along the schema; each check returns the next line to read.

    Every ``check_*`` method starts at a line of its construct and returns the
    index of the first content line after it and after the comments and blank
    lines that follow it, so a caller can check one record at a time.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")[:-1]
        self.indents = [len(line) - len(line.lstrip(" ")) for line in self.lines]
        self.end = len(self.lines)

    def check_root(self, schema: type) -> None:
        first = self.skip_gap(0)
        if first == self.end or self.indents[first] != 0:
            raise _NotCertain
        if self.check_mapping(first, 0, schema) != self.end:
            raise _NotCertain

    def skip_gap(self, index: int) -> int:
        """The first line from ``index`` on that is not blank nor a full-line comment."""
        lines, indents, end = self.lines, self.indents, self.end
        while index < end and (not lines[index] or lines[index][indents[index]] == "#"):
            index += 1
        return index

    def check_mapping(self, index: int, column: int, schema: type | None) -> int:
        """A block mapping whose keys start at ``column`` (the first may follow a list dash)."""
        if schema is None:
            raise _NotCertain  # no schema: its key order is not ours to check
        fields = _fields(schema)
        previous = -1
        while True:
            match = _KEY.match(self.lines[index], column)
            if match is None:
                raise _NotCertain
            key, rest = match.groups()
            field = fields.get(key)
            if field is None or field[0] <= previous:
                raise _NotCertain  # unknown, repeated or out of order: the dumper would move it
            previous = field[0]
            index = self.check_value(index, column, rest, field[1])
            if index == self.end or self.indents[index] < column:
                return index
            if self.indents[index] != column:
                raise _NotCertain

    def check_value(self, index: int, column: int, rest: str | None, schema: type | None) -> int:
        """The value of the key at ``column`` on line ``index``; ``rest`` is what follows ``key:``."""
        if rest is None:
            return self.check_nested(index, column, schema)
        _check_scalar_allowed(schema)
        if rest in _BLOCK_INDICATORS:
            return self.check_block_scalar(index, column + 2)
        _check_inline_scalar(rest)
        return self.skip_gap(index + 1)

    def check_nested(self, index: int, column: int, schema: type | None) -> int:
        """A mapping or list under ``key:``; nothing under it (a null) is not accepted."""
        inner = self.skip_gap(index + 1)
        if inner == self.end or self.indents[inner] != column + 2:
            raise _NotCertain
        if self.lines[inner].startswith("- ", column + 2):
            return self.check_sequence(inner, column + 2, schema)
        return self.check_mapping(inner, column + 2, schema)

    def check_sequence(self, index: int, column: int, item_schema: type | None) -> int:
        """A block list with its dashes at ``column``: records or one-line scalars."""
        while True:
            line = self.lines[index]
            if not line.startswith("- ", column):
                raise _NotCertain
            if _KEY.match(line, column + 2):
                index = self.check_mapping(index, column + 2, item_schema)
            else:
                _check_scalar_allowed(item_schema)
                _check_inline_scalar(line[column + 2 :])
                index = self.skip_gap(index + 1)
            if index == self.end or self.indents[index] < column:
                return index
            if self.indents[index] != column:
                raise _NotCertain

    def check_block_scalar(self, index: int, column: int) -> int:
        """Folded or literal lines at exactly ``column``; the dumper writes them there again.

        A more-indented line would keep its own line break in a folded block and
        change the indentation indicator; a leading blank line too. Blank lines
        inside and after the block are kept by the round trip.
        """
        lines, indents = self.lines, self.indents
        last_content = None
        line = index + 1
        while line < self.end:
            if lines[line]:
                if indents[line] < column:
                    break
                if indents[line] > column:
                    raise _NotCertain
                last_content = line
            elif last_content is None:
                raise _NotCertain
            line += 1
        if last_content is None:
            raise _NotCertain
        return self.skip_gap(last_content + 1)


@functools.cache
def _fields(schema: type) -> dict[str, tuple[int, type | None]]:
    """Each key of a record type: its place in the canonical order and its record type, if any."""
    names = layout.field_names(schema)
    if not all(_written_plain(name) == _STR for name in names):
        return {}  # a field name that would need quotes as a key: not our layout
    return {name: (rank, layout.field_schema(schema, name)) for rank, name in enumerate(names)}


def _check_scalar_allowed(schema: type | None) -> None:
    """A scalar where a record belongs (``commitments: hello``) is canonical layout but not
    data: the caller's model check must see it, so it is not passed here."""
    if schema is not None and not hasattr(schema, "from_scalar"):
        raise _NotCertain


def _check_inline_scalar(written: str) -> None:
    """A one-line value after ``key: `` or ``- ``, with perhaps a comment after it."""
    if written.startswith('"'):
        _check_double_quoted(written)
        return
    comment = written.find(" #")
    value = written if comment < 0 else written[:comment].rstrip(" ")
    if _written_plain(value) is None:
        raise _NotCertain


def _check_double_quoted(written: str) -> None:
    """``"text"`` stays as it is when ``text`` needs no escape and may not be plain."""
    close = written.find('"', 1)
    if close < 0:
        raise _NotCertain
    value, after = written[1:close], written[close + 1 :]
    if not value or "\\" in value:
        raise _NotCertain
    if after and not (after.startswith(" ") and after.lstrip(" ").startswith("#")):
        raise _NotCertain  # anything but a comment after the closing quote
    if _written_plain(value) == _STR:
        raise _NotCertain  # the dumper would drop the quotes


@functools.lru_cache(maxsize=1 << 16)
def _written_plain(value: str) -> str | None:
    """The tag of a plain scalar the dumper would write again exactly as ``value``; else None.

    A string must read back as a string and be allowed plain by the emitter; a
    number is written as written (``_WrittenInt``) but only decimal integers are
    taken; a boolean is written lowercase; a date in ISO form.
    """
    if not value or not _allowed_plain(value):
        return None
    tag = _implicit_tag(value)
    if tag == _STR:
        return _STR
    if tag == _INT and _DECIMAL_INT.match(value):
        return _INT
    if tag == _BOOL and value in ("true", "false"):
        return _BOOL
    if tag == _TIMESTAMP and _is_iso_date(value):
        return _TIMESTAMP
    return None


def _allowed_plain(value: str) -> bool:
    """Whether the emitter's ``analyze_scalar`` allows ``value`` plain in a block.

    The common case is decided with C-speed string tests that mirror it: no
    indicator first, no ': ' or ' #' inside, no space or ':' last (the characters
    were checked for the whole text, and the value is one line).
    """
    if value[0] not in _DOUBTFUL_FIRST and ": " not in value and " #" not in value and value[-1] not in " :":
        return True
    return bool(_emitter().analyze_scalar(value).allow_block_plain)


def _implicit_tag(value: str) -> str:
    """The tag a plain ``value`` reads as: the round-trip resolver's table, looked up the
    way ``VersionedResolver.resolve`` does it, without its per-call version lookup."""
    table = _resolver_table()
    if table is None:
        return str(_resolver().resolve(ScalarNode, value, (True, False)))
    for tag, pattern in table.get(value[0], ()):
        if pattern.match(value):
            return str(tag)
    return _STR


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


@functools.cache
def _round_trip():
    return layout.round_trip_yaml()


@functools.cache
def _emitter():
    return _round_trip().emitter


@functools.cache
def _resolver():
    return _round_trip().resolver


@functools.cache
def _resolver_table() -> dict | None:
    """The implicit resolvers by first character; None when some apply to any first
    character, in which case the resolver itself is asked."""
    table = _resolver().versioned_resolver
    return None if None in table else table
