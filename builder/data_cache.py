"""A cache of loaded data files: a build or check skips the YAML of every unchanged file,
and ``brief fmt`` the layout check of every file it found canonical before.

At ministry scale, composing and validating ``data/`` takes seconds; unpickling the
result takes a fraction of that. Each data file has its own entry, so an edit of one
file reloads only that file. Entries live in the user's cache directory (``out/``
holds only what a build writes), one folder per repository, keyed by the file's path
and bytes and by the builder's own code: a pickle is only good for the classes that
wrote it. An entry that cannot be read is ignored and the YAML is loaded.

Unpickling runs whatever the file says, so an entry is only read from a directory
and file that the user owns and nobody else can write: the same trust the user
places in their own ``~/.cache``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .version import code_digest
from .write import write_atomically

_KEY_SIZE = 64  # a hex SHA-256, written before the pickle so that a stale entry is not unpickled
# What is kept per data file: its loaded records and problems, and whether `brief fmt`
# found it canonical (the round-trip layout check is the slowest thing the tool does).
KINDS = ("records", "canonical")


def key(path: Path, data: bytes) -> str:
    # The Python version too: a pickle written by one may not load in another.
    made_by = f"{sys.version}\0{code_digest()}\0{path}\0".encode()
    return hashlib.sha256(made_by + data).hexdigest()


def read(root: Path, path: Path, key: str, kind: str = "records"):
    """The value of ``kind`` stored for ``path`` under ``key``, or None."""
    entry = entry_path(root, path, kind)
    try:
        with open(entry, "rb") as stream:
            if not (_private(os.fstat(stream.fileno())) and _private(entry.parent.stat())):
                return None
            if stream.read(_KEY_SIZE).decode("ascii", "replace") != key:
                return None
            return pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None


def write(root: Path, path: Path, key: str, pickled: bytes, kind: str = "records") -> None:
    """Store a pickled value of ``kind`` for ``path``; a cache that cannot be written is only slower."""
    entry = entry_path(root, path, kind)
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(entry, key.encode("ascii") + pickled, mode=0o600)
    except OSError:
        pass


def forget_others(root: Path, paths: list[Path]) -> None:
    """Remove the entries of files that are gone (a deleted overleg), so they do not pile up."""
    folder = entry_path(root, root).parent
    keep = {entry_path(root, path, kind).name for path in paths for kind in KINDS}
    try:
        stale = [entry for entry in folder.iterdir() if entry.name.endswith(".pickle") and entry.name not in keep]
        for entry in stale:
            entry.unlink(missing_ok=True)
    except OSError:
        pass


def entry_path(root: Path, path: Path, kind: str = "records") -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]
    name = hashlib.sha256(str(path).encode()).hexdigest()[:32]
    return Path(base) / "briefbouwer" / folder / f"{kind}-{name}.pickle"


def _private(status: os.stat_result) -> bool:
    """Owned by the user and writable by nobody else."""
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
