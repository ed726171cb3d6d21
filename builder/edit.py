"""Edits from the command line: ``brief fmt``, ``add``, ``set`` and ``link`` (``brief import`` is ``importing``).

Every edit is computed as new file text, validated as the whole repository it
would make, and only then written (atomically). Data files must be in the
canonical layout first (``brief fmt``): then an edit re-emits every other line
unchanged, so its diff is the lines it means to change and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import os
import pickle
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from . import data_cache, layout, splice
from .canonical import certainly_canonical
from .coverage import letters_answering
from .lifecycle import CLOSED
from .doctypes import front_matter_types
from .rules.coverage import status_problems
from .severities import apply_severities, read_severities
from .codes import finding
from .diagnostics import Diagnostic, Location, did_you_mean, has_errors, shortened
from .load import compose_yaml, first_difference, load_brief, read_text, split_front_matter, split_lines
from .model import (
    CHOICE,
    Brief,
    INVALID,
    LIST,
    OPTIONAL,
    Converter,
    Due,
    Expect,
    Member,
    Recipient,
    Repository,
    expect_of,
    schema_of,
)
from .lock import LOCK_NAME, LockHeld, recover_interrupted_writes, repository_lock
from .assemble import LoadedData, assemble, load_data, load_repository
from .briefs import load_briefs
from .loading import cached_records
from .project import BRIEF_NAME, DATA_KINDS, RECORD_KINDS, Project, brief_names, data_files
from .write import write_all_or_none

DEFAULTS = {"commitment": {"status": "open"}, "motion": {"status": "open", "vote": "onbekend"}}


@dataclass(frozen=True)
class FileEdit:
    """New text for one file, and what it changes in words."""

    path: Path
    before: str
    after: str
    summary: tuple[str, ...] = ()
    # Makes the model of ``after`` from what the edit already modelled, for the data
    # cache: the next command then need not load the whole file again.
    model: Callable[[], tuple] | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        return self.before != self.after


# --- fmt --------------------------------------------------------------------------------


# Values the model cannot read (an impossible date, a value where a list or a record
# belongs) are not for the layout to reinterpret: fmt refuses such a file. A missing
# or unknown field it formats, as an editor would.
UNFORMATTABLE = frozenset({"date", "type"})


def format_data(project: Project, strict: bool = False) -> tuple[list[FileEdit], list[Diagnostic]]:
    """The canonical text of every file in ``data/`` that is not canonical yet.

    ``strict`` (``brief fmt``, which writes) refuses data that ``brief check`` rejects, as
    every edit does; ``brief fmt --check`` only looks at the layout, and at values the
    layout cannot hold.
    """
    if strict:
        repository, problems = assemble(load_data(project))
        if repository is None:
            return [], problems
    edits, problems = [], []
    for path, schema in data_files(project):
        shown = project.shown(path)
        text, found = read_text(path, shown) if path.is_file() else (None, [])
        problems += found
        if text is None:
            continue
        key = data_cache.key(path, text.encode())
        if data_cache.read(project.root, path, key, "canonical"):
            continue
        # Proven canonical line by line in a fraction of a second; only a file the proof
        # is unsure of pays ruamel's round trip (most of a minute at ministry scale).
        if certainly_canonical(text, schema):
            data_cache.write(project.root, path, key, pickle.dumps(True), "canonical")
            continue
        [(_, (_, found))] = cached_records(project, [(path, schema)])
        if any(problem.code in UNFORMATTABLE for problem in found):
            problems += found
            continue
        canonical, found = layout.canonical_text(text, shown, schema)
        problems += found
        if canonical is not None and canonical != text:
            edits.append(FileEdit(path, text, canonical, (f"{shown}:{first_difference(text, canonical)}",)))
        elif canonical == text and not found:
            data_cache.write(project.root, path, key, pickle.dumps(True), "canonical")
    return edits, problems


def not_canonical_findings(project: Project, edits: list[FileEdit]) -> list[Diagnostic]:
    """``brief fmt --check``: one finding per file, at its first line out of layout."""
    return [
        finding(
            Location(project.shown(edit.path), first_difference(edit.before, edit.after)),
            "not in the canonical layout; run 'brief fmt'",
            "fmt",
        )
        for edit in edits
    ]


# --- set and add ----------------------------------------------------------------------------


def set_fields(project: Project, ident: str, assignments: list[str]) -> tuple[FileEdit | None, list[Diagnostic]]:
    """``brief set ID field=value …`` on a commitment, motion or document."""
    loaded = load_data(project)
    repository, problems = assemble(loaded)
    if repository is None:
        return None, problems
    found = _find_record(project, loaded, ident)
    if isinstance(found, Diagnostic):
        return None, [found]
    kind, index, record = found
    schema, list_key = RECORD_KINDS[kind].item_schema, RECORD_KINDS[kind].list_key
    snippet, problems = _record_snippet(project, kind, record.loc.line - 1, ident)
    if snippet is None:
        return None, problems
    node = snippet.tree[list_key][0]
    where = record.loc
    summary = []
    for name, raw in _split_assignments(assignments, where, problems):
        if name == "id":
            problems.append(finding(where, "the id cannot be changed here: briefs refer to it; rename it in an editor", "edit"))
            continue
        old = get_field(node, name)
        if _assign(node, schema, name, raw, where, problems):
            summary.append(change_phrase(ident, name, old, get_field(node, name)))
    if has_errors(problems):
        return None, problems
    return _validated_splice(project, loaded, snippet, index, tuple(summary))


def add_record(
    project: Project, kind: str, ident: str, assignments: list[str]
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """``brief add commitment|motion|document ID field=value …``: a new record at the end of its list."""
    kind_of = RECORD_KINDS[kind]
    schema, filename, list_key = kind_of.item_schema, kind_of.file, kind_of.list_key
    path = project.data_dir / filename
    loaded = load_data(project)
    repository, problems = assemble(loaded)
    if repository is None:
        return None, problems
    existing = getattr(loaded.record_of(path)[0], list_key)
    where = Location(project.shown(path), (existing[-1].loc.line if existing else 1))
    record = CommentedMap(id=ident)
    for name, value in DEFAULTS.get(kind, {}).items():
        record[name] = value
    for name, raw in _split_assignments(assignments, where, problems):
        _assign(record, schema, name, raw, where, problems)
    if has_errors(problems):
        return None, problems
    if not existing:
        return _add_to_empty_list(project, kind, record, ident)
    last = existing[-1]
    snippet, problems = _record_snippet(project, kind, last.loc.line - 1, last.id)
    if snippet is None:
        return None, problems
    append_record(snippet.tree[list_key], record)
    return _validated_splice(project, loaded, snippet, len(existing) - 1, (f"new {kind} {ident}",))


def _add_to_empty_list(project: Project, kind: str, record: CommentedMap, ident: str):
    """The first record of a file: the file is small, so it is round-tripped whole."""
    path, text, tree, records, problems = whole_file_list(project, kind)
    if tree is None:
        return None, problems
    append_record(records, record)
    after = layout.dump(tree, file_schema(path))
    return _validated(project, FileEdit(path, text, after, (f"new {kind} {ident}",)))


@dataclass(frozen=True)
class _Snippet:
    """The lines of one record (and the comment lines after it) as a round-trip tree."""

    kind: str
    path: Path
    text: str
    lines: list[str]
    span: splice.Span
    tree: Any


def _record_snippet(project: Project, kind: str, first_line: int, ident: str) -> tuple[_Snippet | None, list[Diagnostic]]:
    """The record ``ident`` at ``first_line`` of its file."""
    filename, list_key = RECORD_KINDS[kind].file, RECORD_KINDS[kind].list_key
    path = project.data_dir / filename
    shown = project.shown(path)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    lines = split_lines(text)
    span = splice.record_span(lines, first_line)
    tree, problems = splice.snippet_tree(lines, span, list_key, file_schema(path), shown)
    if tree is None:
        return None, problems
    records = tree.get(list_key)
    if not (isinstance(records, CommentedSeq) and records and isinstance(records[0], CommentedMap) and str(records[0].get("id")) == ident):
        # The cached model and the file disagree: the file changed while it was read.
        return None, [finding(Location(shown, first_line + 1), f"{shown} changed while it was read; run the edit again", "edit")]
    return _Snippet(kind, path, text, lines, span, tree), []


def _validated_splice(
    project: Project, loaded: LoadedData, snippet: _Snippet, first: int, summary: tuple[str, ...]
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The edit of a snippet, validated as the repository it makes.

    The snippet's records are modelled anew and put in place of the old ones in the
    loaded (usually cached) model of their file; only when that repository has errors
    is the whole new file loaded, so that every error is reported where it stands.
    """
    list_key = RECORD_KINDS[snippet.kind].list_key
    schema = file_schema(snippet.path)
    shown = project.shown(snippet.path)
    new_lines = splice.dump_snippet(snippet.tree, list_key, schema)
    after = splice.spliced(snippet.lines, snippet.span, new_lines)
    edit = FileEdit(snippet.path, snippet.text, after, summary)
    part, problems = splice.convert_snippet(new_lines, snippet.span, list_key, schema, shown)
    old_file, old_problems = loaded.record_of(snippet.path)
    if part is None or part is INVALID or problems or old_problems:
        return _validated(project, edit)
    new_records = getattr(part, list_key)

    def file_model(delta: int) -> tuple:
        records = splice.replaced_records(getattr(old_file, list_key), first, new_records, delta)
        return dataclasses.replace(old_file, **{list_key: records}), []

    # The records below the snippet keep their old lines here: only an error would show
    # them, and then the whole file is loaded anew.
    repository, problems = assemble(loaded.replaced(snippet.path, file_model(0)))
    if repository is None:
        return _validated(project, edit)
    problems += closing_problems(project, repository, new_records)
    if has_errors(problems):
        return None, problems
    delta = len(split_lines(new_lines)) - (snippet.span.end - snippet.span.start)
    return dataclasses.replace(edit, model=lambda: file_model(delta)), problems


