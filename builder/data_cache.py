"""A cache of loaded data files: a build or check skips the YAML of every unchanged file,
and ``brief fmt`` the layout check of every file it found canonical before.

At ministry scale, composing and validating ``data/`` takes seconds; unpickling the
result takes a fraction of that. Each data file has its own entry, so an edit of one
file reloads only that file. Entries live in the user's cache directory (``out/``
holds only what a build writes), one folder per repository, keyed by the file's path
and bytes and by the builder's own code: a pickle is only good for the classes that
wrote it. An entry that cannot be read is ignored and the YAML is loaded.

Unpickling runs whatever the file says, so the cache trusts nothing it did not make:

- The base is ``$XDG_CACHE_HOME`` when that is an absolute path (the XDG spec says a
  relative one is invalid), else ``~/.cache``. It may be shared and world-writable, so
  below it no symlink is followed: ``briefbouwer/`` and the repository's folder are
  opened one step at a time with ``O_NOFOLLOW`` and must be directories the user owns
  and nobody else can write; every later step works through those open directories.
- Every entry carries an HMAC-SHA256, over its key and pickle, made with a secret that
  only the user can read (``briefbouwer/secret``). A damaged or foreign entry fails
  the check and is never unpickled.
- Cleaning up removes only regular files the user owns whose names this module makes
  (entries, and temporary files a killed run left).

Whatever is refused is refused silently: the cache only makes the tool faster.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import secrets
import stat
import sys
from contextlib import ExitStack
from pathlib import Path

from .version import code_digest

_KEY_SIZE = 64  # a hex SHA-256, written first so that a stale entry is not even verified
_MAC_SIZE = 32  # an HMAC-SHA256 over the key and the pickle
_SECRET_SIZE = 32
_SECRET_NAME = "secret"
_APP_FOLDER = "briefbouwer"
# What is kept per data file: its loaded records and problems, and whether `brief fmt`
# found it canonical (the round-trip layout check is the slowest thing the tool does).
ENTRY_KINDS = ("records", "canonical")
_ENTRY_NAME = re.compile(rf"(?:{'|'.join(ENTRY_KINDS)})-[0-9a-f]{{32}}\.pickle")
# What _replace_file writes first: left behind only by a process killed outright (SIGKILL,
# or a load worker on SIGTERM). Removing one a concurrent run still writes costs that run
# only its entry: the rename fails, and a cache that cannot be written is only slower.
_TEMPORARY_NAME = re.compile(rf"\.{_ENTRY_NAME.pattern}\.[0-9a-f]{{16}}\.tmp")


class _Untrusted(OSError):
    """A cache path that is not the user's own: refused like any other cache failure."""


def key(path: Path, data: bytes) -> str:
    # The Python version too: a pickle written by one may not load in another.
    made_by = f"{sys.version}\0{code_digest()}\0{path}\0".encode()
    return hashlib.sha256(made_by + data).hexdigest()


def read(root: Path, path: Path, key: str, kind: str = "records"):
    """The value of ``kind`` stored for ``path`` under ``key``, or None."""
    try:
        with ExitStack() as closing:
            folder, secret = _open_folder(root, closing, create=False)
            data = _read_entry(folder, _entry_name(path, kind))
    except OSError:
        return None
    return _verified_value(data, key, secret)


def write(root: Path, path: Path, key: str, pickled: bytes, kind: str = "records") -> None:
    """Store a pickled value of ``kind`` for ``path``; a cache that cannot be written is only slower."""
    try:
        with ExitStack() as closing:
            folder, secret = _open_folder(root, closing, create=True)
            stamp = key.encode("ascii")
            _replace_file(folder, _entry_name(path, kind), [stamp, _mac(secret, stamp, pickled), pickled], 0o600)
    except OSError:
        pass


def forget_others(root: Path, paths: list[Path]) -> None:
    """Remove the entries of files that are gone (a deleted overleg), and temporary files
    of killed runs, so that they do not pile up."""
    keep = {_entry_name(path, kind) for path in paths for kind in ENTRY_KINDS}
    try:
        with ExitStack() as closing:
            folder, _ = _open_folder(root, closing, create=False)
            for name in os.listdir(folder):
                if (_ENTRY_NAME.fullmatch(name) and name not in keep) or _TEMPORARY_NAME.fullmatch(name):
                    _remove_if_ours(folder, name)
    except OSError:
        pass


def entry_path(root: Path, path: Path, kind: str = "records") -> Path:
    """Where the entry of ``path`` lives (the cache itself reaches it only through open folders)."""
    return _base() / _APP_FOLDER / _folder_name(root) / _entry_name(path, kind)


# --- where the cache is ------------------------------------------------------------------


def _base() -> Path:
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return Path(configured)
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no password entry
        raise _Untrusted("no home directory") from None
    if not home.is_absolute():
        raise _Untrusted("the home directory is not an absolute path")
    return home / ".cache"


def _folder_name(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]


