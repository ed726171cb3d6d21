"""What a build shows while it runs: each "wrote" line as its brief is done, and on a
terminal a progress bar (done/total, the brief at work, time left) under them.

On a pipe, in a file or in CI only the lines are printed, each as soon as it is written.
The bar is tqdm's, on stderr, cleared around each line; tqdm is imported only when
there is a terminal to draw on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The bar is worth its flicker only for a build that takes a while.
SHOWN_FROM = 5
# Set by CI services (GitHub Actions, GitLab CI, …): their logs are not terminals even when they say so.
CI_VARIABLE = "CI"


class BuildLines:
    """Prints each written file as ``wrote out/NAME.docx`` when its brief is done."""

    def __init__(self, shown) -> None:
        self.shown = shown  # Project.shown: paths as messages name them

    def starting(self, names: list[str]) -> None:
        pass

    def close(self) -> None:
        pass

    def finished(self, name: str, written: list[Path]) -> None:
        for path in written:
            print(f"wrote {self.shown(path)}", flush=True)


class BuildBar(BuildLines):
    """The lines, and a bar on the terminal: '12/300 voortgang-aanpak-racisme [00:07<02:51]'."""

    def __init__(self, shown) -> None:
        super().__init__(shown)
        self.bar = None
        self.waiting: list[str] = []

    def starting(self, names: list[str]) -> None:
        if len(names) < SHOWN_FROM:
            return
        from tqdm import tqdm

        self.waiting = list(names)
        self.bar = tqdm(
            total=len(names), file=sys.stderr, unit="brief", leave=False, dynamic_ncols=True,
            bar_format="{n_fmt}/{total_fmt} {desc} {bar} [{elapsed}<{remaining}]",
        )
        self._describe()

    def finished(self, name: str, written: list[Path]) -> None:
        if self.bar is None:
            return super().finished(name, written)
        from tqdm import tqdm

        for path in written:
            tqdm.write(f"wrote {self.shown(path)}", file=sys.stdout)
        if name in self.waiting:
            self.waiting.remove(name)
        self.bar.update(1)
        self._describe()
        if not self.waiting:
            self.bar.close()

    def _describe(self) -> None:
        # The briefs are done in their order: the first not done is the one at work.
        self.bar.set_description_str(self.waiting[0] if self.waiting else "", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def build_progress(shown) -> BuildLines:
    """The bar where a person watches a terminal, else the lines alone."""
    on_terminal = sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get(CI_VARIABLE)
    return BuildBar(shown) if on_terminal and os.environ.get("TERM") != "dumb" else BuildLines(shown)
