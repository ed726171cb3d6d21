"""The repository lock: every read-modify-write of ``data/`` or a brief holds it.

Two edits at once (``brief set A … & brief set B …``) each read a data file, change
their record and write the file back; without a lock the second write silently
drops the first change. The lock is a file beside the data (``data/.brief.lock``),
as git keeps ``index.lock`` beside the index, but held with ``flock``: the kernel
releases it when its holder dies, so a killed command never leaves a stale lock
behind (at most an unlocked file, which the next command takes). The file says
who holds it, for the message a waiting command prints, and is removed on release.

An edit must read its inputs *after* taking the lock: the whole read-modify-write
runs inside ``repository_lock``.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .codes import finding
from .diagnostics import Location, printable

LOCK_NAME = ".brief.lock"
# Long enough for another edit at ministry scale to finish, short enough that a
# command stuck behind a hung one says so instead of waiting for ever.
DEFAULT_WAIT_SECONDS = 30.0
_POLL_SECONDS = 0.05


class LockHeld(Exception):
    """The lock was not free within the wait; ``diagnostic`` says who holds it."""

    def __init__(self, diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def wait_seconds() -> float:
    """The bounded wait, ``BRIEF_LOCK_WAIT`` seconds when set (tests and CI shorten it)."""
    try:
        return max(0.0, float(os.environ.get("BRIEF_LOCK_WAIT", DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextmanager
def repository_lock(data_dir: Path, shown: str, wait: float | None = None) -> Iterator[None]:
    """Hold the lock on ``data_dir`` for the duration of the block.

    Raises ``LockHeld`` when another command holds it for longer than ``wait``
    seconds, and ``OSError`` when the lock file cannot be made (a read-only
    ``data/``: then nothing could be written anyway).
    """
    path = data_dir / LOCK_NAME
    descriptor = _acquire(path, shown, time.monotonic() + (wait_seconds() if wait is None else wait))
    try:
        _describe_holder(descriptor)
        yield
    finally:
        # Removed while still held, so that nothing stays behind in data/; a waiter that
        # opened the removed file notices and opens the path anew (see _acquire).
        try:
            path.unlink(missing_ok=True)
        finally:
            _unlock(descriptor)
            os.close(descriptor)


def _acquire(path: Path, shown: str, deadline: float) -> int:
    """A descriptor of the lock file at ``path``, locked by us."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            _lock_without_waiting(descriptor)
        except (BlockingIOError, PermissionError):
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise LockHeld(_held_message(path, shown, deadline)) from None
            time.sleep(_POLL_SECONDS)
            continue
        if _still_at(path, descriptor):
            return descriptor
        # The holder removed the file between our open and our lock: ours is an orphan.
        _unlock(descriptor)
        os.close(descriptor)


def _lock_without_waiting(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: a lock on the first byte (the file is never empty when held)
        import msvcrt

        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(descriptor, fcntl.LOCK_UN)


def _still_at(path: Path, descriptor: int) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _describe_holder(descriptor: int) -> None:
    """Write who holds the lock into the lock file; only the holder writes it."""
    line = f"{os.getpid()} brief {' '.join(sys.argv[1:])}"
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, line.encode("utf-8", "backslashreplace")[:1000] + b"\n", 0)


def _held_message(path: Path, shown: str, deadline: float):
    try:
        holder = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        holder = ""
    pid, _, command = holder.partition(" ")
    who = f"process {pid} ({printable(command)})" if pid.isdigit() else "another brief command"
    message = (
        f"data/ is being changed by {who}; waited {wait_seconds():g} s for it to finish. "
        "Try again when it is done (the lock is released when that command ends)"
    )
    return finding(Location(shown), message, "locked")


def recover_interrupted_writes(data_dir: Path, directories: tuple[Path, ...], holding_lock: bool = False) -> None:
    """Finish what a killed edit left: its all-or-none write, then its temporaries.

    Without the lock, the journal is only finished when the lock is free at once: a
    command that holds it is alive and finishes its own write.
    """
    from .write import JOURNAL_NAME, finish_interrupted_writes, remove_stale_temporaries

    if (data_dir / JOURNAL_NAME).exists():
        if holding_lock:
            finish_interrupted_writes(data_dir)
        else:
            try:
                with repository_lock(data_dir, "", wait=0):
                    finish_interrupted_writes(data_dir)
            except (LockHeld, OSError):
                return  # the journal's temporaries must outlive it
    for directory in directories:
        remove_stale_temporaries(directory)
