"""A saved data file modelled again record by record (builder.reload): the same model as a whole load, or None."""

from __future__ import annotations

import pytest

from builder.assemble import load_data
from builder.loading import load_record
from builder.load import split_lines
from builder.reload import reloaded

NEW = [
    "  - id: nieuw-1\n", "    kamer: TK\n", "    text: Iets nieuws.\n",
    "    made: {kind: debat, date: 2025-01-01}\n", "    by: minister-bzk-uitermark\n",
]


def _edits(lines: list[str]) -> dict:
    """Edits of the example commitments.yaml as a writer makes them, by name."""
    first = next(index for index, line in enumerate(lines) if line.startswith("  - id: per-racisme-c"))
    following = next(index for index, line in enumerate(lines) if line.startswith("  - id:") and index > first)
    text_line = next(index for index in range(first, following) if "verplicht" in lines[index])
    reworded = list(lines)
    reworded[text_line] = lines[text_line].replace("verplicht", "VERPLICHT", 1)
    return {
        "a word of a text": (reworded, True),
        "a record inserted": (lines[:first] + NEW + ["\n"] + lines[first:], True),
        "a record removed": (lines[:first] + lines[following:], True),
        "a record appended": (lines + ["\n"] + NEW, True),
        "a comment between records": (lines[:following] + ["  # een opmerking\n"] + lines[following:], True),
        "the file's head": (["# kop\n"] + lines, False),
        "an unknown field": (reworded[:text_line + 1] + ["    bogus: 1\n"] + reworded[text_line + 1:], False),
        "a new key at the top": (lines + ["extra: 1\n"], False),
    }


EDITS = (
    "a word of a text", "a record inserted", "a record removed", "a record appended", "a comment between records",
    "the file's head", "an unknown field", "a new key at the top",
)


@pytest.mark.parametrize("edit", EDITS)
def test_a_changed_file_is_modelled_as_a_whole_load_models_it_or_left_to_one(project, edit):
    path = project.data_dir / "commitments.yaml"
    before = path.read_text(encoding="utf-8")
    edits = _edits(split_lines(before))
    assert tuple(edits) == EDITS
    lines, incremental = edits[edit]
    after = "".join(lines)
    loaded = load_data(project)
    schema = next(cls for file, cls in loaded.files if file == path)
    result = reloaded(project, loaded, path, before, after)
    if not incremental:
        assert result is None
        return
    assert result is not None
    whole = load_record(project, path, schema, after)
    assert whole[1] == [] and result.record_of(path) == whole  # every record, its lines included
    others = [record for file, record in zip((f for f, _ in loaded.files), loaded.records) if file != path]
    assert [record for file, record in zip((f for f, _ in result.files), result.records) if file != path] == others


def test_an_unchanged_text_keeps_the_loaded_data(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    loaded = load_data(project)
    assert reloaded(project, loaded, path, text, text) is loaded


def test_a_file_that_is_no_list_of_records_is_left_to_a_whole_load(project):
    path = project.data_dir / "organisation.yaml"
    text = path.read_text(encoding="utf-8")
    assert reloaded(project, load_data(project), path, text, text.replace("DGDOO", "DGDOO2")) is None


def test_the_preview_models_only_the_changed_record_after_a_save_of_data(project, monkeypatch):
    from builder.preview import session as session_module
    from builder.preview.session import Session

    session = Session(project, "voortgang-aanpak-racisme")
    session.update()
    whole_loads = []
    monkeypatch.setattr(session_module, "load_data", lambda project: whole_loads.append(1) or load_data(project))
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("verplicht maken voor departementen", "VERPLICHT maken voor departementen", 1), encoding="utf-8")
    update = session.update(data_changed=True)
    assert whole_loads == [] and "VERPLICHT maken" in update.html
    path.write_text("# kop\n" + text, encoding="utf-8")  # the file's head: a whole load
    update = session.update(data_changed=True)
    assert whole_loads == [1] and "VERPLICHT maken" not in update.html
