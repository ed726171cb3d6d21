"""A record's own lines in a data file, edited in place.

ruamel.yaml's round trip keeps comments but is pure Python: at ministry scale (a
2.5 MB ``commitments.yaml``) loading and dumping the whole file took most of a
minute for a one-field ``brief set``. An edit only needs the lines of the records it
changes: in the canonical layout each record of a file's list starts with a line
``  - `` at the list's indent, so a record's lines run from there to the next such
line (or the end of the list), with the blank and comment lines that follow it, which
is where ruamel.yaml keeps them. Only those lines are round-tripped, as a small
document of their own; every other line of the file stays byte for byte, and the
model of the untouched records is reused with its lines moved.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from . import layout
from .codes import finding
from .diagnostics import Diagnostic, Location
from .load import compose_yaml, first_difference, split_lines
from .model import Converter, Record

_RECORD_START = re.compile(r"  - ")
_TOP_LEVEL = re.compile(r"[^\s#]")


@dataclass(frozen=True)
class Span:
    """Lines ``start`` up to ``end`` (0-based, end excluded) of a file."""

    start: int
    end: int


def record_span(lines: list[str], first: int) -> Span:
    """The lines of the record whose first line is ``first``, up to the next record or key."""
    end = first + 1
    while end < len(lines) and not _RECORD_START.match(lines[end]) and not _TOP_LEVEL.match(lines[end]):
        end += 1
    return Span(first, end)


def snippet_tree(
    lines: list[str], span: Span, list_key: str, schema: type, shown: str
) -> tuple[Any, list[Diagnostic]]:
    """The round-trip tree ``{list_key: [records…]}`` of the span's lines, when they are
    in the canonical layout; else a located error at the first line out of it."""
    text = _snippet_text(lines, span, list_key)
    tree, problems = layout.parse(text, shown, line_offset=span.start - 1)
    if tree is None:
        return None, problems or [finding(Location(shown, span.start + 1), "cannot read this record", "yaml")]
    canonical = layout.dump(tree, schema)
    if canonical != text:
        line = span.start + first_difference(text, canonical) - 1
        message = "not in the canonical layout, so this edit would change other lines too; run 'brief fmt' first"
        return None, [finding(Location(shown, line), message, "fmt")]
    return tree, []


def snippet_tree_of_spans(
    lines: list[str], spans: list[Span], list_key: str, schema: type, shown: str
) -> tuple[Any, list[Diagnostic]]:
    """The records of several spans (in file order) as one round-trip tree: one small
    document instead of one per record, which is what an import of hundreds costs."""
    joined = [line for span in spans for line in lines[span.start : span.end]]
    tree, problems = snippet_tree(joined, Span(0, len(joined)), list_key, schema, shown)
    if tree is None or len(tree.get(list_key) or ()) != len(spans):
        # Out of layout somewhere: each span on its own says where, in the file's lines.
        for span in spans:
            tree, problems = snippet_tree(lines, span, list_key, schema, shown)
            if tree is None:
                return None, problems
        return None, [finding(Location(shown), "the records could not be read together; run 'brief fmt'", "fmt")]
    return tree, []


def record_chunks(dumped: str, count: int) -> list[str]:
    """Dumped records cut back into ``count`` chunks, one per record of the snippet; the
    records after those (new ones, appended to the last) stay with the last chunk."""
    lines = split_lines(dumped)
    starts = [index for index, line in enumerate(lines) if _RECORD_START.match(line)]
    bounds = [*starts[:count], len(lines)]
    bounds[0] = 0
    return ["".join(lines[bounds[i] : bounds[i + 1]]) for i in range(count)]


def dump_snippet(tree: Any, list_key: str, schema: type) -> str:
    """The canonical lines of an edited snippet tree, without its ``list_key:`` line."""
    text = layout.dump(tree, schema)
    head = f"{list_key}:\n"
    if not text.startswith(head):
        raise ValueError(f"a snippet of '{list_key}' dumped as {text[:40]!r}")
    return text[len(head) :]


def spliced(lines: list[str], span: Span, new_lines: str) -> str:
    return "".join(lines[: span.start]) + new_lines + "".join(lines[span.end :])


def convert_snippet(new_lines: str, span: Span, list_key: str, file_schema: type, shown: str):
    """The records of edited lines, located where they will stand in the file."""
    document, problems = compose_yaml(f"{list_key}:\n{new_lines}", shown, line_offset=span.start - 1)
    if problems or document.root is None:
        return None, problems
    converter = Converter(document)
    record = converter.record(file_schema, document.root)
    return record, converter.problems


def replaced_records(records: tuple[Record, ...], index: int, new: tuple[Record, ...], delta: int) -> tuple[Record, ...]:
    """``records`` with the one at ``index`` replaced by ``new`` (itself and any records added
    after it), and every record after it moved ``delta`` lines (they stand below the edit)."""
    later = records[index + 1 :]
    if delta:
        later = tuple(moved(record, delta) for record in later)
    return (*records[:index], *new, *later)


def moved(value: Any, delta: int) -> Any:
    """A record tree with every location ``delta`` lines further down."""
    if isinstance(value, Record):
        changes = {"loc": _moved_location(value.loc, delta)}
        changes["where"] = {name: _moved_location(location, delta) for name, location in value.where.items()}
        for field in dataclasses.fields(value):
            inner = getattr(value, field.name)
            if isinstance(inner, (Record, tuple)) and field.name not in ("loc", "where"):
                changes[field.name] = moved(inner, delta)
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(moved(item, delta) for item in value)
    return value


def _moved_location(location: Location, delta: int) -> Location:
    return Location(location.path, location.line + delta, location.col)


def _snippet_text(lines: list[str], span: Span, list_key: str) -> str:
    return f"{list_key}:\n" + "".join(lines[span.start : span.end])
