"""fork_map: the results of map, in order, whether or not worker processes can be had."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from builder.workers import fork_map


def test_results_come_in_order_from_other_processes():
    # A lambda cannot be pickled: the forked workers inherit it.
    results = list(fork_map(lambda x: (x * 10, os.getpid()), [3, 1, 2, 5, 4], 2))
    assert [value for value, _ in results] == [30, 10, 20, 50, 40]
    assert os.getpid() not in {pid for _, pid in results}


def test_without_processes_the_items_are_mapped_here(monkeypatch):
    context = multiprocessing.get_context("fork")

    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # a container without fork or /dev/shm

    monkeypatch.setattr(type(context), "Process", no_processes)
    here = os.getpid()
    assert list(fork_map(lambda x: (x * 2, os.getpid()), [1, 2, 3], 2)) == [(2, here), (4, here), (6, here)]


def test_a_worker_that_dies_leaves_its_items_to_this_process():
    parent = os.getpid()

    def dies_on_two(x):
        if x == 2 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel kills a worker for memory
        return x * 2

    assert list(fork_map(dies_on_two, [1, 2, 3, 4], 2)) == [2, 4, 6, 8]


def test_an_exception_in_a_worker_is_raised_here():
    def fails_on_three(x):
        if x == 3:
            raise ValueError("three")
        return x

    with pytest.raises(ValueError, match="three"):
        list(fork_map(fails_on_three, [1, 2, 3, 4], 2))


def _tenfold_with_pid(x: int) -> tuple[int, int]:
    return x * 10, os.getpid()


def test_spawned_workers_receive_the_work_pickled_and_answer_in_order(monkeypatch):
    monkeypatch.setenv("BRIEF_START_METHOD", "spawn")
    notes = []
    results = list(fork_map(_tenfold_with_pid, [3, 1, 2, 5, 4], 2, note=notes.append))
    assert [value for value, _ in results] == [30, 10, 20, 50, 40]
    assert os.getpid() not in {pid for _, pid in results}
    assert notes == []


def test_work_that_cannot_be_pickled_for_spawned_workers_is_done_here_with_a_note(monkeypatch):
    monkeypatch.setenv("BRIEF_START_METHOD", "spawn")
    notes = []
    here = os.getpid()
    assert list(fork_map(lambda x: (x, os.getpid()), [1, 2, 3], 2, note=notes.append)) == [(1, here), (2, here), (3, here)]
    assert len(notes) == 1 and "working in one process" in notes[0]


def test_the_platform_decides_the_start_method_unless_told(monkeypatch):
    from builder.workers import start_method

    monkeypatch.delenv("BRIEF_START_METHOD", raising=False)
    expected = "fork" if "fork" in multiprocessing.get_all_start_methods() and os.sys.platform != "darwin" else "spawn"
    assert start_method() == expected
    monkeypatch.setenv("BRIEF_START_METHOD", "spawn")
    assert start_method() == "spawn"
    monkeypatch.setenv("BRIEF_START_METHOD", "no-such-method")
    assert start_method() == expected


def test_a_build_and_a_parallel_load_in_spawned_workers_write_what_a_serial_build_writes(project, monkeypatch, tmp_path, capfd):
    from builder import loading
    from builder.pipeline import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serial = {path.name: path.read_bytes() for path in build(project, jobs=1, force=True).written}
    monkeypatch.setenv("BRIEF_START_METHOD", "spawn")
    monkeypatch.setattr(loading, "PARALLEL_LOAD_BYTES", 0)  # every data file loaded in the workers
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))  # nothing cached: every file is loaded
    spawned = {path.name: path.read_bytes() for path in build(project, jobs=2, force=True).written}
    assert spawned == serial and len(serial) >= 9
    assert "note:" not in capfd.readouterr().err  # the work went to the workers, not back here
