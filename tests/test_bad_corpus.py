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
    ``replay``       optional: the names of the replays to run (see REPLAYS), instead of the ones
                     READERS derives; ``[]`` for none. Only with ``replay_reason``, which says why;
    ``breaks_data``  optional: whether the case makes data/ invalid, so that every edit must refuse
                     it. Derived (the case touches data/ and ``expect`` names a file in data/);
                     set it only where that guess is wrong.
``overlay/``
    files that replace or are added to the copy of the example repository (data/, briefs/, templates/).

**The primary run** (``test_bad_input``) runs ``command`` as ``python -m builder.cli`` in a fresh
subprocess. It must: exit with the expected non-zero status; print the expected located error,
and on stderr only well-formed diagnostics and the summary, with no raw control characters on
either stream; print no traceback; finish in time; create, change or remove no file outside
``out/``; and leave no temporary file (``.*.tmp``) and in ``out/`` no DOCX of a brief with errors
(none at all when data/ has errors).

**The replays** (``test_replay``, one test per case and command, named ``NN-case/replay``) run
the same input through every other command that reads it. What a case touches (its overlay,
``generate``, ``remove`` and ``mkdir`` paths) says which inputs it feeds: data/, briefs/,
templates/, a JSON file (an argument of ``import``) or a DOCX file (an argument of ``textconv``);
READERS maps each input to the replays (REPLAYS) that read it, and a replay whose argv is the
primary ``command`` is left out. Cases that feed only argv (61–69, 79) have no replays, and the
JSON and DOCX cases (70–73) only a variant or none. Placeholders in REPLAYS: ``{id}`` the first
commitment id in the case's data/commitments.yaml, read as text (so that ``set``, ``link`` and
``log`` reach a record instead of failing on an unknown id; else T03545); ``{brief}`` the case's
brief, else voortgang-aanpak-racisme; ``{own_brief}`` the case's brief, else nothing (so
``build`` builds all); ``{json}`` the case's JSON file, else the TK Open Data fixture
toezeggingen.json; ``{docx}`` the case's DOCX file.

The scratch of the replays is a git repository (``diff`` and ``log`` read history): the example
repository committed on ``main``, then the case applied and committed on the branch ``case``, so
that the bad input is in history, ``diff HEAD~1..HEAD`` compares the two commits and ``diff``
(the merge base with main .. the working tree) reads the bad input from the working tree. Git
runs with a fixed identity and clock, ``GIT_CONFIG_NOSYSTEM=1``, no global configuration and
``HOME`` in the scratch. Each command runs in its own copy of that repository (with ``.git/``
only where it is read), so that an edit cannot feed the next command.

