"""The pipeline: load -> model -> resolve -> check -> render -> write.

This is the library the CLI and the tests call. Every function returns
diagnostics; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import check as checks
from . import data_cache
from .coverage import CoverageRow, coverage_rows
from .diagnostics import Diagnostic, Location, did_you_mean, error, has_errors, save_traceback, shortened
from .lock import recover_interrupted_writes
from .load import compose_yaml, load_brief, load_yaml_bytes, load_yaml_file, read_input_bytes
from .doctypes import doctype_of, front_matter_types
from .model import (
    INVALID,
    Brief,
    CommitmentsFile,
    Converter,
    DocumentsFile,
    MotionsFile,
    Organisation,
    Overleg,
    Repository,
    document_problems,
    index_by_id,
)
from .resolve import data_problems, overleg_problems, resolve_brief

# At most 100 characters: the name goes into file names and document properties.
BRIEF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class Project:
    """Where a Briefbouwer repository keeps its inputs and outputs."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def briefs_dir(self) -> Path:
        return self.root / "briefs"

    @property
    def overleggen_dir(self) -> Path:
        return self.data_dir / "overleggen"

    @property
    def reference_docx(self) -> Path:
        return self.root / "templates" / "reference.docx"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def edited_dirs(self) -> tuple[Path, ...]:
        """Where edits write, and so where a killed edit may leave a temporary file."""
        return (self.data_dir, self.overleggen_dir, self.briefs_dir)

    def shown(self, path: Path) -> str:
        """Paths in messages are relative to the repository root, as editors and CI expect."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    up_to_date: tuple[str, ...] = ()  # briefs skipped: nothing they are built from changed

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


# --- load + model ------------------------------------------------------------------------


DATA_FILES = {
    "commitments.yaml": CommitmentsFile,
    "motions.yaml": MotionsFile,
    "documents.yaml": DocumentsFile,
    "organisation.yaml": Organisation,
}


def data_files(project: Project) -> list[tuple[Path, type]]:
    """Every file in ``data/`` with the record type its root holds."""
    files = [(project.data_dir / name, schema) for name, schema in DATA_FILES.items()]
    return files + [(path, Overleg) for path in sorted(project.overleggen_dir.glob("*.yaml"))]


def _load_record(project: Project, path: Path, cls, source: str | bytes | None):
    """One data file's record and problems; ``source`` is its text or bytes, else it is read."""
    shown = project.shown(path)
    if isinstance(source, str):
        document, problems = compose_yaml(source, shown)
    elif isinstance(source, bytes):
        document, problems = load_yaml_bytes(source, shown)
    elif not path.exists():
        return INVALID, [error(Location(shown), f"missing data file: create {shown}", "missing-file")]
    else:
        document, problems = load_yaml_file(path, shown)
    if document.root is None:
        if not problems:
            problems = [error(Location(shown), f"{shown} is empty", "missing-file")]
        return INVALID, problems
    if problems:
        return INVALID, problems
    converter = Converter(document)
    record = converter.record(cls, document.root)
    return record, converter.problems


@dataclass(frozen=True)
class LoadedData:
    """Each data file's (record, problems), in ``data_files`` order, before assembly."""

    files: tuple[tuple[Path, type], ...]
    records: tuple[tuple, ...]

    def record_of(self, path: Path) -> tuple:
        return self.records[[file for file, _ in self.files].index(path)]

    def replaced(self, path: Path, record: tuple) -> LoadedData:
        index = [file for file, _ in self.files].index(path)
        return LoadedData(self.files, (*self.records[:index], record, *self.records[index + 1 :]))


def load_repository(
    project: Project, texts: Mapping[Path, str] | None = None
) -> tuple[Repository | None, list[Diagnostic]]:
    """Read and validate everything in ``data/``, reporting all problems at once.

    ``texts`` stands in for files' contents: an edit is validated as the whole
    repository it would make before anything is written. Every other file
    unchanged since an earlier run comes from the data cache.
    """
    return assemble(load_data(project, texts))


