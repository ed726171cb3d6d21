"""The cache of loaded data files: used while a file is unchanged, never trusted otherwise."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from builder import data_cache
from builder import loading
from builder.pipeline import load_repository
from .conftest import run_cli


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
    load_record = loading.load_record
    monkeypatch.setattr(loading, "load_record", lambda p, path, *a: loaded.append(path.name) or load_record(p, path, *a))
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
    monkeypatch.setattr(loading, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(loading, "usable_cpus", lambda: 2)
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
    monkeypatch.setattr(loading, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(loading, "usable_cpus", lambda: 2)
    assert load_repository(project) == serial


# --- damage: every entry carries an HMAC, checked before anything is unpickled ------------


def _damaged(whole: bytes, rng: random.Random) -> bytes:
    """``whole`` with one random change: a bit flipped, a byte replaced, cut, inserted or appended."""
    position = rng.randrange(len(whole))
    how = rng.choice(("flip", "replace", "cut", "insert", "append"))
    if how == "flip":
        return whole[:position] + bytes([whole[position] ^ 1 << rng.randrange(8)]) + whole[position + 1:]
    if how == "replace":
        other = rng.choice([value for value in range(256) if value != whole[position]])
        return whole[:position] + bytes([other]) + whole[position + 1:]
    if how == "cut":
        return whole[:position]
    if how == "insert":
        return whole[:position] + bytes([rng.randrange(256)]) + whole[position:]
    return whole + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))


def test_no_random_damage_to_an_entry_is_read(project):
    load_repository(project)
    entry = _entry(project)
    whole = entry.read_bytes()
    rng = random.Random(14)
    for attempt in range(200):
        damaged = _damaged(whole, rng)
        entry.write_bytes(damaged)
        assert _cached(project) is None, f"damage {attempt} was read: {len(damaged)} bytes of {len(whole)}"
    entry.write_bytes(whole)
    assert _cached(project) is not None  # the damage made them fail, not the test's rewriting


def test_a_damaged_cache_gives_the_check_output_of_no_cache(project):
    cold = run_cli("--root", str(project.root), "check", cwd=project.root)
    commitments = _entry(project)
    assert commitments.is_file()
    # Same length, so the pickle stays well-formed: unverified, it loads as an unknown bewindspersoon.
    commitments.write_bytes(commitments.read_bytes().replace(b"minister-bzk-uitermark", b"minister-bzk-uitermarq"))
    rng = random.Random(15)
    for name in ("motions.yaml", "documents.yaml", "organisation.yaml"):
        entry = _entry(project, name)
        entry.write_bytes(_damaged(_damaged(entry.read_bytes(), rng), rng))
    damaged = run_cli("--root", str(project.root), "check", cwd=project.root)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert _cached(project) is not None  # ignored, and written anew


def test_an_entry_made_with_another_secret_is_not_read(project):
    load_repository(project)
    secret = _secret_file()
    assert oct(secret.stat().st_mode & 0o777) == "0o600" and len(secret.read_bytes()) == 32
    secret.write_bytes(bytes(32))
    assert _cached(project) is None


def test_a_secret_others_can_read_is_not_used_but_replaced(project):
    load_repository(project)
    secret = _secret_file()
    leaked = secret.read_bytes()
    os.chmod(secret, 0o640)
    assert _cached(project) is None
    assert load_repository(project)[0] is not None  # loaded from the YAML, and cached anew
    assert oct(secret.stat().st_mode & 0o777) == "0o600" and secret.read_bytes() != leaked
    assert _cached(project) is not None


def test_a_secret_that_is_a_symlink_is_not_used_but_replaced(project, tmp_path):
    load_repository(project)
    secret = _secret_file()
    planted = tmp_path / "planted-secret"
    planted.write_bytes(secret.read_bytes())
    os.chmod(planted, 0o600)
    secret.unlink()
    secret.symlink_to(planted)
    assert _cached(project) is None
    load_repository(project)
    assert not secret.is_symlink() and secret.read_bytes() != planted.read_bytes()
    assert _cached(project) is not None


def test_a_secret_cut_short_is_replaced(project):
    load_repository(project)
    _secret_file().write_bytes(b"short")
    assert _cached(project) is None
    load_repository(project)
    assert len(_secret_file().read_bytes()) == 32 and _cached(project) is not None


def _secret_file() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "briefbouwer" / "secret"


# --- a shared cache base: nothing below it is followed, nothing of others is removed ------


def _tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}


@pytest.mark.parametrize("planted", ["briefbouwer", "repository folder"])
def test_a_planted_folder_symlink_is_neither_read_nor_cleaned(project, tmp_path, planted):
    """Another user plants a folder of the cache path as a symlink to a folder of the victim's."""
    load_repository(project)
    folder = _entry(project).parent
    link = folder.parent if planted == "briefbouwer" else folder
    os.chmod(link.parent, 0o1777)  # a shared, world-writable cache base
    victim = tmp_path / "victim"
    shutil.move(link, victim)  # valid entries: read through the link, they would load
    link.symlink_to(victim, target_is_directory=True)
    victim_folder = victim / folder.name if planted == "briefbouwer" else victim
    (victim_folder / "thesis.pickle").write_bytes(b"the victim's own")
    (victim_folder / f"records-{'0' * 32}.pickle").write_bytes(b"also the victim's")
    before = _tree(victim_folder)

    assert _cached(project) is None
    assert load_repository(project)[0] is not None  # loaded from the YAML, the cache refused
    assert link.is_symlink()
    assert _tree(victim_folder) == before