def append_record(records: CommentedSeq, record: CommentedMap) -> None:
    """Append after one blank line, keeping any comment lines that ended the list last."""
    if not records:
        records.append(record)
        return
    after_list = layout.take_trailing_lines(records, len(records) - 1)
    layout.put_trailing_lines(records, len(records) - 1, "\n")
    records.append(record)
    layout.put_trailing_lines(records, len(records) - 1, after_list)


def answered_by_sent_letters(briefs: list[Brief]) -> frozenset[str]:
    return frozenset(
        ident for ident, letters in letters_answering(briefs).items() if any(b.meta.status == "verzonden" for b in letters)
    )


def closing_problems(project: Project, repository: Repository, edited: tuple) -> list[Diagnostic]:
    """An edit may not close an item that no sent letter answers and no reason explains:
    ``brief check`` would then reject the repository it wrote (closed-unanswered)."""
    closing = {
        record.location_of("status")
        for record in edited
        if getattr(record, "status", None) in CLOSED and not getattr(record, "reason", None)
    }
    if not closing:
        return []
    briefs, _ = load_briefs(project)
    # As check judges it: data/rules.yaml may have lowered closed-unanswered.
    severities, _ = read_severities(project)
    return [
        problem
        for problem in apply_severities(status_problems(repository, briefs, dt.date.today()), severities)
        if problem.severity == "error" and problem.location in closing
    ]