def load_data(project: Project, texts: Mapping[Path, str] | None = None) -> LoadedData:
    """Every data file loaded on its own: ``texts`` as given, the others cached or read."""
    if texts is None:
        recover_interrupted_writes(project.data_dir, project.edited_dirs)
    texts = texts or {}
    files = data_files(project)
    with _cyclic_gc_paused():
        records = dict(cached_records(project, [(path, cls) for path, cls in files if path not in texts]))
        for path, cls in files:
            if path in texts:
                records[path] = _load_record(project, path, cls, texts[path])
    return LoadedData(tuple(files), tuple(records[path] for path, _ in files))


def assemble(loaded: LoadedData) -> tuple[Repository | None, list[Diagnostic]]:
    with _cyclic_gc_paused():
        return _repository(list(loaded.files), list(loaded.records))


def _repository(files: list[tuple[Path, type]], records: list[tuple]) -> tuple[Repository | None, list[Diagnostic]]:
    """The records of every data file as one repository, checked across files."""
    problems: list[Diagnostic] = []
    loaded = {}
    overleggen_loaded = []
    for (_, cls), (record, found) in zip(files, records, strict=True):
        problems += found
        if cls is Overleg:
            overleggen_loaded.append(record)
        else:
            loaded[cls] = record
    if any(record is INVALID for record in [*loaded.values(), *overleggen_loaded]):
        return None, sorted(problems)
    taken: dict = {}
    commitments, found_c = index_by_id(loaded[CommitmentsFile].commitments, taken)
    motions, found_m = index_by_id(loaded[MotionsFile].motions, taken)
    documents, found_d = index_by_id(loaded[DocumentsFile].documents, taken)
    organisation = loaded[Organisation]
    _, found_b = index_by_id(organisation.bewindspersonen, {})
    overleggen, found_o = index_by_id(tuple(overleggen_loaded), {})
    problems += found_c + found_m + found_d + found_b + found_o
    for document in documents.values():
        problems += document_problems(document)
    repository = Repository(commitments, motions, documents, organisation, overleggen)
    problems += data_problems(repository)
    for overleg in overleggen.values():
        problems += overleg_problems(overleg, repository)
    return (None if has_errors(problems) else repository), sorted(problems)


# Below this many bytes of YAML to load, starting worker processes costs more than it saves.
PARALLEL_LOAD_BYTES = 1_000_000


def cached_records(project: Project, files: list[tuple[Path, type]]) -> list[tuple[Path, tuple]]:
    """Each file's path and (record, problems): from the data cache when its bytes are unchanged,
    else loaded, in parallel processes when there is enough of it, and cached."""
    records: dict[Path, tuple] = {}
    stale: list[tuple[Path, type, bytes, str]] = []
    for path, cls in files:
        link = link_problem(project, path)
        if link is not None:
            records[path] = (INVALID, [link])
            continue
        if not path.exists():
            records[path] = _load_record(project, path, cls, None)
            continue
        data, problems = read_input_bytes(path, project.shown(path))
        if data is None:  # a directory, a pipe, too large: reported as such, never cached
            records[path] = (INVALID, problems)
            continue
        key = data_cache.key(path, data)
        cached = data_cache.read(project.root, path, key)
        if cached is None:
            stale.append((path, cls, data, key))
        else:
            records[path] = cached
    for (path, *_), pickled in zip(stale, _load_and_cache(project, stale), strict=True):
        records[path] = pickle.loads(pickled)
    data_cache.forget_others(project.root, [path for path, _ in data_files(project)])
    return [(path, records[path]) for path, _ in files]


