"""Loading each data file on its own: from the data cache while it is unchanged, else parsed
(in worker processes when there is enough of it) and cached, with the cyclic collector held off."""

from __future__ import annotations

import gc
import pickle
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import data_cache
from .codes import finding
from .diagnostics import Location
from .load import compose_yaml, load_yaml_bytes, load_yaml_file, read_input_bytes
from .model import INVALID, Converter
from .project import Project, data_files, link_problem
from .workers import fork_map, usable_cpus

# Below this many bytes of YAML to load, starting worker processes costs more than it saves.
PARALLEL_LOAD_BYTES = 1_000_000


@dataclass(frozen=True)
class LoadOptions:
    """How a process wants data/ loaded.

    ``freeze_loaded``: once loaded, the records are frozen out of the cyclic collector's
    sight (``gc.freeze``). That is process-wide, so only a caller that owns the process,
    the ``brief`` command, should ask for it; it pays off there because every later full
    collection (checking 300 briefs makes several) would otherwise rescan the million
    objects of a ministry's data/, a third of a warm ``brief check``. Frozen objects are
    still freed when the last reference goes; the records are trees, so nothing is kept
    alive that reference counting would have freed.
    """

    freeze_loaded: bool = False


@contextmanager
def cyclic_gc_paused(options: LoadOptions):
    """Loading data/ (or unpickling it) makes about a million tree-shaped objects, freed by
    reference counting; meanwhile the cyclic collector would rescan the growing heap again
    and again (a third of the load at ministry scale, two thirds of the unpickling)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if options.freeze_loaded:
            gc.freeze()
        gc.enable()


def load_record(project: Project, path: Path, cls, source: str | bytes | None):
    """One data file's record and problems; ``source`` is its text or bytes, else it is read."""
    shown = project.shown(path)
    if isinstance(source, str):
        document, problems = compose_yaml(source, shown)
    elif isinstance(source, bytes):
        document, problems = load_yaml_bytes(source, shown)
    elif not path.exists():
        return INVALID, [finding(Location(shown), f"missing data file: create {shown}", "missing-file")]
    else:
        document, problems = load_yaml_file(path, shown)
    if document.root is None:
        if not problems:
            problems = [finding(Location(shown), f"{shown} is empty", "missing-file")]
        return INVALID, problems
    if problems:
        return INVALID, problems
    converter = Converter(document)
    record = converter.record(cls, document.root)
    return record, converter.problems


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
            records[path] = load_record(project, path, cls, None)
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
    workers = min(len(stale), usable_cpus())
    if workers < 2 or sum(len(data) for _, _, data, _ in stale) < PARALLEL_LOAD_BYTES:
        return [_load_pickled(project, job) for job in stale]
    # Largest first, so that no worker is left with the big file while the others idle.
    order = sorted(range(len(stale)), key=lambda index: -len(stale[index][2]))
    loaded = fork_map(partial(_load_pickled, project), [stale[index] for index in order], workers)
    by_index = dict(zip(order, loaded, strict=True))
    return [by_index[index] for index in range(len(stale))]


def _load_pickled(project: Project, job: tuple[Path, type, bytes, str]) -> bytes:
    path, cls, data, key = job
    pickled = pickle.dumps(load_record(project, path, cls, data), protocol=pickle.HIGHEST_PROTOCOL)
    data_cache.write(project.root, path, key, pickled)
    return pickled
