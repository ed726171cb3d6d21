"""Rendering is apart from writing: a brief becomes bytes in memory, and nothing on disk changes."""

from __future__ import annotations

import io
import os
from pathlib import Path

from docx import Document as open_docx

from builder.pipeline import load_briefs, load_companions, load_repository
from builder.project import brief_names
from builder.rendering import RenderInputs, render_brief
from builder.version import Stamp

from .conftest import REPO
from .test_examples import dump


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(root).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_brief_renders_to_bytes_without_writing(project, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")
    repository, problems = load_repository(project)
    briefs, found = load_briefs(project, ["so-per-racisme-ek", "voortgang-aanpak-racisme"])
    letters, more = load_companions(project, briefs)
    assert repository is not None and not problems + found + more
    before = _tree(project.root)
    inputs = RenderInputs(repository, letters, brief_names(project), project.reference_docx, Stamp("0123456789abcdef"))
    rendered = [render_brief(brief, inputs) for brief in briefs]
    assert _tree(project.root) == before and not project.out_dir.exists()
    reply, letter = rendered
    assert [d.code for d in reply.diagnostics] == ["late-reply"] and letter.diagnostics == ()
    assert list(reply.outputs) == ["so-per-racisme-ek.docx"]
    document = open_docx(io.BytesIO(letter.outputs["voortgang-aanpak-racisme.docx"]))
    assert document.paragraphs[0].text.startswith("> Retouradres")
    # The bytes are the document a build writes: the whole text is the golden dump's.
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "letter.docx"
    elsewhere.write_bytes(letter.outputs["voortgang-aanpak-racisme.docx"])
    assert dump(elsewhere) == (REPO / "tests" / "golden" / "voortgang-aanpak-racisme.txt").read_text(encoding="utf-8")


def test_a_brief_with_errors_renders_nothing(project):
    (project.briefs_dir / "voortgang-aanpak-racisme.md").write_text(
        (project.briefs_dir / "voortgang-aanpak-racisme.md").read_text(encoding="utf-8") + "\n[@bestaat-niet]\n",
        encoding="utf-8",
    )
    repository, _ = load_repository(project)
    [brief], _ = load_briefs(project, ["voortgang-aanpak-racisme"])
    inputs = RenderInputs(repository, {}, brief_names(project), project.reference_docx, Stamp(None))
    rendered = render_brief(brief, inputs)
    assert rendered.outputs == {} and [d.code for d in rendered.diagnostics] == ["unknown-id"]
    assert os.listdir(project.root).count("out") == 0
