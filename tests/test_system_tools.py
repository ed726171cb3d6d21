"""`make test` as a user without Debian's tools: what needs them skips with the reason; as root (CI) it fails instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


from .conftest import REPO

# One test that needs LibreOffice and poppler, run in a pytest of its own with them out of reach.
NEEDS_LIBREOFFICE = "tests/test_overview.py::test_libreoffice_renders_it_landscape_with_the_table_inside_the_page"


def _pytest_without_tools(required: bool) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "BRIEF_SYSTEM_TOOLS"}
    environment["PATH"] = os.path.dirname(sys.executable)  # the venv's scripts, no /usr/bin
    environment["PYTHONPATH"] = str(REPO)
    if required:
        environment["BRIEF_SYSTEM_TOOLS"] = "required"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", NEEDS_LIBREOFFICE],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=300,
    )


def test_without_the_tools_a_test_that_needs_them_is_skipped_with_the_reason():
    done = _pytest_without_tools(required=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
    assert "soffice is not installed (Debian package libreoffice-writer; `sudo make system-tools` installs it)" in done.stdout


def test_when_make_test_installed_them_a_missing_tool_fails_the_run():
    done = _pytest_without_tools(required=True)
    assert done.returncode == 1 and "1 failed" in done.stdout, done.stdout + done.stderr
    assert "soffice is not installed" in done.stdout


def test_the_makefile_does_not_call_apt_for_a_user_who_is_not_root(tmp_path):
    # A PATH with the tools out of reach and an `id` that answers as an ordinary user would.
    fake_id = tmp_path / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    fake_id.chmod(0o755)
    done = subprocess.run([shutil.which("make"), "-s", "system-tools"], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "only root can install them (sudo make system-tools); the tests that need them are skipped" in done.stdout
    assert "apt" not in done.stderr
