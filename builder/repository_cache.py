"""A cache of the loaded data: a build or check with ``data/`` unchanged skips the YAML.

At ministry scale, composing and validating ``data/`` takes seconds; unpickling the
result takes a fraction of that. One entry per repository, in the user's cache
directory (``out/`` holds only what a build writes), keyed by the path and bytes of
every data file and by the builder's own code: a pickle is only good for the classes
that wrote it. Any entry that cannot be read is ignored and the YAML is loaded.

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

from .write import write_atomically

_KEY_SIZE = 64  # a hex SHA-256, written before the pickle so that a stale entry is not unpickled


def key(files: list[Path]) -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for path in [*files, *sorted(package.glob("*.py"))]:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def read(root: Path, key: str):
    entry = _entry(root)
    try:
        with open(entry, "rb") as stream:
            if not (_private(os.fstat(stream.fileno())) and _private(entry.parent.stat())):
                return None
            if stream.read(_KEY_SIZE).decode("ascii", "replace") != key:
                return None
            return pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None


def write(root: Path, key: str, value) -> None:
    entry = _entry(root)
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = key.encode("ascii") + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(entry, payload, mode=0o600)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # without a cache the next run loads the YAML again


def _private(status: os.stat_result) -> bool:
    """Owned by the user and writable by nobody else."""
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _entry(root: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]
    return Path(base) / "briefbouwer" / f"{name}.pickle"
