"""The hostile-input corpus in tests/bad/: every case through the real CLI, in a scratch repository.

One directory per case, ``tests/bad/NN-name/``:

``case.yaml``
    ``description``  what the case feeds the tool and why;
    ``command``      the argv after ``brief`` (``{root}`` is replaced by the scratch root);
    ``expect``       a regular expression (``re.search``) that one line of stderr must match, a
                     *located* diagnostic: ``path:line:col: error: message [code]``;
    ``exit``         optional: the expected exit status, 2 (bad input) unless the command is
                     ``check`` or ``fmt --check``, whose findings exit 1;
    ``max_seconds``  optional: the run must take at most this long (default 30; the timeout is 120);
    ``remove``       optional: paths deleted from the scratch copy before the overlay;
    ``mkdir``        optional: directories created after ``remove`` (a file that is a directory);
    ``generate``     optional: files the test writes, for content a diff would not show: a list of
                     ``{path, parts, encoding}`` where each part is text or ``{repeat: text, times: N}``
                     (encoding default UTF-8), or ``{path, zip: {member: text}}`` for a zip archive;
``overlay/``
    files that replace or are added to the copy of the example repository (data/, briefs/, templates/).

Every case must: exit with the expected non-zero status; print the expected located error, and
on stderr only well-formed diagnostics and the summary, with no raw control characters; print no
traceback; finish in time; create, change or remove no file outside ``out/``; and leave in
``out/`` no temporary file and no DOCX of a brief with errors (none at all when data/ has errors).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "bad"
CASES = sorted(path for path in CORPUS.iterdir() if (path / "case.yaml").is_file())
TIMEOUT = 120
DEFAULT_MAX_SECONDS = 30
KEYS = {"description", "command", "expect", "exit", "max_seconds", "remove", "mkdir", "generate"}

DIAGNOSTIC = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): .+ \[[a-z0-9-]+\]$")
SUMMARY = re.compile(r"^\d+ error\(s\), \d+ warning\(s\)$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # raw in a message, they would drive the reader's terminal


def load_case(directory: Path) -> dict:
    case = YAML(typ="safe", pure=True).load((directory / "case.yaml").read_text(encoding="utf-8"))
    assert isinstance(case, dict) and not set(case) - KEYS, f"{directory.name}: unknown keys {set(case) - KEYS}"
    assert isinstance(case.get("description"), str) and case["description"].strip()
    assert isinstance(case.get("command"), list) and all(isinstance(a, str) for a in case["command"])
    assert isinstance(case.get("expect"), str) and case["expect"]
    return case


def make_scratch(root: Path, directory: Path, case: dict) -> None:
    """The example repository, then the case's removals, directories, overlay and generated files."""
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, root / name)
    for relative in case.get("remove", []):
        target = root / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for relative in case.get("mkdir", []):
        (root / relative).mkdir(parents=True)
    overlay = directory / "overlay"
    if overlay.is_dir():
        for source in sorted(overlay.rglob("*")):
            target = root / source.relative_to(overlay)
            if source.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    for spec in case.get("generate", []):
        target = root / spec["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if "zip" in spec:
            with zipfile.ZipFile(target, "w") as archive:
                for name, member in spec["zip"].items():
                    archive.writestr(name, member)
            continue
        text = "".join(
            part if isinstance(part, str) else part["repeat"] * part["times"] for part in spec["parts"]
        )
        target.write_bytes(text.encode(spec.get("encoding", "utf-8")))


def snapshot(root: Path) -> dict[str, tuple[str, bytes | None, int]]:
    """Every file and directory under ``root`` outside ``out/``: kind, bytes and mtime."""
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if relative.parts[0] == "out":
            continue
        stat = path.lstat()
        if path.is_dir() and not path.is_symlink():
            found[relative.as_posix()] = ("dir", None, 0)
        else:
            found[relative.as_posix()] = ("file", path.read_bytes(), stat.st_mtime_ns)
    return found


def changes(before: dict, after: dict) -> list[str]:
    created = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    return [f"created {n}" for n in created] + [f"removed {n}" for n in removed] + [f"changed {n}" for n in changed]


def expected_exit(case: dict) -> int:
    command = case["command"]
    default = 1 if command[:1] == ["check"] or command[:2] == ["fmt", "--check"] else 2
    return case.get("exit", default)


@pytest.mark.parametrize("directory", CASES, ids=[path.name for path in CASES])
def test_bad_input(directory: Path, tmp_path: Path) -> None:
    case = load_case(directory)
    make_scratch(tmp_path, directory, case)
    before = snapshot(tmp_path)
    argv = [arg.replace("{root}", str(tmp_path)) for arg in case["command"]]
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "builder.cli", *argv],
            check=False, cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=TIMEOUT,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1656280800"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"brief {' '.join(argv)!r} did not finish within {TIMEOUT} s")
    elapsed = time.monotonic() - started
    shown = f"$ brief {argv!r}\nexit {result.returncode} after {elapsed:.1f} s\n--- stderr\n{result.stderr[-4000:]}\n--- stdout\n{result.stdout[-2000:]}"

    problems = []
    if "Traceback" in result.stderr or "Traceback" in result.stdout:
        problems.append("a traceback was printed")
    if result.returncode != expected_exit(case):
        problems.append(f"exit status {result.returncode}, expected {expected_exit(case)}")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if not any(re.search(case["expect"], line) and DIAGNOSTIC.match(line) for line in lines):
        problems.append(f"no located error line matches {case['expect']!r}")
    stray = [line for line in lines if not (DIAGNOSTIC.match(line) or SUMMARY.match(line))]
    if stray:
        problems.append(f"stderr lines that are not located diagnostics: {stray[:3]!r}")
    if CONTROL.search(result.stderr):
        problems.append(f"raw control characters on stderr: {sorted(set(CONTROL.findall(result.stderr)))!r}")
    max_seconds = case.get("max_seconds", DEFAULT_MAX_SECONDS)
    if elapsed > max_seconds:
        problems.append(f"took {elapsed:.1f} s, more than {max_seconds} s")
    problems += changes(before, snapshot(tmp_path))

    out = tmp_path / "out"
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] if out.is_dir() else []
    if leftovers:
        problems.append(f"temporary files left in out/: {leftovers}")
    errors = [m for m in map(DIAGNOSTIC.match, lines) if m and m["severity"] == "error"]
    docx = {p.stem for p in out.glob("*.docx")} if out.is_dir() else set()
    if any(m["path"].startswith("data/") for m in errors) and docx:
        problems.append(f"the data has errors, yet out/ has {sorted(docx)}")
    bad_briefs = {Path(m["path"]).stem for m in errors if re.fullmatch(r"briefs/[^/]+\.md", m["path"])}
    if docx & bad_briefs:
        problems.append(f"a DOCX was written for a brief with errors: {sorted(docx & bad_briefs)}")

    assert not problems, "\n".join(problems) + "\n" + shown