Every replay must: exit 0, 1 or 2 (never 70, a signal or the timeout); print no traceback; put
on stderr only located diagnostics and the summary line (builder/cli.py prints nothing else
there but its exit-70 lines) and no raw control characters on either stream; back a non-zero
exit with at least one located error (``check --format json``: on stdout, as a JSON list of
findings); leave no ``.*.tmp`` file and, after ``build``, no DOCX of a brief with errors. A
read-only command changes no file outside ``out/`` (``.git/`` is git's own). An edit (``set``,
``add``, ``link``, ``fmt``, ``import``) on a case that breaks data/ must refuse: exit 2, an error
located in a file in data/, and nothing changed; on other cases an edit changes only data/ and
briefs/. There is no time limit per replay but TIMEOUT (``max_seconds`` is the primary's).

**Speed.** A CLI run costs 0.4–1 s, most of it starting Python and importing the builder and its
libraries (~0.75 s of CPU): as plain subprocesses the ~1,000 replays would take a quarter of an
hour. So they run through a *fork server*: this file run as a script (``python
tests/test_bad_corpus.py``), started once per session, imports every builder module and then,
for each command, forks a child that takes the job's working directory, environment and stdio
and calls ``builder.cli.main`` (the function ``python -m builder.cli`` calls, with its exit-70
handler; ``sys.exit`` and an escaped exception end the child as they end the interpreter). Each
command is still a process of its own, so a crash, a signal or a hang (killed at TIMEOUT with
its process group) stays isolated and is reported as such; only the import is shared, and no
builder code runs before the fork. On a sample of 118 replays (8 cases) the fork server and
``python -m builder.cli`` gave the same exit status, stderr and stdout length, in 18 s against
61 s. The other costs: copying and deleting the scratch copies on a slow filesystem (hence one
git pack and ``.git/`` only where read), and ``build``: building every brief in each of ~35
brief cases renders the five unchanged examples each time, so ``build`` builds only the case's
brief. The primary run stays a plain subprocess, the end-to-end path a user takes.

Measured on 2 cores shared with other jobs (load 3–4, so wall time is what was left over):
1,009 replays of 75 cases in 390 s wall and 178 s CPU (118 user, 59 system), about 3 minutes on
a runner of its own; the 87 primary runs in 64 s wall, 49 s CPU; the whole file in 4 min 46 s
wall, 218 s CPU. A first version (every copy with loose git objects, ``build`` of all briefs)
took 13 min 45 s wall, 297 s CPU.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "bad"
CASES = sorted(
    (path for path in CORPUS.iterdir() if (path / "case.yaml").is_file()),
    key=lambda path: (int(path.name.split("-")[0]), path.name),  # 9, 10, …, 79, 180: in number order
)
TIMEOUT = 120
DEFAULT_MAX_SECONDS = 30
SOURCE_DATE_EPOCH = "1656280800"
KEYS = {
    "description", "command", "expect", "exit", "max_seconds", "remove", "mkdir", "generate",
    "replay", "replay_reason", "breaks_data",
}

DIAGNOSTIC = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): .+ \[[a-z0-9-]+\]$")
SUMMARY = re.compile(r"^\d+ error\(s\), \d+ warning\(s\)$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # raw in a message, they would drive the reader's terminal
# On stdout a CSV's line ends are CR LF; a lone CR would still overwrite the line on a terminal.
STDOUT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
TEMPORARY = re.compile(r"^\..+\.tmp$")  # what write.write_atomically leaves behind when it is cut off


# --- cases -------------------------------------------------------------------------------------


def load_case(directory: Path) -> dict:
    from ruamel.yaml import YAML

    case = YAML(typ="safe", pure=True).load((directory / "case.yaml").read_text(encoding="utf-8"))
    assert isinstance(case, dict) and not set(case) - KEYS, f"{directory.name}: unknown keys {set(case) - KEYS}"
    assert isinstance(case.get("description"), str) and case["description"].strip()
    assert isinstance(case.get("command"), list) and all(isinstance(a, str) for a in case["command"])
    assert isinstance(case.get("expect"), str) and case["expect"]
    assert ("replay" in case) == ("replay_reason" in case), f"{directory.name}: 'replay' needs a 'replay_reason'"
    assert all(name in REPLAY_NAMES for name in case.get("replay", [])), f"{directory.name}: unknown replay"
    return case


def copy_examples(root: Path) -> None:
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, root / name)


def apply_case(root: Path, directory: Path, case: dict) -> None:
    """The case's removals, directories, overlay and generated files, on a copy of the examples."""
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


def make_scratch(root: Path, directory: Path, case: dict) -> None:
    """The example repository, then the case applied to it."""
    copy_examples(root)
    apply_case(root, directory, case)


def touched_paths(directory: Path, case: dict) -> list[str]:
    """Every path the case writes, removes or makes, relative to the scratch root."""
    overlay = directory / "overlay"
    paths = [p.relative_to(overlay).as_posix() for p in sorted(overlay.rglob("*")) if p.is_file()] if overlay.is_dir() else []
    return paths + [spec["path"] for spec in case.get("generate", [])] + case.get("remove", []) + case.get("mkdir", [])


# --- what a run did ----------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, str | None, int]]:
    """Every file and directory under ``root`` outside ``out/`` and ``.git/``: kind, digest, mtime."""
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if relative.parts[0] in ("out", ".git"):  # out/ is the tool's; .git/ is git's (its index is refreshed)
            continue
        stat = path.lstat()
        if path.is_dir() and not path.is_symlink():
            found[relative.as_posix()] = ("dir", None, 0)
        else:
            found[relative.as_posix()] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns)
    return found


