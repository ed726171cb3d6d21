"""What changed in the data, in words: ``brief diff`` and ``brief log``, from git.

A *snapshot* is the data as plain values (records by id: the commitments, motions
and documents of the list files, and each set of Kamervragen and schriftelijk overleg
of the folders, one file a record) plus what each brief's front matter says it
answers or postpones, taken from a commit or from the working tree. Two
snapshots compare to a list of :class:`Change` records, which the renderers turn
into text or Markdown for a pull request.

YAML is read with the composer every stage uses (:func:`builder.load.compose_yaml`:
no tags, aliases or duplicate keys), but its nodes become plain values rather than
model records on purpose: history holds files that an older schema accepted, and a
diff must still describe them. A scalar stays the text it was written as, so an id
is a string whether it was quoted or not, and an impossible date is shown as written
(with a warning) instead of stopping the command.

A file that cannot be read at a revision (not UTF-8 text, not valid YAML, nested too
deeply, a symbolic link, a folder) is reported with a warning located at
``REV:path:line:col`` and skipped: its records are neither new nor removed there.
Only regular files are read from a commit; a committed symbolic link is never
followed, and nothing outside the repository is read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator

from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from .codes import finding
from .diagnostics import Diagnostic, Location, did_you_mean, printable
from .load import (
    MAX_INPUT_BYTES,
    MAX_REPORTED_PER_FILE,
    compose_yaml,
    decode_text,
    node_location,
    read_input_bytes,
    split_front_matter,
)
from .project import DATA_KINDS, RECORD_KINDS

# The kinds kept one record a file, in a folder of data/ (data/kamervragen/2024Z18656.yaml).
FOLDER_KINDS = tuple(kind for kind in DATA_KINDS if kind.folder)

PROSE_FIELDS = frozenset(
    {"text", "dictum", "notes", "reason", "short", "subject", "title", "closing", "intro", "toelichting", "footnotes"}
)
# Lists of mappings whose items a reviewer names one by one (the questions of a set of
# Kamervragen, the fracties and questions of a schriftelijk overleg): the list's key ->
# the item's field that names it, and what one item is called. Such an item is flattened
# under 'vragen[3]', so that a changed question is one change and an added one is "added".
NAMED_ITEMS = {"vragen": ("number", "vraag"), "fracties": ("fractie", "fractie"), "questions": ("id", "vraag")}
WORKING_TREE = "working tree"

# The data nests three or four levels deep; far deeper is a mistake or an attack, and
# turning it into values (and comparing those) would recurse without end.
MAX_DEPTH = 64


@dataclass(frozen=True)
class RecordAtRevision:
    """What history needs of a record (a commitment, a set of Kamervragen): its values, flattened."""

    kind: str  # commitment, motion, document, kamervragen, overleg (DataKind.kind)
    ident: str
    values: dict[str, Any]
    source: str = ""  # the file it is written in, e.g. data/commitments.yaml


@dataclass(frozen=True)
class LetterAtRevision:
    """What history needs of a brief: its status and what it answers or postpones."""

    name: str
    status: str | None
    answers: tuple[str, ...]
    postpones: tuple[str, ...] = ()  # the sets of Kamervragen whose answer it postpones

    @property
    def source(self) -> str:
        return f"briefs/{self.name}.md"


@dataclass(frozen=True)
class Snapshot:
    label: str
    records: dict[str, RecordAtRevision] = field(default_factory=dict)
    letters: dict[str, LetterAtRevision] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()  # files (or folders) there but not read: nothing is known of them

    def skips(self, source: str) -> bool:
        """Whether nothing is known of ``source`` here: it, or the folder it is in, could not be read."""
        return source in self.unreadable or PurePosixPath(source).parent.as_posix() in self.unreadable


@dataclass(frozen=True)
class Change:
    """One change, said in words by :func:`as_text` and :func:`as_markdown`."""

    kind: str  # commitment, motion, document, kamervragen, overleg, brief
    ident: str
    what: str  # new, removed, field, added, dropped (an item: a question), answers, unanswers, postpones, unpostpones
    name: str = ""  # the field, for 'field'; the item ('vragen[3]') for 'added' and 'dropped'
    old: Any = None
    new: Any = None

    @property
    def is_prose(self) -> bool:
        return self.what == "field" and (self.name.split(".")[-1] in PROSE_FIELDS) and bool(self.old) and bool(self.new)


# --- snapshots -------------------------------------------------------------------------------

# A file's text by path in the project; None for a file that is there but could not be read.
Files = dict[str, str | None]


def snapshot(files: Files, label: str) -> tuple[Snapshot, list[Diagnostic]]:
    """A snapshot from file texts by repository path (``data/…``, ``briefs/….md``)."""
    records: dict[str, RecordAtRevision] = {}
    letters: dict[str, LetterAtRevision] = {}
    unreadable = {path for path, text in files.items() if text is None}
    problems: list[Diagnostic] = []
    for record_kind in RECORD_KINDS.values():
        path, list_key, kind = record_kind.relative, record_kind.list_key, record_kind.kind
        if files.get(path) is None:
            continue
        items, found = _record_items(files[path], path, list_key)
        problems += _at_revision(label, found)
        if items is None:
            unreadable.add(path)
            continue
        for item in items:
            ident = item.get("id")
            if isinstance(ident, str) and ident:
                records[ident] = RecordAtRevision(kind, ident, flatten(item), path)
    for folder_kind in FOLDER_KINDS:
        for path, text in sorted(files.items()):
            if PurePosixPath(path).parent.as_posix() != folder_kind.relative or text is None:
                continue
            values, found = _one_record(text, path)
            problems += _at_revision(label, found)
            if values is None:
                unreadable.add(path)
                continue
            # The file is named by the record's id; an old file without one is still that record.
            ident = values.get("id")
            ident = ident if isinstance(ident, str) and ident else PurePosixPath(path).stem
            records[ident] = RecordAtRevision(folder_kind.kind, ident, flatten(values), path)
    for path, text in files.items():
        if not _is_brief(path) or text is None:
            continue
        letter, found, readable = _letter(Path(path).stem, text, path)
        problems += _at_revision(label, found)
        if not readable:
            unreadable.add(path)
        elif letter is not None:
            letters[letter.name] = letter
    return Snapshot(label, records, letters, frozenset(unreadable)), problems


def _is_brief(path: str) -> bool:
    return path.startswith("briefs/") and path.endswith(".md")


def _record_items(text: str, path: str, list_key: str) -> tuple[list[dict] | None, list[Diagnostic]]:
    """The records listed in a data file, or None when the file cannot be read."""
    data, problems = _data_file_values(text, path)
    if data is _UNREADABLE:
        return None, problems
    if data is None or (isinstance(data, dict) and data.get(list_key) is None):
        return [], problems  # an empty file, or one without records
    if not isinstance(data, dict) or not isinstance(data[list_key], list):
        message = f"skipped at this revision: expected a mapping with a list '{list_key}:'"
        return None, [*problems, finding(Location(path), message, "history")]
    return [item for item in data[list_key] if isinstance(item, dict)], problems


def _one_record(text: str, path: str) -> tuple[dict | None, list[Diagnostic]]:
    """The values of a file that holds one record, or None when the file cannot be read."""
    data, problems = _record_file_values(text, path)
    if data is _UNREADABLE:
        return None, list(problems)
    if data is None:
        return {}, list(problems)
    if not isinstance(data, dict):
        message = "skipped at this revision: expected a mapping (one record)"
        return None, [*problems, finding(Location(path), message, "history")]
    return data, list(problems)


def _letter(name: str, text: str, path: str) -> tuple[LetterAtRevision | None, list[Diagnostic], bool]:
    """The letter a brief's front matter describes (None without front matter), its
    problems, and whether the brief could be read."""
    parts = split_front_matter(text)
    if parts is None or not parts.closed:
        return None, [], True
    meta, problems = _front_matter_values(parts.front_matter, path, 1)
    if meta is _UNREADABLE:
        return None, problems, False
    if not isinstance(meta, dict):
        return None, problems, True
    answers = meta.get("answers")
    answered = tuple(a for a in answers if isinstance(a, str)) if isinstance(answers, list) else ()
    step = _kamervragen_step(meta)
    if step is not None and step[0] == "answers":
        answered += (step[1],)
    postponed = (step[1],) if step is not None and step[0] == "postpones" else ()
    return LetterAtRevision(name, meta.get("status"), answered, postponed), problems, True


class _PlainFrontMatter:
    """Front matter as plain values, read the way a document type's hook reads its record
    (``meta.kamervragen``); a field not given is None."""

    def __init__(self, values: dict[str, Any]):
        self._values = values

    def __getattr__(self, name: str) -> Any:
        return self._values.get(name)


def _kamervragen_step(meta: dict[str, Any]) -> tuple[str, str] | None:
    """('answers' or 'postpones', set id) when the brief's document type says it answers a
    set of Kamervragen or postpones that answer.

    Which field names the set, and what the brief does to it, is the document type's
    to say (its ``kamervragen_step`` hook), so history asks it, handing it the plain
    values instead of a checked record. The hook was written for a checked record: if
    it trips over the values of an old, unchecked front matter, that brief says nothing
    of Kamervragen at that revision.
    """
    from .doctypes import document_types  # the model, only once a brief is read

    doctype = document_types().get(meta.get("type")) if isinstance(meta.get("type"), str) else None
    if doctype is None:
        return None
    try:
        step = doctype.kamervragen_step(_PlainFrontMatter(meta))
    except (AttributeError, TypeError, ValueError):
        return None
    if step is None or not isinstance(step[1], str) or not step[1]:
        return None
    return step


class _Unreadable:
    """The values of a document that could not be read (its problems say why)."""


_UNREADABLE: Any = _Unreadable()


def _document_values(text: str, path: str, line_offset: int = 0) -> tuple[Any, tuple[Diagnostic, ...]]:
    """Plain values of a YAML document, or ``_UNREADABLE`` with a warning that says why.

    Callers only read the result: it is cached, as ``brief log`` meets the same file in
    many commits.
    """
    document, problems = compose_yaml(text, path, line_offset)
    if problems:
        return _UNREADABLE, (_skipped(problems),)
    if document.root is None:
        return None, ()
    try:
        values, bad_dates = _plain(document.root, path, line_offset)
    except _TooDeep as exc:
        message = f"skipped at this revision: nested more than {MAX_DEPTH} levels deep (lists or mappings inside each other)"
        return _UNREADABLE, (finding(node_location(exc.node, path, line_offset), message, "yaml", severity="warning"),)
    return values, tuple(bad_dates[:MAX_REPORTED_PER_FILE])


# A data file is large and changes in most commits, a front matter is small and seldom
# changes: the caches are sized so that ``brief log`` reads each version once.
_data_file_values = functools.lru_cache(maxsize=16)(_document_values)
_front_matter_values = functools.lru_cache(maxsize=4096)(_document_values)
# A folder holds many small files, each read at every commit of a log.
_record_file_values = functools.lru_cache(maxsize=1024)(_document_values)


def _skipped(problems: list[Diagnostic]) -> Diagnostic:
    """One warning for a file skipped for its problems: the first, and how many more."""
    first = min(problems)
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return finding(first.location, f"skipped at this revision: {first.message}{more}", first.code, severity="warning")


class _TooDeep(Exception):
    def __init__(self, node: Node):
        super().__init__()
        self.node = node


_TIMESTAMPS = SafeConstructor()


def _plain(node: Node, path: str, line_offset: int) -> tuple[Any, list[Diagnostic]]:
    """A node tree as dicts, lists and the text of each scalar (None for null), with a
    warning for each date or time that cannot be (February 30th, 25:61:00)."""
    bad_dates: list[Diagnostic] = []

    def plain(node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        if isinstance(node, MappingNode):
            return {key.value: plain(value, depth + 1) for key, value in node.value}
        if isinstance(node, SequenceNode):
            return [plain(item, depth + 1) for item in node.value]
        if node.tag.endswith(":null"):
            return None
        if node.tag.endswith(":timestamp"):
            impossible = _impossible_timestamp(node)
            if impossible:
                message = f"impossible date or time '{node.value}' ({impossible}); shown as written"
                bad_dates.append(finding(node_location(node, path, line_offset), message, "date", severity="warning"))
        return node.value

    return plain(node, 0), bad_dates


def _impossible_timestamp(node: Node) -> str | None:
    """Why a scalar that YAML reads as a date or time names none, else None."""
    try:
        _TIMESTAMPS.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:
        return str(exc)
    return None


def _at_revision(label: str, problems: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[Diagnostic]:
    """Problems found in a file's text, located at the revision the text is from."""
    return [replace(p, location=replace(p.location, path=f"{label}:{p.location.path}")) for p in problems]


