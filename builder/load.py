"""Load stage: files on disk -> YAML node trees and brief sources, with positions.

Data files are read with ruamel.yaml's safe *composer* (the C one when the
``ruamel.yaml.clib`` wheel is there): it is several times faster than
round-trip loading and its nodes still carry line and column, which is all
the model stage needs for located diagnostics. Nothing is constructed here,
so no YAML tag can ever build a Python object.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from .codes import finding
from .diagnostics import CONTROL_CHARACTER, Diagnostic, Location, describe_control

_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


@dataclass(frozen=True)
class YamlDocument:
    """A composed YAML document; ``line_offset`` maps node lines back to the file."""

    path: str
    root: Node | None
    line_offset: int = 0

    def location(self, node: Node) -> Location:
        return node_location(node, self.path, self.line_offset)


@dataclass(frozen=True)
class BriefSource:
    """A brief split into its front matter and its Markdown body."""

    path: str
    name: str
    front_matter: YamlDocument
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def node_location(node: Node, path: str, line_offset: int = 0) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1 + line_offset, mark.column + 1)


# No input the tool reads is near this size: the ministry-scale benchmark's data/ is 4 MB.
# The bound keeps a mistaken argument (a disk image, /dev/zero) from filling memory.
MAX_INPUT_BYTES = 256 * 1024 * 1024


def read_input_bytes(path: Path, shown: str, limit: int = MAX_INPUT_BYTES) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a regular file of at most ``limit`` bytes, else a located error.

    Opened without blocking and checked before reading, so that a FIFO does not hang the
    tool and a device (``/dev/zero``) is refused instead of read until memory runs out.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, [finding(Location(shown), f"cannot read file: {exc.strerror}", "read")]
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        kind = "it is a directory" if stat.S_ISDIR(status.st_mode) else "not a regular file (a pipe, socket or device)"
        return None, [finding(Location(shown), f"cannot read file: {kind}", "read")]
    with os.fdopen(descriptor, "rb") as stream:
        try:
            raw = stream.read(limit + 1)
        except OSError as exc:
            return None, [finding(Location(shown), f"cannot read file: {exc.strerror}", "read")]
    if len(raw) > limit:
        return None, [finding(Location(shown), f"file is larger than {limit:,} bytes; refusing to read it", "read")]
    return raw, []


def read_text(path: Path, shown: str, limit: int = MAX_INPUT_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file; bad encoding or control characters become located errors."""
    raw, problems = read_input_bytes(path, shown, limit)
    if raw is None:
        return None, problems
    return decode_text(raw, shown)