def changes(before: dict, after: dict) -> list[str]:
    created = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    return [f"created {n}" for n in created] + [f"removed {n}" for n in removed] + [f"changed {n}" for n in changed]


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def output_problems(stdout: str, stderr: str) -> list[str]:
    """What no run may print: a traceback, stray lines on stderr, raw control characters."""
    problems = []
    if "Traceback" in stderr or "Traceback" in stdout:
        problems.append("a traceback was printed")
    stray = [line for line in nonblank_lines(stderr) if not (DIAGNOSTIC.match(line) or SUMMARY.match(line))]
    if stray:
        problems.append(f"stderr lines that are not located diagnostics: {stray[:3]!r}")
    if CONTROL.search(stderr):
        problems.append(f"raw control characters on stderr: {sorted(set(CONTROL.findall(stderr)))!r}")
    if STDOUT_CONTROL.search(stdout):
        problems.append(f"raw control characters on stdout: {sorted(set(STDOUT_CONTROL.findall(stdout)))!r}")
    return problems


def leftover_problems(root: Path, errors: list[re.Match]) -> list[str]:
    """Temporary files anywhere, and DOCX files in out/ that a run with these errors must not write."""
    problems = []
    leftovers = sorted(
        p.relative_to(root).as_posix() for p in root.rglob(".*.tmp")
        if TEMPORARY.match(p.name) and p.relative_to(root).parts[0] != ".git"
    )
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    out = root / "out"
    docx = {p.stem for p in out.glob("*.docx")} if out.is_dir() else set()
    if any(m["path"].startswith("data/") for m in errors) and docx:
        problems.append(f"the data has errors, yet out/ has {sorted(docx)}")
    bad_briefs = {Path(m["path"]).stem for m in errors if re.fullmatch(r"briefs/[^/]+\.md", m["path"])}
    if docx & bad_briefs:
        problems.append(f"a DOCX was written for a brief with errors: {sorted(docx & bad_briefs)}")
    return problems


def error_lines(stderr: str) -> list[re.Match]:
    return [m for m in map(DIAGNOSTIC.match, nonblank_lines(stderr)) if m and m["severity"] == "error"]


def expected_exit(case: dict) -> int:
    command = case["command"]
    default = 1 if command[:1] == ["check"] or command[:2] == ["fmt", "--check"] else 2
    return case.get("exit", default)


def _case_ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


# --- the primary run ---------------------------------------------------------------------------

@pytest.mark.parametrize("directory", CASES, ids=_case_ids(CASES))
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
            env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"brief {' '.join(argv)!r} did not finish within {TIMEOUT} s")
    elapsed = time.monotonic() - started
    shown = f"$ brief {argv!r}\nexit {result.returncode} after {elapsed:.1f} s\n--- stderr\n{result.stderr[-4000:]}\n--- stdout\n{result.stdout[-2000:]}"

    problems = []
    if result.returncode != expected_exit(case):
        problems.append(f"exit status {result.returncode}, expected {expected_exit(case)}")
    lines = nonblank_lines(result.stderr)
    if not any(re.search(case["expect"], line) and DIAGNOSTIC.match(line) for line in lines):
        problems.append(f"no located error line matches {case['expect']!r}")
    problems += output_problems(result.stdout, result.stderr)
    max_seconds = case.get("max_seconds", DEFAULT_MAX_SECONDS)
    if elapsed > max_seconds:
        problems.append(f"took {elapsed:.1f} s, more than {max_seconds} s")
    problems += changes(before, snapshot(tmp_path))
    problems += leftover_problems(tmp_path, error_lines(result.stderr))

    assert not problems, "\n".join(problems) + "\n" + shown


# --- the replays -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replay:
    name: str
    argv: tuple[str, ...]
    edits: bool = False  # writes data/ or briefs/ when it succeeds
    git: bool = False  # reads the history (or a build's source stamp): its copy gets .git/ too


