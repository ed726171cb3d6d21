"""Write stage: every file the tool writes goes through here, atomically (out/, and edits of data/).

Only this module touches ``out/``: which briefs' documents there are up to date, and
writing rendered documents with the manifest that records what they were built from.

A reader (Word, a sync client, a crashed build) sees the old file or the new one, never
half of one. Several files that belong together (an import that changes commitments and
motions) are written all or none, through a journal that the next locked command
finishes. A temporary file carries its writer's process id in its name, so that the
next run can tell a temporary of a killed command from one still being written.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .codes import finding
from .diagnostics import Diagnostic, Location
from .freshness import MANIFEST, Manifest, brief_digest, manifest_bytes, read_manifest, shared_digest
from .project import BRIEF_NAME, Project

if TYPE_CHECKING:
    from .rendering import Rendered

JOURNAL_NAME = ".brief-journal.json"
# '.NAME.PID.XXXXXXXX.tmp' as made below; '.NAME.XXXXXXXX.tmp' by versions before the pid.
_TEMPORARY = re.compile(r"^\..+?\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp$")
# A temporary without a pid is only taken for stale once nothing could still be writing it.
_PIDLESS_STALE_SECONDS = 3600


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``target`` and rename it into place.

    The directory must exist: a mistyped ``-o`` path fails instead of growing a tree
    of directories nobody asked for. A symbolic link is written through (the link
    stays, its target gets the new bytes). The file gets ``mode`` when given, else an
    existing file keeps its permissions and a new one gets what the umask gives.
    """
    target = real_target(target)
    temporary: Path | None = None
    try:
        temporary = write_temporary(target, data, mode)
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def write_all_or_none(files: list[tuple[Path, bytes]], journal_dir: Path) -> None:
    """Write several files so that a kill leaves all of them old or, after the next
    ``finish_interrupted_writes``, all of them new."""
    if len(files) == 1:
        write_atomically(*files[0])
        return
    renames: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            target = real_target(target)
            renames.append((write_temporary(target, data), target))
        journal = [[str(temporary), str(target)] for temporary, target in renames]
        write_atomically(journal_dir / JOURNAL_NAME, json.dumps(journal).encode("utf-8"))
    except BaseException:
        for temporary, _ in renames:
            temporary.unlink(missing_ok=True)
        raise
    # From here the journal holds the intent: an interruption is finished next time.
    for temporary, target in renames:
        os.replace(temporary, target)
    (journal_dir / JOURNAL_NAME).unlink(missing_ok=True)


def finish_interrupted_writes(journal_dir: Path) -> None:
    """Complete a ``write_all_or_none`` that was killed after its journal was written.

    Call it holding the repository lock, before reading anything the journal names.
    """
    journal_path = journal_dir / JOURNAL_NAME
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        journal = []  # unreadable: written by nothing of ours, or torn; the temporaries are stale
    for temporary, target in journal if isinstance(journal, list) else []:
        if Path(temporary).is_file() and not Path(temporary).is_symlink():
            os.replace(temporary, target)
    journal_path.unlink(missing_ok=True)


def write_temporary(target: Path, data: bytes, mode: int | None = None) -> Path:
    """``data`` in a new temporary file beside ``target``, flushed to disk."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        temporary = Path(name)
        _take_permissions(handle, target, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return temporary


def real_target(target: Path) -> Path:
    """The file a write of ``target`` should replace: a symbolic link's final target."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _take_permissions(handle: int, target: Path, mode: int | None) -> None:
    if mode is not None:
        os.fchmod(handle, mode)
        return
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp's 0600 would hide outputs from others
        return
    os.fchmod(handle, stat.S_IMODE(existing.st_mode))
    if existing.st_gid != os.getegid():
        try:  # a shared data/ keeps its group; only possible where the user is in it
            os.fchown(handle, -1, existing.st_gid)
        except OSError:
            pass


def remove_stale_temporaries(directory: Path) -> None:
    """Delete the temporaries a killed command of ours left in ``directory``.

    Only files named as ``write_temporary`` names them, owned by this user, whose
    writer is gone (or, for names without a pid, untouched for an hour).
    """
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and _is_stale(entry, match["pid"]):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _is_stale(entry: os.DirEntry, pid: str | None) -> bool:
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
        return False
    if pid is None:
        return time.time() - status.st_mtime > _PIDLESS_STALE_SECONDS
    return not _process_alive(int(pid))


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process: not ours to judge
    return True


def prepare_out_dir(out_dir: Path) -> str | None:
    """Make ``out/`` when missing; the reason it cannot be written to, else None."""
    if out_dir.is_symlink() and not out_dir.exists():
        return f"'{out_dir.name}' is a symbolic link to '{os.readlink(out_dir)}', which does not exist"
    if out_dir.exists() and not out_dir.is_dir():
        return f"'{out_dir.name}' is a file, not a directory"
    try:
        out_dir.mkdir(exist_ok=True)
    except OSError as exc:
        return f"cannot make the directory: {exc.strerror}"
    return None


