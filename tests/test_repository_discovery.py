"""Where `brief` finds its repository, and how a brief may be named: as git finds its own, and as a shell completes a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.project import Project, brief_name_of, find_root

from .conftest import run_cli


def test_the_repository_is_found_from_any_folder_below_it(project):
    root = project.root
    for folder in (root, root / "briefs", root / "data", root / "data" / "overleggen"):
        assert find_root(folder) == root


def test_a_new_repository_with_data_and_briefs_but_no_commitments_yet_is_one(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "briefs").mkdir()
    assert find_root(tmp_path / "briefs") == tmp_path


def test_a_folder_named_data_alone_is_not_a_repository(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "werk").mkdir()
    assert find_root(tmp_path / "werk") is None


def test_build_from_briefs_finds_the_repository_and_writes_into_its_out(project):
    done = run_cli("build", "voortgang-aanpak-racisme", cwd=project.root / "briefs")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["wrote out/voortgang-aanpak-racisme.docx"]
    assert (project.out_dir / "voortgang-aanpak-racisme.docx").is_file()
    assert not (project.root / "briefs" / "out").exists()


@pytest.mark.parametrize(
    "argument, folder",
    [("briefs/voortgang-aanpak-racisme.md", "."), ("voortgang-aanpak-racisme.md", "briefs"),
     ("../briefs/voortgang-aanpak-racisme.md", "data"), ("./briefs/voortgang-aanpak-racisme.md", ".")],
)
def test_a_brief_may_be_named_by_its_path_as_a_shell_completes_it(project, argument, folder):
    done = run_cli("check", argument, cwd=project.root / folder)
    assert done.returncode == 0, done.stderr
    assert "invalid brief name" not in done.stderr and "no such brief" not in done.stderr


def test_a_path_outside_briefs_is_refused_in_one_clear_line(project):
    (project.root / "notes.md").write_text("# x\n", encoding="utf-8")
    done = run_cli("build", "notes.md", cwd=project.root)
    assert done.returncode == 2
    assert "notes.md:1:1: error: invalid brief name 'notes.md': not a file in briefs/; name one as 'x' or 'briefs/x.md' [brief-name]" in done.stderr
    assert "briefs/briefs" not in done.stderr and ".md.md" not in done.stderr


def test_a_path_to_a_brief_becomes_its_name_and_a_name_stays_as_it_is(project):
    root = project.root
    assert brief_name_of(project, "briefs/x.md", root) == "x"
    assert brief_name_of(project, "x.md", root / "briefs") == "x"
    assert brief_name_of(project, str(root / "briefs" / "x.md"), Path("/")) == "x"
    assert brief_name_of(project, "x", root / "data") == "x"
    assert brief_name_of(project, "briefs/sub/x.md", root) == "briefs/sub/x.md"


@pytest.mark.parametrize("command", [["build"], ["check"], ["status"], ["log", "TZ-1"]])
def test_outside_a_repository_one_clear_error_and_exit_2(tmp_path, command):
    done = run_cli(*command, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"{tmp_path}:1:1: error: not in a Briefbouwer repository: no folder from here up holds data/ and briefs/;"
        " run brief there, or give --root [no-repository]"
    )
    assert "missing data file" not in done.stderr and "Traceback" not in done.stderr


def test_root_still_names_the_repository_from_anywhere(project, tmp_path):
    done = run_cli("--root", str(project.root), "check", "voortgang-aanpak-racisme", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_the_library_takes_the_root_it_is_given(project):
    assert Project(project.root).briefs_dir == project.root / "briefs"