def _load_and_cache(project: Project, stale: list[tuple[Path, type, bytes, str]]) -> list[bytes]:
    """The pickled (record, problems) of each stale file, in order. Pickling is the price
    of the cache anyway, so worker processes hand their results back in that form."""
    _LOAD_JOBS[:] = [(project, *item) for item in stale]
    try:
        workers = min(len(stale), len(os.sched_getaffinity(0)))
        if workers >= 2 and sum(len(data) for _, _, data, _ in stale) >= PARALLEL_LOAD_BYTES:
            loaded = _load_in_workers(len(stale), workers)
            if loaded is not None:
                return loaded
        return [_load_pickled(index) for index in range(len(stale))]
    finally:
        _LOAD_JOBS.clear()


def _load_in_workers(count: int, workers: int) -> list[bytes] | None:
    """``_load_pickled`` of each job in worker processes, largest file first; None when
    processes cannot be had (no /dev/shm in a container, a worker killed for memory)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    largest_first = sorted(range(count), key=lambda i: -len(_LOAD_JOBS[i][3]))
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_load_pickled, largest_first))
    except (OSError, BrokenProcessPool):
        return None
    return [pickled for _, pickled in sorted(zip(largest_first, results, strict=True))]


# The files to load, set before worker processes fork so that they inherit the bytes
# instead of receiving them through a pipe.
_LOAD_JOBS: list[tuple[Project, Path, type, bytes, str]] = []


def _load_pickled(index: int) -> bytes:
    project, path, cls, data, key = _LOAD_JOBS[index]
    pickled = pickle.dumps(_load_record(project, path, cls, data), protocol=pickle.HIGHEST_PROTOCOL)
    data_cache.write(project.root, path, key, pickled)
    return pickled


@contextmanager
def _cyclic_gc_paused():
    """Loading data/ (or unpickling it) makes about a million tree-shaped objects, freed by
    reference counting; meanwhile the cyclic collector would rescan the growing heap again
    and again (a third of the load at ministry scale, two thirds of the unpickling).

    Afterwards they are frozen out of the collector's sight: every later full collection
    (checking 300 briefs makes several) would rescan them all, a third of a warm ``brief
    check``. Frozen objects are still freed when the last reference goes; the records are
    trees, so nothing is kept alive that reference counting would have freed.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def link_problem(project: Project, path: Path) -> Diagnostic | None:
    """Why an input that is a symbolic link is not read: it dangles, or leads out of the
    repository (a cloned repository's link to ``/etc/passwd`` or ``~/.ssh``: a build
    would copy what it reads into a document)."""
    if not path.is_symlink():
        return None
    shown = project.shown(path)
    target = os.readlink(path)
    if not path.exists():
        return error(Location(shown), f"cannot read file: a symbolic link to '{target}', which does not exist", "read")
    if not Path(os.path.realpath(path)).is_relative_to(project.root.resolve()):
        message = f"cannot read file: a symbolic link to '{target}', outside the repository; copy the file in instead"
        return error(Location(shown), message, "read")
    return None


def brief_names(project: Project) -> list[str]:
    return sorted(path.stem for path in project.briefs_dir.glob("*.md"))


def load_briefs(project: Project, names: list[str] | None = None) -> tuple[list[Brief], list[Diagnostic]]:
    """Read the named briefs (all when ``names`` is empty); unknown names are errors."""
    available = brief_names(project)
    problems: list[Diagnostic] = []
    briefs: list[Brief] = []
    for name in names or available:
        brief, found = _read_brief(project, name, available)
        problems += found
        if brief is not None:
            briefs.append(brief)
    return briefs, problems


