"""Mapping a function over items in worker processes, in order, or in this process when processes cannot be had.

Linux forks its workers: they inherit the function and the items (a ministry's
repository) instead of receiving them pickled. Where processes are spawned (macOS,
Windows, or ``BRIEF_START_METHOD=spawn``), the function goes to each worker pickled and
every item as it is handed out; what cannot be pickled is mapped here, with a note.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

START_METHOD_VARIABLE = "BRIEF_START_METHOD"


class _WorkerLost(Exception):
    """A worker ended without answering: killed for memory, or by someone's signal."""


def usable_cpus() -> int:
    """The processors this process may run on (its affinity where the platform knows it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_method() -> str:
    """"fork" where it is safe and cheap (Linux and the other Unixes but macOS, whose system
    libraries may not survive a fork), else "spawn"; ``BRIEF_START_METHOD`` chooses."""
    import multiprocessing

    chosen = os.environ.get(START_METHOD_VARIABLE)
    if chosen in multiprocessing.get_all_start_methods():
        return chosen
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"


def _note_on_stderr(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def fork_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    workers: int,
    note: Callable[[str], None] = _note_on_stderr,
) -> Iterator[Result]:
    """``map(function, items)``, in up to ``workers`` processes, each result yielded as soon
    as it and those before it are done.

    Forked workers inherit ``function`` and ``items``, so both may be anything; spawned ones
    receive them pickled. Only results travel back, pickled. Where processes cannot be had
    (no /dev/shm or no fork in a container, a worker killed for memory) the items not yet
    yielded are mapped here instead; where the work cannot be pickled for a spawned worker,
    the same, and ``note`` says why. An exception ``function`` raises in a worker is raised here.
    """
    items = list(items)
    workers = min(workers, len(items))
    done = 0
    if workers >= 2:
        try:
            for result in _in_processes(function, items, workers, start_method()):
                yield result
                done += 1
        except (OSError, EOFError, _WorkerLost):
            pass
        except _Unpicklable as exc:
            note(f"the work cannot be sent to spawned worker processes ({exc}); working in one process")
    for item in items[done:]:
        yield function(item)


class _Unpicklable(Exception):
    """The function or an item cannot be pickled for a spawned worker."""


def _in_processes(function: Callable, items: list, workers: int, method: str) -> Iterator:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context(method)
    forked = method == "fork"
    running: dict = {}  # connection -> the process at its other end

    def hand_out(connection, index: int) -> None:
        connection.send(index if forked else (index, _pickled(items[index])))

    next_item = 0
    try:
        for _ in range(workers):
            ours, theirs = context.Pipe()
            work = items if forked else None
            target = function if forked else _pickled(function)
            process = context.Process(target=_serve, args=(target, work, theirs), daemon=True)
            process.start()
            theirs.close()
            running[ours] = process
            # One item at a time to each worker, the next as it answers: items of very
            # different cost (a ministry's commitments file, a small overleg) even out.
            hand_out(ours, next_item)
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
                    hand_out(connection, next_item)
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


def _pickled(value) -> bytes:
    """``value`` pickled here, where a failure can still turn into working in one process."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise _Unpicklable(str(exc)) from None


def _serve(function: Callable | bytes, items: list | None, connection) -> None:
    """A worker: map each item it is sent (its index, when it was forked with the items)
    until it is sent None."""
    _leave_stopping_to_the_parent()
    if isinstance(function, bytes):
        function = pickle.loads(function)  # sent by our own parent process, never from outside
    while (message := connection.recv()) is not None:
        index, item = (message, items[message]) if items is not None else (message[0], pickle.loads(message[1]))
        try:
            answer = (index, True, function(item))
        except Exception as exc:  # noqa: BLE001 -- raised again in the parent, as map would
            answer = (index, False, exc)
        connection.send(answer)


def _leave_stopping_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent stops the pool, so a
    worker ignores it rather than printing a traceback of its own; SIGTERM, how the pool
    stops its workers, ends one without a word."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
