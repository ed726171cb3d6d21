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
