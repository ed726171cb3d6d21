"""Write stage: every file the tool writes goes through here, atomically (out/, and edits of data/)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``target`` and rename it into place.

    A reader (Word, a sync client, a crashed build) sees the old file or the
    new one, never half of one. The directory must exist: a mistyped ``-o``
    path fails instead of growing a tree of directories nobody asked for.
    Without ``mode`` the file gets the permissions the umask gives new files.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp's 0600 would hide outputs from others
        os.chmod(temporary, 0o666 & ~_umask() if mode is None else mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(target: Path, data: bytes, out_dir: Path) -> None:
    """Write a product of the tool; ``out/`` itself is made on first use, nothing else is."""
    if target.parent.resolve() == out_dir.resolve():
        out_dir.mkdir(exist_ok=True)
    write_atomically(target, data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
