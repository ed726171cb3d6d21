"""One brief's preview: the repository kept between saves, the page's content made again on each.

A save of the brief re-reads only the brief (and the briefs it is built with);
a save under data/ loads the repository again, from the data cache for every
file but the changed ones. The findings are those of ``brief check NAME``
(``pipeline.check`` on the kept repository).
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

from ..diagnostics import Diagnostic, save_traceback
from ..model import Repository
from ..pipeline import Project, check, load_briefs, load_companions, load_repository
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
            self._loaded = load_repository(self.project)
        repository, _ = self._loaded
        findings = check(self.project, [self.name], loaded=self._loaded)
        briefs, _ = load_briefs(self.project, [self.name])
        brief = briefs[0] if briefs else None
        letters = load_companions(self.project, briefs)[0] if repository is not None else {}
        companions = frozenset(letters) - {self.name}
        return brief_html(brief, repository, letters, findings), companions
