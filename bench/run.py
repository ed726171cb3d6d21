"""Benchmark Briefbouwer on a repository the size of a large ministry.

Usage: .venv/bin/python bench/run.py [--runs N] [--long-runs N] [--jobs N] [--repo-root DIR] [--only NAMES]

``--only edits`` times only the commands that edit data/ (set, add, link,
import, and the two Kamervragen imports) and ``fmt --check``; ``--only
kamervragen`` the Kamervragen rows (both imports, status, one answer's build); ``--only woo``
``brief woo`` of one nota and the name detector of ``brief check --woo``; ``--only drafting``
``brief new``, the preview's save-to-page time, ``brief redline`` and one build with ``--pdf``. Each edit runs on the corpus as generated: git
puts it back after every run, outside the timing.

Generates the corpus with bench/generate.py (cached in the temporary directory,
keyed by the hash of the generator and what it copies), makes it a git
repository as a real one is, and times the ``brief`` CLI as subprocesses and
the library in-process (bench/probe.py). Prints a Markdown table and writes it
to bench/results.md (or --output).

``--repo-root`` points the measurements at another checkout of the builder
(e.g. a patched copy): it is put first on PYTHONPATH for every subprocess.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import queue
import re
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PYTHON = Path(sys.executable)
BRIEF = PYTHON.parent / "brief"
MEASUREMENTS = (
    "startup", "load", "check", "one", "serial", "noop", "jobs", "pandoc", "set", "add", "link", "fmt", "import",
    "reconcile",
    "overview",
    "status",
    "kv-import", "kv-import-vragen", "kv-status", "kv-one",
    "redline",
    "woo",
    "check-woo",
    "new",
    "one-pdf",
    "preview",
)
GROUPS = {
    "edits": ("set", "add", "link", "fmt", "import", "kv-import", "kv-import-vragen"),
    "kamervragen": ("kv-import", "kv-import-vragen", "kv-status", "kv-one"),
    "woo": ("woo", "check-woo"),
    "drafting": ("new", "preview", "redline", "one-pdf"),
}
# A run slower than this is not repeated: at several minutes a row, more runs would say no more.
SLOW_RUN = 10.0


class BenchFailure(Exception):
    """A command under measurement failed: the benchmark says so and stops."""


@dataclass
class Row:
    name: str
    runs: int | str
    seconds: float | None
    target: str = "—"
    passed: bool | None = None
    note: str = ""

    def markdown(self) -> str:
        value = "—" if self.seconds is None else _duration(self.seconds)
        verdict = {True: "pass", False: "**FAIL**", None: "—"}[self.passed]
        return f"| {self.name} | {self.runs} | {value} | {self.target} | {verdict} | {self.note} |"


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def with_target(name: str, runs: int, seconds: float, limit: float, note: str = "") -> Row:
    return Row(name, runs, seconds, f"≤ {_duration(limit)}", seconds <= limit, note)


# --- running things -----------------------------------------------------------------------------


_FILL_DATA_CACHE = "from builder.pipeline import Project, load_repository; load_repository(Project(__import__('pathlib').Path.cwd()))"


class Runner:
    """Runs commands against the corpus with the builder tree under test first on the path."""

    def __init__(self, repo_root: Path, corpus: Path, cache: Path):
        self.corpus = corpus
        path = [str(repo_root), os.environ.get("PYTHONPATH", "")]
        # Bytecode cached as on a developer's machine, in a place of our own: a copied tree's
        # .pyc files are stale, and PYTHONDONTWRITEBYTECODE would recompile it on every start.
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        # The builder's data cache in a place of our own as well: the user's stays untouched,
        # and a cold run is made by emptying it.
        self.data_cache = cache / "xdg"
        self.env = {
            **env, "PYTHONPATH": os.pathsep.join(p for p in path if p), "PYTHONPYCACHEPREFIX": str(cache / "pycache"),
            "XDG_CACHE_HOME": str(self.data_cache),
        }

    def forget_data_cache(self) -> None:
        """The next command loads data/ from the YAML, as after an edit of data/ or in a fresh clone."""
        shutil.rmtree(self.data_cache / "briefbouwer", ignore_errors=True)

    def run(self, command: list[str], cwd: Path | None = None) -> tuple[float, str]:
        """Wall-clock seconds and stdout of one command; a failure stops the benchmark."""
        start = time.perf_counter()
        done = subprocess.run(
            [str(c) for c in command], cwd=cwd or self.corpus, env=self.env, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise BenchFailure(
                f"command failed (exit {done.returncode}): {' '.join(map(str, command))}\n"
                f"--- stdout (end) ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-6000:]}"
            )
        return seconds, done.stdout

    def median(
        self, command: list[str], runs: int, expect: str | None = None, writes: int | None = None, cold: bool = False
    ) -> float:
        """Median wall-clock seconds; ``expect`` must be in the output, ``writes`` documents written.

        ``cold`` empties the data cache before each run; otherwise it is filled first, unmeasured.
        """
        if not cold:
            self.run([PYTHON, "-c", _FILL_DATA_CACHE])
        times = []
        for _ in range(runs):
            if cold:
                self.forget_data_cache()
            seconds, out = self.run(command)
            _expect_output(command, out, expect, writes)
            times.append(seconds)
        return statistics.median(times)

    def edit_median(
        self, command: list[str], runs: int, expect: str | None = None, cold: bool = False, writes: bool = True
    ) -> tuple[float, int]:
        """Median wall-clock seconds of a command that edits the corpus, and how many runs that took.

        Each run starts from the corpus as committed; the data cache is emptied (``cold``) or
        filled, unmeasured. A command that must not write (``writes=False``: --check, --dry-run)
        fails the benchmark when it does. Runs stop early after one slower than SLOW_RUN.
        """
        times: list[float] = []
        try:
            while len(times) < runs and not (times and times[-1] > SLOW_RUN):
                self.restore_corpus()
                if cold:
                    self.forget_data_cache()
                else:
                    self.run([PYTHON, "-c", _FILL_DATA_CACHE])
                seconds, out = self.run(command)
                _expect_output(command, out, expect)
                changes = self.corpus_changes()
                if bool(changes) != writes:
                    # An edit that wrote nothing measured nothing; a --check that wrote is a bug.
                    said = f"changed the corpus:\n{changes}" if changes else "changed nothing in the corpus"
                    raise BenchFailure(f"{' '.join(map(str, command))}: {said}\n--- stdout (end) ---\n{out[-1500:]}")
                times.append(seconds)
        finally:
            self.restore_corpus()
        return statistics.median(times), len(times)

    def restore_corpus(self) -> None:
        """Undo an edit, so that every run makes the same edit to the same files (an import of
        Kamervragen writes new files: they go too)."""
        _run_plain(["git", "checkout", "-q", "--", "data", "briefs"], cwd=self.corpus)
        _run_plain(["git", "clean", "-q", "-f", "-d", "--", "data", "briefs"], cwd=self.corpus)
        left = self.corpus_changes()
        if left:
            raise BenchFailure(f"the corpus still differs from its commit after `git checkout -- data briefs`:\n{left}")

    def corpus_changes(self) -> str:
        """`git status` of the corpus in short: empty when it is as committed."""
        command = ["git", "status", "--porcelain", "--untracked-files=all"]
        done = subprocess.run(command, cwd=self.corpus, capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchFailure(f"{' '.join(command)} failed in {self.corpus}:\n{done.stderr}")
        return done.stdout.strip()[-1500:]

    def probe(self, kind: str, runs: int) -> dict:
        _, out = self.run([PYTHON, BENCH / "probe.py", kind, self.corpus, runs])
        return json.loads(out)


def _expect_output(command: list, out: str, expect: str | None, writes: int | None = None) -> None:
    """``expect`` must be in the output, and ``writes`` documents written: else the command did not do its job."""
    wrote = sum(line.startswith("wrote ") for line in out.splitlines())
    if (expect is not None and expect not in out) or (writes is not None and wrote != writes):
        raise BenchFailure(
            f"{' '.join(map(str, command))}: expected {expect or writes!r} in its output; it wrote {wrote} document(s):"
            f"\n{out[-1500:]}"
        )


# --- the corpus ---------------------------------------------------------------------------------


def corpus_key() -> str:
    """The generator and everything it copies from the repository decide the corpus."""
    digest = hashlib.sha256()
    repo = BENCH.parent
    inputs = [BENCH / "generate.py", repo / "data" / "organisation.yaml", repo / ".gitignore"]
    for path in inputs + sorted((repo / "templates").glob("*")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_corpus(cache: Path) -> Path:
    """The generated repository, as a git repository with one commit; made once per generator version."""
    corpus = cache / corpus_key()
    if (corpus / ".git").is_dir():
        return corpus
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="generating-", dir=cache))
    try:
        _run_plain([PYTHON, BENCH / "generate.py", scratch / "repo"])
        _commit(scratch / "repo")
        shutil.rmtree(corpus, ignore_errors=True)
        (scratch / "repo").rename(corpus)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return corpus


def _commit(repo: Path) -> None:
    """One commit with a fixed identity and date, so that the source stamp is stable."""
    stamp = "2026-01-01T00:00:00+00:00"
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
    }
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "corpus"]):
        _run_plain(command, cwd=repo, env=env)


def _run_plain(command: list, cwd: Path | None = None, env: dict | None = None) -> None:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchFailure(f"command failed: {' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}")


def corpus_summary(corpus: Path) -> str:
    data = sum(p.stat().st_size for p in (corpus / "data").rglob("*.yaml"))
    briefs = sorted((corpus / "briefs").glob("*.md"))
    size = sum(p.stat().st_size for p in briefs)
    return (
        f"corpus: {corpus} ({data / 1e6:.1f} MB YAML in data/, {len(briefs)} briefs, {size / 1e6:.1f} MB Markdown)"
    )


def sample_briefs(corpus: Path) -> dict[str, str]:
    """One brief of each type, the same on every run: the first of each in name order."""
    names = sorted(p.stem for p in (corpus / "briefs").glob("*.md"))
    prefixes = {"kamerbrief": "kb-", "nota": "nota-", "so-beantwoording": "so-"}
    return {kind: next(n for n in names if n.startswith(prefix)) for kind, prefix in prefixes.items()}


def documents_written(corpus: Path) -> int:
    """What `brief build --force` writes: one document a brief, and an answer to Kamervragen its
    aanbiedingsbrief too (unless its front matter turns that off)."""
    count = 0
    for path in (corpus / "briefs").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        count += 1
        if re.search(r"^type: kamervragen-antwoord$", front, re.M) and not re.search(r"^aanbiedingsbrief: false$", front, re.M):
            count += 1
    return count


@dataclass(frozen=True)
class EditSamples:
    """What the edit rows edit: the same on every run."""

    commitment: str  # open, answered by no brief, halfway down commitments.yaml
    by: str  # its bewindspersoon, for the commitment `brief add` adds
    draft: str  # the first concept Kamerbrief, which `brief link` makes answer the commitment
    new_id: str  # no commitment has it yet


def edit_samples(corpus: Path) -> EditSamples:
    records = commitment_records(corpus)
    answered = answered_ids(corpus)
    candidates = [
        record for record in records
        if re.search(r"^    status: open$", record, re.M) and record.split("\n", 1)[0] not in answered
    ]
    record = candidates[len(candidates) // 2]
    new_id = "T99001"
    if any(r.startswith(f"{new_id}\n") for r in records):
        raise BenchFailure(f"the corpus already has a commitment {new_id}: pick another id for `brief add`")
    return EditSamples(
        record.split("\n", 1)[0], re.search(r"^    by: (\S+)$", record, re.M).group(1), first_draft(corpus), new_id
    )


def commitment_records(corpus: Path) -> list[str]:
    """The text of each record in commitments.yaml, starting with its id."""
    # The corpus is in the canonical layout, so its records can be told apart by their indentation.
    return (corpus / "data" / "commitments.yaml").read_text(encoding="utf-8").split("\n  - id: ")[1:]


def registry_counts(corpus: Path, export: Path) -> tuple[int, int]:
    """How many toezeggingen the registry export holds, and how many of them data/ has not."""
    entities = json.loads((corpus / export).read_text(encoding="utf-8"))["value"]
    known = {record.split("\n", 1)[0] for record in commitment_records(corpus)}
    return len(entities), sum(entity["Nummer"] not in known for entity in entities)


def answered_ids(corpus: Path) -> set[str]:
    """Every id listed in a brief's front matter: a superset of what the briefs answer."""
    ids = set()
    for path in (corpus / "briefs").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        ids.update(re.findall(r"^  - (\S+)$", front, re.M))
    return ids