REPLAYS = (
    Replay("check", ("check",)),
    Replay("check-json", ("check", "--format", "json")),
    # Only the case's brief when it has one: building all would render the unchanged examples
    # again for each brief case (~2.5 s each, over a third of the replays' time), testing nothing new.
    Replay("build", ("build", "{own_brief}"), git=True),
    Replay("status", ("status",)),
    Replay("status-csv", ("status", "--format", "csv")),
    Replay("status-html", ("status", "--format", "html", "-o", "out/status.html")),
    Replay("export", ("export",)),
    Replay("export-csv", ("export", "--format", "csv")),
    Replay("overview", ("overview",), git=True),
    Replay("fmt-check", ("fmt", "--check")),
    Replay("fmt", ("fmt",), edits=True),
    Replay("set", ("set", "{id}", "notes=x"), edits=True),
    Replay(
        "add",
        ("add", "commitment", "T99999", "kamer=TK", "text=x", "made.kind=debat", "made.date=2025-01-01",
         "by=minister-bzk-uitermark", "due=2025-12-01"),
        edits=True,
    ),
    Replay("link", ("link", "{id}", "{brief}"), edits=True),
    # --by: the fixture's TZ202410-009 matches no bewindspersoon, and the examples must take it.
    Replay("import", ("import", "--by", "minister-bzk-uitermark", "{json}"), edits=True),
    Replay("diff-commits", ("diff", "HEAD~1..HEAD"), git=True),
    Replay("diff-worktree", ("diff",), git=True),
    Replay("log", ("log", "{id}"), git=True),
    Replay("textconv", ("textconv", "{docx}")),
)
REPLAY_NAMES = {replay.name: replay for replay in REPLAYS}

_STATUS = ("status", "status-csv", "status-html")
_HISTORY = ("diff-commits", "diff-worktree", "log")
# Which replays read each input a case can feed. status --format html renders templates/status.html.
READERS = {
    "data": ("check", "check-json", "build", *_STATUS, "export", "export-csv", "overview", "fmt-check", "fmt",
             "set", "add", "link", "import", *_HISTORY),
    "briefs": ("check", "check-json", "build", *_STATUS, "export", "export-csv", "overview", "link", *_HISTORY),
    "templates": ("build", "status-html", "overview"),
    "json": ("import",),
    "docx": ("textconv",),
}
DEFAULT_BRIEF = "voortgang-aanpak-racisme"
DEFAULT_ID = "T03545"
FIXTURE = REPO / "tests" / "fixtures" / "tk-opendata" / "toezeggingen.json"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Beleidsmedewerker", "GIT_AUTHOR_EMAIL": "bm@example.org",
    "GIT_COMMITTER_NAME": "Beleidsmedewerker", "GIT_COMMITTER_EMAIL": "bm@example.org",
    "GIT_AUTHOR_DATE": "2025-05-01T12:00:00+02:00", "GIT_COMMITTER_DATE": "2025-05-01T12:00:00+02:00",
}


def input_kinds(paths: list[str]) -> set[str]:
    """The inputs (READERS' keys) that these touched paths belong to."""
    kinds = set()
    for path in paths:
        top = path.split("/")[0]
        if top in ("data", "briefs", "templates"):
            kinds.add(top)
        elif path.endswith(".json"):
            kinds.add("json")
        elif path.endswith(".docx"):
            kinds.add("docx")
    return kinds


def static_values(directory: Path, case: dict) -> dict[str, str]:
    """The placeholders that the case's paths decide ({id} needs the scratch: first_commitment_id)."""
    paths = touched_paths(directory, case)
    briefs = [p for p in paths if re.fullmatch(r"briefs/[^/]+\.md", p)]
    jsons = [p for p in paths if "/" not in p and p.endswith(".json")]
    docx = [p for p in paths if "/" not in p and p.endswith(".docx")]
    return {
        "own_brief": Path(briefs[0]).stem if briefs else "",
        "brief": Path(briefs[0]).stem if briefs else DEFAULT_BRIEF,
        "json": jsons[0] if jsons else str(FIXTURE),
        "docx": docx[0] if docx else "",
    }