def test_cleanup_removes_only_entries_the_tool_wrote(project, tmp_path):
    load_repository(project)
    folder = _entry(project).parent
    outside = tmp_path / "outside.pickle"
    outside.write_bytes(b"kept")
    stale = folder / f"records-{'a' * 32}.pickle"
    stale.write_bytes(b"an entry of a deleted file")
    left_over = folder / f".{_entry(project).name}.{'0' * 16}.tmp"
    left_over.write_bytes(b"written by a run that was killed")
    kept = {
        "notes.pickle": lambda path: path.write_bytes(b"not a name the tool makes"),
        f".notes.pickle.{'0' * 16}.tmp": lambda path: path.write_bytes(b"not a temporary file the tool makes"),
        f"records-{'a' * 31}.pickle": lambda path: path.write_bytes(b"one digit short"),
        f"Records-{'b' * 32}.pickle": lambda path: path.write_bytes(b"another case"),
        f"canonical-{'c' * 32}.pickle": lambda path: path.symlink_to(outside),
        f"records-{'d' * 32}.pickle": lambda path: path.mkdir(),
    }
    for name, make in kept.items():
        make(folder / name)
    load_repository(project)
    assert not stale.exists() and not left_over.exists()
    assert all(os.path.lexists(folder / name) for name in kept)
    assert outside.read_bytes() == b"kept"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user takes root")
def test_cleanup_leaves_files_of_other_users(project):
    load_repository(project)
    foreign = _entry(project).parent / f"records-{'e' * 32}.pickle"
    foreign.write_bytes(b"not ours")
    os.chown(foreign, 65534, 65534)
    load_repository(project)
    assert foreign.read_bytes() == b"not ours"


def test_a_cache_folder_others_can_write_is_not_used(project):
    load_repository(project)
    os.chmod(_entry(project).parent.parent, 0o777)  # briefbouwer/: others could swap what is inside
    assert _cached(project) is None


def test_a_relative_xdg_cache_home_is_ignored(project, tmp_path, monkeypatch):
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.chdir(elsewhere)
    load_repository(project)
    assert not (elsewhere / "relative-cache").exists()
    assert _entry(project).is_relative_to(home / ".cache" / "briefbouwer")
    assert _entry(project).is_file() and _cached(project) is not None
