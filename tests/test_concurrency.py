"""Nothing is lost: two edits at once both land, a held lock is waited on for a bounded
time, and a killed edit or import leaves every data file old or new.

The edits run in forked processes that call the CLI's ``main``: real concurrency,
without paying Python's start-up for each of the hundreds of runs.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.cli import main
from builder.lock import repository_lock
from builder.pipeline import load_repository

from .conftest import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures" / "tk-opendata"
FORK = multiprocessing.get_context("fork")
ROUNDS = 50


def _run_at_barrier(barrier, argv: list[str]) -> None:
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 -- the child's exit closes it
    barrier.wait()
    os._exit(main(argv))


def run_together(*argvs: list[str]) -> list[int]:
    """Run each argv in its own process, released at the same moment; their exit codes."""
    barrier = FORK.Barrier(len(argvs))
    processes = [FORK.Process(target=_run_at_barrier, args=(barrier, argv)) for argv in argvs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    return [process.exitcode for process in processes]


def notes_of(project, ident: str) -> str | None:
    repository, problems = load_repository(project)
    assert repository is not None, problems
    items = {**repository.commitments, **repository.motions}
    return items[ident].notes


def test_two_sets_at_once_both_land_every_time(project):
    root = str(project.root)
    for round_ in range(ROUNDS):
        codes = run_together(
            ["--root", root, "set", "per-racisme-a", f"notes=A{round_}"],
            ["--root", root, "set", "per-racisme-m", f"notes=M{round_}"],
        )
        assert codes == [0, 0]
        assert (notes_of(project, "per-racisme-a"), notes_of(project, "per-racisme-m")) == (f"A{round_}", f"M{round_}")


def test_a_set_and_an_add_at_once_both_land_every_time(project):
    root = str(project.root)
    for round_ in range(ROUNDS):
        ident = f"T9{round_:04d}"
        codes = run_together(
            ["--root", root, "set", "per-racisme-a", f"notes=A{round_}"],
            [
                "--root", root, "add", "commitment", ident, "kamer=TK", "text=Nieuwe toezegging.",
                "made.kind=debat", "made.date=2025-01-01", "by=minister-bzk-uitermark",
            ],
        )
        assert codes == [0, 0]
        repository, _ = load_repository(project)
        assert repository.commitments["per-racisme-a"].notes == f"A{round_}"
        assert ident in repository.commitments


def test_a_held_lock_is_waited_on_then_reported(project, monkeypatch):
    monkeypatch.setenv("BRIEF_LOCK_WAIT", "0.3")
    before = (project.data_dir / "commitments.yaml").read_bytes()
    with repository_lock(project.data_dir, "data/.brief.lock"):
        started = time.monotonic()
        result = run_cli("set", "per-racisme-a", "notes=x", cwd=project.root)
        waited = time.monotonic() - started
    assert result.returncode == 2
    assert "data/.brief.lock:1:1: error: data/ is being changed by process" in result.stderr
    assert "[locked]" in result.stderr and "Traceback" not in result.stderr
    assert waited >= 0.3
    assert (project.data_dir / "commitments.yaml").read_bytes() == before


def test_an_edit_waits_for_the_lock_and_then_sees_the_other_change(project):
    """The second edit reads the data only once it holds the lock."""
    with repository_lock(project.data_dir, "data/.brief.lock"):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", "set", "per-racisme-m", "notes=second"], cwd=project.root,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(0.5)
        path = project.data_dir / "commitments.yaml"
        # An edit made while the other waits (here by hand, holding the lock as an edit would).
        path.write_text(path.read_text(encoding="utf-8").replace("status: voldaan", "status: voldaan  # eerst", 1))
    _, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, stderr
    text = path.read_text(encoding="utf-8")
    assert "# eerst" in text and notes_of(project, "per-racisme-m") == "second"


# --- kill -9 at random moments -----------------------------------------------------------------


def _spawn(project, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "builder.cli", *args], cwd=project.root,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _temporaries(project) -> list[Path]:
    return [path for directory in project.edited_dirs for path in directory.glob(".*.tmp")]


def _snapshot(project) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(project.data_dir.glob("*.yaml"))}


def _expected_after(project, *args: str) -> dict[str, bytes]:
    """The data files as the command leaves them when it is not interrupted (then undone)."""
    before = _snapshot(project)
    assert run_cli(*args, cwd=project.root).returncode == 0
    after = _snapshot(project)
    for name, data in before.items():
        (project.data_dir / name).write_bytes(data)
    return after


@pytest.mark.parametrize(
    "args",
    [
        ("set", "per-racisme-a", "notes=Na een kill"),
        ("import", str(FIXTURES / "toezeggingen.json"), str(FIXTURES / "moties.json"), "--by", "minister-bzk-uitermark"),
    ],
    ids=["set", "import-two-files"],
)
def test_a_killed_edit_leaves_old_or_new_and_no_temporaries_after_the_next_run(project, args):
    before = _snapshot(project)
    after = _expected_after(project, *args)
    assert after != before
    moments = random.Random(14)  # the same spread of kills, from start-up to after the write, every run
    for _ in range(12):
        process = _spawn(project, *args)
        time.sleep(moments.uniform(0.05, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # The next run of any command finishes an interrupted write and removes temporaries.
        assert run_cli("check", cwd=project.root).returncode in (0, 1)
        now = _snapshot(project)
        assert now in (before, after), "a data file is neither old nor new, or the files disagree"
        assert _temporaries(project) == []
        for name, data in before.items():
            (project.data_dir / name).write_bytes(data)


def test_an_interrupted_all_or_none_write_is_finished_by_the_next_command(project):
    """The kill landed after the journal was written and one file was renamed."""
    from builder.write import JOURNAL_NAME, write_temporary

    commitments, motions = project.data_dir / "commitments.yaml", project.data_dir / "motions.yaml"
    new_commitments = commitments.read_text(encoding="utf-8").replace("status: open", "status: deels voldaan", 1)
    new_motions = motions.read_text(encoding="utf-8") + "\n# nieuw\n"
    temporary_c = write_temporary(commitments, new_commitments.encode())
    temporary_m = write_temporary(motions, new_motions.encode())
    journal = f'[["{temporary_c}", "{commitments}"], ["{temporary_m}", "{motions}"]]'
    (project.data_dir / JOURNAL_NAME).write_text(journal)
    os.replace(temporary_c, commitments)
    assert run_cli("check", cwd=project.root).returncode in (0, 1)
    assert commitments.read_text(encoding="utf-8") == new_commitments
    assert motions.read_text(encoding="utf-8") == new_motions
    assert not (project.data_dir / JOURNAL_NAME).exists() and _temporaries(project) == []


def test_stale_temporaries_of_a_killed_build_are_removed_and_others_kept(project):
    project.out_dir.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = project.out_dir / f".brief.docx.{dead.stdout.strip()}.abcd1234.tmp"
    live = project.out_dir / f".brief.docx.{os.getpid()}.abcd1234.tmp"
    someone_elses = project.out_dir / "notes.tmp"
    for path in (stale, live, someone_elses):
        path.write_bytes(b"half")
    assert run_cli("build", "voortgang-aanpak-racisme", cwd=project.root).returncode == 0
    assert not stale.exists() and live.exists() and someone_elses.exists()


# --- permissions and links --------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o664])
def test_an_edit_keeps_the_file_mode(project, mode):
    path = project.data_dir / "commitments.yaml"
    path.chmod(mode)
    assert run_cli("set", "per-racisme-a", "notes=x", cwd=project.root).returncode == 0
    assert path.stat().st_mode & 0o7777 == mode


def test_fmt_keeps_the_file_mode(project):
    path = project.data_dir / "motions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kamer: TK", "kamer: 'TK'", 1), encoding="utf-8")
    path.chmod(0o640)
    result = run_cli("fmt", cwd=project.root)
    assert result.returncode == 0 and "reformatted data/motions.yaml" in result.stdout
    assert path.stat().st_mode & 0o7777 == 0o640


def test_an_edit_writes_through_a_symlinked_data_file(project):
    shared = project.root / "shared"
    shared.mkdir()
    real = shared / "commitments.yaml"
    (project.data_dir / "commitments.yaml").rename(real)
    (project.data_dir / "commitments.yaml").symlink_to("../shared/commitments.yaml")
    assert run_cli("set", "per-racisme-a", "notes=door de link", cwd=project.root).returncode == 0
    assert (project.data_dir / "commitments.yaml").is_symlink()
    assert "door de link" in real.read_text(encoding="utf-8")
    assert list(shared.glob(".*.tmp")) == []


def test_a_dangling_out_symlink_is_one_clear_error(project, tmp_path):
    (project.root / "out").symlink_to(tmp_path / "gone")
    result = run_cli("build", cwd=project.root)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"out:1:1: error: cannot write the documents: 'out' is a symbolic link to '{tmp_path / 'gone'}', which does not exist [write]"
    ]
