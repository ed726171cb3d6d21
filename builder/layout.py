"""The canonical layout of the YAML in ``data/``: the one place that writes YAML.

Reviewers read data changes as diffs, so every file has one layout and a
change to one field is a change to one line:

* keys in the order of the record's dataclass fields (the model is the schema);
* block style, two-space indent, list dashes indented under their key;
* strings plain when YAML reads them back as the same string, else in
  double quotes;
* no line width: prose is never re-wrapped, and a folded (``>-``) or literal
  (``|``) block keeps the line breaks its author gave it;
* comments and blank lines stay where they were.

Files are read twice on purpose: first with the safe composer of the load
stage (tags, aliases and duplicate keys rejected with positions), then with
ruamel.yaml's round-trip loader, which keeps the comments.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from .diagnostics import Diagnostic
from .load import compose_yaml
from .model import schema_of

_NO_WIDTH = 1 << 30
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"


class _DoubleQuotingEmitter(Emitter):
    """Where a string needs quotes, use double quotes: one quoting style in the files."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _written_number(base: type) -> type:
    """A number type whose values are written back as their author wrote them: ``+12``,
    ``0o17`` and ``-0`` stay so, ``1e400`` does not become ``.inf``, nor ``.NaN`` ``.nan``."""

    class Written(base):  # type: ignore[valid-type,misc]
        written: str

        def __new__(cls, value, written: str):
            number = super().__new__(cls, value)
            number.written = written
            return number

    Written.__name__ = Written.__qualname__ = f"Written{base.__name__.capitalize()}"
    return Written


_WrittenInt = _written_number(int)
_WrittenFloat = _written_number(float)


class _WrittenDigits(str):
    """A whole number too long for ``int()``, written back as the number it was."""


class _NumberKeepingConstructor(RoundTripConstructor):
    """Formatting never changes what a value reads as, nor how a number is spelt."""

    def construct_written_int(self, node: Any) -> int | _WrittenDigits:
        try:
            return _WrittenInt(int(self.construct_yaml_int(node)), node.value)
        except ValueError:  # more digits than Python turns into an int (4,300): kept as text
            return _WrittenDigits(node.value)

    def construct_written_float(self, node: Any) -> float:
        return _WrittenFloat(float(self.construct_yaml_float(node)), node.value)


_NumberKeepingConstructor.add_constructor(_INT, _NumberKeepingConstructor.construct_written_int)
_NumberKeepingConstructor.add_constructor(_FLOAT, _NumberKeepingConstructor.construct_written_float)


class _NumberKeepingRepresenter(RoundTripRepresenter):
    pass


_NumberKeepingRepresenter.add_representer(_WrittenInt, lambda self, data: self.represent_scalar(_INT, data.written))
_NumberKeepingRepresenter.add_representer(_WrittenDigits, lambda self, data: self.represent_scalar(_INT, str(data)))
_NumberKeepingRepresenter.add_representer(_WrittenFloat, lambda self, data: self.represent_scalar(_FLOAT, data.written))


