"""One brief's preview: the repository kept between saves, the page's content made again on each.

A save of the brief re-reads only the brief (and the briefs it is built with).
A save under data/ models again only the records whose lines changed in a file of
records (``builder.reload``: one commitment of a ministry's 5,000), and loads the
repository again otherwise, from the data cache for every file but the changed ones.
The findings are those of ``brief check NAME`` (``pipeline.check`` on the kept repository).
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

from pathlib import Path

from ..assemble import LoadedData, load_data, repository_of
from ..diagnostics import Diagnostic, save_traceback
from ..model import Repository
from ..pipeline import Project, check, load_briefs, load_companions
from ..project import RECORD_KINDS, data_files
from ..reload import reloaded
from .html import brief_html


@dataclass(frozen=True)
class Update:
    """The page's content after one save, and what the bar says of it."""

    version: int
    html: str
    status: str
    companions: frozenset[str]  # the briefs it was built with: a save of one of them is a save of it too


class Session:
    def __init__(self, project: Project, name: str):
        self.project, self.name = project, name
        self._loaded: tuple[Repository | None, list[Diagnostic]] | None = None
        self._data: LoadedData | None = None
        self._seen: dict[Path, tuple[int, int] | str] = {}  # each data file as last loaded: its text or (mtime, size)
        self._version = 0

    def update(self, data_changed: bool = False) -> Update:
        """The content as the files are now; ``data_changed``: something under data/ was saved."""
        started = time.perf_counter()
        self._version += 1
        try:
            content, companions = self._content(data_changed)
        except Exception as exc:  # noqa: BLE001 -- a bug of ours: said on the page, the traceback kept
            log = save_traceback(f"previewing {self.name}")
            kept = f"the traceback is in {log}" if log else "the traceback could not be saved"
            companions = frozenset()
            content = f'<p class="no-page">{html.escape(f"internal error: {type(exc).__name__}: {exc}; {kept}")}</p>'
        seconds = time.perf_counter() - started
        status = f"bijgewerkt om {time.strftime('%H:%M:%S')} ({seconds:.2f} s)"
        return Update(self._version, content, status, companions)

    def _content(self, data_changed: bool) -> tuple[str, frozenset[str]]:
        if data_changed or self._loaded is None:
            self._loaded = self._load_data()
        repository, _ = self._loaded
        findings = check(self.project, [self.name], loaded=self._loaded)
        briefs, _ = load_briefs(self.project, [self.name])
        brief = briefs[0] if briefs else None
        letters = load_companions(self.project, briefs)[0] if repository is not None else {}
        companions = frozenset(letters) - {self.name}
        return brief_html(brief, repository, letters, findings), companions

    def _load_data(self) -> tuple[Repository | None, list[Diagnostic]]:
        """The repository as data/ is now: the changed records alone modelled again where
        that can be done, else every file loaded (the unchanged ones from the data cache)."""
        seen = self._files_now()
        data = self._changed_records(seen) if self._data is not None else None
        if data is None:
            data = load_data(self.project)
        self._data, self._seen = data, seen
        return repository_of(self.project, data)

    def _changed_records(self, seen: dict) -> LoadedData | None:
        if set(seen) != set(self._seen):
            return None  # a file added or removed
        data = self._data
        for path, now in seen.items():
            before = self._seen[path]
            if now == before:
                continue
            if not (isinstance(now, str) and isinstance(before, str)):
                return None  # a file that is no list of records changed
            data = reloaded(self.project, data, path, before, now)
            if data is None:
                return None
        return data

    def _files_now(self) -> dict[Path, tuple[int, int] | str]:
        """Each data file's text when it holds a list of records (what a change is found in),
        else its modification time and size."""
        records = {self.project.data_dir / kind.file for kind in RECORD_KINDS.values()}
        seen: dict[Path, tuple[int, int] | str] = {}
        for path, _ in data_files(self.project):
            try:
                if path in records:
                    seen[path] = path.read_text(encoding="utf-8")
                else:
                    status = path.stat()
                    seen[path] = (status.st_mtime_ns, status.st_size)
            except (OSError, UnicodeDecodeError):
                seen[path] = (-1, -1)  # unreadable: the whole load reports it
        return seen