def whole_file_list(project: Project, kind: str) -> tuple[Path, str, Any, Any, list[Diagnostic]]:
    """A data file's round-trip tree and its record list, made when absent."""
    filename, list_key = RECORD_KINDS[kind].file, RECORD_KINDS[kind].list_key
    path = project.data_dir / filename
    text, tree, problems = canonical_tree(project, path)
    if tree is None:
        return path, text, None, None, problems
    records = tree.get(list_key)
    if not isinstance(records, CommentedSeq):
        tree[list_key] = records = CommentedSeq()
    return path, text, tree, records, problems


# --- link ------------------------------------------------------------------------------------


def link_letter(project: Project, ident: str, letter: str) -> tuple[FileEdit | None, list[Diagnostic]]:
    """``brief link ID LETTER``: the letter answers the commitment or motion (its ``answers:``)."""
    repository, problems = load_repository(project)
    if repository is None:
        return None, problems
    path = project.briefs_dir / f"{letter}.md"
    shown = project.shown(path)
    available = brief_names(project)
    if not BRIEF_NAME.match(letter) or letter not in available:
        return None, [finding(Location(shown), f"no such brief '{letter}'{did_you_mean(letter, available)}", "brief-name")]
    answerable = [*repository.commitments, *repository.motions]
    if ident not in answerable:
        message = f"no commitment or motion '{ident}'{did_you_mean(ident, answerable)}"
        return None, [finding(Location(shown), message, "unknown-id")]
    source, problems = load_brief(path, shown)
    if source is None or problems:
        return None, problems
    text = path.read_text(encoding="utf-8")
    parts = split_front_matter(text)  # load_brief found it there
    yaml = layout.round_trip_yaml(preserve_quotes=True)
    tree = yaml.load(parts.front_matter)
    if _dump_plain(yaml, tree) != parts.front_matter:
        message = "the front matter's layout would change; write the answers: list in block style by hand"
        return None, [finding(Location(shown, 2), message, "not-canonical")]
    answers = tree.get("answers")
    if answers is not None and ident in answers:
        return FileEdit(path, text, text, (f"{letter} already answers {ident}",)), []
    if answers is None:
        tree["answers"] = CommentedSeq([ident])
    else:
        answers.append(ident)
    after = parts.opening + _dump_plain(yaml, tree) + parts.closing + parts.body
    edit = FileEdit(path, text, after, (f"{letter} answers {ident}",))
    return edit, _front_matter_problems(project, path, after)