def _entry_name(path: Path, kind: str) -> str:
    return f"{kind}-{hashlib.sha256(str(path).encode()).hexdigest()[:32]}.pickle"


def _open_folder(root: Path, closing: ExitStack, create: bool) -> tuple[int, bytes]:
    """The open folder of ``root``'s entries and the user's secret; raises OSError when
    either is missing (and not to be created) or not the user's own."""
    base = _base()
    if create:
        os.makedirs(base, mode=0o700, exist_ok=True)
    # The base is the user's own choice: a symlink there is theirs to make.
    base_fd = _closed_later(closing, os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC))
    app = _closed_later(closing, _open_private_directory(base_fd, _APP_FOLDER, create))
    secret = _secret(app, create)
    return _closed_later(closing, _open_private_directory(app, _folder_name(root), create)), secret


def _closed_later(closing: ExitStack, fd: int) -> int:
    closing.callback(os.close, fd)
    return fd


def _open_private_directory(parent: int, name: str, create: bool) -> int:
    """``name`` in ``parent``, opened without following a symlink, if the user owns it
    and nobody else can write it: else another user could swap what is inside."""
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=parent)
        except FileExistsError:
            pass
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent)
    if not _private(os.fstat(fd)):
        os.close(fd)
        raise _Untrusted(f"{name} is not the user's own")
    return fd


def _private(status: os.stat_result) -> bool:
    """Owned by the user and writable by nobody else."""
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --- the secret --------------------------------------------------------------------------


def _secret(app: int, create: bool) -> bytes:
    """The user's key for the entries' HMACs, made on first use. One that cannot be trusted
    (readable by others, not a regular file, cut short) is replaced when entries are written:
    it lies in the user's own folder, so it is theirs to replace, and the entries made with
    it are only rebuilt."""
    try:
        return _read_secret(app)
    except FileNotFoundError:
        if not create:
            raise
        try:
            _replace_file(app, _SECRET_NAME, [secrets.token_bytes(_SECRET_SIZE)], 0o600, replace=False, durable=True)
        except FileExistsError:
            pass  # another run made it first: use theirs, or entries would fail each other's check
        return _read_secret(app)
    except OSError:
        if not create:
            raise
        secret = secrets.token_bytes(_SECRET_SIZE)
        _replace_file(app, _SECRET_NAME, [secret], 0o600, durable=True)
        return secret


def _read_secret(app: int) -> bytes:
    fd = os.open(_SECRET_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=app)
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(fd)
        # Read by nobody else: whoever knows it can make entries that pass the check.
        usable = (
            stat.S_ISREG(status.st_mode) and status.st_uid == os.getuid()
            and not status.st_mode & 0o077 and status.st_size == _SECRET_SIZE
        )
        secret = stream.read(_SECRET_SIZE) if usable else b""
    if len(secret) != _SECRET_SIZE:
        raise _Untrusted("the cache's secret is not the user's own or not whole")
    return secret


def _mac(secret: bytes, stamp: bytes, payload: bytes | memoryview) -> bytes:
    digest = hmac.new(secret, stamp, hashlib.sha256)
    digest.update(payload)
    return digest.digest()


# --- entries -----------------------------------------------------------------------------


def _read_entry(folder: int, name: str) -> bytes:
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(fd)
        if not (stat.S_ISREG(status.st_mode) and _private(status)):
            raise _Untrusted(f"{name} is not the user's own file")
        return stream.read()


def _verified_value(data: bytes, key: str, secret: bytes):
    """The value pickled in an entry if the entry is for ``key`` and its HMAC holds, else None."""
    view = memoryview(data)
    stamp, mac, payload = view[:_KEY_SIZE], view[_KEY_SIZE:_KEY_SIZE + _MAC_SIZE], view[_KEY_SIZE + _MAC_SIZE:]
    if stamp != key.encode("ascii") or not hmac.compare_digest(mac, _mac(secret, stamp, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 -- what we wrote ourselves, yet a cache must never fail a run
        return None


def _replace_file(
    folder: int, name: str, parts: list[bytes], mode: int, replace: bool = True, durable: bool = False
) -> None:
    """Write ``parts`` to a temporary file in ``folder`` and move it to ``name``, or link it
    there without replacing anything. Only a ``durable`` file is synced to disk first: an
    entry cut short by a crash fails its check and is rebuilt, but the secret must be whole."""
    temporary = f".{name}.{secrets.token_hex(8)}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            for part in parts:
                stream.write(part)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        else:
            os.link(temporary, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
            os.unlink(temporary, dir_fd=folder)
    except BaseException:  # an interrupted run too: no temporary file is left behind
        _remove_quietly(folder, temporary)
        raise


def _remove_quietly(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass


def _remove_if_ours(folder: int, name: str) -> None:
    """Remove ``name`` if it is a regular file the user owns: an entry this module wrote."""
    try:
        status = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return
    if stat.S_ISREG(status.st_mode) and status.st_uid == os.getuid():
        _remove_quietly(folder, name)
