"""The cache of loaded data files: used while a file is unchanged, never trusted otherwise."""

from __future__ import annotations

import os

from builder import data_cache, pipeline
from builder.pipeline import load_repository


def _entry(project, name="commitments.yaml"):
    return data_cache.entry_path(project.root, project.data_dir / name)


def _cached(project, name="commitments.yaml"):
    path = project.data_dir / name
    return data_cache.read(project.root, path, data_cache.key(path, path.read_bytes()))


def test_a_second_load_comes_from_the_cache_and_equals_the_first(project):
    first, first_problems = load_repository(project)
    assert oct(_entry(project).stat().st_mode & 0o777) == "0o600"
    assert oct(_entry(project).parent.stat().st_mode & 0o777) == "0o700"
    assert _cached(project) is not None
    second, second_problems = load_repository(project)
    assert second == first and second_problems == first_problems
    assert second.commitments["per-racisme-a"].loc == first.commitments["per-racisme-a"].loc


def test_only_the_changed_file_is_loaded_again(project, monkeypatch):
    load_repository(project)
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: voldaan", "status: voldane", 1), encoding="utf-8")
    loaded = []
    load_record = pipeline._load_record
    monkeypatch.setattr(pipeline, "_load_record", lambda p, path, *a: loaded.append(path.name) or load_record(p, path, *a))
    repository, problems = load_repository(project)
    assert loaded == ["commitments.yaml"]
    assert repository is None
    assert any(p.location.path == "data/commitments.yaml" and "voldane" in p.message for p in problems)


def test_a_file_with_errors_is_cached_with_its_errors(project):
    path = project.data_dir / "motions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown: 1\n", encoding="utf-8")
    first = load_repository(project)
    assert first[0] is None and first[1]
    assert _cached(project, "motions.yaml") is not None
    assert load_repository(project) == first


def test_loading_in_parallel_gives_what_loading_in_turn_gives(project, monkeypatch):
    serial = load_repository(project)
    for name in ("commitments.yaml", "motions.yaml", "documents.yaml"):
        _entry(project, name).unlink()
    monkeypatch.setattr(pipeline, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1})
    assert load_repository(project) == serial
    assert _cached(project) is not None  # the workers wrote the entries


def test_an_entry_others_can_write_is_not_read(project):
    load_repository(project)
    os.chmod(_entry(project), 0o666)
    assert _cached(project) is None
    assert load_repository(project)[0] is not None  # loaded from the YAML, and the entry written anew
    assert _cached(project) is not None


def test_a_damaged_entry_is_ignored(project):
    load_repository(project)
    entry = _entry(project)
    entry.write_bytes(entry.read_bytes()[:200])
    assert _cached(project) is None
    assert load_repository(project)[0] is not None


def test_the_entry_of_a_deleted_file_is_removed(project):
    load_repository(project)
    overleg = next(project.overleggen_dir.glob("*.yaml"))
    entry = data_cache.entry_path(project.root, overleg)
    assert entry.is_file()
    overleg.unlink()
    load_repository(project)
    assert not entry.exists()


def test_an_unwritable_cache_directory_costs_only_the_cache(project, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_repository(project)[0] is not None


def test_without_worker_processes_the_files_are_loaded_in_turn(project, monkeypatch):
    import concurrent.futures

    serial = load_repository(project)
    for name in ("commitments.yaml", "motions.yaml", "documents.yaml"):
        _entry(project, name).unlink()

    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # a container without /dev/shm

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    monkeypatch.setattr(pipeline, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1})
    assert load_repository(project) == serial
