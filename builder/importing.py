"""``brief import`` and ``brief import-vragen``: what the Tweede Kamer publishes, merged into ``data/``.

``brief import`` merges the registry's toezeggingen, moties and schriftelijke
vragen by id. The registry owns the fields it sends (text, dates, status, vote;
for Kamervragen who asked whom, when, about what) and they are updated; every
other field (notes, short, reason, motion, by of a known item, the questions of
a set of Kamervragen) is local and never touched. ``brief import-vragen`` reads
the questions' own published text (``builder.vragen_text``) into their set.
Either is an edit like any other (``builder.edit``): validated as the whole
repository it makes, written under the lock, several files all or none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from . import layout, splice
from .assemble import LoadedData, assemble, load_data
from .briefs import load_briefs
from .codes import finding
from .coverage import unknown_bewindspersoon
from .diagnostics import Diagnostic, Location, has_errors
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
from .kamervragen import Kamervragen
from .load import first_difference, read_text, split_lines
from .loading import load_record
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
    problems = [p for p in problems if p.code != "kamervragen-empty"]  # brief check's to list, not the import's
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
    for item in (item for item in imported if item.kind == "kamervragen"):
        edit, found = _merge_kamervragen(project, repository, item)
        problems += found
        if edit is not None:
            edits.append(edit)
    if has_errors(problems):
        return [], problems
    repository, found = validated(project, edits, loaded)
    return ([] if repository is None else edits), problems + found


def validated(project: Project, edits: list[FileEdit], loaded: LoadedData | None = None) -> tuple[Any, list[Diagnostic]]:
    """The repository the edits make, with its problems; None when it has errors.

    ``loaded``: the data as the import read it, so that only the edited files are read again.
    A new set of Kamervragen is a file the folder does not hold yet, so it is added to
    what ``load_data`` found rather than given as the text of a file it reads."""
    texts = {edit.path: edit.after for edit in edits}
    if loaded is None:
        loaded = load_data(project, texts)
    else:
        for path, schema in loaded.files:
            if path in texts:
                loaded = loaded.replaced(path, load_record(project, path, schema, texts[path]))
    known = {path for path, _ in loaded.files}
    new = [(path, Kamervragen) for path in texts if path not in known]
    if new:
        records = tuple(load_record(project, path, schema, texts[path]) for path, schema in new)
        loaded = LoadedData((*loaded.files, *new), (*loaded.records, *records))
    repository, problems = assemble(loaded)
    from .severities import read_severities

    _, found = read_severities(project)  # as load_repository: a broken data/rules.yaml refuses the edit
    if found:
        return None, sorted(problems + found)
    # A set still without questions is what the registry import makes: its summary says so,
    # and brief check lists every such set.
    return repository, [p for p in problems if p.code != "kamervragen-empty"]


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




# --- Kamervragen --------------------------------------------------------------------------------

# What the registry's Zaak and the published text both say of a set, in the order of the model.
KAMERVRAGEN_FIELDS = ("kamer", "indieners", "aan", "ingezonden", "subject")


def _merge_kamervragen(project: Project, repository, item: Any) -> tuple[FileEdit | None, list[Diagnostic]]:
    """A set of Kamervragen from the registry: a new file, or its metadata brought up to date.

    Its questions and notes are never touched: the registry's Zaak does not hold them."""
    existing = repository.kamervragen.get(item.key)
    path = project.root / existing.loc.path if existing else project.kamervragen_dir / f"{item.key}.yaml"
    if existing is None:
        tree = CommentedMap(id=item.key)
        said = [_new_set_phrase(item)]
        _apply_set_fields(tree, item.key, item.fields, [], announce=False)
        tree["vragen"] = CommentedSeq()
        return FileEdit(path, "", layout.dump(tree, Kamervragen), tuple(said)), []
    if _registry_agrees(existing, item.fields):
        return None, []  # most sets a registry export names are unchanged: no file to parse and lay out again
    text, tree, problems = set_tree(project, path)
    if tree is None:
        return None, problems
    said: list[str] = []
    _apply_set_fields(tree, item.key, item.fields, said)
    return FileEdit(path, text, layout.dump(tree, Kamervragen) if said else text, tuple(said)), []


def _registry_agrees(existing: Kamervragen, fields: dict[str, Any]) -> bool:
    """Whether every field the registry gives equals the set's own, read from the model."""
    ours = {
        "kamer": existing.kamer,
        "indieners": [{"member": m.member, "fractie": m.fractie} if m.fractie else {"member": m.member} for m in existing.indieners],
        "aan": list(existing.aan),
        "ingezonden": existing.ingezonden,
        "subject": existing.subject,
    }
    return all(fields.get(name) is None or fields[name] == ours[name] for name in KAMERVRAGEN_FIELDS)


