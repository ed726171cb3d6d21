"""The pipeline: load -> model -> resolve -> check -> render -> write, the stages in their order.

This is the library the CLI and the tests call. Every function returns
diagnostics; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import check as checks
from .assemble import load_repository
from .briefs import check_briefs, load_briefs, load_companions
from .coverage import CoverageRow, coverage_rows
from .codes import finding
from .diagnostics import Diagnostic, Location, has_errors
from .loading import LoadOptions
from .model import Brief, Repository
from .project import Project, brief_names
from .rendering import INTERNAL, RenderInputs, render_brief
from .workers import fork_map

if TYPE_CHECKING:
    from .version import Stamp

# What the CLI and history.py take from here besides the stages themselves.
__all__ = [
    "INTERNAL", "BuildResult", "LoadOptions", "Progress", "Project", "build", "load_for_render", "check", "load_briefs", "load_companions",
    "load_repository", "status",
]


class Progress(Protocol):
    """What a build tells of its way: the briefs it will render, in order, then each one
    as it is done, with the files written for it (none when it had errors)."""

    def starting(self, names: list[str]) -> None: ...

    def finished(self, name: str, written: list[Path]) -> None: ...


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    up_to_date: tuple[str, ...] = ()  # briefs skipped: nothing they are built from changed

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check(
    project: Project,
    names: list[str] | None = None,
    as_of: dt.date | None = None,
    options: LoadOptions = LoadOptions(),
    loaded: tuple[Repository | None, list[Diagnostic]] | None = None,
) -> list[Diagnostic]:
    """Every stage except rendering: what ``brief check`` reports.

    The repository-wide findings (statuses, overdue commitments, unused documents)
    need every brief, so they are only made when no names are given. ``loaded``: what
    ``load_repository`` returned, when the caller keeps it (the live preview, between saves).
    """
    repository, problems = loaded if loaded is not None else load_repository(project, options=options)
    problems = list(problems)
    briefs, found = load_briefs(project, names)
    problems += found
    if repository is not None:
        letters, found = load_companions(project, briefs)
        found_in_briefs, named = check_briefs(briefs, repository, letters, brief_names(project))
        problems += found + found_in_briefs
        if not names:
            problems += checks.repository_problems(repository, briefs, named, as_of or dt.date.today())
    return sorted(problems)


def build(
    project: Project,
    names: list[str] | None = None,
    jobs: int = 1,
    force: bool = False,
    options: LoadOptions = LoadOptions(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build briefs into ``out/``. A brief with errors is not written.

    A brief whose inputs hash as they did at its last build is skipped (unless
    ``force``); ``jobs`` > 1 renders in that many processes. ``progress`` hears of
    the briefs to render and of each one as it is written, so that a long build can
    show where it is.
    """
    from .freshness import build_reads
    from .version import source_stamp
    from .write import open_out_dir, plan_outputs, write_rendered

    stamp = source_stamp(project.root, build_reads(project.root))
    plan = plan_outputs(project, names or brief_names(project), stamp.label, force)
    if not plan.stale:
        return BuildResult((), (), plan.up_to_date)

    loaded, problems = load_for_render(project, list(plan.stale), stamp, options)
    if loaded is None:
        return BuildResult((), tuple(sorted(problems)), plan.up_to_date)
    inputs, briefs = loaded
    unwritable = open_out_dir(project)
    if unwritable is not None:
        return BuildResult((), tuple(sorted([*problems, unwritable])), plan.up_to_date)
    # Forked workers inherit the inputs (a ministry's repository) instead of receiving them pickled.
    if progress is not None:
        progress.starting([brief.name for brief in briefs])
    rendered = fork_map(partial(render_brief, inputs=inputs), briefs, jobs)
    written, found = write_rendered(project, rendered, plan, progress.finished if progress is not None else None)
    return BuildResult(tuple(written), tuple(sorted(problems + found)), plan.up_to_date)


def load_for_render(
    project: Project, names: list[str], stamp: Stamp, options: LoadOptions = LoadOptions()
) -> tuple[tuple[RenderInputs, list[Brief]] | None, list[Diagnostic]]:
    """What rendering the named briefs takes: the repository, the briefs and the briefs they are
    built with, the reference document; None when the data cannot be assembled or the
    reference document is missing. A brief with errors is the render's to refuse."""
    repository, problems = load_repository(project, options=options)
    briefs, found = load_briefs(project, names)
    problems += found
    if repository is None:
        return None, problems
    if not project.reference_docx.is_file():
        shown = project.shown(project.reference_docx)
        problems.append(finding(Location(shown), f"missing {shown}: run 'make reference' to generate it", "missing-file"))
        return None, problems
    letters, found = load_companions(project, briefs)
    problems += found
    return (RenderInputs(repository, letters, brief_names(project), project.reference_docx, stamp), briefs), problems


def status(
    project: Project, as_of: dt.date | None = None, options: LoadOptions = LoadOptions()
) -> tuple[Repository | None, list[CoverageRow], list[Diagnostic]]:
    """Every commitment and motion with the letters that answer it (``brief status``)."""
    repository, problems = load_repository(project, options=options)
    briefs, found = load_briefs(project)
    problems += found
    if repository is None:
        return None, [], sorted(problems)
    return repository, coverage_rows(repository, briefs, as_of or dt.date.today()), sorted(problems)