def flatten(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted keys (``made.date``), so each leaf is one change.

    The items of a list named in ``NAMED_ITEMS`` are flattened under their name
    (``vragen[3].text``), with ``vragen[3]`` itself holding that name, so that an item
    added or dropped is seen as such; a list whose items are not each named once stays a
    value.
    """
    flat: dict[str, Any] = {}
    for key, value in values.items():
        items = _named_items(key, value)
        if items is not None:
            for name, item in items.items():
                flat[f"{prefix}{key}[{name}]"] = name
                flat.update(flatten({k: v for k, v in item.items() if k != NAMED_ITEMS[key][0]}, f"{prefix}{key}[{name}]."))
        elif isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _named_items(key: str, value: Any) -> dict[str, dict] | None:
    """The items of a list of ``NAMED_ITEMS`` by name, or None when they cannot be named
    (not all mappings, a name missing or given twice, a name that would blur the key)."""
    if key not in NAMED_ITEMS or not isinstance(value, list):
        return None
    field_name = NAMED_ITEMS[key][0]
    items: dict[str, dict] = {}
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get(field_name), str):
            return None
        name = item[field_name]
        if not name or name in items or any(c in name for c in "[]."):
            return None
        items[name] = item
    return items


# --- comparing -------------------------------------------------------------------------------


def compare(before: Snapshot, after: Snapshot) -> list[Change]:
    """What changed from ``before`` to ``after``; files either could not read are left out."""
    def skipped(source: str) -> bool:
        return before.skips(source) or after.skips(source)

    old_records = {i: r for i, r in before.records.items() if not skipped(r.source)}
    new_records = {i: r for i, r in after.records.items() if not skipped(r.source)}
    changes: list[Change] = []
    for ident, record in new_records.items():
        old = old_records.get(ident)
        if old is None:
            changes.append(Change(record.kind, ident, "new", new=_summary(record)))
            continue
        changes += _field_changes(old, record)
    for ident, record in old_records.items():
        if ident not in new_records:
            changes.append(Change(record.kind, ident, "removed", old=_summary(record)))
    for name, letter in after.letters.items():
        if skipped(letter.source):
            continue
        old_letter = before.letters.get(name, LetterAtRevision(name, None, ()))
        for now, gained, lost in (("answers", "answers", "unanswers"), ("postpones", "postpones", "unpostpones")):
            old_ids, new_ids = getattr(old_letter, now), getattr(letter, now)
            changes += [Change("brief", name, gained, new=ident) for ident in new_ids if ident not in old_ids]
            changes += [Change("brief", name, lost, old=ident) for ident in old_ids if ident not in new_ids]
        if name in before.letters and old_letter.status != letter.status:
            changes.append(Change("brief", name, "field", "status", old_letter.status, letter.status))
    return changes


def _field_changes(old: RecordAtRevision, new: RecordAtRevision) -> list[Change]:
    """The changed fields of a record; an item (a question) added or dropped is one change,
    not one for each of its fields."""
    changes: list[Change] = []
    added = [n for n in new.values if _is_item(n) and n not in old.values]
    dropped = [n for n in old.values if _is_item(n) and n not in new.values]

    def within(name: str) -> bool:  # a field of an item added or dropped, or an item in one
        return any(name.startswith(f"{item}.") for item in added + dropped)

    for name in [*old.values, *(k for k in new.values if k not in old.values)]:
        if name == "id" or within(name) or old.values.get(name) == new.values.get(name):
            continue
        if name in added:
            changes.append(Change(new.kind, new.ident, "added", name, new=_item_summary(new.values, name)))
        elif name in dropped:
            changes.append(Change(new.kind, new.ident, "dropped", name, old=_item_summary(old.values, name)))
        elif not _is_item(name):
            changes.append(Change(new.kind, new.ident, "field", name, old.values.get(name), new.values.get(name)))
    return changes


def _is_item(name: str) -> bool:
    """Whether a flattened key names an item of ``NAMED_ITEMS`` (``vragen[3]``) rather than a field."""
    return name.endswith("]")


def _summary(record: RecordAtRevision) -> str:
    values = record.values
    text = values.get("short") or values.get("text") or values.get("subject") or values.get("title") or ""
    return " ".join(str(text).split())


def _item_summary(values: dict[str, Any], item: str) -> str:
    text = values.get(f"{item}.text") or values.get(f"{item}.intro") or ""
    return " ".join(str(text).split())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) pieces: op is ' ' (same), '-' or '+'."""
    before, after = str(old).split(), str(new).split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append((" ", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("+", " ".join(after[j1:j2])))
    return pieces


def shorten_context(pieces: list[tuple[str, str]], words: int = 6) -> list[tuple[str, str]]:
    """Long unchanged stretches cut to a few words either side, as '…'."""
    shortened = []
    for index, (op, text) in enumerate(pieces):
        parts = text.split()
        if op == " " and len(parts) > 2 * words:
            head = parts[:words] if index > 0 else []
            tail = parts[-words:] if index < len(pieces) - 1 else []
            text = " ".join([*head, "…", *tail])
        shortened.append((op, text))
    return shortened


# --- which briefs a change touches ---------------------------------------------------------


def affected_briefs(changes: list[Change], naming: dict[str, set[str]]) -> dict[str, list[str]]:
    """Brief name -> the changed ids it names (``naming``: brief -> ids it names)."""
    changed = {c.ident for c in changes if c.kind != "brief"} | {c.new for c in changes if c.what == "answers"}
    return {
        brief: sorted(ids & changed) for brief, ids in sorted(naming.items()) if ids & changed
    }


# --- rendering -------------------------------------------------------------------------------

NOUN_PLURAL = {
    "commitment": "Commitments",
    "motion": "Motions",
    "document": "Documents",
    "kamervragen": "Kamervragen",
    "overleg": "Schriftelijke overleggen",
    "brief": "Briefs",
}
# What one record of a kind is called where its kind's name is not that (a new set of Kamervragen).
NOUN = {"kamervragen": "set of Kamervragen", "overleg": "schriftelijk overleg"}


@dataclass(frozen=True)
class _Style:
    """How a phrase writes what comes from the data: as code (ids, values) and as prose."""

    code: Callable[[str], str]
    prose: Callable[[str], str]
    deleted: tuple[str, str]
    inserted: tuple[str, str]


def markdown_text(text: str) -> str:
    """Text from the data as GitHub Markdown that shows that text and does nothing else.

    A pull-request comment must not gain links, images, HTML, mentions or issue
    references from the data: Markdown punctuation is backslash-escaped and ``&``,
    ``<``, ``>`` become entities. GitHub finds mentions, ``#1`` references and bare
    URLs in the rendered text, where a backslash no longer is, so those get an invisible
    U+200B (zero-width space) that breaks the pattern without changing what one reads.
    Whitespace is collapsed, so that no value can start a line (a heading, a list).
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", text)
    return _GITHUB_REFERENCE.sub(lambda match: match.group() + ZERO_WIDTH_SPACE, text)


ZERO_WIDTH_SPACE = "\u200b"
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_\[\]()#+\-!|~$]")  # and '&', '<', '>' as entities
# After '@' (a mention, an e-mail address), between '#' and a number (an issue), between
# ':' and '//' (a URL) and between 'www' and '.' (a bare host name).
_GITHUB_REFERENCE = re.compile(r"@|(?<=\\#)(?=\d)|(?<=:)(?=//)|(?i:(?<=www)(?=\.))")


def markdown_code(text: str) -> str:
    """A code span showing ``text`` literally, whatever backticks it holds."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{padding}{text}{padding}{fence}"


TEXT = _Style(printable, printable, ("[-", "-]"), ("{+", "+}"))
MARKDOWN = _Style(markdown_code, markdown_text, ("~~", "~~"), ("**", "**"))


def phrase(change: Change, markdown: bool = False) -> str:
    style = MARKDOWN if markdown else TEXT
    code, prose = style.code, style.prose
    ident = code(change.ident)
    noun = NOUN.get(change.kind, change.kind)
    if change.what == "new":
        return f"new {noun} {ident}: {prose(change.new)}".rstrip(": ")
    if change.what == "removed":
        return f"removed {noun} {ident}: {prose(change.old)}".rstrip(": ")
    if change.what in ("answers", "postpones"):
        return f"{ident} now {change.what} {code(change.new)}"
    if change.what in ("unanswers", "unpostpones"):
        return f"{ident} no longer {change.what[2:]} {code(change.old)}"
    name = prose(field_words(change.name))
    if change.what == "added":
        return f"{name} added to {ident}: {prose(change.new)}".rstrip(": ")
    if change.what == "dropped":
        return f"{name} removed from {ident}: {prose(change.old)}".rstrip(": ")
    if change.is_prose:
        return f"{name} of {ident} changed: {render_words(change, style)}"
    if change.old is None:
        return f"{ident}: {name} set to {code(_value(change.new))}"
    if change.new is None:
        return f"{ident}: {name} removed (was {code(_value(change.old))})"
    return f"{ident}: {name} {code(_value(change.old))} → {code(_value(change.new))}"


def field_words(name: str) -> str:
    """A flattened field as a reviewer says it: 'vragen[3].text' is 'vraag 3', 'vragen[3].footnotes'
    'footnotes of vraag 3', 'fracties[VVD].intro' 'intro of fractie VVD'; other names as they are."""
    items = re.findall(r"(\w+)\[([^\]]*)\]", name)
    if not items:
        return name
    key, item = items[-1]
    said = f"{NAMED_ITEMS.get(key, (None, key))[1]} {item}"
    leaf = name[name.rindex("]") + 1 :].lstrip(".")
    return said if leaf in ("", "text") else f"{leaf} of {said}"


def render_words(change: Change, style: _Style) -> str:
    pieces = shorten_context(word_diff(_value(change.old), _value(change.new)))
    marks = {"-": style.deleted, "+": style.inserted}
    return " ".join(
        style.prose(text) if op == " " else f"{marks[op][0]}{style.prose(text)}{marks[op][1]}" for op, text in pieces
    )


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) if not isinstance(v, dict) else _value(list(v.values())) for v in value)
    return " ".join(str(value).split())


