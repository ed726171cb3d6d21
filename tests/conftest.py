"""Shared fixtures: a copy of the example repository, the CLI, and DOCX readers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.pipeline import Project, build

REPO = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def require_tool(command: str, package: str) -> str:
    """The path of a system tool from Debian's packages. Absent, its tests are skipped with
    the reason (a writer's laptop, a user without root), unless `make test` ran as root and
    installed the tools (``BRIEF_SYSTEM_TOOLS=required``): then a missing tool is a failure,
    so that CI never passes by skipping what it should have run."""
    found = shutil.which(command) or (command if Path(command).is_absolute() and Path(command).exists() else None)
    if found:
        return found
    reason = f"{command} is not installed (Debian package {package}; `sudo make system-tools` installs it)"
    if os.environ.get("BRIEF_SYSTEM_TOOLS") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


# Debian's chromium, which Playwright (from the test extra) drives; never Playwright's own download.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the pages' tests (the dashboard, the live preview)."""
    require_tool(str(CHROMIUM), "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch) -> None:
    """The repository cache of each test in a directory of its own, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A scratch copy of the example repository (data, briefs, templates)."""
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return Project(tmp_path)


EXAMPLES = sorted(path.stem for path in (REPO / "briefs").glob("*.md"))
# What building the examples writes: a document per brief, and the answer's aanbiedingsbrief beside it.
EXAMPLE_OUTPUTS = sorted([*EXAMPLES, "antwoord-vragen-chakor-brandbrief-aanbiedingsbrief"])


@pytest.fixture
def built(project, monkeypatch) -> dict[str, Path]:
    """Every example brief built into the scratch copy, reproducibly."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")  # 2022-06-27
    result = build(project)
    assert [d.code for d in result.diagnostics] == ["late-reply"]  # a true finding in seed 001
    return {path.stem: path for path in result.written}


def write_brief(project: Project, name: str, front_matter: str, body: str) -> Path:
    path = project.briefs_dir / f"{name}.md"
    path.write_text(f"---\n{front_matter.strip()}\n---\n{body}", encoding="utf-8")
    return path


MINIMAL_FRONT_MATTER = """
type: kamerbrief
date: 2025-04-14
kenmerk: 2025-0000000001
betreft: Testbrief
addressee: TK
signatories: [minister-bzk-uitermark]
status: verzonden
"""


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def texts_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def footnotes(path: Path) -> list[str]:
    """The text of every real footnote (not the separators), in order."""
    root = part(path, "word/footnotes.xml")
    return [
        texts_of(note).strip()
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]


def parts_named(path: Path, prefix: str) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.startswith(prefix))


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and clock, so histories are reproducible."""
    env = {
        "GIT_AUTHOR_NAME": "Beleidsmedewerker", "GIT_AUTHOR_EMAIL": "bm@example.org",
        "GIT_COMMITTER_NAME": "Beleidsmedewerker", "GIT_COMMITTER_EMAIL": "bm@example.org",
        "GIT_AUTHOR_DATE": "2025-05-01T12:00:00+02:00", "GIT_COMMITTER_DATE": "2025-05-01T12:00:00+02:00",
        "HOME": str(root), "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(project: Project) -> Project:
    """The scratch copy as a git repository with one commit on main."""
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "examples")
    return project


def changed_lines(root: Path) -> list[str]:
    """The working tree's change against HEAD as '-old' / '+new' lines, without context."""
    diff = git(root, "diff", "-U0", "--no-color")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
