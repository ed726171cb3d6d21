"""Assembling the records of every data file into one repository, checked across files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from .diagnostics import Diagnostic, has_errors
from .calendar import CalendarFile, calendar_problems
from .kamervragen import Kamervragen, kamervragen_problems
from .lifecycle import resolve_commitment_dues
from .loading import LoadOptions, cached_records, cyclic_gc_paused, load_record
from .lock import recover_interrupted_writes
from .model import (
    INVALID,
    CommitmentsFile,
    DocumentsFile,
    MotionsFile,
    Organisation,
    Overleg,
    Repository,
    document_problems,
    index_by_id,
)
from .project import Project, data_files
from .resolve import data_problems, logo_problems, organisation_problems, overleg_problems, resolve_appointments
from .severities import read_severities
from .woo.names import WooFile


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
    project: Project, texts: Mapping[Path, str] | None = None, options: LoadOptions = LoadOptions()
) -> tuple[Repository | None, list[Diagnostic]]:
    """Read and validate everything in ``data/``, reporting all problems at once.

    ``texts`` stands in for files' contents: an edit is validated as the whole
    repository it would make before anything is written. Every other file
    unchanged since an earlier run comes from the data cache. The repository's own
    severities (``data/rules.yaml``) come with it: check and build apply the same.
    """
    return repository_of(project, load_data(project, texts, options), options)


def repository_of(
    project: Project, loaded: LoadedData, options: LoadOptions = LoadOptions()
) -> tuple[Repository | None, list[Diagnostic]]:
    """The repository of data already loaded file by file, checked as ``load_repository`` checks it."""
    repository, problems = assemble(loaded, options)
    if repository is not None:
        found_logo = logo_problems(repository, project.root)
        problems = sorted(problems + found_logo)
        repository = None if has_errors(found_logo) else repository
    severities, found = read_severities(project)
    if found:
        return None, sorted(problems + found)
    return (replace(repository, severities=severities) if repository else None), problems


def load_data(
    project: Project, texts: Mapping[Path, str] | None = None, options: LoadOptions = LoadOptions()
) -> LoadedData:
    """Every data file loaded on its own: ``texts`` as given, the others cached or read."""
    if texts is None:
        recover_interrupted_writes(project.data_dir, project.edited_dirs)
    texts = texts or {}
    files = data_files(project)
    with cyclic_gc_paused(options):
        records = dict(cached_records(project, [(path, cls) for path, cls in files if path not in texts]))
        for path, cls in files:
            if path in texts:
                records[path] = load_record(project, path, cls, texts[path])
    return LoadedData(tuple(files), tuple(records[path] for path, _ in files))


def assemble(loaded: LoadedData, options: LoadOptions = LoadOptions()) -> tuple[Repository | None, list[Diagnostic]]:
    with cyclic_gc_paused(options):
        return _repository(list(loaded.files), list(loaded.records))


def _repository(files: list[tuple[Path, type]], records: list[tuple]) -> tuple[Repository | None, list[Diagnostic]]:
    """The records of every data file as one repository, checked across files."""
    problems: list[Diagnostic] = []
    loaded = {}
    overleggen_loaded = []
    kamervragen_loaded = []
    for (_, cls), (record, found) in zip(files, records, strict=True):
        problems += found
        if cls is Overleg:
            overleggen_loaded.append(record)
        elif cls is Kamervragen:
            kamervragen_loaded.append(record)
        else:
            loaded[cls] = record
    if any(record is INVALID for record in [*loaded.values(), *overleggen_loaded, *kamervragen_loaded]):
        return None, sorted(problems)
    taken: dict = {}
    commitments, found_c = index_by_id(loaded[CommitmentsFile].commitments, taken)
    motions, found_m = index_by_id(loaded[MotionsFile].motions, taken)
    documents, found_d = index_by_id(loaded[DocumentsFile].documents, taken)
    organisation, found_people = resolve_appointments(loaded[Organisation])
    problems += found_people
    _, found_b = index_by_id(organisation.bewindspersonen, {})
    overleggen, found_o = index_by_id(tuple(overleggen_loaded), {})
    # One namespace with commitments, motions and documents: a set is cited as @2025Z01234.
    kamervragen, found_k = index_by_id(tuple(kamervragen_loaded), taken)
    problems += found_c + found_m + found_d + found_b + found_o + found_k
    for document in documents.values():
        problems += document_problems(document)
    calendar = loaded.get(CalendarFile)
    if calendar is not None:
        problems += calendar_problems(calendar)
    repository = Repository(
        commitments, motions, documents, organisation, overleggen, kamervragen=kamervragen, calendar=calendar,
        woo=loaded.get(WooFile),
    )
    repository, found_due = resolve_commitment_dues(repository)
    problems += found_due
    problems += organisation_problems(repository)
    problems += data_problems(repository)
    for overleg in overleggen.values():
        problems += overleg_problems(overleg, repository)
    for one_set in kamervragen.values():
        problems += kamervragen_problems(one_set, repository)
    return (None if has_errors(problems) else repository), sorted(problems)