def _dump_plain(yaml: Any, tree: Any) -> str:
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()


def _front_matter_problems(project: Project, path: Path, text: str) -> list[Diagnostic]:
    document, problems = compose_yaml(split_front_matter(text).front_matter, project.shown(path), line_offset=1)
    if problems:
        return problems
    converter = Converter(document)
    kind = converter.record_type(document.root, front_matter_types())
    if kind is INVALID:
        return converter.problems
    converter.record(kind, document.root)
    return converter.problems


# --- the locked read-modify-write ---------------------------------------------------------


def locked(
    project: Project, compute: Callable[[], tuple[list[FileEdit], list[Diagnostic]]], write: bool = True
) -> tuple[list[FileEdit], list[Diagnostic]]:
    """Compute edits from what is on disk and write them, holding the repository lock.

    Everything ``compute`` reads, it reads under the lock: an edit that ran meanwhile is
    in what it sees, so two edits at once both land. The edits are written all or none.
    """
    where = Location(project.shown(project.data_dir / LOCK_NAME))
    try:
        with repository_lock(project.data_dir, where.path):
            recover_interrupted_writes(project.data_dir, project.edited_dirs, holding_lock=True)
            edits, problems = compute()
            if write and not has_errors(problems):
                problems = problems + write_edits(project, edits)
            return edits, problems
    except LockHeld as held:
        return [], [held.diagnostic]
    except FileNotFoundError:
        return [], [finding(Location(project.shown(project.data_dir)), "missing data directory: create data/", "missing-file")]
    except OSError as exc:
        return [], [finding(where, f"cannot lock data/ for the edit: {exc.strerror}", "write")]


def write_edits(project: Project, edits: list[FileEdit]) -> list[Diagnostic]:
    """Write the changed files all or none; call it inside ``locked``."""
    changed = [(edit.path, edit.after.encode("utf-8")) for edit in edits if edit.changed]
    if not changed:
        return []
    try:
        write_all_or_none(changed, project.data_dir)
    except OSError as exc:
        path = next((path for path, _ in changed if str(path) == exc.filename), changed[0][0])
        return [finding(Location(project.shown(path)), f"cannot write: {exc.strerror}", "write")]
    for edit in edits:
        if edit.changed:
            _remember(project, edit)
    return []


def _remember(project: Project, edit: FileEdit) -> None:
    """Keep what the edit already knows of the new file in the data cache."""
    before, after = edit.before.encode("utf-8"), edit.after.encode("utf-8")
    key = data_cache.key(edit.path, after)
    # A spliced edit writes canonical lines in place of canonical lines.
    if data_cache.read(project.root, edit.path, data_cache.key(edit.path, before), "canonical"):
        data_cache.write(project.root, edit.path, key, pickle.dumps(True), "canonical")
    if edit.model is not None:
        _in_background(lambda: _cache_model(project, edit, key))


def _cache_model(project: Project, edit: FileEdit, key: str) -> None:
    pickled = pickle.dumps(edit.model(), pickle.HIGHEST_PROTOCOL)
    # Only while the file still holds what was modelled: a later edit, or a checkout,
    # has its own entry to keep, and this one would push it out.
    if data_cache.key(edit.path, edit.path.read_bytes()) == key:
        data_cache.write(project.root, edit.path, key, pickled)


def _in_background(work: Callable[[], None]) -> None:
    """Run ``work`` in a forked child that the command does not wait for.

    Moving and pickling a ministry's model takes longer than the edit itself; the
    user's command returns meanwhile. A child killed half-way leaves no entry (the
    cache writes atomically), and a command that comes first loads the file itself.
    """
    if not hasattr(os, "fork"):
        return
    import gc
    import signal

    if os.fork() != 0:
        return
    try:  # the child: quiet, never back into the caller's code
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        gc.disable()
        devnull = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(devnull, stream)
        work()
    finally:
        os._exit(0)


