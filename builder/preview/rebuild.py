"""The previewed brief's DOCX rebuilt in the background after each save, never holding up the page.

One build runs at a time, in a thread of its own, through the library's
``pipeline.build`` for the one brief (which skips it when nothing it is built
from changed). Saves that come while a build runs are answered by one more
build after it. What a build wrote, or why it could not, goes to ``done``; a bug
of ours is said there in one line, its traceback saved, never printed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from ..codes import finding
from ..diagnostics import Diagnostic, Location, save_traceback
from ..pipeline import Project, build


@dataclass(frozen=True)
class Built:
    """One background build's outcome."""

    wrote: tuple[str, ...]  # the files written, as the repository shows them (out/NAME.docx)
    findings: tuple[Diagnostic, ...]
    up_to_date: bool


class BackgroundBuild:
    def __init__(self, project: Project, name: str, done: Callable[[Built], None]):
        self.project, self.name, self.done = project, name, done
        self._lock = threading.Lock()
        self._wanted = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Build once more, now or as soon as the build under way is done."""
        with self._lock:
            self._wanted = True
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="preview-build", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Let the build under way finish (its files are written whole or not at all), and no more."""
        with self._lock:
            self._wanted = False
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    return
                self._wanted = False
            self.done(self._build_once())

    def _build_once(self) -> Built:
        try:
            result = build(self.project, [self.name])
        except Exception as exc:  # noqa: BLE001 -- a bug of ours: one line on the page, the traceback kept
            log = save_traceback(f"building {self.name} for the preview")
            kept = f"the traceback is in {log}" if log else "the traceback could not be saved"
            message = f"internal error: {type(exc).__name__}: {exc}; {kept}"
            return Built((), (finding(Location(self.name), message, "internal"),), False)
        wrote = tuple(self.project.shown(path) for path in result.written)
        return Built(wrote, result.diagnostics, bool(result.up_to_date) and not wrote)
