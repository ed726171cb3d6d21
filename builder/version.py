"""Which sources a document was built from: the git commit, and whether it was dirty;
and which code of the builder made a document or a cached load."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stamp:
    commit: str | None
    dirty: bool = False

    @property
    def label(self) -> str:
        """'1a2b3c4', '1a2b3c4+dirty' or 'onbekend' outside a git repository."""
        if self.commit is None:
            return "onbekend"
        return f"{self.commit}+dirty" if self.dirty else self.commit

    @property
    def dutch(self) -> str:
        if self.commit is None:
            return "versie onbekend (geen git-repository)"
        return f"versie {self.commit}" + (" met niet-vastgelegde wijzigingen" if self.dirty else "")


def source_stamp(root: Path) -> Stamp:
    """The commit checked out at ``root`` and whether the work tree differs from it."""
    try:
        import git  # imported here: GitPython costs ~0.13 s and only builds need it
    except ImportError:  # GitPython refuses to import when no git executable is found
        return Stamp(None)
    try:
        repo = git.Repo(root, search_parent_directories=True)
        commit = repo.head.commit.hexsha[:7]
        return Stamp(commit, repo.is_dirty(untracked_files=True))
    except (git.exc.GitError, ValueError):  # not a repository, or no commit yet
        return Stamp(None)


@functools.cache
def code_digest() -> str:
    """The digest of every module of the ``builder`` package, read once per process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
