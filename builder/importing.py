"""``brief import``: the Tweede Kamer registry's toezeggingen and moties merged by id into ``data/``.

The registry owns the fields it sends (text, dates, status, vote, …) and
they are updated; every other field (notes, short, reason, motion, by of a
known item, …) is local and never touched. A merge is an edit like any other
(``builder.edit``): validated as the whole repository it makes, written under
the lock, several files all or none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from . import layout, splice
from .assemble import LoadedData, assemble, load_data, load_repository
from .briefs import load_briefs
from .codes import finding
from .coverage import unknown_bewindspersoon
from .diagnostics import Diagnostic, has_errors
from .edit import (
    FileEdit,
    answered_by_sent_letters,
    append_record,
    change_phrase,
    file_schema,
    folded,
    get_field,
    insert_field,
    whole_file_list,
)
from .history import flatten
from .load import read_text, split_lines
from .model import Record
from .project import RECORD_KINDS, Project

def import_records(
    project: Project, paths: list[Path], default_by: str | None = None
) -> tuple[list[FileEdit], list[Diagnostic]]:
    """``brief import FILE.json …``: the edits that merge the files' items into ``data/``."""
    from .opendata import read_tk_json

    loaded = load_data(project)
    repository, problems = assemble(loaded)
    if repository is None:
        return [], problems
    unknown_by = unknown_bewindspersoon(project, repository, default_by)
    if unknown_by:
        return [], unknown_by
    imported = []
    for path in paths:
        text, found = read_text(path, str(path))
        problems += found
        if text is not None:
            items, found = read_tk_json(text, str(path), repository.organisation)
            imported += items
            problems += found
    if has_errors(problems):
        return [], problems
    briefs, _ = load_briefs(project)
    answered = answered_by_sent_letters(briefs)
    current = _current_values(repository, briefs)
    edits = []
    for kind in ("commitment", "motion"):
        items = [item for item in imported if item.kind == kind]
        if items:
            edit, found = _merge_imported(project, loaded, kind, items, default_by, answered, current)
            problems += found
            if edit is not None:
                edits.append(edit)
    if has_errors(problems):
        return [], problems
    texts = {edit.path: edit.after for edit in edits}
    repository, found = load_repository(project, texts)
    return ([] if repository is None else edits), problems + found


def _current_values(repository, briefs: list) -> dict[str, dict[str, Any]]:
    """Id -> the values the data means where it does not spell them out: a status its letters
    give and a due date its phrase gives. The registry sending the same is no change."""
    from .lifecycle import CLOSED, PART_STATUS, lifecycles

    current: dict[str, dict[str, Any]] = {}
    for key, lifecycle in lifecycles(repository, briefs, dt.date.today()).items():
        shown = lifecycle.status if lifecycle.status in (*CLOSED, *PART_STATUS.values(), "vervallen") else "open"
        current[key] = {"status": shown}
        if lifecycle.due is not None:
            current[key]["due.date"] = lifecycle.due  # postponed: the date in force, as export sends it
    return current