def first_draft(corpus: Path) -> str:
    """A letter still in draft: the one a writer links a commitment to."""
    for path in sorted((corpus / "briefs").glob("kb-*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        if re.search(r"^status: concept$", front, re.M):
            return path.stem
    raise BenchFailure("no Kamerbrief in the corpus has status: concept, to link a commitment to")


# --- the measurements ---------------------------------------------------------------------------


def measure_startup(runner: Runner, runs: int) -> list[Row]:
    commands = [
        ("process start-up: `python -c pass`", [PYTHON, "-c", "pass"]),
        ("process start-up: `import builder.cli`", [PYTHON, "-c", "import builder.cli"]),
        ("process start-up: `import builder.pipeline`", [PYTHON, "-c", "import builder.pipeline"]),
        ("process start-up: `import builder.render` (docx, pypandoc)", [PYTHON, "-c", "import builder.render"]),
        ("process start-up: `brief --help`", [BRIEF, "--help"]),
    ]
    return [Row(name, runs, runner.median(command, runs)) for name, command in commands]


def measure_load(runner: Runner, runs: int) -> list[Row]:
    result = runner.probe("load", runs)
    return [
        Row("in-process: import builder.pipeline", 1, result["import_pipeline"]),
        Row("in-process: load + validate data/ (`pipeline.load_repository`), cold", runs, result["load_cold"],
            note="composing and validating the YAML, and writing the data cache"),
        Row("in-process: load data/ from the data cache", runs, result["load_repository"]),
        Row(f"in-process: read {len(list((runner.corpus / 'briefs').glob('*.md')))} briefs' front matter"
            " (`pipeline.load_briefs`)", runs, result["load_briefs"]),
        Row("in-process: whole check (`pipeline.check`)", runs, result["check"]),
    ]


WARM = "data/ unchanged since the last run"
COLD = "data cache cold: the first run after data/ changed, or in a fresh clone"


def measure_check(runner: Runner, runs: int) -> list[Row]:
    return [
        with_target("`brief check` (all data and briefs, subprocess)", runs, runner.median([BRIEF, "check"], runs), 2.0, WARM),
        with_target("`brief check`, cold", runs, runner.median([BRIEF, "check"], runs, cold=True), 2.0, COLD),
    ]


def measure_check_woo(runner: Runner, runs: int) -> list[Row]:
    """`brief check --woo`: the whole check, and deduce made and run over every brief's body."""
    command = [BRIEF, "check", "--woo", "--format", "json"]
    seconds = runner.median(command, runs)
    _, out = runner.run(command)
    proposed = sum(finding["code"] == "woo-name" for finding in json.loads(out))
    name = "`brief check --woo` (all data and briefs, names proposed, subprocess)"
    return [with_target(name, runs, seconds, 15.0, f"{proposed} name(s) proposed; deduce made once; {WARM}")]


def measure_status(runner: Runner, runs: int) -> list[Row]:
    """The coordinators' dashboard of every item, as `make status` writes it."""
    command = [BRIEF, "status", "--format", "html", "--output", "out/status.html"]
    seconds = runner.median(command, runs, expect="wrote out/status.html")
    size = (runner.corpus / "out" / "status.html").stat().st_size
    name = "`brief status --format html -o out/status.html`, every item"
    return [with_target(name, runs, seconds, 2.0, f"{size / 1e6:.1f} MB page; {WARM}")]


def measure_one(runner: Runner, runs: int) -> list[Row]:
    rows = []
    for kind, name in sample_briefs(runner.corpus).items():
        command = [BRIEF, "build", name, "--force"]
        seconds = runner.median(command, runs, expect=f"wrote out/{name}.docx")
        rows.append(with_target(f"`brief build NAME --force`, one {kind}", runs, seconds, 1.0, f"{name}; {WARM}"))
        if kind == "kamerbrief":
            seconds = runner.median(command, runs, expect=f"wrote out/{name}.docx", cold=True)
            rows.append(with_target(f"`brief build NAME --force`, one {kind}, cold", runs, seconds, 1.0, COLD))
    return rows


def measure_new(runner: Runner, runs: int) -> list[Row]:
    """`brief new` of a kamerbrief and of a reply: the repository loaded (warm), the newest overleg
    found for the reply, the scaffold written; the file is removed before each run."""
    runner.run([PYTHON, "-c", _FILL_DATA_CACHE])
    target = runner.corpus / "briefs" / "bench-nieuw.md"
    rows = []
    for kind in ("kamerbrief", "so-beantwoording"):
        command = [BRIEF, "new", kind, "bench-nieuw"]
        times = []
        for _ in range(runs):
            target.unlink(missing_ok=True)
            seconds, out = runner.run(command)
            _expect_output(command, out, "wrote briefs/bench-nieuw.md", None)
            times.append(seconds)
        target.unlink(missing_ok=True)
        # Typed when a writer starts: as an edit of one record, it should feel immediate.
        rows.append(with_target(f"`brief new {kind} NAME`", runs, statistics.median(times), 1.0, WARM))
    return rows


def measure_one_pdf(runner: Runner, runs: int) -> list[Row]:
    """One kamerbrief built with its PDF: the build and one LibreOffice run (its start dominates)."""
    name = sample_briefs(runner.corpus)["kamerbrief"]
    command = [BRIEF, "build", name, "--force", "--pdf"]
    seconds = runner.median(command, runs, expect=f"wrote out/{name}.pdf")
    return [with_target("`brief build NAME --force --pdf`, one kamerbrief", runs, seconds, 5.0, f"{name}; {WARM}")]


def measure_serial_row(runs: int, seconds: float, briefs: int) -> Row:
    return Row(f"`brief build --force`, all {briefs}, serial", runs, seconds, note=f"{_duration(seconds / briefs)} per brief")


def measure_noop(runner: Runner, runs: int, briefs: int) -> list[Row]:
    runner.run([BRIEF, "build"])  # whatever an earlier measurement left stale
    seconds = runner.median([BRIEF, "build"], runs, expect=f"up to date: {briefs} brief(s)")
    return [with_target("`brief build`, nothing changed (no-op)", runs, seconds, 0.5)]


def measure_jobs(runner: Runner, runs: int, briefs: int, jobs: int) -> list[Row]:
    seconds = runner.median([BRIEF, "build", "--force", "--jobs", jobs], runs, writes=documents_written(runner.corpus))
    return [Row(f"`brief build --force --jobs {jobs}`, all {briefs}", runs, seconds, note=f"{_duration(seconds / briefs)} per brief")]


def measure_serial_against_pandoc(runner: Runner, runs: int, briefs: int) -> list[Row]:
    """The serial build and pandoc alone, run by turns: the ratio of the two is only fair
    when both saw the same load on the machine."""
    builds, probes = [], []
    for _ in range(runs):
        builds.append(runner.median([BRIEF, "build", "--force"], 1, writes=documents_written(runner.corpus)))
        probes.append(runner.probe("pandoc", 1))
    serial = measure_serial_row(runs, statistics.median(builds), briefs)
    result = {**probes[0], **{key: statistics.median(p[key] for p in probes) for key in ("pandoc_total", "pandoc_per_brief")}}
    return [serial, *pandoc_rows(runs, result, serial)]


def pandoc_rows(runs: int, result: dict, serial: Row | None) -> list[Row]:
    briefs = result["briefs"]
    per_brief = result["pandoc_per_brief"]
    rows = [
        Row("in-process: the pipeline's Markdown for all briefs (`body_markdown`, `reply_markdown`)", 1,
            result["markdown_seconds"], note=f"{result['markdown_bytes'] / 1e6:.1f} MB"),
        Row(f"pandoc alone: pypandoc → docx, same reference doc and input format, all {briefs}", runs,
            result["pandoc_total"], note=f"{_duration(per_brief)} per brief; pandoc {result['pandoc_version']}"),
        Row("pypandoc with its default `verify_format=True`, per brief", "30 briefs",
            result["pypandoc_verified_per_brief"], note="starts pandoc 3 times per call"),
    ]
    if serial is not None and serial.seconds is not None:
        pipeline_per_brief = serial.seconds / briefs
        ratio = pipeline_per_brief / per_brief
        rows.append(
            Row("serial build per brief ÷ pandoc alone per brief", serial.runs, None, "≤ 1.5×", ratio <= 1.5,
                f"{_duration(pipeline_per_brief)} vs {_duration(per_brief)}: **{ratio:.2f}×**")
        )
    return rows


# Every edit validates the repository it makes, so the edit rows are warm unless they say cold.
# An edit of one record is something a writer does many times a day at the prompt: like building
# one brief, it should take a second, whatever the size of the file it is in.
EDIT_TARGET = 1.0


def measure_set(runner: Runner, runs: int) -> list[Row]:
    ident = edit_samples(runner.corpus).commitment
    command = [BRIEF, "set", ident, "due.date=2028-02-29"]
    warm, warm_runs = runner.edit_median(command, runs, expect=f"{ident}: due.date")
    cold, cold_runs = runner.edit_median(command, runs, expect=f"{ident}: due.date", cold=True)
    name = "`brief set ID due.date=DATE`, one field of one commitment"
    return [
        with_target(name, warm_runs, warm, EDIT_TARGET, f"{ident}; {WARM}"),
        # Cold, validating the edit loads all of data/ from the YAML first: `brief check` cold's target.
        with_target(f"{name}, cold", cold_runs, cold, 2.0, f"{COLD}; as `brief check`, cold"),
    ]


def measure_add(runner: Runner, runs: int) -> list[Row]:
    samples = edit_samples(runner.corpus)
    command = [
        BRIEF, "add", "commitment", samples.new_id, "kamer=TK", "made.kind=commissiedebat", "made.date=2026-11-02",
        "text=De Kamer voor de zomer informeren over de voortgang van de pilot.", f"by={samples.by}",
        "due.date=2027-06-30",
    ]
    seconds, done = runner.edit_median(command, runs, expect=f"new commitment {samples.new_id}")
    return [with_target("`brief add commitment ID …` (6 fields)", done, seconds, EDIT_TARGET, WARM)]


def measure_link(runner: Runner, runs: int) -> list[Row]:
    samples = edit_samples(runner.corpus)
    command = [BRIEF, "link", samples.commitment, samples.draft]
    seconds, done = runner.edit_median(command, runs, expect=f"{samples.draft} answers {samples.commitment}")
    note = f"{samples.commitment} → {samples.draft}; {WARM}"
    return [with_target("`brief link ID BRIEF`", done, seconds, EDIT_TARGET, note)]


def measure_fmt(runner: Runner, runs: int) -> list[Row]:
    command = [BRIEF, "fmt", "--check"]
    cold, cold_runs = runner.edit_median(command, runs, cold=True, writes=False)
    runner.run(command)  # remembers each file it found canonical
    warm, warm_runs = runner.edit_median(command, runs, writes=False)
    return [
        # CI runs it on every push in a fresh clone, so with no cache: it should cost a few times
        # what loading data/ does (`brief check` cold ≤ 2 s), not minutes.
        with_target("`brief fmt --check`, cold", cold_runs, cold, 5.0, f"{COLD}; CI runs it so"),
        # Warm, only the bytes of each file are hashed: a no-op, as `brief build` with nothing changed.
        with_target("`brief fmt --check`", warm_runs, warm, 0.5, "every file found canonical before"),
    ]


def measure_import(runner: Runner, runs: int) -> list[Row]:
    export = Path("registry") / "toezeggingen.json"  # written by bench/generate.py
    entities, new = registry_counts(runner.corpus, export)
    # Done weekly at the prompt, with the whole register: it reads 4 MB of JSON and rewrites and
    # validates one data file, a few times the work of `brief check` cold (≤ 2 s).
    note = f"{entities} toezeggingen, {new} of them new, a few hundred changed; {WARM}"
    return import_rows(runner, runs, export, "new commitment TZ", ("the ministry's whole register", note), "")


def import_rows(runner: Runner, runs: int, export: Path, expect: str, label: tuple[str, str], what: str) -> list[Row]:
    """`brief import FILE.json` and its dry run, each against the import's 5 s target; ``label``
    is what the rows say of the file and their note, ``what`` what the dry run's row adds."""
    command = [BRIEF, "import", export]
    seconds, done = runner.edit_median(command, runs, expect=expect)
    dry, dry_done = runner.edit_median([*command, "--dry-run"], runs, expect=expect, writes=False)
    of, note = label
    return [
        with_target(f"`brief import FILE.json`, {of}", done, seconds, 5.0, note),
        with_target(f"`brief import FILE.json --dry-run`{what}", dry_done, dry, 5.0, "the same, writing nothing"),
    ]


def measure_reconcile(runner: Runner, runs: int) -> list[Row]:
    export = Path("registry") / "toezeggingen.json"  # written by bench/generate.py: the Kamer's side
    entities, new = registry_counts(runner.corpus, export)
    command = [BRIEF, "reconcile", export]
    seconds = runner.median(command, runs, expect="reconcile: ")
    # Run before a coordinator's Monday meeting or on each pull request: reading the whole
    # register with positions as `brief import` does, our register warm, and no writing, so it
    # should stay within the import's target.
    note = f"{entities} toezeggingen, {new} of them not in data/, every difference printed; {WARM}"
    return [with_target("`brief reconcile FILE.json`, the ministry's whole register", runs, seconds, 5.0, note)]


def measure_overview(runner: Runner, runs: int) -> list[Row]:
    # Every toezegging of the ministry, some 800 landscape pages: made for a letter to the Kamer a few
    # times a year, it may take `brief check` cold (≤ 2 s) and again as much to lay out and write.
    command = [BRIEF, "overview", "--as-of", "2027-01-01"]
    seconds = runner.median(command, runs, expect="wrote out/toezeggingen.docx")
    _, out = runner.run(command)
    return [with_target("`brief overview`, every toezegging: DOCX and CSV", runs, seconds, 4.0, f"{out.splitlines()[-1]}; {WARM}")]


# --- Kamervragen ---------------------------------------------------------------------------------


def measure_kv_import(runner: Runner, runs: int) -> list[Row]:
    export = Path("registry") / "schriftelijke-vragen.json"  # written by bench/generate.py
    zaken = json.loads((runner.corpus / export).read_text(encoding="utf-8"))["value"]
    known = {path.stem for path in (runner.corpus / "data" / "kamervragen").glob("*.yaml")}
    new = sum(zaak["Nummer"] not in known for zaak in zaken)
    # Done weekly at the prompt, as the toezeggingen' import: the same target. It writes a file
    # per new set and round-trips every set the registry names.
    note = f"{len(zaken)} Zaken, {new} of them new sets, the rest in data/ (some changed); {WARM}"
    label = ("the ministry's schriftelijke vragen", note)
    return import_rows(runner, runs, export, "new Kamervragen ", label, ", schriftelijke vragen")


def measure_kv_import_vragen(runner: Runner, runs: int) -> list[Row]:
    text = sorted((runner.corpus / "registry").glob("vragen-*.txt"))[0]  # written by bench/generate.py
    number = text.stem.removeprefix("vragen-")
    command = [BRIEF, "import-vragen", text.relative_to(runner.corpus)]
    seconds, done = runner.edit_median(command, runs, expect=f"{number}: questions")
    # One set's questions into one file: an edit of one record, as `brief set` (≤ 1 s warm).
    note = f"{number}: its questions into a set imported without them; {WARM}"
    return [with_target("`brief import-vragen FILE.txt`, one published text", done, seconds, EDIT_TARGET, note)]


def measure_kv_status(runner: Runner, runs: int) -> list[Row]:
    command = [BRIEF, "status", "--kind", "kamervragen"]
    seconds = runner.median(command, runs, expect="Kamervragen")
    _, out = runner.run(command)
    sets = sum(" Kamervragen " in line for line in out.splitlines())
    # It reads all of data/ and the briefs, as `brief check` and the dashboard do: their target.
    name = "`brief status --kind kamervragen`, every set on the terminal"
    return [with_target(name, runs, seconds, 2.0, f"{sets} sets; {WARM}")]


def measure_kv_one(runner: Runner, runs: int) -> list[Row]:
    names = sorted(path.stem for path in (runner.corpus / "briefs").glob("kv-antwoord-*.md"))
    name = next(n for n in names if "aanbiedingsbrief: false" not in (runner.corpus / "briefs" / f"{n}.md").read_text(encoding="utf-8"))
    command = [BRIEF, "build", name, "--force"]
    seconds = runner.median(command, runs, expect=f"wrote out/{name}-aanbiedingsbrief.docx", writes=2)
    # Built at the prompt while the answers are written, as any one brief: ≤ 1 s, with two documents.
    note = f"{name}: the answers and the aanbiedingsbrief; {WARM}"
    return [with_target("`brief build NAME --force`, one kamervragen-antwoord (two documents)", runs, seconds, 1.0, note)]


def measure_redline(runner: Runner, runs: int) -> list[Row]:
    """One kamerbrief with a sentence added in the working tree against the commit: the brief
    built at both (the commit exported from git) and the two documents compared by Docxodus."""
    name = sample_briefs(runner.corpus)["kamerbrief"]
    brief = runner.corpus / "briefs" / f"{name}.md"
    runner.restore_corpus()
    try:
        with brief.open("a", encoding="utf-8") as stream:
            stream.write("\nDeze zin staat alleen in de werkmap.\n")
        seconds = runner.median([BRIEF, "redline", name, "HEAD"], runs, expect="-werkmap.docx")
    finally:
        runner.restore_corpus()
    # Run when a draft goes to a reviewer: two builds of one brief (each ≤ 1 s, as `brief build
    # NAME`), the commit's data/ and briefs/ exported from git, and Docxodus's compare (~0.8 s).
    note = f"{name}, one sentence added; {WARM}, the commit exported as by the run before"
    return [with_target("`brief redline NAME HEAD`, one kamerbrief against the working tree", runs, seconds, 5.0, note)]


def measure_woo(runner: Runner, runs: int) -> list[Row]:
    """`brief woo` of the first nota marked actief openbaar: its render, the sweep, one LibreOffice run."""
    names = sorted(path.stem for path in (runner.corpus / "briefs").glob("nota-*.md"))
    name = next(n for n in names if re.search(r"^actief_openbaar: true$", (runner.corpus / "briefs" / f"{n}.md").read_text(encoding="utf-8"), re.M))
    seconds = runner.median([BRIEF, "woo", name], runs, expect=f"wrote out/woo/{name}.pdf", writes=5)
    # Published once a nota is sent, not at the prompt: a few seconds, most of them LibreOffice's start.
    note = f"{name}: DOCX, PDF/A, inventory, DiWoo XML and JSON; {WARM}"
    return [with_target("`brief woo NAME`, one nota", runs, seconds, 5.0, note)]


# --- the live preview ----------------------------------------------------------------------------


def measure_preview(runner: Runner, runs: int) -> list[Row]:
    """From a save to the page that shows it: `brief preview` runs as a subprocess, the measurement
    listens on its event stream as the page does, and saves the brief (or data/) as an editor would."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="preview-examples-") as scratch:
        examples = Path(scratch)
        for folder in ("data", "briefs", "templates"):
            shutil.copytree(BENCH.parent / folder, examples / folder)
        name = "voortgang-aanpak-racisme"
        brief, data = preview_save_medians(runner, examples, name, runs)
        rows.append(with_target("`brief preview NAME`: save of the brief → page updated, example repository", runs, brief, 0.3, name))
        rows.append(with_target("`brief preview NAME`: save of data/commitments.yaml → page updated, example repository",
                                runs, data, 0.3, "only the changed record modelled again"))
    name = sample_briefs(runner.corpus)["kamerbrief"]
    try:
        brief, data = preview_save_medians(runner, runner.corpus, name, runs)
    finally:
        runner.restore_corpus()
    rows.append(with_target("`brief preview NAME`: save of the brief → page updated, ministry corpus", runs, brief, 1.0, name))
    rows.append(with_target("`brief preview NAME`: save of data/commitments.yaml → page updated, ministry corpus", runs,
                            data, 1.0, "a line added after the last of 5,000 commitments: only that record modelled again"))
    return rows


def preview_save_medians(runner: Runner, repo: Path, name: str, runs: int) -> tuple[float, float]:
    """Median seconds from a save to the "page" event that shows it: of the brief, then of data/.
    Each save waits for the DOCX's background rebuild of the one before, as a writer's saves do."""
    process = subprocess.Popen(
        [str(BRIEF), "preview", name, "--no-browser"], cwd=repo, env=runner.env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            raise BenchFailure(f"brief preview did not say where it serves: {line!r}\n{process.stderr.read()[-3000:]}")
        events = _event_stream(int(match.group(1)))
        _next_event(events, "build", lambda data: True)  # the first build, before any save
        brief = repo / "briefs" / f"{name}.md"
        commitments = repo / "data" / "commitments.yaml"
        original_brief, original_data = brief.read_text(encoding="utf-8"), commitments.read_text(encoding="utf-8")
        saves = {"brief": [], "data": []}
        try:
            for run in range(runs):
                token = f"Meting{run}x{os.getpid()}"
                saves["brief"].append(_timed_save(events, brief, original_brief + f"\n{token} van de voorvertoning.\n", token))
                saves["data"].append(_timed_save(events, commitments, original_data + f"\n# {token}\n", None))
        finally:
            brief.write_text(original_brief, encoding="utf-8")
            commitments.write_text(original_data, encoding="utf-8")
        return statistics.median(saves["brief"]), statistics.median(saves["data"])
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        if code != 128 + signal.SIGINT:
            raise BenchFailure(f"brief preview ended with exit {code} on Ctrl-C, not 130:\n{process.stderr.read()[-3000:]}")


def _timed_save(events: queue.Queue, path: Path, text: str, token: str | None) -> float:
    """Seconds from writing ``path`` to the page event after it (holding ``token``, when given)."""
    while not events.empty():  # nothing from before the save may pass for its page
        events.get_nowait()
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    _next_event(events, "page", lambda data: token is None or token in data["html"])
    seconds = time.perf_counter() - started
    _next_event(events, "build", lambda data: True)
    return seconds


def _event_stream(port: int) -> queue.Queue:
    """The preview's events as (kind, data), read in a thread of their own as they come."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/events")
    response = connection.getresponse()
    events: queue.Queue = queue.Queue()

    def read() -> None:
        kind = None
        for raw in response:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: ") and kind:
                events.put((kind, json.loads(line[len("data: "):])))

    threading.Thread(target=read, daemon=True).start()
    return events


def _next_event(events: queue.Queue, kind: str, wanted) -> dict:
    deadline = time.monotonic() + 120
    while True:
        try:
            found, data = events.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise BenchFailure(f"brief preview sent no {kind} event within 120 s") from None
        if found == kind and wanted(data):
            return data


# --- the report ---------------------------------------------------------------------------------


def header(repo_root: Path, corpus: Path, jobs: int, load: tuple[float, ...]) -> list[str]:
    commit = subprocess.run(
        ["git", "-C", str(repo_root), "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip() or "not a git checkout"
    return [
        "# Briefbouwer benchmark",
        "",
        f"- machine: {os.cpu_count()} cores ({platform.machine()}, {platform.system()} {platform.release()});"
        f" Python {platform.python_version()}; `--jobs {jobs}`",
        f"- builder under test: {repo_root} ({commit}); run {dt.datetime.now().isoformat(timespec='seconds')}",
        *([f"- PYTHONPATH after it: {os.environ['PYTHONPATH']}"] if os.environ.get("PYTHONPATH") else []),
        f"- {corpus_summary(corpus)}",
        f"- load average at the start: {' '.join(f'{x:.2f}' for x in load)} (other work on the machine skews times)",
        "- times are wall-clock medians of the runs shown; subprocess rows include process start-up;"
        " bytecode cached (PYTHONPYCACHEPREFIX)",
        "",
        "| measurement | runs | median | target | result | note |",
        "|---|---|---|---|---|---|",
    ]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    repo_root = args.repo_root.resolve()
    only = args.only or set(MEASUREMENTS)
    load = os.getloadavg()  # before the measurements add to it
    try:
        corpus = prepare_corpus(args.cache)
        runner = Runner(repo_root, corpus, args.cache)
        _ensure_builder_from(runner, repo_root)
        runner.run([PYTHON, "-c", "import builder.cli, builder.pipeline, builder.render, builder.edit"])  # warm the cache
        briefs = len(list((corpus / "briefs").glob("*.md")))
        print(f"cores: {os.cpu_count()}, Python {platform.python_version()}", flush=True)
        rows = run_measurements(runner, only, args, briefs)
    except BenchFailure as failure:
        print(f"bench: {failure}", file=sys.stderr)
        return 1
    table = "\n".join([*header(repo_root, corpus, args.jobs, load), *(row.markdown() for row in rows)]) + "\n"
    print(table)
    args.output.write_text(table, encoding="utf-8")
    return 0 if all(row.passed is not False for row in rows) else 3


def run_measurements(runner: Runner, only: set[str], args: argparse.Namespace, briefs: int) -> list[Row]:
    rows: list[Row] = []

    def add(found: list[Row]) -> None:
        for row in found:
            print(row.markdown(), flush=True)
        rows.extend(found)

    if "startup" in only:
        add(measure_startup(runner, args.runs))
    if "load" in only:
        add(measure_load(runner, args.runs))
    if "check" in only:
        add(measure_check(runner, args.runs))
    if "status" in only:
        add(measure_status(runner, args.runs))
    if "serial" in only and "pandoc" in only:
        add(measure_serial_against_pandoc(runner, args.long_runs, briefs))
    elif "serial" in only:
        seconds = runner.median([BRIEF, "build", "--force"], args.long_runs, writes=documents_written(runner.corpus))
        add([measure_serial_row(args.long_runs, seconds, briefs)])
    elif "pandoc" in only:
        add(pandoc_rows(args.long_runs, runner.probe("pandoc", args.long_runs), None))
    if "noop" in only:
        add(measure_noop(runner, args.runs, briefs))
    if "one" in only:
        add(measure_one(runner, args.runs))
    if "jobs" in only:
        add(measure_jobs(runner, args.long_runs, briefs, args.jobs))
    edits = {
        "set": measure_set, "add": measure_add, "link": measure_link, "fmt": measure_fmt, "import": measure_import,
        "kv-import": measure_kv_import, "kv-import-vragen": measure_kv_import_vragen,
    }
    for name, measure in edits.items():
        if name in only:
            add(measure(runner, args.runs))
    if "reconcile" in only:
        add(measure_reconcile(runner, args.runs))
    if "overview" in only:
        add(measure_overview(runner, args.runs))
    if "kv-status" in only:
        add(measure_kv_status(runner, args.runs))
    if "kv-one" in only:
        add(measure_kv_one(runner, args.runs))
    if "redline" in only:
        add(measure_redline(runner, args.runs))
    if "woo" in only:
        add(measure_woo(runner, args.runs))
    if "check-woo" in only:
        add(measure_check_woo(runner, args.runs))
    if "preview" in only:
        add(measure_preview(runner, args.runs))
    if "new" in only:
        add(measure_new(runner, args.runs))
    if "one-pdf" in only:
        add(measure_one_pdf(runner, args.runs))
    return rows


def _ensure_builder_from(runner: Runner, repo_root: Path) -> None:
    """The editable install points at /work/main; PYTHONPATH must win, or we measure the wrong tree."""
    _, out = runner.run([PYTHON, "-c", "import builder; print(builder.__file__)"])
    if not Path(out.strip()).resolve().is_relative_to(repo_root):
        raise BenchFailure(f"builder is imported from {out.strip()}, not from {repo_root}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per quick measurement (default 5)")
    parser.add_argument("--long-runs", type=int, default=3, help="runs of the full builds and of pandoc (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for `brief build --jobs N`")
    parser.add_argument("--repo-root", type=Path, default=BENCH.parent, help="the builder checkout to measure")
    groups = "; ".join(f"{group} = {','.join(names)}" for group, names in GROUPS.items())
    parser.add_argument(
        "--only", type=_selection, metavar="NAMES",
        help=f"comma-separated subset of: {','.join(MEASUREMENTS)} (or a group: {groups})",
    )
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "briefbouwer-bench")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md", help="where the table is written")
    return parser


def _selection(text: str) -> set[str]:
    names = {name for word in text.split(",") for name in GROUPS.get(word.strip(), (word.strip(),))}
    unknown = names - set(MEASUREMENTS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    return names


if __name__ == "__main__":
    sys.exit(main())