def _read_brief(project: Project, name: str, available: list[str]) -> tuple[Brief | None, list[Diagnostic]]:
    path = project.briefs_dir / f"{name}.md"
    shown = project.shown(path)
    if not BRIEF_NAME.match(name):
        return None, [error(Location(shown), f"invalid brief name '{shortened(name, 60)}': use letters, digits, '-' and '_' (at most 100)", "brief-name")]
    if name not in available:
        return None, [error(Location(shown), f"no such brief '{name}'{did_you_mean(name, available)}", "brief-name")]
    link = link_problem(project, path)
    if link is not None:
        return None, [link]
    source, problems = load_brief(path, shown)
    if source is None or problems:
        return None, problems
    if source.front_matter.root is None:
        return None, [error(Location(shown, 2), "front matter is empty", "front-matter")]
    converter = Converter(source.front_matter)
    kind = converter.record_type(source.front_matter.root, front_matter_types())
    meta = INVALID if kind is INVALID else converter.record(kind, source.front_matter.root)
    if meta is INVALID:
        return None, converter.problems
    return Brief(name, shown, meta, source.body, source.body_line), converter.problems


def load_companions(project: Project, briefs: list[Brief]) -> tuple[dict[str, Brief], list[Diagnostic]]:
    """The briefs the given ones are built with (a nota's Kamerbrief), by name, read when not given."""
    letters = {brief.name: brief for brief in briefs}
    available = brief_names(project)
    problems: list[Diagnostic] = []
    for brief in briefs:
        for field, name in doctype_of(brief).companions(brief.meta):
            if name in letters or name not in available:
                continue  # an unknown name is reported when the brief is resolved
            letter, _ = _read_brief(project, name, available)
            if letter is None:
                message = f"{field} '{name}' cannot be read; check it first"
                problems.append(error(brief.meta.location_of(field), message, "unknown-brief"))
                continue
            letters[name] = letter
    return letters, problems


# --- resolve + check ----------------------------------------------------------------------


def check_briefs(
    briefs: list[Brief], repository: Repository, letters: dict[str, Brief], names: list[str]
) -> tuple[list[Diagnostic], dict[str, set[str]]]:
    """The problems of each brief, and the ids each one names (for the repository-wide pass)."""
    problems: list[Diagnostic] = []
    named: dict[str, set[str]] = {}
    for brief in briefs:
        problems += resolve_brief(brief, repository, letters, names)
        found, named[brief.name] = checks.brief_problems(brief, repository, letters)
        problems += found
    return problems, named


def check(project: Project, names: list[str] | None = None, as_of: dt.date | None = None) -> list[Diagnostic]:
    """Every stage except rendering: what ``brief check`` reports.

    The repository-wide findings (statuses, overdue commitments, unused documents)
    need every brief, so they are only made when no names are given.
    """
    repository, problems = load_repository(project)
    briefs, found = load_briefs(project, names)
    problems += found
    if repository is not None:
        letters, found = load_companions(project, briefs)
        found_in_briefs, named = check_briefs(briefs, repository, letters, brief_names(project))
        problems += found + found_in_briefs
        if not names:
            problems += checks.repository_problems(repository, briefs, named, as_of or dt.date.today())
    return sorted(problems)


# --- render + write ----------------------------------------------------------------------