def round_trip_yaml(preserve_quotes: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _NumberKeepingConstructor
    yaml.Representer = _NumberKeepingRepresenter
    yaml.Emitter = _DoubleQuotingEmitter
    yaml.width = _NO_WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = preserve_quotes
    return yaml


def parse(text: str, shown: str, line_offset: int = 0) -> tuple[Any, list[Diagnostic]]:
    """The round-trip tree of a YAML text that the load stage accepts, else its problems."""
    document, problems = compose_yaml(text, shown, line_offset)
    if problems:
        return None, problems
    if document.root is None:
        return None, []
    return round_trip_yaml().load(text), []


def dump(tree: Any, schema: type | None) -> str:
    """The canonical text of a round-trip tree whose root is a ``schema`` record."""
    _canonicalise(tree, schema)
    stream = io.StringIO()
    round_trip_yaml().dump(tree, stream)
    return stream.getvalue()


def canonical_text(text: str, shown: str, schema: type | None) -> tuple[str | None, list[Diagnostic]]:
    tree, problems = parse(text, shown)
    if tree is None:
        return (text if not problems else None), problems
    return dump(tree, schema), []


# --- walking the tree along the schema -----------------------------------------------------


def field_names(schema: type) -> list[str]:
    return list(schema_of(schema).fields)


def field_schema(schema: type | None, name: str) -> type | None:
    """The record type of a field's value, or of its list items; None for scalars."""
    if schema is None or name not in schema_of(schema).fields:
        return None
    return schema_of(schema).expects[name].record_type


def _canonicalise(node: Any, schema: type | None) -> None:
    if isinstance(node, CommentedMap):
        node.fa.set_block_style()
        if schema is not None:
            _reorder(node, field_names(schema))
        for key, value in node.items():
            _canonicalise(value, field_schema(schema, key))
    elif isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        for item in node:
            _canonicalise(item, schema)


def _reorder(node: CommentedMap, order: list[str]) -> None:
    """Put keys in schema order (unknown keys last); a comment line moves with the key below it.

    ruamel.yaml hangs the full-line comments and blank lines that precede a
    key on the last leaf of the value *before* it, so moving keys as they are
    would drag a comment away from the key it describes, and the blank line
    that ends a record into its middle. The lines are lifted off first and put
    back above their own key; the lines after the last key stay last.
    """
    keys = list(node)
    rank = {name: i for i, name in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if wanted == keys:
        return
    gaps = [take_trailing_lines(node, key) for key in keys]
    above = dict(zip(keys[1:], gaps, strict=False))
    after_last = gaps[-1]
    entries = {key: (node[key], node.ca.items.pop(key, None)) for key in keys}
    for key in keys:
        del node[key]
    for key in wanted:
        value, comment = entries[key]
        node[key] = value
        if comment is not None:
            node.ca.items[key] = comment
    # The first key cannot have a comment above it inside a list item ("- id:"),
    # so what stood above it now follows it.
    put_trailing_lines(node, wanted[0], above.get(wanted[0], ""))
    for before, key in zip(wanted, wanted[1:], strict=False):
        put_trailing_lines(node, before, above.get(key, ""))
    put_trailing_lines(node, wanted[-1], after_last)


# --- the comment lines that follow a value ------------------------------------------------


def _last_leaf(container: Any, key: Any) -> tuple[Any, Any, int]:
    """The (container, key, slot) whose comment token ends the text of ``container[key]``."""
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        container, key = value, (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        value = container[key]
    slot = 0 if isinstance(container, CommentedSeq) else 2
    return container, key, slot


def _ends_own_line(owner: Any, leaf: Any) -> bool:
    """A block scalar (``>-``, ``|``) ends its own line: its comment token has no line end."""
    return isinstance(owner[leaf], (FoldedScalarString, LiteralScalarString))


def _split_token(value: str, ends_own_line: bool) -> tuple[str, str]:
    """A comment token's text as (end of the value's line, the full lines after it)."""
    if ends_own_line:
        return "", value
    line_end, _, following = value.partition("\n")
    return line_end + "\n", following


def take_trailing_lines(container: Any, key: Any) -> str:
    """Remove and return the full comment lines (and blank lines) after a value."""
    owner, leaf, slot = _last_leaf(container, key)
    entry = owner.ca.items.get(leaf)
    token = entry[slot] if entry and len(entry) > slot else None
    if not isinstance(token, CommentToken):
        return ""
    line_end, following = _split_token(token.value, _ends_own_line(owner, leaf))
    if line_end.strip():
        token.value = line_end
    else:
        entry[slot] = None
    return following


def put_trailing_lines(container: Any, key: Any, lines: str) -> None:
    """Attach comment lines (and blank lines) after a value, after any end-of-line comment."""
    if not lines:
        return
    owner, leaf, slot = _last_leaf(container, key)
    entry = owner.ca.items.setdefault(leaf, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    ends_own_line = _ends_own_line(owner, leaf)
    if isinstance(token, CommentToken):
        line_end, following = _split_token(token.value, ends_own_line)
        token.value = line_end + following + lines
    else:
        entry[slot] = CommentToken(("" if ends_own_line else "\n") + lines, CommentMark(0), None)
