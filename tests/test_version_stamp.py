"""The version stamp a concept carries: dirty only when a file the build reads differs from the commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from builder.freshness import build_reads
from builder.project import Project
from builder.version import source_stamp


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def committed(project: Project) -> Project:
    root = project.root
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    _git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return project


def _stamp(project: Project):
    return source_stamp(project.root, build_reads(project.root))


def test_a_clean_checkout_is_not_dirty(committed):
    stamp = _stamp(committed)
    assert stamp.commit is not None and not stamp.dirty
    assert stamp.dutch == f"versie {stamp.commit}"


@pytest.mark.parametrize("written", ["coverage.csv", "out/x.docx", "notes/todo.md", "briefs/drafts/old.txt", "data/README.md"])
def test_files_a_build_does_not_read_leave_it_clean(committed, written):
    target = committed.root / written
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("iets\n", encoding="utf-8")
    assert not _stamp(committed).dirty


@pytest.mark.parametrize("written", ["data/extra.yaml", "data/overleggen/nieuw.yaml", "briefs/nieuw.md", "templates/extra.j2"])
def test_an_untracked_input_makes_it_dirty(committed, written):
    target = committed.root / written
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("id: x\n", encoding="utf-8")
    stamp = _stamp(committed)
    assert stamp.dirty and stamp.label.endswith("+dirty")
    assert "met niet-vastgelegde wijzigingen" in stamp.dutch


def test_a_changed_or_deleted_input_makes_it_dirty(committed):
    commitments = committed.root / "data" / "commitments.yaml"
    commitments.write_text(commitments.read_text(encoding="utf-8") + "\n# een opmerking\n", encoding="utf-8")
    assert _stamp(committed).dirty
    _git(committed.root, "checkout", "--", "data/commitments.yaml")
    assert not _stamp(committed).dirty
    next(iter(sorted((committed.root / "briefs").glob("*.md")))).unlink()
    assert _stamp(committed).dirty


def test_a_figure_a_brief_names_is_an_input(committed):
    brief = committed.root / "briefs" / "voortgang-aanpak-racisme.md"
    brief.write_text(brief.read_text(encoding="utf-8") + "\n![Een figuur](../figuren/figuur.png)\n", encoding="utf-8")
    _git(committed.root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "figuur")
    assert not _stamp(committed).dirty
    figure = committed.root / "figuren" / "figuur.png"
    figure.parent.mkdir()
    figure.write_bytes(b"\x89PNG")
    assert _stamp(committed).dirty


def test_the_stamp_in_a_built_concept_ignores_an_untracked_csv(committed):
    from builder.pipeline import build
    from docx import Document

    (committed.root / "coverage.csv").write_text("a,b\n", encoding="utf-8")
    result = build(committed, ["voortgang-aanpak-racisme"])
    assert result.written
    properties = Document(str(result.written[0])).core_properties
    commit = _stamp(committed).commit
    assert properties.comments.endswith(f"versie {commit}.")
    assert properties.version == commit


def test_outside_git_the_stamp_says_so(project):
    assert _stamp(project).commit is None