def _new_set_phrase(item: Any) -> str:
    where = f" (the Kamer's document {item.document})" if item.document else ""
    return (
        f"new Kamervragen {item.key}, due {_due(item.fields)}; no questions yet: read their published text{where} "
        "in with 'brief import-vragen FILE'"
    )


def _due(fields: dict[str, Any]) -> str:
    from .kamervragen import TERM

    ingezonden = fields.get("ingezonden")
    return (ingezonden + TERM).isoformat() if isinstance(ingezonden, dt.date) else "(unknown)"


def _apply_set_fields(tree: CommentedMap, key: str, fields: dict[str, Any], said: list[str], announce: bool = True) -> None:
    """Set the fields that differ; an equal value keeps its node, and so its comments."""
    for name in KAMERVRAGEN_FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        old = tree.get(name)
        if old == value:
            continue
        _set_path(tree, name, value)
        if announce:
            said.append(change_phrase(key, name, old, value))


def set_tree(project: Project, path: Path) -> tuple[str, Any, list[Diagnostic]]:
    """A set's file as a round-trip tree, only when it is in the canonical layout (as every edit asks)."""
    shown = project.shown(path)
    text, problems = read_text(path, shown)
    if text is None:
        return "", None, problems
    tree, problems = layout.parse(text, shown)
    if not isinstance(tree, CommentedMap):
        return text, None, problems or [finding(Location(shown), f"{shown} is not a set of Kamervragen", "edit")]
    canonical = layout.dump(tree, Kamervragen)
    if canonical != text:
        message = "not in the canonical layout, so this import would change other lines too; run 'brief fmt' first"
        return text, None, [finding(Location(shown, first_difference(text, canonical)), message, "fmt")]
    return text, tree, []


# --- the questions' published text (brief import-vragen) -----------------------------------------


def import_vragen(project: Project, path: Path, aan: list[str] | None = None) -> tuple[list[FileEdit], list[Diagnostic]]:
    """``brief import-vragen FILE``: the set of Kamervragen its published text gives, written or updated.

    The text owns the questions and what its header says; an existing set keeps its notes,
    and whom it asks when the registry named them (``aan``: persons, where the text has roles)."""
    from .vragen_text import read_vragen_text

    shown = str(path)
    lines, problems = _published_lines(path, shown)
    if lines is None:
        return [], problems
    read = read_vragen_text(lines)
    for unplaced in read.unplaced:
        code = "vragen-unreadable" if unplaced.error else "vragen-text"
        problems.append(finding(Location(shown, unplaced.place.line, unplaced.place.column), unplaced.message, code))
    if read.number is None:
        message = "no Kamer number (such as 2024Z21910) before the questions: copy the text with its number, or add it on a line of its own"
        problems.append(finding(Location(shown, 1), message, "vragen-unreadable"))
    if not read.vragen:
        message = "no questions found: expected 'Vraag 1' on a line of its own followed by the text, or numbered paragraphs '1. …'"
        problems.append(finding(Location(shown, 1), message, "vragen-unreadable"))
    if has_errors(problems):
        return [], sorted(problems)
    loaded = load_data(project)
    repository, found = assemble(loaded)
    if repository is None:
        return [], found
    existing = repository.kamervragen.get(read.number)
    header = Location(shown, *(astuple_place(read.header_place or read.number_place)))
    asked, found = _asked(read, repository, existing, aan, header)
    problems += found
    fields: dict[str, Any] = {
        "kamer": read.kamer if existing is None or read.kamer == "EK" else None,
        "indieners": [{"member": m, "fractie": f} if f else {"member": m} for m, f in read.indieners] or None,
        "aan": asked or None,
        "ingezonden": read.ingezonden,
        "subject": read.subject,
    }
    if existing is None:
        for name, what in (("indieners", "who asked them"), ("ingezonden", "when they were sent in"), ("subject", "what they are about")):
            if fields[name] is None:
                message = (
                    f"the text does not say {what} ('Vragen van het lid … aan … over … (ingezonden …).'), and "
                    f"data/ has no set {read.number} to take it from: import the registry's Zaak first (brief import)"
                )
                problems.append(finding(header, message, "vragen-unreadable"))
    if has_errors(problems):
        return [], sorted(problems)
    edit, found = _write_vragen(project, read, fields, existing)
    problems += found
    if edit is None or has_errors(problems):
        return [], sorted(problems)
    repository, found = validated(project, [edit], loaded)
    return ([] if repository is None else [edit]), sorted(problems + found)