def _by_kind(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """The changes grouped under the plural of their kind, in the order ``NOUN_PLURAL`` gives."""
    groups = [(title, [c for c in changes if c.kind == kind]) for kind, title in NOUN_PLURAL.items()]
    return [(title, group) for title, group in groups if group]


def as_text(changes: list[Change], affected: dict[str, list[str]], before: str, after: str) -> str:
    lines = [f"Data changes from {before} to {after}:"]
    if not changes:
        return lines[0] + " none\n"
    for title, group in _by_kind(changes):
        lines += ["", f"{title}:"] + [f"  {phrase(c)}" for c in group]
    if affected:
        lines += ["", "Briefs affected:"] + [f"  {name}: {', '.join(ids)}" for name, ids in affected.items()]
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], affected: dict[str, list[str]], before: str, after: str) -> str:
    lines = [f"### Data changes from {markdown_code(before)} to {markdown_text(after)}"]
    if not changes:
        return lines[0] + "\n\nNo changes.\n"
    for title, group in _by_kind(changes):
        lines += ["", f"**{title}**", ""] + [f"- {phrase(c, markdown=True)}" for c in group]
    if affected:
        lines += ["", "**Briefs affected**", ""]
        lines += [f"- {markdown_code(name)}: {', '.join(markdown_code(i) for i in ids)}" for name, ids in affected.items()]
    return "\n".join(lines) + "\n"