# --- helpers -----------------------------------------------------------------------------------


def canonical_tree(project: Project, path: Path) -> tuple[str, Any, list[Diagnostic]]:
    """A data file's round-trip tree, only when the file is in the canonical layout."""
    shown = project.shown(path)
    text, problems = read_text(path, shown)
    if text is None:
        return "", None, problems
    tree, problems = layout.parse(text, shown)
    if tree is None:
        return text, None, problems or [finding(Location(shown), f"{shown} is empty", "missing-file")]
    canonical = layout.dump(tree, file_schema(path))
    if canonical != text:
        line = first_difference(text, canonical)
        message = "not in the canonical layout, so this edit would change other lines too; run 'brief fmt' first"
        return text, None, [finding(Location(shown, line), message, "fmt")]
    return text, tree, []


def _find_record(project: Project, loaded: LoadedData, ident: str):
    """(kind, index in its list, record) of the record with this id, or a did-you-mean."""
    known: list[str] = []
    for kind, kind_of in RECORD_KINDS.items():
        records = getattr(loaded.record_of(project.data_dir / kind_of.file)[0], kind_of.list_key)
        for index, record in enumerate(records):
            if record.id == ident:
                return kind, index, record
            known.append(record.id)
    where = Location(project.shown(project.data_dir))
    return finding(where, f"no commitment, motion or document '{ident}'{did_you_mean(ident, known)}", "unknown-id")


def file_schema(path: Path) -> type:
    """The root record of a data file that edits write (one of ``DATA_KINDS``)."""
    return next(kind.root_schema for kind in DATA_KINDS if not kind.folder and kind.file == path.name)


def _split_assignments(assignments: list[str], where: Location, problems: list[Diagnostic]):
    for assignment in assignments:
        name, sign, raw = assignment.partition("=")
        if not sign or not name:
            problems.append(finding(where, f"expected field=value, got '{assignment}'", "edit"))
            continue
        yield name.strip(), raw


def get_field(record: CommentedMap, dotted: str) -> Any:
    if dotted == "due.date" and isinstance(record.get("due"), dt.date):
        return record["due"]
    node: Any = record
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _assign(
    record: CommentedMap, schema: type, dotted: str, raw: str, where: Location, problems: list[Diagnostic]
) -> bool:
    """Set ``record[a][b]`` for ``a.b=value``, converting ``value`` by the schema's type."""
    *parents, name = dotted.split(".")
    node, node_schema = record, schema
    if parents == ["due"] and name == "date" and isinstance(record.get("due"), dt.date) and raw.strip():
        parents, name = [], "due"  # the short form 'due: DATE' stays short
    for part in parents:
        if not _is_field(node_schema, part, where, problems):
            return False
        child = layout.field_schema(node_schema, part)
        if child is None:
            problems.append(finding(where, f"field '{part}' has no fields of its own ('{dotted}')", "edit"))
            return False
        if not isinstance(node.get(part), CommentedMap):
            insert_field(node, part, CommentedMap())
        node, node_schema = node[part], child
    if not _is_field(node_schema, name, where, problems):
        return False
    if not raw.strip():
        return _unset(node, node_schema, name, dotted, where, problems)
    expect = schema_of(node_schema).expects[name]
    if expect.hint in (Due, Due | None) and isinstance(node.get(name), CommentedMap):
        node, node_schema, name, expect = node[name], Due, "date", _A_DATE  # due=DATE keeps the phrase
    elif expect.hint in (Due, Due | None) and isinstance(node.get(name), dt.date):
        expect = _A_DATE
    value = convert(expect, raw, f"field '{dotted}'", where, problems)
    if value is _INVALID:
        return False
    if isinstance(node.get(name), FoldedScalarString) and isinstance(value, str):
        value = folded(value)
    insert_field(node, name, value)
    return True


def _is_field(schema: type, name: str, where: Location, problems: list[Diagnostic]) -> bool:
    names = layout.field_names(schema)
    if name not in names:
        noun = getattr(schema, "noun", "record")
        problems.append(finding(where, f"unknown field '{name}' of {noun}{did_you_mean(name, names)}", "unknown-field"))
    return name in names