def decode_text(raw: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file's bytes, held to what ``read_text`` holds a file to."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [finding(Location(shown, line, col), "file is not valid UTF-8 text", "encoding")]
    text = normalise_newlines(text)
    problems = control_character_problems(text, shown)
    return (None, problems) if problems else (text, [])


def normalise_newlines(text: str) -> str:
    """CRLF and a lone CR become LF, so that every stage counts lines as YAML does."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """Lines with their ends, split at "\n" only.

    str.splitlines also splits at U+2028, U+2029 and some control characters, which YAML,
    markdown-it and pandoc do not: positions counted that way drift from theirs.
    """
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def first_difference(before: str, after: str) -> int:
    """The 1-based line where two texts first differ."""
    old_lines, new_lines = split_lines(before), split_lines(after)
    for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if old != new:
            return number
    return min(len(old_lines), len(new_lines)) + 1


MAX_REPORTED_PER_FILE = 20


def control_character_problems(text: str, shown: str, line_offset: int = 0) -> list[Diagnostic]:
    """One error per line holding a raw control character (a NUL, an ESC): never text."""
    problems: list[Diagnostic] = []
    if not CONTROL_CHARACTER.search(text):
        return problems
    for number, line in enumerate(split_lines(text), start=1 + line_offset):
        match = CONTROL_CHARACTER.search(line)
        if match:
            message = f"{describe_control(match.group())} in the file; remove it"
            problems.append(finding(Location(shown, number, match.start() + 1), message, "control-character"))
            if len(problems) == MAX_REPORTED_PER_FILE:
                break
    return problems


_NEWLINE = re.compile("\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts, lines ending at "\n" as in split_lines."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


def line_and_column(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset, given the text's ``line_starts``."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


_OTHER_LINE_BREAKS = "\u2028\u2029\x85"


class _Yaml12Resolver(VersionedResolver):
    """YAML 1.2 tags, the version fixed once and the rules looked up once.

    The stock resolver looks the version up again for every scalar (behind the C parser
    that lookup fails twice, on caught AttributeErrors), rebuilds its rule list and makes
    a new Tag per scalar: together about a third of composing ``data/`` at ministry scale.
    The rules are ruamel's own; only the lookups are hoisted.
    """

    processing_version = (1, 2)

    @functools.cached_property
    def _plain_rules(self) -> dict:
        rules = self.versioned_resolver
        anywhere = rules.get(None, [])
        return {first: (*found, *anywhere) for first, found in rules.items() if first is not None} | {
            None: tuple(anywhere)
        }

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            rules = self._plain_rules
            for tag, pattern in rules.get(value[:1], rules[None]):
                if pattern.match(value):
                    return _shared_tag(tag)
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


@functools.cache
def _shared_tag(name: str) -> Tag:
    """One Tag per name: a Tag caches its string form, so shared ones are looked up once."""
    return Tag(suffix=name)


# The tags the resolver hands out (kept alive for good, so their ids stay theirs): a node
# carrying one of them was written without a tag, and needs no closer look.
_RESOLVED_TAG_IDS = frozenset(
    id(tag)
    for tag in (
        _Yaml12Resolver.DEFAULT_SCALAR_TAG,
        _Yaml12Resolver.DEFAULT_SEQUENCE_TAG,
        _Yaml12Resolver.DEFAULT_MAPPING_TAG,
        *(_shared_tag(name) for name in ALLOWED_TAGS),
    )
)


def _yaml_for(text: str) -> YAML:
    """The safe loader for ``text``: libyaml's C parser unless its line count would differ.

    libyaml counts U+2028, U+2029 and NEL as line breaks, where every other stage counts
    "\n" only: a text holding one goes to the pure-Python parser, which agrees with them.
    """
    yaml = YAML(typ="safe", pure=any(c in text for c in _OTHER_LINE_BREAKS))
    yaml.Resolver = _Yaml12Resolver
    return yaml


# Data nests a few levels deep; the composers recurse per level, and libyaml's C
# composer overflows the stack (a segmentation fault) somewhere past 20,000.
MAX_NESTING = 100
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_NESTING}}}", re.MULTILINE)


def compose_yaml(text: str, shown: str, line_offset: int = 0) -> tuple[YamlDocument, list[Diagnostic]]:
    """Compose one YAML document and check the things a composer lets through."""
    yaml = _yaml_for(text)
    too_deep = _too_deep(yaml, text, shown, line_offset)
    if too_deep is not None:
        return YamlDocument(shown, None, line_offset), [too_deep]
    try:
        root = yaml.compose(text)
    except YAMLError as exc:
        return YamlDocument(shown, None, line_offset), [_syntax_error(exc, text, shown, line_offset)]
    except RecursionError:
        message = "invalid YAML: nested too deeply (lists or mappings inside each other)"
        return YamlDocument(shown, None, line_offset), [finding(Location(shown, 1 + line_offset), message, "yaml")]
    document = YamlDocument(shown, root, line_offset)
    return document, _structural_problems(document, text)


def _too_deep(yaml: YAML, text: str, shown: str, line_offset: int) -> Diagnostic | None:
    """Nesting past ``MAX_NESTING``, found by the parser's events, which do not recurse.

    Only a text that could nest that deep (many brackets, or that much indentation) is
    parsed for it: the common case pays two string scans.
    """
    if text.count("[") + text.count("{") <= MAX_NESTING and not _DEEP_INDENT.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    message = f"invalid YAML: nested more than {MAX_NESTING} levels deep (lists or mappings inside each other)"
                    return finding(node_location(event, shown, line_offset), message, "yaml")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None  # composing reports it, located
    return None


def _syntax_error(exc: YAMLError, text: str, shown: str, line_offset: int) -> Diagnostic:
    if isinstance(exc, ReaderError):
        line, col = line_and_column(line_starts(text), exc.position)
        message = f"invalid YAML: {describe_control(chr(exc.character))} is not allowed"
        return finding(Location(shown, line + line_offset, col), message, "yaml")
    if not isinstance(exc, MarkedYAMLError):
        return finding(Location(shown, 1 + line_offset), f"invalid YAML: {exc}", "yaml")
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context_mark and "end of stream" in problem:
        # Something left open (a quote, a bracket) runs to the end of the file: the place
        # to fix is where it was opened, not the end.
        mark, problem = exc.context_mark, f"{problem} {exc.context}"
    line = mark.line + 1 + line_offset if mark else 1 + line_offset
    col = mark.column + 1 if mark else 1
    return finding(Location(shown, line, col), f"invalid YAML: {problem}", "yaml")


def _structural_problems(document: YamlDocument, text: str) -> list[Diagnostic]:
    """Reject tags, aliases and duplicate keys: all silently accepted by a composer."""
    problems: list[Diagnostic] = []
    # An alias is the anchored node met again; without an '&' there is no anchor to alias.
    seen: set[int] | None = set() if "&" in text else None
    has_alias = False
    stack = [document.root] if document.root is not None else []
    while stack:
        node = stack.pop()
        if seen is not None:
            if id(node) in seen:
                has_alias = True
                continue
            seen.add(id(node))
        if id(node.ctag) not in _RESOLVED_TAG_IDS and node.tag not in ALLOWED_TAGS:
            problems.append(finding(document.location(node), f"YAML tag '{node.tag}' is not allowed", "yaml-tag"))
            continue
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            problems.extend(_duplicate_keys(document, node))
            for key, value in reversed(node.value):
                stack.extend((value, key))
    if has_alias:
        problems.extend(_alias_problems(document, text))
    return sorted(problems)


def _alias_problems(document: YamlDocument, text: str) -> list[Diagnostic]:
    """Each alias where it is written; the composed tree only holds the anchored node again.

    Parsed a second time, and only once an alias was seen: the common case pays nothing.
    """
    aliases = (event for event in _yaml_for(text).parse(text) if isinstance(event, AliasEvent))
    return [
        finding(node_location(event, document.path, document.line_offset), "YAML anchors and aliases are not supported", "yaml-alias")
        for event in aliases
    ]


def _duplicate_keys(document: YamlDocument, node: MappingNode) -> list[Diagnostic]:
    first_seen: dict[str, Node] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            problems.append(finding(document.location(key), "mapping keys must be plain text", "yaml"))
            continue
        if key.value in first_seen:
            first = document.location(first_seen[key.value])
            problems.append(
                finding(document.location(key), f"duplicate key '{key.value}' (first set on line {first.line})", "duplicate-key")
            )
        else:
            first_seen[key.value] = key
    return problems


def load_yaml_file(path: Path, shown: str) -> tuple[YamlDocument, list[Diagnostic]]:
    return _composed(*read_text(path, shown), shown)


def load_yaml_bytes(raw: bytes, shown: str) -> tuple[YamlDocument, list[Diagnostic]]:
    """A YAML file already read, held to what ``load_yaml_file`` holds a file to."""
    return _composed(*decode_text(raw, shown), shown)


def _composed(text: str | None, problems: list[Diagnostic], shown: str) -> tuple[YamlDocument, list[Diagnostic]]:
    return (YamlDocument(shown, None), problems) if text is None else compose_yaml(text, shown)


# A brief opens with a '---' line (spaces around it allowed) and its front matter ends at
# the next line that is '---' or '...' from its first column, as in Pandoc and Jekyll.
_OPENING = re.compile(r"[^\S\n]*---[^\S\n]*(?:\n|\Z)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[^\S\n]*(?:\n|\Z)", re.M)


@dataclass(frozen=True)
class BriefParts:
    """A brief's text cut at its front-matter fences; the four parts join back to the text."""

    opening: str  # the '---' line
    front_matter: str  # the YAML between the fences
    closing: str  # the closing fence line; "" when the front matter is never closed
    body: str

    @property
    def closed(self) -> bool:
        return bool(self.closing)

    @property
    def body_line(self) -> int:
        """The 1-based line the body starts on."""
        return self.front_matter.count("\n") + 3


def split_front_matter(text: str) -> BriefParts | None:
    """The one reading of where a brief's front matter is; None without an opening '---'.

    Every reader of front matter goes through it (the load stage, ``brief link``, history
    at a revision, the freshness digest), so that none of them sees another front matter
    than the build does.
    """
    opening = _OPENING.match(text)
    if opening is None:
        return None
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return BriefParts(opening.group(), text[opening.end() :], "", "")
    return BriefParts(opening.group(), text[opening.end() : closing.start()], closing.group(), text[closing.end() :])


def load_brief(path: Path, shown: str) -> tuple[BriefSource | None, list[Diagnostic]]:
    """Split a brief into YAML front matter (between '---' lines) and body."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    parts = split_front_matter(text)
    if parts is None:
        return None, [finding(Location(shown), "missing YAML front matter: a brief starts with a '---' line", "front-matter")]
    if not parts.closed:
        return None, [finding(Location(shown), "front matter is not closed: add a '---' line after it", "front-matter")]
    front_matter, problems = compose_yaml(parts.front_matter, shown, line_offset=1)
    source = BriefSource(shown, path.stem, front_matter, parts.body, parts.body_line)
    return source, problems