def write_output(target: Path, data: bytes, out_dir: Path) -> None:
    """Write a product of the tool; ``out/`` itself is made on first use, nothing else is."""
    if target.parent.resolve() == out_dir.resolve():
        problem = prepare_out_dir(out_dir)
        if problem is not None:
            raise NotADirectoryError(20, problem)
    write_atomically(target, data)


def _write_together(files: list[tuple[Path, bytes]], out_dir: Path) -> tuple[Path, OSError] | None:
    """A brief's documents in ``out/`` (a letter and the aanbiedingsbrief that sends it) all
    new or all old: every one is written to its temporary before any replaces its target.
    On failure none is replaced, and (the file, the error) is returned.

    No journal, unlike ``write_all_or_none``: builds take no lock. A kill (or a failed
    rename) between the renames leaves documents the manifest does not vouch for, so the
    next build makes them again.
    """
    problem = prepare_out_dir(out_dir)
    if problem is not None:
        return files[0][0], NotADirectoryError(20, problem)
    renames: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            real = real_target(target)
            if real.is_dir():  # the one failure of a rename that can be foreseen
                return target, IsADirectoryError(21, "Is a directory")
            try:
                renames.append((write_temporary(real, data), real))
            except OSError as exc:
                return target, exc
        for temporary, target in renames:
            try:
                os.replace(temporary, target)
            except OSError as exc:
                return target, exc
    finally:
        for temporary, _ in renames:
            temporary.unlink(missing_ok=True)
    return None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# --- out/: the built documents ------------------------------------------------------------------


@dataclass(frozen=True)
class OutPlan:
    """Which requested briefs must be built, which are up to date, and the digests to record."""

    stale: tuple[str, ...]
    up_to_date: tuple[str, ...]
    digests: dict[str, str]
    manifest: Manifest


def plan_outputs(project: Project, names: list[str], stamp_label: str, force: bool) -> OutPlan:
    """A brief is up to date when every document its manifest entry names is in ``out/``,
    built from the inputs it has now. A name that is not a brief name is left stale, for
    the load stage to report."""
    shared = shared_digest(project.root, stamp_label)
    digests = {name: brief_digest(shared, project.briefs_dir / f"{name}.md") for name in names if BRIEF_NAME.match(name)}
    manifest = read_manifest(project.out_dir)

    def fresh(name: str) -> bool:
        outputs = manifest.get(name)
        return bool(outputs) and all(
            digest == digests[name] and (project.out_dir / target).is_file() for target, digest in outputs.items()
        )

    stale = tuple(name for name in names if force or name not in digests or not fresh(name))
    return OutPlan(stale, tuple(name for name in names if name not in stale), digests, manifest)


def open_out_dir(project: Project) -> Diagnostic | None:
    """``out/`` made ready for a build, its stale temporaries gone; why it cannot be, else None."""
    unwritable = prepare_out_dir(project.out_dir)
    if unwritable is not None:
        return finding(Location(project.shown(project.out_dir)), f"cannot write the documents: {unwritable}", "write")
    remove_stale_temporaries(project.out_dir)
    return None


def write_rendered(
    project: Project, rendered: Iterable[Rendered], plan: OutPlan,
    finished: Callable[[str, list[Path]], None] | None = None,
) -> tuple[list[Path], list[Diagnostic]]:
    """Each brief's documents written into ``out/`` as it comes, then the manifest; the
    rendered briefs' own diagnostics are passed on with the write errors. ``finished``
    hears of each brief as its files are written (none, when it could not be)."""
    manifest = dict(plan.manifest)
    written: list[Path] = []
    problems: list[Diagnostic] = []
    for brief in rendered:
        problems += brief.diagnostics
        files = [(project.out_dir / name, data) for name, data in brief.outputs.items()]
        unwritten = _write_together(files, project.out_dir) if files else None
        if unwritten is not None:
            target, exc = unwritten
            problems.append(finding(Location(project.shown(target)), f"cannot write the document: {exc.strerror}", "write"))
            # The brief keeps its old entry: that matches again only while nothing the brief
            # is built from changes, and then its old documents are as good as new.
            files = []
        elif files:
            written += [target for target, _ in files]
            manifest[brief.name] = {name: plan.digests[brief.name] for name in brief.outputs}
        if finished is not None:
            finished(brief.name, [target for target, _ in files])
    if written:
        try:
            write_output(project.out_dir / MANIFEST, manifest_bytes(manifest), project.out_dir)
        except OSError:
            pass  # the documents are written; without the manifest the next build only redoes them
    return written, problems
