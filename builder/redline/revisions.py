"""The two revisions a redline compares, from git: each one's tree on disk, its name in the
output's file name, and who made its changes and when (the tracked changes' author and date).

A commit is exported into a scratch directory with :func:`builder.history.checkout_to`
(data/, briefs/ and templates/, regular files only), so that the pipeline builds it exactly
as it builds a checkout; the working tree is built where it is.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import hashlib
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..codes import finding
from ..diagnostics import Diagnostic, Location
from ..history import _prefix, checkout_to, resolve_commit
from ..version import Stamp, source_stamp

# How the working tree is named in the file name and in messages.
WORKING_TREE = "werkmap"
# What a build reads (builder/freshness.py): a commit that touches none of these did not
# change the letter, so it is not the one whose author and date the changes carry.
INPUT_FOLDERS = ("data", "templates", "briefs")


@dataclass(frozen=True)
class Revision:
    """One side of the comparison: a commit (``commit`` set) or the working tree."""

    label: str  # the short hash, or WORKING_TREE: safe in a file name as it is, unlike a ref ('feature/x')
    commit: object | None = None  # a git.Commit

    @property
    def is_working_tree(self) -> bool:
        return self.commit is None

    def shown(self, path: str) -> str:
        """A path of this revision as messages show it: ``1a2b3c4:briefs/x.md`` for a commit."""
        return path if self.is_working_tree else f"{self.label}:{path}"


@dataclass(frozen=True)
class Authorship:
    """Who the tracked changes are by, and when."""

    author: str
    date: dt.datetime  # in UTC


def open_repository(root: Path):
    """The git repository whose work tree holds ``root``, or a located error."""
    try:
        import git
    except ImportError:  # GitPython refuses to import when no git executable is found
        return None, [finding(Location(str(root)), "git is not installed: brief redline builds the brief at each revision", "git")]
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        message = "not a git repository: brief redline builds the brief at each revision from git"
        return None, [finding(Location(str(root)), message, "git")]
    if repo.bare:
        return None, [finding(Location(str(root)), "a bare git repository: brief redline needs its working tree", "git")]
    return repo, []


def resolve(repo, rev: str | None, root: Path) -> tuple[Revision | None, list[Diagnostic]]:
    """``rev`` as a :class:`Revision`; None names the working tree."""
    if rev is None:
        return Revision(WORKING_TREE), []
    commit, problems = resolve_commit(repo, rev, root)
    if commit is None:
        return None, problems
    return Revision(commit.hexsha[:7], commit), []


def tree_of(revision: Revision, repo, root: Path, target: Path) -> tuple[Path, list[Diagnostic]]:
    """Where the revision's project lies on disk: ``root`` for the working tree, else a copy
    of the commit's data/, briefs/ and templates/ made afresh at ``target``."""
    if revision.is_working_tree:
        return root, []
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    return target, checkout_to(revision.commit, _prefix(repo, root), target, revision.label)


@contextmanager
def scratch_for(root: Path) -> Iterator[Path]:
    """Where the commits are exported: the same folder for every redline of a repository, in
    the user's cache, held under a lock while it is used. The data cache keys its entries by
    the files' paths, so a commit exported to the same place as last time loads its
    unchanged data warm (at ministry scale, seconds less) and leaves no new cache behind.
    Where that folder cannot be trusted (not the user's own, writable by others), a new
    temporary one is used instead, and the data is loaded cold."""
    try:
        folder = _cache_base() / "briefbouwer-redline" / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        trusted = _owned_privately(folder.parent) and _owned_privately(folder)
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        trusted = False
    if not trusted:
        with tempfile.TemporaryDirectory(prefix="brief-redline-") as scratch:
            yield Path(scratch)
        return
    with open(folder / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second redline of the same repository waits its turn
        yield folder


def _cache_base() -> Path:
    configured = os.environ.get("XDG_CACHE_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"


def _owned_privately(folder: Path) -> bool:
    status = folder.lstat()
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o022


def stamp_of(revision: Revision, root: Path) -> Stamp:
    """The version stamp both builds carry: the later revision's, so that the stamp in a
    concept's footer is not itself shown as a change."""
    if revision.is_working_tree:
        return source_stamp(root, _reads(root))
    return Stamp(revision.label)


def authorship(repo, before: Revision, after: Revision, root: Path) -> Authorship:
    """The author and date of the latest commit after ``before``, up to ``after``, that
    touched what the letter is built from; for a working tree with changes of its own, the
    git user and now (``SOURCE_DATE_EPOCH`` when set, as the build's own dates)."""
    if after.is_working_tree and source_stamp(root, _reads(root)).dirty:
        return Authorship(_git_user(repo), _now())
    tip = "HEAD" if after.is_working_tree else after.commit.hexsha
    prefix = _prefix(repo, root)
    paths = [f"{prefix}{folder}" for folder in INPUT_FOLDERS]
    latest = next(iter(repo.iter_commits(f"{before.commit.hexsha}..{tip}", paths=paths, max_count=1)), None)
    commit = latest or repo.commit(tip)
    return Authorship(commit.author.name or "onbekend", commit.authored_datetime.astimezone(dt.timezone.utc))


def _reads(root: Path):
    from ..freshness import build_reads

    return build_reads(root)


def _git_user(repo) -> str:
    try:
        name = repo.config_reader().get_value("user", "name", default="")
    except Exception:  # noqa: BLE001 -- an unreadable git config costs only the name
        name = ""
    return str(name) or getpass.getuser()


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