def _merge_imported(
    project: Project, loaded: LoadedData, kind: str, items: list, default_by: str | None, answered: frozenset[str],
    current: dict[str, dict[str, Any]],
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The registry's items merged into their file by id.

    Only the records that change are round-tripped, together as one small document
    of their own lines, and new records go after the last one: an import of a few
    hundred changes into a ministry's file costs those records, not the file.
    """
    filename, list_key = RECORD_KINDS[kind].file, RECORD_KINDS[kind].list_key
    path = project.data_dir / filename
    existing = {record.id: record for record in getattr(loaded.record_of(path)[0], list_key)}
    if not existing:
        return _merge_into_whole_file(project, kind, items, default_by)
    text, problems = read_text(path, project.shown(path))
    if text is None:
        return None, problems
    said: dict[str, list[str]] = {item.key: [] for item in items}
    updates = {
        item.key: item
        for item in items
        if item.key in existing and _registry_changes(existing[item.key], item, said, current.get(item.key, {}))
    }
    new = [item for item in items if item.key not in existing]
    last = list(existing)[-1]
    touched = sorted({*updates, *([last] if new else [])}, key=lambda ident: existing[ident].loc.line)
    if not touched:
        return FileEdit(path, text, text, _said_in_order(items, said)), problems
    lines = split_lines(text)
    spans = [splice.record_span(lines, existing[ident].loc.line - 1) for ident in touched]
    tree, found = splice.snippet_tree_of_spans(lines, spans, list_key, file_schema(path), project.shown(path))
    if tree is None:
        return None, problems + found
    records = tree[list_key]
    for ident, record in zip(touched, records, strict=True):
        if ident in updates:
            _apply_registry_fields(record, updates[ident], False, said[ident], answered, current.get(ident, {}))
    for item in new:
        record = _new_registry_record(item, kind, default_by, problems)
        if record is not None:
            append_record(records, record)
            _apply_registry_fields(record, item, True, said[item.key])
            said[item.key].insert(0, f"new {kind} {item.key}")
    if has_errors(problems):
        return None, problems
    chunks = splice.record_chunks(splice.dump_snippet(tree, list_key, file_schema(path)), len(touched))
    for span, chunk in sorted(zip(spans, chunks, strict=True), key=lambda pair: -pair[0].start):
        lines[span.start : span.end] = split_lines(chunk)  # from the bottom up: the spans above stay put
    return FileEdit(path, text, "".join(lines), _said_in_order(items, said)), problems


def _said_in_order(items: list, said: dict[str, list[str]]) -> tuple[str, ...]:
    return tuple(line for item in items for line in said.pop(item.key, []))


def _merge_into_whole_file(
    project: Project, kind: str, items: list, default_by: str | None
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The first records of a file: the file is small, so it is round-tripped whole."""
    path, text, tree, records, problems = whole_file_list(project, kind)
    if tree is None:
        return None, problems
    summary: list[str] = []
    for item in items:
        record = _new_registry_record(item, kind, default_by, problems)
        if record is not None:
            append_record(records, record)
            summary.append(f"new {kind} {item.key}")
            _apply_registry_fields(record, item, True, summary)
    if has_errors(problems):
        return None, problems
    return FileEdit(path, text, layout.dump(tree, file_schema(path)), tuple(summary)), problems


def _registry_changes(record: Record, item: Any, said: dict[str, list[str]], current: dict[str, Any]) -> bool:
    """Whether merging ``item`` would change the modelled ``record``; when not, what stays is said."""
    staying = []
    for dotted, value in flatten(item.fields).items():
        old = _model_value(record, dotted)
        if old is None and current.get(dotted) == value:
            continue
        if dotted == "status" and _status_rank(value) < _status_rank(old):
            staying.append(_stays(item.key, old, value))
        elif old != value:
            return True
    said[item.key] += staying
    return False


def _model_value(record: Any, dotted: str) -> Any:
    """A field of a modelled record as the registry's fields hold it: records as dicts,
    tuples as lists, absent fields as None."""
    value = record
    for part in dotted.split("."):
        value = getattr(value, part, None) if isinstance(value, Record) else None
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        names = layout.field_names(type(value))
        return {name: _plain(getattr(value, name)) for name in names if getattr(value, name) is not None}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _stays(ident: str, old: Any, value: Any) -> str:
    return f"{ident}: status stays {old} (the registry still says {value})"


def _new_registry_record(item: Any, kind: str, default_by: str | None, problems: list[Diagnostic]) -> CommentedMap | None:
    record = CommentedMap(id=item.key)
    if kind == "commitment":
        by = item.by or default_by
        if by is None:
            message = (
                f"toezegging {item.key}: no bewindspersoon in data/organisation.yaml matches its Naam and "
                "Functie; add them there, or pass --by ID"
            )
            problems.append(finding(item.loc, message, "tk-bewindspersoon"))
            return None
        record["by"] = by
    record["status"] = "open"
    return record


def _apply_registry_fields(
    record: CommentedMap, item: Any, is_new: bool, said: list[str], answered: frozenset[str] = frozenset(),
    current: dict[str, Any] | None = None,
) -> None:
    """The registry owns the fields it sends; a status only moves forward. A commitment it
    closes that no sent letter (``answered``) answers gets the registry as its reason."""
    before = record.get("status")
    for dotted, value in flatten(item.fields).items():
        old = get_field(record, dotted)
        if (current or {}).get(dotted) == value and (old is None or not isinstance(old, (str, dt.date))):
            continue  # the data already means it: a status from the letters, a date from a phrase
        if dotted == "status" and not is_new and _status_rank(value) < _status_rank(old):
            said.append(_stays(item.key, old, value))
            continue
        if old != value:
            _set_path(record, dotted, value)
            if not is_new:
                said.append(change_phrase(item.key, dotted, old, value))
    if is_new and item.kind == "commitment" and isinstance(record.get("made"), CommentedMap):
        record["made"].setdefault("kind", "debat")  # required; the registry did not say which
    closed_here = record.get("status") in CLOSED_BY_REGISTRY and (is_new or _status_rank(before) < 2)
    if item.kind == "commitment" and closed_here and not record.get("reason") and item.key not in answered:
        insert_field(record, "reason", REGISTRY_REASON)  # else brief check: closed without a letter
        if not is_new:
            said.append(f"{item.key}: reason set: {REGISTRY_REASON}")


CLOSED_BY_REGISTRY = ("voldaan", "vervallen")
# The registry records a fulfilment after the ministry does, so it may lag: a status
# it sends only moves an item forward, never back to open.
STATUS_RANK = {
    "open": 0, "deels voldaan": 1, "deels uitgevoerd": 1, "voldaan": 2, "uitgevoerd": 2, "vervallen": 2,
}


def _status_rank(status: Any) -> int:
    return STATUS_RANK.get(str(status), 0)
REGISTRY_REASON = "Afgedaan volgens het toezeggingenregister van de Tweede Kamer."


def _set_path(record: CommentedMap, dotted: str, value: Any) -> None:
    *parents, name = dotted.split(".")
    node = record
    if parents == ["due"] and name == "date" and isinstance(record.get("due"), dt.date):
        record["due"] = value  # the short form 'due: DATE' stays short
        return
    for part in parents:
        if not isinstance(node.get(part), CommentedMap):
            insert_field(node, part, CommentedMap())
        node = node[part]
    if isinstance(value, list):
        value = CommentedSeq(CommentedMap(v) if isinstance(v, dict) else v for v in value)
    elif isinstance(node.get(name), FoldedScalarString) and isinstance(value, str):
        value = folded(value)
    insert_field(node, name, value)


