"""The live preview at work: saves watched (``watchfiles``), the page made again and pushed, the DOCX rebuilt.

``LivePreview`` ties the parts together: a ``Session`` makes the content, the
``EventHub`` pushes it to every open page, a ``BackgroundBuild`` rebuilds the
DOCX after the page is out. The folders are watched rather than the brief's
file, so that an editor that saves by writing a new file and renaming it over
the old one is seen as well.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..commands.report import say
from ..pipeline import Project
from .html import SCRIPT, build_status, page, stylesheet
from .rebuild import BackgroundBuild, Built
from .server import EventHub, PreviewServer
from .session import Session, Update

# watchfiles hands over a save once the folder has been quiet for STEP_MS (an editor's save is
# several events: write, rename, chmod), at the latest DEBOUNCE_MS after the first. It also hands
# over an empty batch after QUIET_MS without any: the first one says the folders are watched.
STEP_MS, DEBOUNCE_MS, QUIET_MS = 30, 300, 250


@dataclass(frozen=True)
class Save:
    """What one batch of file events changed, as the preview cares for it."""

    briefs: frozenset[str]  # names of the briefs saved
    data: bool  # something under data/
    templates: bool  # something under templates/ (the DOCX's reference document)


def classify(project: Project, paths: set[str]) -> Save:
    def under(path: Path, folder: Path) -> bool:
        return path.is_relative_to(folder.resolve())

    resolved = [Path(path).resolve() for path in paths]
    briefs = frozenset(p.stem for p in resolved if p.suffix == ".md" and p.parent == project.briefs_dir.resolve())
    data = any(under(p, project.data_dir) for p in resolved)
    templates = any(under(p, project.root / "templates") for p in resolved)
    return Save(briefs, data, templates)


class LivePreview:
    """One brief served on 127.0.0.1 and kept up to date until ``stop``."""

    def __init__(self, project: Project, name: str, port: int = 0, built: Callable[[Built], None] = lambda built: None):
        self.project, self.name = project, name
        self.session = Session(project, name)
        self.hub = EventHub()
        self._companions: frozenset[str] = frozenset()  # the briefs it is built with, from the last update
        self.title = project.shown(project.briefs_dir / f"{name}.md")
        self._publish(self.session.update(data_changed=True))
        self.hub.publish("build", {"html": '<span class="build">DOCX wordt gebouwd …</span>'})
        self.server = PreviewServer(self.hub, self._page, stylesheet(), SCRIPT, port)  # OSError: the port is taken
        self._built = built
        self.rebuild = BackgroundBuild(project, name, self._on_built)
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="preview-watch", daemon=True)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        """Serve, watch and build; returns once the folders are watched, so that no save is missed."""
        self._watcher.start()
        self._watching.wait(timeout=30)
        self.server.start()
        self.rebuild.request()

    def wait(self) -> None:
        """Serve until stopped: Ctrl-C or SIGTERM, which the command raises here as KeyboardInterrupt."""
        while not self._stop.wait(3600):
            pass

    def stop(self) -> None:
        """Stop watching and serving; a DOCX being written is finished first."""
        self._stop.set()
        self._watcher.join()
        self.server.stop()
        self.rebuild.wait()

    def _page(self) -> str:
        update = self.hub.latest("page") or {"html": "", "status": ""}
        build = (self.hub.latest("build") or {"html": ""})["html"]
        return page(update["html"], self.title, update["status"], build)

    def _publish(self, update: Update) -> None:
        self._companions = update.companions
        self.hub.publish("page", {"html": update.html, "status": update.status, "version": update.version})

    def _on_built(self, built: Built) -> None:
        self.hub.publish("build", {"html": build_status(built.wrote, built.findings, built.up_to_date, time.strftime("%H:%M:%S"))})
        self._built(built)

    def _watch(self) -> None:
        import watchfiles

        folders = [folder for folder in (self.project.briefs_dir, self.project.data_dir, self.project.root / "templates") if folder.is_dir()]
        changes = watchfiles.watch(
            *folders, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=self._stop, raise_interrupt=False,
            rust_timeout=QUIET_MS, yield_on_timeout=True,
        )
        try:
            for batch in changes:
                self._watching.set()
                if batch:
                    self.saved(classify(self.project, {path for _, path in batch}))
        except OSError as exc:  # no inotify watch left, a folder gone: the page stays as it is
            say(f"cannot watch briefs/ and data/ any longer ({exc}); the page no longer follows saves")
        finally:
            self._watching.set()  # stopped before it ever watched: start() need not wait

    def saved(self, save: Save) -> None:
        """The page made again when the brief, a brief it is built with, or data/ was saved; then
        the DOCX rebuilt (also after a save of templates/, which only the DOCX reads)."""
        if save.data or save.briefs & ({self.name} | self._companions):
            self._publish(self.session.update(data_changed=save.data))
        elif not save.templates:
            return
        self.rebuild.request()
