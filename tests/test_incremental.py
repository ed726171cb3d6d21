"""Rebuilds skip what has not changed; a parallel build gives the same documents."""

from __future__ import annotations

import pytest

from builder.pipeline import build

from .conftest import EXAMPLE_OUTPUTS, EXAMPLES


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")


def mtimes(project) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in project.out_dir.glob("*.docx")}


def test_a_rebuild_with_nothing_changed_writes_nothing(project):
    first = build(project)
    assert len(first.written) == len(EXAMPLE_OUTPUTS)
    before = mtimes(project)
    again = build(project)
    assert again.written == () and again.diagnostics == ()
    assert again.up_to_date == tuple(EXAMPLES)
    assert mtimes(project) == before


def test_a_changed_brief_rebuilds_only_itself_and_changed_data_rebuilds_all(project):
    build(project)
    letter = project.briefs_dir / "voortgang-aanpak-racisme.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("De eerste brief", "Die eerste brief"), encoding="utf-8")
    only = build(project)
    assert [path.stem for path in only.written] == ["voortgang-aanpak-racisme"]
    motions = project.data_dir / "motions.yaml"
    motions.write_text(motions.read_text(encoding="utf-8") + "# a comment changes the inputs\n", encoding="utf-8")
    assert len(build(project).written) == len(EXAMPLE_OUTPUTS)


def test_a_changed_front_matter_rebuilds_every_brief_that_may_refer_to_it(project):
    build(project)
    letter = project.briefs_dir / "voortgang-aanpak-racisme.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("kenmerk: 2025-0000123456", "kenmerk: 2025-0000123457"),
                      encoding="utf-8")
    assert len(build(project).written) == len(EXAMPLE_OUTPUTS)


def test_force_and_a_missing_document_rebuild(project):
    build(project)
    (project.out_dir / "so-per-racisme-ek.docx").unlink()
    assert [path.stem for path in build(project).written] == ["so-per-racisme-ek"]
    assert len(build(project, force=True).written) == len(EXAMPLE_OUTPUTS)


def test_a_brief_with_errors_is_never_marked_up_to_date(project):
    letter = project.briefs_dir / "voortgang-aanpak-racisme.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("[@kst-30950-433]", "[@kst-30950-43]", 1), encoding="utf-8")
    for _ in range(2):
        result = build(project, ["voortgang-aanpak-racisme"])
        assert not result.ok and result.written == ()


def test_builds_are_byte_reproducible_serial_or_parallel(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")
    serial = {path.name: path.read_bytes() for path in build(project).written}
    parallel = {path.name: path.read_bytes() for path in build(project, jobs=2, force=True).written}
    assert sorted(parallel) == sorted(serial) == sorted(f"{name}.docx" for name in EXAMPLE_OUTPUTS)
    assert parallel == serial


def test_a_brief_path_that_is_a_directory_is_reported_not_a_crash(project):
    (project.briefs_dir / "folder.md").mkdir()
    result = build(project)
    assert not result.ok
    assert any(d.location.path == "briefs/folder.md" and "cannot read file" in d.message for d in result.diagnostics)


def test_a_changed_figure_rebuilds_the_brief_that_shows_it(project):
    from .conftest import REPO, MINIMAL_FRONT_MATTER, write_brief

    figure = project.briefs_dir / "figuren" / "organisatie.png"
    figure.parent.mkdir()
    figure.write_bytes((REPO / "tests" / "fixtures" / "figuur.png").read_bytes())
    write_brief(project, "met-figuur", MINIMAL_FRONT_MATTER, "Zie @fig-org.\n\n![De organisatie](figuren/organisatie.png){#fig-org}\n")
    assert "met-figuur" in [path.stem for path in build(project).written]
    assert build(project, ["met-figuur"]).up_to_date == ("met-figuur",)
    figure.write_bytes(figure.read_bytes() + b"\0")  # another image, the brief's text unchanged
    assert [path.stem for path in build(project, ["met-figuur"]).written] == ["met-figuur"]
