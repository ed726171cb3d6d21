"""A saved data file loaded again record by record: only the records whose lines changed.

At ministry scale a save of ``commitments.yaml`` (5,000 records) costs seconds to compose
and model whole; a writer who fixes one commitment's text changed a few lines. In the
canonical layout each record's lines are its own (``builder.splice``), so the lines that
differ between the file as it was and as it is name the records to model again; every other
record keeps its model, moved by the lines added or removed above it. What this cannot do
(a change outside the records, a file out of layout, an error in the changed records, a file
that is no list of records) is left to a whole load, which reports every problem where it
stands: ``None`` says so.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import splice
from .assemble import LoadedData
from .load import split_lines
from .model import INVALID
from .project import RECORD_KINDS, Project


def reloaded(project: Project, loaded: LoadedData, path: Path, before: str, after: str) -> LoadedData | None:
    """``loaded`` with ``path`` changed from the text ``before`` to ``after``, or None."""
    kind = next((kind for kind in RECORD_KINDS.values() if project.data_dir / kind.file == path), None)
    if kind is None or path not in [file for file, _ in loaded.files]:
        return None
    old_file, old_problems = loaded.record_of(path)
    if old_file is INVALID or old_problems:
        return None
    lines_before, lines_after = split_lines(before), split_lines(after)
    changed = _changed_lines(lines_before, lines_after)
    if changed is None:
        return loaded  # the same lines
    first_changed, end_changed = changed
    records = getattr(old_file, kind.list_key)
    starts = [record.loc.line - 1 for record in records]
    affected = [index for index, start in enumerate(starts) if start <= max(first_changed, end_changed - 1)]
    if not affected or starts[0] > first_changed:
        return None  # above the first record: the file's head, or no records at all
    first = max(index for index in affected if starts[index] <= first_changed)
    last = affected[-1]
    span = splice.Span(starts[first], splice.record_span(lines_before, starts[last]).end)
    if end_changed > span.end:
        return None  # past the records of the list: a key after it
    delta = len(lines_after) - len(lines_before)
    new_span = splice.Span(span.start, span.end + delta)
    new_lines = "".join(lines_after[new_span.start : new_span.end])
    if any(line[:1] not in (" ", "#", "\n", "") for line in lines_after[new_span.start : new_span.end]):
        return None  # a new key at the top level: no longer lines of records
    modelled = _records_of(project, path, new_lines, new_span, kind.list_key, type(old_file))
    if modelled is None:
        return None
    later = tuple(splice.moved(record, delta) for record in records[last + 1 :]) if delta else records[last + 1 :]
    model = dataclasses.replace(old_file, **{kind.list_key: (*records[:first], *modelled, *later)})
    return loaded.replaced(path, (model, []))


def _records_of(project: Project, path: Path, lines: str, span: splice.Span, list_key: str, schema: type) -> tuple | None:
    """The records of the changed lines, located where they stand in the file; () when the
    change removed them all; None when they do not model cleanly."""
    if not lines.strip():
        return ()
    part, problems = splice.convert_snippet(lines, span, list_key, schema, project.shown(path))
    if part is None or part is INVALID or problems:
        return None
    return tuple(getattr(part, list_key))


def _changed_lines(before: list[str], after: list[str]) -> tuple[int, int] | None:
    """The lines of ``before`` that differ from ``after``, as (first, end), with what the two
    share at their start and at their end left out; None when they are the same."""
    if before == after:
        return None
    first = 0
    while first < min(len(before), len(after)) and before[first] == after[first]:
        first += 1
    shared_end = 0
    while (
        shared_end < min(len(before), len(after)) - first
        and before[len(before) - 1 - shared_end] == after[len(after) - 1 - shared_end]
    ):
        shared_end += 1
    return first, len(before) - shared_end
