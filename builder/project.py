"""Where a Briefbouwer repository keeps things: its paths, its briefs' names, and its kinds of data file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .codes import finding
from .diagnostics import Diagnostic, Location

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
    def kamervragen_dir(self) -> Path:
        return self.data_dir / "kamervragen"

    @property
    def reference_docx(self) -> Path:
        return self.root / "templates" / "reference.docx"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def edited_dirs(self) -> tuple[Path, ...]:
        """Where edits write, and so where a killed edit may leave a temporary file."""
        return (self.data_dir, self.overleggen_dir, self.kamervragen_dir, self.briefs_dir)

    def shown(self, path: Path) -> str:
        """Paths in messages are relative to the repository root, as editors and CI expect."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path) -> Path | None:
    """The repository ``start`` is in, found as git finds its own: the nearest folder, from
    ``start`` up, with ``data/commitments.yaml``, or with both ``data/`` and ``briefs/``
    (a new repository's first files). A writer runs ``brief`` from ``briefs/`` too."""
    for folder in (start, *start.parents):
        data = folder / "data"
        # data/ may be broken (a file, at some revision): that is for the stages to report.
        if (data / "commitments.yaml").is_file() or (data.exists() and (folder / "briefs").is_dir()):
            return folder
    return None


def brief_name_of(project: Project, argument: str, cwd: Path) -> str:
    """The brief an argument names: its name ("x"), or its file as a shell completes it
    ("briefs/x.md", "x.md" from within briefs/, a path from anywhere). A path to a file
    outside briefs/ stays as given, for the load stage to refuse with its own message."""
    if not (argument.endswith(".md") or "/" in argument or os.sep in argument):
        return argument
    path = Path(os.path.abspath(cwd / argument))
    if path.suffix == ".md" and path.parent == Path(os.path.abspath(project.briefs_dir)):
        return path.stem
    return argument


@dataclass(frozen=True)
class DataKind:
    """One kind of file in ``data/``: its name there, the schema of its root, and, for a
    file that holds a list of records (what edits change and history diffs), the key of
    that list and the schema of one record.

    Schemas are named, not imported: ``brief diff`` and ``brief log`` read this table and
    compare YAML without ever building the model, whose import they need not pay for.
    """

    kind: str
    file: str  # in data/; for a folder kind, the folder of one-record files
    root: str
    list_key: str | None = None
    item: str | None = None
    folder: bool = False
    optional: bool = False  # a repository may go without it

    @property
    def root_schema(self) -> type:
        import importlib

        module, _, name = self.root.rpartition(".")
        return getattr(importlib.import_module(f"builder.{module or 'model'}"), name)

    @property
    def item_schema(self) -> type:
        from . import model

        return getattr(model, self.item)

    @property
    def relative(self) -> str:
        """The file's path in the project, as git and messages name it."""
        return f"data/{self.file}"


DATA_KINDS: tuple[DataKind, ...] = (
    DataKind("commitment", "commitments.yaml", "CommitmentsFile", "commitments", "Commitment"),
    DataKind("motion", "motions.yaml", "MotionsFile", "motions", "Motion"),
    DataKind("document", "documents.yaml", "DocumentsFile", "documents", "Document"),
    DataKind("organisation", "organisation.yaml", "Organisation"),
    DataKind("overleg", "overleggen", "Overleg", folder=True),
    # Schriftelijke vragen, one file a set, named by the Kamer's number (2025Z01234).
    DataKind("kamervragen", "kamervragen", "kamervragen.Kamervragen", folder=True),
    # Recesses and Prinsjesdag, through which due phrases ("voor het zomerreces 2025") resolve.
    DataKind("calendar", "calendar.yaml", "calendar.CalendarFile", optional=True),
    # The names `brief check --woo` is not to propose (builder.woo.names).
    DataKind("woo", "woo.yaml", "woo.names.WooFile", optional=True),
)
# The kinds whose file holds a list of records, by kind: what ``add``, ``set`` and ``brief diff`` work on.
RECORD_KINDS: dict[str, DataKind] = {kind.kind: kind for kind in DATA_KINDS if kind.list_key is not None}


def data_files(project: Project) -> list[tuple[Path, type]]:
    """Every file in ``data/`` with the record type its root holds."""
    files: list[tuple[Path, type]] = []
    for kind in DATA_KINDS:
        if kind.folder:
            files += [(path, kind.root_schema) for path in sorted((project.data_dir / kind.file).glob("*.yaml"))]
        elif kind.optional and not (project.data_dir / kind.file).exists():
            continue
        else:
            files.append((project.data_dir / kind.file, kind.root_schema))
    return files


def link_problem(project: Project, path: Path) -> Diagnostic | None:
    """Why an input that is a symbolic link is not read: it dangles, or leads out of the
    repository (a cloned repository's link to ``/etc/passwd`` or ``~/.ssh``: a build
    would copy what it reads into a document)."""
    if not path.is_symlink():
        return None
    shown = project.shown(path)
    target = os.readlink(path)
    if not path.exists():
        return finding(Location(shown), f"cannot read file: a symbolic link to '{target}', which does not exist", "read")
    if not Path(os.path.realpath(path)).is_relative_to(project.root.resolve()):
        message = f"cannot read file: a symbolic link to '{target}', outside the repository; copy the file in instead"
        return finding(Location(shown), message, "read")
    return None


def brief_names(project: Project) -> list[str]:
    return sorted(path.stem for path in project.briefs_dir.glob("*.md"))
