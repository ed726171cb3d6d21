"""SIGINT and SIGTERM as an exception where the run is, so that every cleanup on the way out runs."""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised where the run is, so that every cleanup on the way out
    runs (write_atomically removes its temporary file on any BaseException)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame) -> None:
    raise Stopped(signum)


_handling_signals = False  # whether a run of main() has its handlers in place (see _calm_worker)


@contextmanager
def stop_signals_raised():
    """SIGINT and SIGTERM raise Stopped for as long as main() runs; the handlers before are
    put back after, for callers that run main() in their own process (the tests)."""
    global _handling_signals
    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield
        return
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in STOP_SIGNALS}
    _handling_signals = True
    try:
        yield
    finally:
        _handling_signals = False
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def signal_of(stop: KeyboardInterrupt) -> int:
    """The signal that stopped the run; from now on a second one is ignored, so that a
    second Ctrl-C does not interrupt the goodbye."""
    if _handling_signals:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
    return getattr(stop, "signum", signal.SIGINT)


def _calm_worker() -> None:
    """In a forked worker (the render pool, the load pool): leave Ctrl-C, which the terminal
    sends to every process of the group, to the parent, which stops the pool; and end without
    a word on SIGTERM, which is how the pool stops its workers. A worker raising
    KeyboardInterrupt would print a traceback of its own."""
    global _handling_signals
    if not _handling_signals:
        return
    _handling_signals = False
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except ValueError:  # signal.signal works only in the main thread; a worker without it stays as it is
        pass


if hasattr(os, "register_at_fork"):  # not on Windows, where workers are spawned
    os.register_at_fork(after_in_child=_calm_worker)
