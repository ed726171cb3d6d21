"""Mapping a function over items in forked worker processes, in order, or in this process when processes cannot be had."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class _WorkerLost(Exception):
    """A worker ended without answering: killed for memory, or by someone's signal."""


def fork_map(function: Callable[[Item], Result], items: Iterable[Item], workers: int) -> Iterator[Result]:
    """``map(function, items)``, in up to ``workers`` forked processes, each result yielded
    as soon as it and those before it are done.

    The workers are forked, so ``function`` may be a closure and ``items`` anything:
    both are inherited, never pickled; only results travel back, pickled. Where processes
    cannot be had (no /dev/shm or no fork in a container, a worker killed for memory),
    the items not yet yielded are mapped here instead. An exception ``function`` raises
    in a worker is raised here.
    """
    items = list(items)
    workers = min(workers, len(items))
    done = 0
    if workers >= 2:
        try:
            for result in _in_processes(function, items, workers):
                yield result
                done += 1
        except (OSError, EOFError, _WorkerLost):
            pass
    for item in items[done:]:
        yield function(item)


def _in_processes(function: Callable, items: list, workers: int) -> Iterator:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    running: dict = {}  # connection -> (process, index of the item it works on)
    next_item = 0
    try:
        for _ in range(workers):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(function, items, theirs), daemon=True)
            process.start()
            theirs.close()
            # One item at a time to each worker, the next as it answers: items of very
            # different cost (a ministry's commitments file, a small overleg) even out.
            ours.send(next_item)
            running[ours] = process
            next_item += 1
        results: dict[int, tuple[bool, object]] = {}
        yielded = 0
        while yielded < len(items):
            while yielded in results:
                ok, value = results.pop(yielded)
                if not ok:
                    raise value
                yield value
                yielded += 1
            if yielded == len(items):
                break
            for connection in wait(list(running)):
                try:
                    index, ok, value = connection.recv()
                except EOFError:
                    raise _WorkerLost from None
                results[index] = (ok, value)
                if next_item < len(items):
                    connection.send(next_item)
                    next_item += 1
                else:
                    connection.send(None)
                    running.pop(connection).join()
                    connection.close()
    finally:
        for connection, process in running.items():
            process.terminate()  # a stopped run (Ctrl-C, an exception) leaves no worker behind
            process.join()
            connection.close()


def _serve(function: Callable, items: list, connection) -> None:
    """A worker: map each index it is sent until it is sent None."""
    while (index := connection.recv()) is not None:
        try:
            answer = (index, True, function(items[index]))
        except Exception as exc:  # noqa: BLE001 -- raised again in the parent, as map would
            answer = (index, False, exc)
        connection.send(answer)
