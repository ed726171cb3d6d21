"""``brief new TYPE NAME``: a new brief with its type's front matter filled in and a body to write in.

The type decides what a new brief of its kind holds (``DocumentType.scaffold``);
this module finds what every type starts from (today, the signatory in office, the
record the brief is about) and writes the file, never over one that exists.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .codes import finding
from .diagnostics import Diagnostic, Location, did_you_mean, unknown
from .doctypes import Answerable, Scaffold, Start, document_types
from .model import Repository
from .project import BRIEF_NAME, Project


@dataclass(frozen=True)
class Created:
    path: Path
    about: str | None  # the record the type chose when none was named (an overleg, a set of Kamervragen)


def new_brief(
    project: Project, repository: Repository, type_name: str, name: str, about: str | None = None,
    today: dt.date | None = None,
) -> tuple[Created | None, list[Diagnostic]]:
    """Write ``briefs/NAME.md`` as a brief of ``type_name`` starts; refuse an existing file."""
    problems = _name_problems(project, type_name, name)
    if problems:
        return None, problems
    doctype = document_types()[type_name]
    today = today or dt.date.today()
    answerable = doctype.answerable(repository)
    if answerable is not None:
        about, problem = _about(answerable, about)
        if problem is not None:
            return None, [problem]
    start = Start(name, today, _signatory(repository, today), about, repository, _sender(repository))
    text = as_text(doctype.scaffold(start))
    path = project.briefs_dir / f"{name}.md"
    if not _create(path, text):
        message = f"{project.shown(path)} exists: choose another name, or remove it first"
        return None, [finding(Location(project.shown(path)), message, "brief-exists")]
    return Created(path, about), []


def _name_problems(project: Project, type_name: str, name: str) -> list[Diagnostic]:
    types = sorted(document_types())
    where = Location(project.shown(project.briefs_dir / f"{name}.md"))
    if type_name not in types:
        message = f"unknown document type '{type_name}'{did_you_mean(type_name, types)}; one of: {', '.join(types)}"
        return [finding(Location("brief new"), message, "choice")]
    if not BRIEF_NAME.match(name):
        return [finding(where, f"invalid brief name '{name}': use letters, digits, '-' and '_' (at most 100)", "brief-name")]
    return []


def _about(answerable: Answerable, named: str | None) -> tuple[str | None, Diagnostic | None]:
    """The record a new brief answers: the one named, else the newest there is."""
    records = answerable.records
    if named is not None:
        if named not in records:
            return None, finding(Location("--over"), unknown(answerable.noun, named, records), "unknown-id")
        return named, None
    if not records:
        message = f"no {answerable.noun} in {answerable.folder} to answer: add it first (brief import), then name it with --over"
        return None, finding(Location(answerable.folder), message, "unknown-id")
    newest = max(records.values(), key=lambda record: (answerable.dated(record), record.id))
    return newest.id, None


def _signatory(repository: Repository, today: dt.date) -> str | None:
    """The bewindspersoon a new letter is signed by: the first in office today, a minister
    before a staatssecretaris, as data/organisation.yaml lists them."""
    people = list(repository.bewindspersonen.values())
    in_office = [person for person in people if person.holds_on(today)] or people
    ministers = [person for person in in_office if "minister" in person.role.lower()]
    chosen = (ministers or in_office or [None])[0]
    return chosen.id if chosen is not None else None


def _sender(repository: Repository) -> str | None:
    """The directorate a new brief is sent from: the default one. None where the organisation
    file has no directorates by id (its one directorate sends every brief), or several and no
    default: then ``brief check`` asks the writer to choose (``no-sender``), not a guess."""
    organisation = repository.organisation
    default = organisation.default_sender
    if not (organisation.directorates or organisation.ministries) or default is None:
        return None
    return default.directorate.id


def as_text(scaffold: Scaffold) -> str:
    """The brief's file: front matter (values as JSON strings, which YAML reads as written,
    whatever they hold), its comments, and the body."""
    lines = ["---"]
    for key, value, comment in scaffold.fields:
        lines.append(f"{key}: {_yaml_value(value)}" + (f"  # {comment}" if comment else ""))
    lines.append("---")
    return "\n".join(lines) + "\n\n" + scaffold.body.strip("\n") + "\n"


def _yaml_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _plain_or_quoted(str(value))


def _plain_or_quoted(text: str) -> str:
    """``text`` as a plain scalar where YAML reads that back as the same string (nota, TK,
    nog toe te kennen), else double-quoted (a betreft with a colon, "true", "2025")."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        read = YAML(typ="safe").load(f"k: {text}\n") if text and "#" not in text else None
    except YAMLError:
        read = None
    return text if read == {"k": text} else json.dumps(text, ensure_ascii=False)


def _create(path: Path, text: str) -> bool:
    """Write ``path`` whole, only if no file is there: a hard link of a finished temporary
    file, which fails on an existing name, so a brief written meanwhile is never replaced."""
    from .write import write_temporary

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_temporary(path, text.encode("utf-8"))
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        temporary.unlink()
    return True
