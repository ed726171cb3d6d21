"""Which sources a document was built from: the git commit, and whether it was dirty;
and which code of the builder made a document or a cached load."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


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


def source_stamp(root: Path, reads: Callable[[str], bool] = lambda path: True) -> Stamp:
    """The commit checked out at ``root`` and whether the work tree differs from it in a file
    the build ``reads`` (a path relative to ``root``, with "/"): a coverage.csv the README
    writes beside the briefs, or an edited Makefile, does not make a letter "dirty"."""
    try:
        import git  # imported here: GitPython costs ~0.13 s and only builds need it
    except ImportError:  # GitPython refuses to import when no git executable is found
        return Stamp(None)
    try:
        repo = git.Repo(root, search_parent_directories=True)
        commit = repo.head.commit.hexsha[:7]
        changed = _changed_paths(repo, root)
    except (git.exc.GitError, ValueError):  # not a repository, or no commit yet
        return Stamp(None)
    return Stamp(commit, any(reads(path) for path in changed))


def _changed_paths(repo, root: Path) -> list[str]:
    """The paths, relative to ``root``, that differ from the commit or are untracked (not
    ignored), as ``git status`` lists them: the old and new name of a rename alike."""
    listed = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", str(root))
    top = Path(repo.working_tree_dir).resolve()
    base = root.resolve()
    paths = []
    for entry in listed.split("\0"):
        if len(entry) > 3:
            path = Path(os.path.normpath(top / entry[3:]))  # not resolved: a symlink is its own path
            if path.is_relative_to(base):
                paths.append(path.relative_to(base).as_posix())
    return paths


@functools.cache
def code_digest() -> str:
    """The digest of every module of the ``builder`` package, read once per process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