def build(project: Project, names: list[str] | None = None, jobs: int = 1, force: bool = False) -> BuildResult:
    """Build briefs into ``out/NAME.docx``. A brief with errors is not written.

    A brief whose inputs hash as they did at its last build is skipped (unless
    ``force``); ``jobs`` > 1 renders in that many processes.
    """
    from .freshness import (
        MANIFEST,
        brief_digest,
        manifest_bytes,
        read_manifest,
        shared_digest,
    )
    from .version import source_stamp
    from .write import prepare_out_dir, remove_stale_temporaries, write_output

    stamp = source_stamp(project.root)
    requested = names or brief_names(project)
    shared = shared_digest(project.root, stamp.label)
    digests = {
        name: brief_digest(shared, project.briefs_dir / f"{name}.md") for name in requested if BRIEF_NAME.match(name)
    }
    manifest = read_manifest(project.out_dir)
    stale = [
        name for name in requested
        if force or name not in digests or manifest.get(name) != digests[name]
        or not (project.out_dir / f"{name}.docx").is_file()
    ]
    up_to_date = tuple(name for name in requested if name not in stale)
    if not stale:
        return BuildResult((), (), up_to_date)

    repository, problems = load_repository(project)
    briefs, found = load_briefs(project, stale)
    problems += found
    if repository is None:
        return BuildResult((), tuple(sorted(problems)), up_to_date)
    if not project.reference_docx.is_file():
        shown = project.shown(project.reference_docx)
        problems.append(error(Location(shown), f"missing {shown}: run 'make reference' to generate it", "missing-file"))
        return BuildResult((), tuple(sorted(problems)), up_to_date)
    letters, found = load_companions(project, briefs)
    problems += found
    unwritable = prepare_out_dir(project.out_dir)
    if unwritable is not None:
        problems.append(error(Location(project.shown(project.out_dir)), f"cannot write the documents: {unwritable}", "write"))
        return BuildResult((), tuple(sorted(problems)), up_to_date)
    remove_stale_temporaries(project.out_dir)
    _RENDER_INPUTS.update(
        repository=repository, letters=letters, names=brief_names(project), reference=project.reference_docx, stamp=stamp
    )
    written: list[Path] = []
    for brief, docx, found in _render_all(briefs, jobs):
        problems += found
        if docx is None:
            continue
        target = project.out_dir / f"{brief.name}.docx"
        try:
            write_output(target, docx, project.out_dir)
        except OSError as exc:
            problems.append(error(Location(project.shown(target)), f"cannot write the document: {exc.strerror}", "write"))
            continue
        written.append(target)
        manifest[brief.name] = digests[brief.name]
    if written:
        try:
            write_output(project.out_dir / MANIFEST, manifest_bytes(manifest), project.out_dir)
        except OSError:
            pass  # the documents are written; without the manifest the next build only redoes them
    return BuildResult(tuple(written), tuple(sorted(problems)), up_to_date)


# What every render needs, set before worker processes fork so that they inherit it
# instead of receiving the repository by pickling it for each brief.
_RENDER_INPUTS: dict = {}


INTERNAL = "internal"


def _check_and_render(brief: Brief) -> tuple[Brief, bytes | None, list[Diagnostic]]:
    """One brief checked and rendered; a bug of ours met on this brief fails this brief
    only (code ``internal``), and the others are still built."""
    try:
        return _check_and_render_unguarded(brief)
    except Exception as exc:  # noqa: BLE001 -- reported, with the traceback kept for a bug report
        log = save_traceback(f"building {brief.path}")
        kept = f"the traceback is in {log}" if log else "the traceback could not be saved"
        message = f"internal error while building this brief: {type(exc).__name__}: {exc}; {kept}"
        return brief, None, [error(Location(brief.path), message, INTERNAL)]


def _check_and_render_unguarded(brief: Brief) -> tuple[Brief, bytes | None, list[Diagnostic]]:
    from .render import render

    inputs = _RENDER_INPUTS
    problems, _ = check_briefs([brief], inputs["repository"], inputs["letters"], inputs["names"])
    if has_errors(problems):
        return brief, None, problems
    docx, found = render(brief, inputs["repository"], inputs["letters"], inputs["reference"], inputs["stamp"])
    return brief, docx, problems + found


def _render_all(briefs: list[Brief], jobs: int):
    if jobs <= 1 or len(briefs) <= 1:
        yield from map(_check_and_render, briefs)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(min(jobs, len(briefs))) as pool:
        yield from pool.imap(_check_and_render, briefs)


# --- coverage for coordinators -------------------------------------------------------------


def status(
    project: Project, as_of: dt.date | None = None
) -> tuple[Repository | None, list[CoverageRow], list[Diagnostic]]:
    """Every commitment and motion with the letters that answer it (``brief status``)."""
    repository, problems = load_repository(project)
    briefs, found = load_briefs(project)
    problems += found
    if repository is None:
        return None, [], sorted(problems)
    return repository, coverage_rows(repository, briefs, as_of or dt.date.today()), sorted(problems)