def resolve(argv: tuple[str, ...], values: dict[str, str]) -> list[str]:
    """The argv with its placeholders filled in; one that is empty is left out."""
    resolved = []
    for arg in argv:
        for key, value in values.items():
            arg = arg.replace("{" + key + "}", value)
        if arg:
            resolved.append(arg)
    return resolved


def replays_of(directory: Path, case: dict) -> list[Replay]:
    """READERS applied to what the case touches, or the case's own ``replay`` list; never the primary."""
    if "replay" in case:
        return [REPLAY_NAMES[name] for name in case["replay"]]
    readers = set().union(*(READERS[kind] for kind in input_kinds(touched_paths(directory, case))))
    values = static_values(directory, case)
    return [
        replay for replay in REPLAYS
        if replay.name in readers and resolve(replay.argv, values) != case["command"]
    ]


def breaks_data(directory: Path, case: dict) -> bool:
    """Whether data/ is invalid in the case, so that every edit must refuse it."""
    if "breaks_data" in case:
        return case["breaks_data"]
    touches_data = "data" in input_kinds(touched_paths(directory, case))
    return touches_data and re.match(r"\^?data/", case["expect"]) is not None


def replay_plan(directory: Path) -> list[str]:
    try:
        case = load_case(directory)
    except Exception:  # noqa: BLE001 -- a broken case.yaml is test_bad_input's failure to report
        return []
    return [replay.name for replay in replays_of(directory, case)]


REPLAY_PAIRS = [(directory, name) for directory in CASES for name in replay_plan(directory)]


def first_commitment_id(root: Path) -> str:
    """The first id in data/commitments.yaml, read as text: the file may be anything but valid YAML."""
    path = root / "data" / "commitments.yaml"
    text = path.read_bytes().decode("utf-8", "replace") if path.is_file() else ""
    found = re.search(r"^\s*-\s*id:\s*[\"']?([A-Za-z0-9][\w.-]*)", text, re.M)
    return found.group(1) if found else DEFAULT_ID


def git_env(home: Path) -> dict[str, str]:
    """Git with a fixed identity and clock, and no configuration of the machine or the user."""
    return {**GIT_IDENTITY, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "HOME": str(home)}


def git(root: Path, home: Path, *args: str) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **git_env(home)}
    subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, check=True)


def make_history(root: Path, directory: Path, case: dict, home: Path) -> None:
    """The examples committed on main, then the case applied and committed on the branch 'case'."""
    copy_examples(root)
    git(root, home, "init", "-q", "--template=", "-b", "main")  # no sample hooks: fewer files to copy
    git(root, home, "add", "-A")
    git(root, home, "commit", "-q", "-m", "examples")
    git(root, home, "checkout", "-q", "-b", "case")
    apply_case(root, directory, case)
    git(root, home, "add", "-A")
    git(root, home, "commit", "-q", "--allow-empty", "-m", f"case {directory.name}")
    # One pack instead of a directory per loose object: directories are slow to copy and delete.
    git(root, home, "repack", "-adq")
    git(root, home, "prune-packed")


def cli_env(home: Path, tmp: Path) -> dict[str, str]:
    # GIT_DIR and the like, set when the suite runs inside a git hook, would point git elsewhere.
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return {**inherited, **git_env(home), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "TMPDIR": str(tmp)}


@dataclass
class Outcome:
    """One replay, reduced to what the checks need (its scratch is deleted)."""

    argv: list[str]
    exit: int | None
    signal: int | None
    timed_out: bool
    seconds: float
    stdout: str
    stderr: str
    changed: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    crash_log: str = ""


