"""The cache of loaded data: used when nothing changed, never trusted otherwise."""

from __future__ import annotations

import os

from builder import repository_cache
from builder.pipeline import data_files, load_repository


def _entry(project):
    return repository_cache._entry(project.root)


def _key(project):
    return repository_cache.key([path for path, _ in data_files(project)])


def test_a_second_load_comes_from_the_cache_and_equals_the_first(project):
    first, first_problems = load_repository(project)
    assert _entry(project).is_file()
    assert oct(_entry(project).stat().st_mode & 0o777) == "0o600"
    cached = repository_cache.read(project.root, _key(project))
    assert cached is not None
    second, second_problems = load_repository(project)
    assert second == first and second_problems == first_problems
    assert second.commitments["per-racisme-a"].loc == first.commitments["per-racisme-a"].loc


def test_a_changed_data_file_is_loaded_again(project):
    load_repository(project)
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: voldaan", "status: voldane", 1), encoding="utf-8")
    repository, problems = load_repository(project)
    assert repository is None
    assert any(p.location.path == "data/commitments.yaml" and "voldane" in p.message for p in problems)


def test_errors_are_cached_as_well_and_reported_again(project):
    path = project.data_dir / "motions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown: 1\n", encoding="utf-8")
    first = load_repository(project)[1]
    assert first and load_repository(project)[1] == first


def test_an_entry_others_can_write_is_not_read(project):
    load_repository(project)
    os.chmod(_entry(project), 0o666)
    assert repository_cache.read(project.root, _key(project)) is None
    assert load_repository(project)[0] is not None  # loaded from the YAML, and the entry written anew
    assert repository_cache.read(project.root, _key(project)) is not None


def test_a_damaged_entry_is_ignored(project):
    load_repository(project)
    entry = _entry(project)
    entry.write_bytes(entry.read_bytes()[:200])
    assert repository_cache.read(project.root, _key(project)) is None
    assert load_repository(project)[0] is not None


def test_an_unwritable_cache_directory_costs_only_the_cache(project, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_repository(project)[0] is not None
