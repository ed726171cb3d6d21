"""Ctrl-C and SIGTERM: one line, exit 128 + the signal's number, no temporary file left (issue 14, defect 16)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

TIMEOUT = 120


def _leftovers(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.tmp"))


@pytest.fixture
def many_briefs(project):
    """Enough briefs that a build with two workers runs for seconds: time to stop it."""
    for source in sorted(project.briefs_dir.glob("*.md")):
        for copy in range(1, 4):
            shutil.copyfile(source, project.briefs_dir / f"{source.stem}-copy{copy}.md")
    return project


@pytest.mark.parametrize(
    ("signum", "whole_group", "expected"),
    [(signal.SIGINT, True, "brief: interrupted"), (signal.SIGTERM, False, "brief: terminated")],
    ids=["ctrl-c to the process group", "kill to the process"],
)
def test_a_stopped_build_says_one_line_and_leaves_no_temporary_file(many_briefs, signum, whole_group, expected):
    root = many_briefs.root
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--force", "--jobs", "2"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job has
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not list(root.glob("out/*.docx")):  # the workers are rendering: stop it mid-build
            assert process.poll() is None and time.monotonic() < deadline, "the build ended before it was stopped"
            time.sleep(0.02)
        if whole_group:  # Ctrl-C: the terminal signals the workers too
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (process.returncode, stderr) == (128 + signum, expected + "\n")
    # What was written before the stop was said as it was written, and is whole.
    announced = [line.removeprefix("wrote ") for line in stdout.splitlines()]
    assert all(line.startswith("out/") and line.endswith(".docx") for line in announced), stdout
    for shown in announced:
        with zipfile.ZipFile(root / shown) as document:
            assert document.testzip() is None
    assert _leftovers(root) == []


# A run that signals itself in the middle of writing a file of the repository (while fsync
# has its temporary file open), so that the signal always lands where a temporary file exists.
SIGNAL_WHILE_WRITING = textwrap.dedent("""
    import os, sys

    signum, root, *arguments = sys.argv[1:]
    real_fsync = os.fsync

    def fsync_then_signal(fd):
        real_fsync(fd)
        if os.readlink(f"/proc/self/fd/{fd}").startswith(root + os.sep):  # not the data cache's
            os.kill(os.getpid(), int(signum))

    os.fsync = fsync_then_signal
    from builder.cli import main

    sys.exit(main(arguments))
""")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(
    ("command", "written"),
    [(["build", "--force", "voortgang-aanpak-racisme"], "out"), (["set", "T03545", "reason=Nog niet beantwoord."], "data")],
    ids=["build", "set"],
)
def test_a_signal_while_a_file_is_written_removes_its_temporary_file(project, signum, command, written):
    before = {path: path.read_bytes() for path in project.data_dir.rglob("*.yaml")}
    result = subprocess.run(
        [sys.executable, "-c", SIGNAL_WHILE_WRITING, str(int(signum)), str(project.root), "--root", str(project.root), *command],
        cwd=project.root, capture_output=True, text=True, timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 128 + signum, result.stderr
    assert result.stderr == ("brief: interrupted\n" if signum == signal.SIGINT else "brief: terminated\n")
    assert _leftovers(project.root) == []
    assert {path: path.read_bytes() for path in project.data_dir.rglob("*.yaml")} == before
    if written == "out":
        assert not (project.out_dir / "voortgang-aanpak-racisme.docx").exists()