def run_replays(directory: Path, server: "ForkServer", workdir: Path) -> dict[str, Outcome]:
    """Every replay of one case, in one batch of the fork server, each in its own copy of the history."""
    case = load_case(directory)
    base, home = workdir / "repo", workdir / "home"
    home.mkdir()
    make_history(base, directory, case, home)
    before = snapshot(base)
    values = {**static_values(directory, case), "id": first_commitment_id(base)}
    replays = replays_of(directory, case)
    jobs = []
    for replay in replays:
        root, tmp = workdir / replay.name, workdir / f"{replay.name}.tmp"
        # Copying (and later deleting) files is much of a case's cost: .git/ only where it is read.
        shutil.copytree(base, root, symlinks=True, ignore=None if replay.git else shutil.ignore_patterns(".git"))
        tmp.mkdir()
        jobs.append({
            "argv": resolve(replay.argv, values), "cwd": str(root), "env": cli_env(home, tmp), "timeout": TIMEOUT,
            "stdout": str(workdir / f"{replay.name}.stdout"), "stderr": str(workdir / f"{replay.name}.stderr"),
        })
    outcomes = {}
    for replay, job, result in zip(replays, jobs, server.run(jobs)):
        root = Path(job["cwd"])
        stdout = Path(job["stdout"]).read_text(encoding="utf-8", errors="replace")
        stderr = Path(job["stderr"]).read_text(encoding="utf-8", errors="replace")
        crash_logs = sorted(Path(job["env"]["TMPDIR"]).glob("brief-crash-*.log"))
        outcomes[replay.name] = Outcome(
            job["argv"], result["exit"], result["signal"], result["timed_out"], result["seconds"], stdout, stderr,
            changes(before, snapshot(root)), leftover_problems(root, error_lines(stderr)),
            crash_logs[0].read_text(encoding="utf-8", errors="replace") if crash_logs else "",
        )
    shutil.rmtree(workdir, ignore_errors=True)  # ~18 copies per case: keep the disk small
    return outcomes


def json_findings_problems(stdout: str, failed: bool) -> list[str]:
    """``check --format json``: a list of located findings, with an error when it exits non-zero."""
    try:
        findings = json.loads(stdout)
    except ValueError:
        return [f"stdout is not JSON: {stdout[:200]!r}"]
    shape = {"path": str, "line": int, "column": int, "severity": str, "code": str, "message": str}
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and all(isinstance(f.get(k), t) for k, t in shape.items()) for f in findings
    ):
        return [f"stdout is not a list of located findings: {stdout[:200]!r}"]
    if failed and not any(f["severity"] == "error" for f in findings):
        return ["a non-zero exit, but no error among the JSON findings"]
    return []


def replay_problems(replay: Replay, outcome: Outcome, data_broken: bool) -> list[str]:
    if outcome.timed_out:
        return [f"did not finish within {TIMEOUT} s"]
    if outcome.signal is not None:
        return [f"killed by {signal.Signals(outcome.signal).name}"]
    problems = []
    if outcome.exit not in (0, 1, 2):
        problems.append(f"exit status {outcome.exit}")
    problems += output_problems(outcome.stdout, outcome.stderr)
    failed = outcome.exit != 0
    if replay.name == "check-json":
        problems += json_findings_problems(outcome.stdout, failed)
    elif failed and not error_lines(outcome.stderr):
        problems.append("a non-zero exit without a located error on stderr")
    if replay.edits and data_broken:
        if outcome.exit != 2:
            problems.append(f"an edit of broken data exited {outcome.exit}, not 2 (refused)")
        elif not any(m["path"].startswith("data/") for m in error_lines(outcome.stderr)):
            problems.append("an edit of broken data refused without an error located in a file in data/")
        problems += outcome.changed
    elif replay.edits:
        problems += [change for change in outcome.changed if change.split(" ", 1)[1].split("/")[0] not in ("data", "briefs")]
    else:
        problems += outcome.changed
    return problems + outcome.leftovers


@pytest.fixture(scope="session")
def replayed(tmp_path_factory):
    """The outcomes of a case's replays, run on first use: one batch per case for the whole session."""
    server = ForkServer()
    done: dict[str, dict[str, Outcome]] = {}

    def outcomes(directory: Path) -> dict[str, Outcome]:
        if directory.name not in done:
            done[directory.name] = run_replays(directory, server, tmp_path_factory.mktemp(directory.name))
        return done[directory.name]

    yield outcomes
    server.close()


