"""Reading briefs: their front matter modelled as their document type's, the briefs they are built with, and each brief checked on its own."""

from __future__ import annotations

from . import check as checks
from .codes import finding
from .diagnostics import Diagnostic, Location, did_you_mean, shortened
from .load import load_brief
from .doctypes import doctype_of, front_matter_types
from .model import INVALID, Brief, Converter, Repository
from .project import BRIEF_NAME, Project, brief_names, link_problem
from .resolve import resolve_brief


def load_briefs(project: Project, names: list[str] | None = None) -> tuple[list[Brief], list[Diagnostic]]:
    """Read the named briefs (all when ``names`` is empty); unknown names are errors."""
    available = brief_names(project)
    problems: list[Diagnostic] = []
    briefs: list[Brief] = []
    for name in names or available:
        brief, found = _read_brief(project, name, available)
        problems += found
        if brief is not None:
            briefs.append(brief)
    return briefs, problems


def _read_brief(project: Project, name: str, available: list[str]) -> tuple[Brief | None, list[Diagnostic]]:
    path = project.briefs_dir / f"{name}.md"
    shown = project.shown(path)
    if not BRIEF_NAME.match(name) and (name.endswith(".md") or "/" in name):
        message = f"invalid brief name '{shortened(name, 60)}': not a file in briefs/; name one as 'x' or 'briefs/x.md'"
        return None, [finding(Location(shortened(name, 60)), message, "brief-name")]
    if not BRIEF_NAME.match(name):
        return None, [finding(Location(shown), f"invalid brief name '{shortened(name, 60)}': use letters, digits, '-' and '_' (at most 100)", "brief-name")]
    if name not in available:
        return None, [finding(Location(shown), f"no such brief '{name}'{did_you_mean(name, available)}", "brief-name")]
    link = link_problem(project, path)
    if link is not None:
        return None, [link]
    source, problems = load_brief(path, shown)
    if source is None or problems:
        return None, problems
    if source.front_matter.root is None:
        return None, [finding(Location(shown, 2), "front matter is empty", "front-matter")]
    converter = Converter(source.front_matter)
    kind = converter.record_type(source.front_matter.root, front_matter_types())
    meta = INVALID if kind is INVALID else converter.record(kind, source.front_matter.root)
    if meta is INVALID:
        return None, converter.problems
    return Brief(name, shown, meta, source.body, source.body_line, str(project.root)), converter.problems


def load_companions(project: Project, briefs: list[Brief]) -> tuple[dict[str, Brief], list[Diagnostic]]:
    """The briefs the given ones are built with (a nota's Kamerbrief), by name, read when not given."""
    letters = {brief.name: brief for brief in briefs}
    available = brief_names(project)
    problems: list[Diagnostic] = []
    for brief in briefs:
        for field, name in doctype_of(brief).companions(brief.meta):
            if name in letters or name not in available:
                continue  # an unknown name is reported when the brief is resolved
            letter, _ = _read_brief(project, name, available)
            if letter is None:
                message = f"{field} '{name}' cannot be read; check it first"
                problems.append(finding(brief.meta.location_of(field), message, "unknown-brief"))
                continue
            letters[name] = letter
    return letters, problems


def check_briefs(
    briefs: list[Brief], repository: Repository, letters: dict[str, Brief], names: list[str]
) -> tuple[list[Diagnostic], dict[str, set[str]]]:
    """The problems of each brief, and the ids each one names (for the repository-wide pass)."""
    problems: list[Diagnostic] = []
    named: dict[str, set[str]] = {}
    for brief in briefs:
        problems += resolve_brief(brief, repository, letters, names)
        found, named[brief.name] = checks.brief_problems(brief, repository, letters)
        problems += found
    return problems, named