def astuple_place(place: Any) -> tuple[int, int]:
    return (place.line, place.column) if place is not None else (1, 1)


def _published_lines(path: Path, shown: str) -> tuple[list[str] | None, list[Diagnostic]]:
    """The text's lines: a DOCX's paragraphs (then its footnotes), or a text file's lines."""
    if path.suffix.casefold() != ".docx":
        text, problems = read_text(path, shown)
        return (None if text is None else text.splitlines()), problems
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from .load import read_input_bytes
    from .vragen_text import docx_lines

    data, problems = read_input_bytes(path, shown)
    if data is None:
        return None, problems
    try:
        return docx_lines(data), []
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        return None, [finding(Location(shown), f"cannot read the DOCX: {exc}", "docx")]


def _asked(read: Any, repository, existing: Any, aan: list[str] | None, header: Location) -> tuple[list[str], list[Diagnostic]]:
    """Whom the set asks: ``--aan``; else the set's own ``aan`` (the registry names persons); else
    the bewindspersoon of data/organisation.yaml who alone holds each role the text names."""
    from .diagnostics import did_you_mean, unknown

    people = repository.bewindspersonen
    if aan:
        problems = [finding(header, unknown("bewindspersoon", key, people), "unknown-id") for key in aan if key not in people]
        return list(dict.fromkeys(aan)), problems
    holders = {role: [b.id for b in repository.organisation.bewindspersonen if _role_key(b.role) == _role_key(role)] for role in read.roles}
    if existing is not None and existing.aan:
        kept = {_role_key(people[key].role) for key in existing.aan if key in people}
        strange = [role for role in read.roles if _role_key(role) not in kept]
        problems = []
        if strange:
            message = f"the text asks the {' and the '.join(strange)}, whom 'aan' of set {existing.id} does not list; 'aan' is kept"
            problems.append(finding(header, message, "vragen-text"))
        return list(existing.aan), problems
    problems = []
    asked = []
    for role, ids in holders.items():
        if len(ids) == 1:
            asked.append(ids[0])
        elif not ids:
            message = (
                f"no bewindspersoon in data/organisation.yaml is the {role}{did_you_mean(role, [b.role for b in people.values()])}: "
                "add them there, or name whom the questions ask with --aan ID"
            )
            problems.append(finding(header, message, "vragen-unreadable"))
        else:
            message = (
                f"the {role} is the role of {', '.join(ids)} in data/organisation.yaml: name whom the questions ask with "
                "--aan ID, or import the registry's Zaak first (brief import), which names them"
            )
            problems.append(finding(header, message, "vragen-unreadable"))
    if not read.roles:
        message = "the text does not say whom the questions ask ('… aan de Minister van … over …'): name them with --aan ID"
        problems.append(finding(header, message, "vragen-unreadable"))
    return list(dict.fromkeys(asked)), problems


def _role_key(role: str) -> str:
    """'minister van bzk' for 'De Minister van BZK' (ours) and 'Minister van BZK' (the text's)."""
    words = role.casefold().split()
    return " ".join(words[1:] if words[:1] == ["de"] else words)


def _write_vragen(project: Project, read: Any, fields: dict[str, Any], existing: Any) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The set's file with the text's questions: new, or updated with its comments and notes kept."""
    questions = [_question(vraag) for vraag in read.vragen]
    if existing is None:
        path = project.kamervragen_dir / f"{read.number}.yaml"
        tree = CommentedMap(id=read.number)
        _apply_set_fields(tree, read.number, fields, [], announce=False)
        tree["vragen"] = CommentedSeq(questions)
        said = f"new Kamervragen {read.number}: {len(questions)} question(s), due {_due(fields)}"
        return FileEdit(path, "", layout.dump(tree, Kamervragen), (said,)), []
    path = project.root / existing.loc.path
    text, tree, problems = set_tree(project, path)
    if tree is None:
        return None, problems
    said: list[str] = []
    _apply_set_fields(tree, read.number, fields, said)
    old = tree.get("vragen")
    if old != [dict(q) for q in questions]:
        count = len(old) if isinstance(old, list) else 0
        insert_field(tree, "vragen", CommentedSeq(questions))
        said.append(f"{read.number}: questions replaced ({count} → {len(questions)})")
    return FileEdit(path, text, layout.dump(tree, Kamervragen) if said else text, tuple(said)), []


def _question(vraag: Any) -> CommentedMap:
    """One question as the data writes it: several paragraphs as a literal block."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    question = CommentedMap(number=vraag.number)
    question["text"] = LiteralScalarString(vraag.text) if "\n" in vraag.text else vraag.text
    if vraag.footnotes:
        question["footnotes"] = CommentedSeq(vraag.footnotes)
    return question