# --- git -------------------------------------------------------------------------------------


def open_repo(root: Path):
    """The git repository at ``root``, or a located error."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None, [finding(Location(str(root)), "not a git repository: brief diff and brief log read the history", "git")]
    if repo.bare:
        message = "a bare git repository: brief diff and brief log need its working tree"
        return None, [finding(Location(str(root)), message, "git")]
    return repo, []


def default_base(repo) -> str | None:
    """The merge base of HEAD with main (or origin/main, master), else HEAD itself."""
    import git

    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            bases = repo.merge_base(branch, "HEAD")
        except git.GitCommandError:
            continue
        if bases:
            return bases[0].hexsha
    return repo.head.commit.hexsha if repo.head.is_valid() else None


# What a revision that is not a commit names, for the message that says so.
OBJECT_NOUN = {"blob": "a file (blob)", "tree": "a folder (tree)"}


def resolve_commit(repo, rev: str, root: Path):
    """The commit ``rev`` names (a tag is followed to what it tags), or a located error."""
    import git

    try:
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", rev)
        kind = repo.git.cat_file("-t", sha)
        if kind == "tag":
            sha = repo.git.rev_parse("--verify", "--quiet", f"{sha}^{{}}")
            kind = repo.git.cat_file("-t", sha)
    except git.GitCommandError:
        return None, [finding(Location(str(root)), f"unknown revision '{rev}'{_shallow_hint(repo)}", "git")]
    if kind != "commit":
        return None, [finding(Location(str(root)), f"'{rev}' names {OBJECT_NOUN.get(kind, kind)}, not a commit", "git")]
    return repo.commit(sha), []


def is_shallow(repo) -> bool:
    return repo.git.rev_parse("--is-shallow-repository") == "true"


def _shallow_hint(repo) -> str:
    if not is_shallow(repo):
        return ""
    return " (this clone is shallow and may not hold it: 'git fetch --unshallow' fetches the whole history)"


def files_at(commit, prefix: str, label: str) -> tuple[Files, list[Diagnostic]]:
    """The record files (a folder kind's files too) and briefs of a commit by path in the
    project, and why any could not be read. Entries are looked up in the commit's trees,
    never on disk. A folder kind's folder that cannot be read is itself None."""
    problems: list[Diagnostic] = []
    files: Files = {}
    project = _subtree(commit.tree, prefix)
    data, found = _folder(project, "data", label)
    problems += found
    if found:  # data/ is there but not a folder: nothing in it can be read
        files.update(dict.fromkeys(kind.relative for kind in (*RECORD_KINDS.values(), *FOLDER_KINDS)))
    for path in (kind.relative for kind in RECORD_KINDS.values()):
        entry = _child(data, PurePosixPath(path).name)
        if entry is not None:
            files[path], found = _entry_text(entry, f"{label}:{path}")
            problems += found
    for kind in FOLDER_KINDS:
        folder, found = _folder(data, kind.file, label, f"data/{kind.file}")
        problems += found
        if found:
            files[kind.relative] = None
        for entry in folder or ():
            if entry.name.endswith(".yaml"):
                path = f"{kind.relative}/{entry.name}"
                files[path], found = _entry_text(entry, f"{label}:{path}")
                problems += found
    briefs, found = _folder(project, "briefs", label)
    problems += found
    for entry in briefs or ():
        if entry.name.endswith(".md"):
            files[f"briefs/{entry.name}"], found = _entry_text(entry, f"{label}:briefs/{entry.name}")
            problems += found
    return files, problems


def _subtree(tree, prefix: str):
    """The tree at ``prefix`` (a path ending in '/', or ''), or None."""
    for name in PurePosixPath(prefix).parts:
        tree = _child(tree, name)
        if tree is None or tree.type != "tree":
            return None
    return tree


def _child(tree, name: str):
    """The entry ``name`` of a tree, or None (also when ``tree`` is None)."""
    if tree is None:
        return None
    return next((entry for entry in tree if entry.name == name), None)


def _folder(tree, name: str, label: str, shown: str = ""):
    """The folder ``name`` of a tree, or None with a warning when it is not a folder
    (``shown``: its path in the project, when the tree is not the project's)."""
    entry = _child(tree, name)
    if entry is None or entry.type == "tree":
        return entry, []
    return None, [_not_a_folder(shown or name, _entry_kind(entry), label)]


def _not_a_folder(name: str, kind: str, label: str) -> Diagnostic:
    message = f"skipped at this revision: '{name}' is {kind}, not a folder"
    return finding(Location(f"{label}:{name}"), message, "history")


SYMLINK_MODE = 0o120000
REGULAR_MODE = 0o100000
FILE_TYPE_BITS = 0o170000


def _entry_kind(entry) -> str:
    if entry.type == "tree":
        return "a folder"
    if entry.type != "blob":
        return "a submodule"
    return "a symbolic link" if entry.mode & FILE_TYPE_BITS == SYMLINK_MODE else "a file"


def _is_regular_file(entry) -> bool:
    return entry.type == "blob" and entry.mode & FILE_TYPE_BITS == REGULAR_MODE


def _unreadable_entry(entry, shown: str) -> list[Diagnostic]:
    """Why a committed entry is not read: a symbolic link is never followed, and a file
    too large would fill memory."""
    if not _is_regular_file(entry):
        message = f"skipped at this revision: {_entry_kind(entry)}, not a file"
    elif entry.size > MAX_INPUT_BYTES:
        message = f"skipped at this revision: larger than {MAX_INPUT_BYTES:,} bytes"
    else:
        return []
    return [finding(Location(shown), message, "history")]


def _entry_text(entry, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a committed file, or None with a warning when it cannot be read."""
    problems = _unreadable_entry(entry, shown)
    if problems:
        return None, problems
    text, problems = decode_text(entry.data_stream.read(), shown)
    if text is None:
        return None, [_skipped(problems)]
    return text, []


def files_in_working_tree(root: Path) -> tuple[Files, list[Diagnostic]]:
    """The record files and briefs on disk, held to what a commit's files are held to."""
    files: Files = {}
    problems: list[Diagnostic] = []
    data = root / "data"
    if data.exists() and not data.is_dir():
        problems.append(_not_a_folder("data", "a file", WORKING_TREE))
        files.update(dict.fromkeys(kind.relative for kind in (*RECORD_KINDS.values(), *FOLDER_KINDS)))
    paths = [root / kind.relative for kind in RECORD_KINDS.values()]
    for kind in FOLDER_KINDS:
        folder = root / kind.relative
        if folder.exists() and not folder.is_dir():
            problems.append(_not_a_folder(kind.relative, "a file", WORKING_TREE))
            files[kind.relative] = None
        paths += sorted(folder.glob("*.yaml"))
    paths += sorted((root / "briefs").glob("*.md"))
    for path in paths:
        if not (path.exists() or path.is_symlink()):
            continue
        relative = path.relative_to(root).as_posix()
        files[relative], found = _working_tree_text(root, path, f"{WORKING_TREE}:{relative}")
        problems += found
    return files, problems


def _working_tree_text(root: Path, path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
        # As in a commit, a link is not followed: it could lead out of the repository.
        return None, [finding(Location(shown), "skipped: a symbolic link, not a file", "history")]
    raw, problems = read_input_bytes(path, shown)
    text, problems = decode_text(raw, shown) if raw is not None else (None, problems)
    return text, ([_skipped(problems)] if text is None else [])


def checkout_to(commit, prefix: str, target: Path, label: str) -> list[Diagnostic]:
    """Write a commit's data/, briefs/ and templates/ into ``target`` for the pipeline to read.

    Only regular files are written: a committed symbolic link could lead the pipeline out
    of ``target`` (to /etc/passwd), so it is skipped with a warning.
    """
    problems: list[Diagnostic] = []
    project = _subtree(commit.tree, prefix)
    for top in ("data", "briefs", "templates"):
        folder = _child(project, top)
        if folder is None or folder.type != "tree":
            continue
        for entry in folder.traverse():
            if entry.type != "blob":
                continue  # a folder is made for the files in it; a submodule holds no data
            relative = PurePosixPath(top, PurePosixPath(entry.path).relative_to(folder.path))
            shown = f"{label}:{relative}"
            if ".." in relative.parts:  # only a crafted tree has such a name
                problems.append(finding(Location(shown), "skipped at this revision: a path out of its folder", "history"))
                continue
            unreadable = _unreadable_entry(entry, shown)
            if unreadable:
                problems += unreadable
                continue
            destination = target.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("wb") as stream:
                entry.stream_data(stream)
    return problems


def commits_touching(repo, paths: list[str]) -> Iterator:
    """Commits that change ``paths``, oldest first."""
    yield from reversed(list(repo.iter_commits("HEAD", paths=paths)))


# --- brief diff and brief log ------------------------------------------------------------------


@dataclass(frozen=True)
class DataDiff:
    before: str
    after: str
    changes: list[Change]
    affected: dict[str, list[str]]


@dataclass(frozen=True)
class Event:
    """One commit's changes to one item, for ``brief log``."""

    date: str
    commit: str
    author: str
    subject: str
    phrases: tuple[str, ...]


def diff(project, spec: str | None) -> tuple[DataDiff | None, list[Diagnostic]]:
    """``brief diff [REV1..REV2]``: default from the merge base with main to the working tree."""
    repo, problems = open_repo(project.root)
    if repo is None:
        return None, problems
    commits, problems = _revisions(repo, spec, project.root)
    if commits is None:
        return None, problems
    before_commit, after_commit = commits
    prefix = _prefix(repo, project.root)
    before, found = snapshot_at(before_commit, prefix)
    problems += found
    if after_commit is None:
        after, found = snapshot_of_working_tree(project.root)
        naming = brief_naming(project.root)
    else:
        after, found = snapshot_at(after_commit, prefix)
        with tempfile.TemporaryDirectory(prefix="brief-diff-") as scratch:
            found += checkout_to(after_commit, prefix, Path(scratch), after.label)
            naming = brief_naming(Path(scratch))
    problems += found
    changes = compare(before, after)
    return DataDiff(before.label, after.label, changes, affected_briefs(changes, naming)), sorted(set(problems))


def snapshot_at(commit, prefix: str) -> tuple[Snapshot, list[Diagnostic]]:
    label = commit.hexsha[:7]
    files, problems = files_at(commit, prefix, label)
    taken, found = snapshot(files, label)
    return taken, problems + found


def snapshot_of_working_tree(root: Path) -> tuple[Snapshot, list[Diagnostic]]:
    files, problems = files_in_working_tree(root)
    taken, found = snapshot(files, WORKING_TREE)
    return taken, problems + found


def _revisions(repo, spec: str | None, root: Path):
    """The commits to compare (the second None for the working tree), or located errors."""
    first, dots, second = (spec or "").partition("..")
    before = first or default_base(repo)
    if before is None:
        message = "HEAD has no commits yet (a new repository or an orphan branch); name a revision to compare with"
        return None, [finding(Location(str(root)), message, "git")]
    problems = []
    commits = []
    for rev in filter(None, (before, second if dots else None)):
        commit, found = resolve_commit(repo, rev, root)
        commits.append(commit)
        problems += found
    if problems:
        return None, problems
    return (commits[0], commits[1] if len(commits) > 1 else None), []


def _prefix(repo, root: Path) -> str:
    """Where the project lies inside the git work tree ('' at its top)."""
    relative = root.resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return "" if relative == "." else relative + "/"


def brief_naming(root: Path) -> dict[str, set[str]]:
    """Brief name -> every id it names: its answers, citations and what its template reads."""
    from .check import named_in
    from .doctypes import doctype_of
    from .pipeline import Project, load_briefs, load_companions, load_repository

    project = Project(root)
    repository, _ = load_repository(project)
    briefs, _ = load_briefs(project)

    def in_front_matter(brief) -> set[str]:  # answered, in part or postponed; a set of Kamervragen too
        doctype = doctype_of(brief)
        kamervragen = doctype.kamervragen_step(brief.meta)
        named = {step.id for step in doctype.steps(brief.meta)} | set(doctype.answered(brief.meta))
        return named | ({kamervragen[1]} if kamervragen else set())

    if repository is None:
        return {brief.name: _ids_in_text(brief.body) | in_front_matter(brief) for brief in briefs}
    letters, _ = load_companions(project, briefs)
    naming = {}
    for brief in briefs:
        named, _ = named_in(brief, repository, letters)
        naming[brief.name] = (named or _ids_in_text(brief.body)) | in_front_matter(brief)
    return naming


def _ids_in_text(text: str) -> set[str]:
    """Without a loadable repository, a brief names what it cites with '@'."""
    return set(re.findall(r"@([A-Za-z0-9][\w-]*[A-Za-z0-9])", text))


def log(project, ident: str) -> tuple[list[Event], list[Diagnostic]]:
    """``brief log ID``: every commit that changed the item or a letter's answer to it."""
    repo, problems = open_repo(project.root)
    if repo is None:
        return [], problems
    if not repo.head.is_valid():
        message = "HEAD has no commits yet (a new repository or an orphan branch): brief log reads the committed history"
        return [], [finding(Location(str(project.root)), message, "git")]
    prefix = _prefix(repo, project.root)
    previous = Snapshot("")
    events: list[Event] = []
    known: set[str] = set()
    problems = _shallow_warning(repo, project.root)
    for commit in commits_touching(repo, [f"{prefix}data", f"{prefix}briefs"]):
        current, found = snapshot_at(commit, prefix)
        problems += found
        current = _carried_over(previous, current)
        known |= set(current.records)
        phrases = _phrases_about(ident, compare(previous, current), current)
        if phrases:
            when = dt.datetime.fromtimestamp(commit.committed_date, dt.timezone.utc).date().isoformat()
            events.append(Event(when, commit.hexsha[:7], commit.author.name, commit.summary, phrases))
        previous = current
    current, found = snapshot_of_working_tree(project.root)
    problems += found
    current = _carried_over(previous, current)
    phrases = _phrases_about(ident, compare(previous, current), current)
    if phrases:
        events.append(Event("", WORKING_TREE, "", "not committed", phrases))
    problems = _once_per_file_version(problems)
    if not events:
        known |= set(current.records)
        nouns = "commitment, motion, document, set of Kamervragen or schriftelijk overleg"
        message = f"no {nouns} '{ident}' in the history{did_you_mean(ident, known)}"
        return [], [*problems, finding(Location(str(project.root)), message, "unknown-id")]
    return events, problems


def _shallow_warning(repo, root: Path) -> list[Diagnostic]:
    if not is_shallow(repo):
        return []
    message = "this clone is shallow: the history before its oldest commit is not in it ('git fetch --unshallow')"
    return [finding(Location(str(root)), message, "git", severity="warning")]


def _carried_over(previous: Snapshot, current: Snapshot) -> Snapshot:
    """``current`` with each file it could not read as that file was in ``previous``.

    In a log, a commit that broke a file then changes nothing, and the commit that mends
    it is compared with the last version that could be read.
    """
    records = {i: r for i, r in previous.records.items() if current.skips(r.source)} | current.records
    letters = {n: l for n, l in previous.letters.items() if current.skips(l.source)} | current.letters
    return Snapshot(current.label, records, letters)


def _once_per_file_version(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Each problem once, at the first revision it is found in: a broken file stays
    broken for every commit until it is mended."""
    seen = set()
    kept = []
    for problem in problems:
        # The location is 'REV:path'; the same problem at a later REV says nothing new.
        key = (problem.location.path.partition(":")[2], problem.location.line, problem.location.col, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _phrases_about(ident: str, changes: list[Change], current: Snapshot) -> tuple[str, ...]:
    answering = {name for name, letter in current.letters.items() if ident in letter.answers + letter.postpones}
    relevant = [
        c
        for c in changes
        if (c.kind != "brief" and c.ident == ident)
        or (c.what in ("answers", "unanswers", "postpones", "unpostpones") and ident in (c.new, c.old))
        or (c.kind == "brief" and c.what == "field" and c.ident in answering)
    ]
    return tuple(phrase(c) for c in relevant)


def log_as_text(ident: str, events: list[Event]) -> str:
    lines = [f"History of {printable(ident)}:"]
    for event in events:
        head = f"{event.date:10}  {event.commit:7}  {printable(event.author)}".rstrip()
        lines.append(f"{head}  ({printable(event.subject)})" if event.subject else head)
        lines += [f"    {p}" for p in event.phrases]
    return "\n".join(lines) + "\n"