def _unset(
    node: CommentedMap, schema: type, name: str, dotted: str, where: Location, problems: list[Diagnostic]
) -> bool:
    """``field=`` with no value removes an optional field."""
    if name in schema_of(schema).required:
        problems.append(finding(where, f"field '{dotted}' is required and cannot be removed", "edit"))
        return False
    if name not in node:
        return False
    keys = list(node)
    if name == keys[-1] and len(keys) > 1:
        layout.put_trailing_lines(node, keys[-2], layout.take_trailing_lines(node, name))
    del node[name]
    return True


def insert_field(node: CommentedMap, name: str, value: Any) -> None:
    """Set a key; a new key takes over the comment lines that ended the mapping."""
    if name in node or not node:
        node[name] = value
        return
    last = list(node)[-1]
    after_mapping = layout.take_trailing_lines(node, last)
    node[name] = value
    layout.put_trailing_lines(node, name, after_mapping)


def _validated(project: Project, edit: FileEdit) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The edit, when the repository it makes is valid; else that repository's problems."""
    repository, problems = load_repository(project, {edit.path: edit.after})
    if repository is None:
        return None, problems
    return edit, problems


# --- values from the command line ----------------------------------------------------------

_INVALID: Any = object()
_MEMBER = re.compile(r"^\s*(?P<member>[^()]+?)\s*(?:\((?P<fractie>[^()]+)\))?\s*$")


_A_DATE = expect_of(dt.date)


def convert(expect: Expect, raw: str, context: str, where: Location, problems: list[Diagnostic]) -> Any:
    """A command-line string as the value the schema wants (the YAML loader checks it again)."""
    kind, hint = expect.kind, expect.hint
    if kind is OPTIONAL:
        return convert(expect.inner, raw, context, where, problems)
    if kind is CHOICE:
        args = hint
        if raw in args:
            return raw
        options = ", ".join(f"'{a}'" for a in args)
        problems.append(finding(where, f"'{raw}' is not allowed in {context}; use one of {options}{did_you_mean(raw, args)}", "choice"))
        return _INVALID
    if kind is LIST:
        items = [convert(expect.inner, part, context, where, problems) for part in raw.split(",") if part.strip()]
        return _INVALID if _INVALID in items else CommentedSeq(items)
    if hint is Recipient and "commissie" in raw.casefold():
        return CommentedMap(committee=raw.strip())
    if hint in (Member, Recipient):
        match = _MEMBER.match(raw)
        if not match:
            problems.append(finding(where, f"write {context} as 'Name (Fractie)', got '{raw}'", "type"))
            return _INVALID
        member = CommentedMap(member=match["member"])
        if match["fractie"]:
            member["fractie"] = match["fractie"].strip()
        return member
    if hint is Due:
        date = convert(_A_DATE, raw, context, where, problems)
        return _INVALID if date is _INVALID else CommentedMap(date=date)
    if hint is dt.date:
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            problems.append(finding(where, f"bad date '{raw}' in {context}: write a real date as YYYY-MM-DD", "date"))
            return _INVALID
    if hint is int:
        # Bounded before int(): Python refuses more than 4,300 digits, and no number in
        # the data (a Kamerstuk's, a motion's) has a tenth of that.
        if re.fullmatch(r"\s*\d{1,18}\s*", raw):
            return int(raw)
        problems.append(finding(where, f"expected a whole number of at most 18 digits in {context}, got '{shortened(raw)}'", "type"))
        return _INVALID
    if hint is bool:
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        problems.append(finding(where, f"expected true or false in {context}, got '{raw}'", "type"))
        return _INVALID
    return raw.strip()


def folded(text: str, width: int = 78) -> FoldedScalarString:
    """New prose for a field its author wrote as a folded block: folded again, at ``width``.

    Only the edited field is wrapped; ``brief fmt`` itself never re-wraps prose.
    """
    text = " ".join(text.split())
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    value = FoldedScalarString(text)
    value.fold_pos = list(itertools.accumulate(len(line) + 1 for line in lines[:-1]))
    value.fold_pos = [position - 1 for position in value.fold_pos]
    return value


def change_phrase(ident: str, name: str, old: Any, new: Any) -> str:
    """'T03545: status open → voldaan'; long prose only says that it changed."""
    before, after = describe(old), describe(new)
    if before.endswith("...") or after.endswith("..."):
        return f"{ident}: {name} changed"
    return f"{ident}: {name} {before} → {after}"


def describe(value: Any) -> str:
    """A value as a short phrase for summaries: 'open', '2025-01-01', '(none)'."""
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {describe(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(describe(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."
