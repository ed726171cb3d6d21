"""``brief redline NAME REV1 [REV2]``: a brief's document as built at REV2 (default: the
working tree), with every change since REV1 as Word tracked changes.

The two revisions are built, not their Markdown compared: a commitment's changed wording in
data/ shows in every letter that prints it, and so do footnotes and the furniture python-docx
adds after pandoc (the Kenmerk and Datum in the sender column). ``revisions`` puts each
revision's tree on disk and says whose the changes are; the pipeline's load, check and render
stages build the brief there into bytes; ``engine`` compares the two documents; the result is
written atomically to ``out/NAME-redline-REV1-REV2.docx``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..codes import finding
from ..diagnostics import Diagnostic, Location, did_you_mean, has_errors, shortened
from ..project import BRIEF_NAME, Project, brief_names
from ..version import Stamp
from .revisions import Authorship, Revision, authorship, open_repository, resolve, scratch_for, stamp_of, tree_of


@dataclass(frozen=True)
class Redline:
    """What ``brief redline`` wrote."""

    path: Path
    before: str  # the revisions' labels: a short hash, or "werkmap" for the working tree
    after: str
    by: Authorship
    changed: dict[str, int]  # paragraphs holding a change, by place (body, footnotes, headers …)


def output_name(name: str, before: Revision, after: Revision) -> str:
    return f"{name}-redline-{before.label}-{after.label}.docx"


def redline(project: Project, name: str, rev1: str, rev2: str | None = None) -> tuple[Redline | None, list[Diagnostic]]:
    """Build ``name`` at ``rev1`` and at ``rev2`` (None: the working tree) and write the later
    build with the changes tracked. Returns what was written, or None and why not."""
    from ..write import write_output
    from .engine import changed_paragraphs, compare

    root = project.root
    if not BRIEF_NAME.match(name):
        message = f"invalid brief name '{shortened(name, 60)}': use letters, digits, '-' and '_' (at most 100)"
        return None, [finding(Location(str(root)), message, "brief-name")]
    repo, problems = open_repository(root)
    if repo is None:
        return None, problems
    before, found = resolve(repo, rev1, root)
    after, found_after = resolve(repo, rev2, root)
    problems = found + found_after
    if before is None or after is None:
        return None, problems
    with scratch_for(root) as scratch:
        built, problems = _build_both(project, repo, name, before, after, scratch)
        if built is None:
            return None, problems
    by = authorship(repo, before, after, root)
    marked, found = compare(*built, by, f"briefs/{name}.md")
    problems += found
    if marked is None:
        return None, problems
    target = project.out_dir / output_name(name, before, after)
    try:
        write_output(target, marked, project.out_dir)
    except OSError as exc:
        return None, [*problems, finding(Location(project.shown(target)), f"cannot write the redline: {exc.strerror}", "write")]
    return Redline(target, before.label, after.label, by, changed_paragraphs(marked)), problems


def _build_both(
    project: Project, repo, name: str, before: Revision, after: Revision, scratch: Path
) -> tuple[tuple[bytes, bytes] | None, list[Diagnostic]]:
    """The brief's document built at each revision, both with the later one's version stamp."""
    after_root, problems = tree_of(after, repo, project.root, scratch / "after")
    after_project = Project(after_root)
    names = brief_names(after_project)
    if name not in names:
        message = f"no such brief '{name}' in {_which(after)}{did_you_mean(name, names)}"
        return None, [*problems, finding(Location(after.shown(f"briefs/{name}.md")), message, "brief-name")]
    before_root, found = tree_of(before, repo, project.root, scratch / "before")
    problems += found
    if name not in brief_names(Project(before_root)):
        message = f"brief '{name}' is not in revision {before.label}: a redline needs the brief at both revisions"
        return None, [*problems, finding(Location(before.shown(f"briefs/{name}.md")), message, "redline")]
    stamp = stamp_of(after, project.root)
    documents = []
    for revision, root in ((before, before_root), (after, after_root)):
        document, found = build_document(Project(root), name, stamp)
        problems += [_located(revision, diagnostic) for diagnostic in found]
        if document is None:
            message = f"brief '{name}' does not build at {_which(revision)}; fix it there or compare other revisions"
            return None, [*problems, finding(Location(revision.shown(f"briefs/{name}.md")), message, "redline")]
        documents.append(document)
    return (documents[0], documents[1]), problems


def _which(revision: Revision) -> str:
    return "the working tree" if revision.is_working_tree else f"revision {revision.label}"


def _located(revision: Revision, diagnostic: Diagnostic) -> Diagnostic:
    """A finding of a build at a commit, located in that commit (``1a2b3c4:briefs/x.md``)."""
    if revision.is_working_tree:
        return diagnostic
    location = diagnostic.location
    return replace(diagnostic, location=Location(revision.shown(location.path), location.line, location.col))


def build_document(project: Project, name: str, stamp: Stamp) -> tuple[bytes | None, list[Diagnostic]]:
    """The brief's own document (not the further ones its type may make, such as an
    aanbiedingsbrief) built in memory, as ``brief build`` would write it; None when it has errors."""
    from ..pipeline import load_for_render
    from ..rendering import render_brief

    loaded, problems = load_for_render(project, [name], stamp)
    if loaded is None or not loaded[1]:
        return None, problems
    inputs, (brief,) = loaded
    rendered = render_brief(brief, inputs)
    problems += rendered.diagnostics
    document = rendered.outputs.get(f"{name}.docx")
    return (document if not has_errors(problems) else None), problems