@pytest.mark.parametrize(
    "directory,name", REPLAY_PAIRS, ids=[f"{directory.name}/{name}" for directory, name in REPLAY_PAIRS]
)
def test_replay(directory: Path, name: str, replayed) -> None:
    case = load_case(directory)
    outcome = replayed(directory)[name]
    problems = replay_problems(REPLAY_NAMES[name], outcome, breaks_data(directory, case))
    shown = (
        f"$ brief {outcome.argv!r}\nexit {outcome.exit} after {outcome.seconds:.1f} s\n"
        f"--- stderr\n{outcome.stderr[-4000:]}\n--- stdout\n{outcome.stdout[-2000:]}"
        + (f"\n--- crash log\n{outcome.crash_log[-3000:]}" if outcome.crash_log else "")
    )
    assert not problems, "\n".join(problems) + "\n" + shown


# --- the fork server ---------------------------------------------------------------------------


class ForkServer:
    """The client side: this file run as a script, fed one batch of jobs per case."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def run(self, jobs: list[dict]) -> list[dict]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO
            )
        self.process.stdin.write(json.dumps(jobs) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the fork server died (exit {self.process.wait()})")
        return json.loads(answer)

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=TIMEOUT)


def serve() -> None:
    """Read batches of jobs (a JSON line each) on stdin; answer each with a JSON line of results."""
    import_builder()
    for line in sys.stdin:
        results = [run_forked(job) for job in json.loads(line)]
        sys.stdout.write(json.dumps(results) + "\n")
        sys.stdout.flush()


def import_builder() -> None:
    """Every module of the builder and the libraries it imports lazily: the cost each child skips."""
    import importlib
    import pkgutil

    import builder

    for module in pkgutil.walk_packages(builder.__path__, "builder."):
        importlib.import_module(module.name)
    import git  # noqa: F401 -- builder imports GitPython inside functions (version.source_stamp, history)


def run_forked(job: dict) -> dict:
    """One CLI run in a forked child; its exit status, or the signal or timeout that ended it."""
    sys.stdout.flush()  # a child must not inherit unwritten output and write it a second time
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        run_child(job)
    status = wait_for(pid, job["timeout"])
    code = None if status is None else os.waitstatus_to_exitcode(status)
    return {
        "exit": code if code is not None and code >= 0 else None,
        "signal": -code if code is not None and code < 0 else None,
        "timed_out": status is None,
        "seconds": time.monotonic() - started,
    }


def wait_for(pid: int, timeout: float) -> int | None:
    """The child's wait status, or None when it ran out of time (then it is killed, with its group)."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux >= 5.3: poll
        handle = None
    if handle is not None:
        ready, _, _ = select.select([handle], [], [], timeout)
        os.close(handle)
        if ready:
            return os.waitpid(pid, 0)[1]
    else:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            time.sleep(0.005)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return None


def run_child(job: dict) -> None:
    """In the forked child: become ``brief ARGV`` in the job's directory, environment and files; exit."""
    code = 99  # the set-up below failed: a fault of this runner
    try:
        os.setpgid(0, 0)  # its own group, so that a timeout also kills what it started (pandoc, git)
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        import tempfile

        tempfile.tempdir = None  # cached by the first gettempdir(); the job's TMPDIR must count
        redirect(0, os.devnull, os.O_RDONLY)
        redirect(1, job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        redirect(2, job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        sys.argv = ["brief", *job["argv"]]
        code = cli_exit_status(job["argv"])
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 -- whatever happens, the child must not return into the server
        traceback.print_exc()
    finally:
        os._exit(code)


def redirect(fd: int, path: str, flags: int) -> None:
    opened = os.open(path, flags, 0o644)
    os.dup2(opened, fd)
    os.close(opened)


def cli_exit_status(argv: list[str]) -> int:
    """What ``python -m builder.cli ARGV`` exits with: ``sys.exit(main())`` and the interpreter's rules."""
    from builder.cli import main

    try:
        return exit_code(main(argv))
    except SystemExit as stop:
        return exit_code(stop.code)
    except BaseException:  # noqa: BLE001 -- escaped main(): the interpreter prints it and exits 1
        traceback.print_exc()
        return 1


def exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    serve()
