"""What changed in the data, in words: ``brief diff`` and ``brief log``, from git.

A *snapshot* is the data as plain YAML values (records by id) plus what each
brief's front matter says it answers, taken from a commit or from the working
tree. Two snapshots compare to a list of :class:`Change` records, which the
renderers turn into text or Markdown for a pull request.

Snapshots read the YAML as plain values rather than through the model on
purpose: history holds files that an older schema accepted, and a diff must
still describe them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import io
import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .diagnostics import Diagnostic, Location, error, warning

# Files whose records are diffed, the list inside each, and the noun for a record.
RECORD_FILES = {
    "data/commitments.yaml": ("commitments", "commitment"),
    "data/motions.yaml": ("motions", "motion"),
    "data/documents.yaml": ("documents", "document"),
}
PROSE_FIELDS = frozenset({"text", "dictum", "notes", "reason", "short", "subject", "title", "closing", "intro"})
WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Record:
    kind: str  # commitment, motion, document
    ident: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Letter:
    """What history needs of a brief: its status and what it answers."""

    name: str
    status: str | None
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Snapshot:
    label: str
    records: dict[str, Record] = field(default_factory=dict)
    letters: dict[str, Letter] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One change, said in words by :func:`as_text` and :func:`as_markdown`."""

    kind: str  # commitment, motion, document, brief
    ident: str
    what: str  # new, removed, field, answers, unanswers
    name: str = ""  # the field, for 'field'
    old: Any = None
    new: Any = None

    @property
    def is_prose(self) -> bool:
        return self.what == "field" and (self.name.split(".")[-1] in PROSE_FIELDS) and bool(self.old) and bool(self.new)


# --- snapshots -------------------------------------------------------------------------------


def snapshot(files: dict[str, str], label: str) -> tuple[Snapshot, list[Diagnostic]]:
    """A snapshot from file texts by repository path (``data/…``, ``briefs/….md``)."""
    records: dict[str, Record] = {}
    letters: dict[str, Letter] = {}
    problems: list[Diagnostic] = []
    for path, (list_key, kind) in RECORD_FILES.items():
        if path not in files:
            continue
        data, found = _plain_yaml(files[path], f"{label}:{path}")
        problems += found
        for item in (data or {}).get(list_key) or [] if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                records[item["id"]] = Record(kind, item["id"], flatten(item))
    for path, text in files.items():
        if path.startswith("briefs/") and path.endswith(".md"):
            letter, found = _letter(Path(path).stem, text, f"{label}:{path}")
            problems += found
            if letter is not None:
                letters[letter.name] = letter
    return Snapshot(label, records, letters), problems


def _plain_yaml(text: str, shown: str) -> tuple[Any, list[Diagnostic]]:
    data, problem = _parsed(text)
    if problem is not None:
        return None, [warning(Location(shown), f"skipped: not valid YAML ({problem})", "history")]
    return data, []


@functools.lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple[Any, str | None]:
    """Plain data of a YAML text, parsed once: ``brief log`` meets the same file in many commits.

    Callers only read the result.
    """
    try:
        return YAML(typ="safe").load(text), None
    except YAMLError as exc:
        return None, str(exc).splitlines()[0]


def _letter(name: str, text: str, shown: str) -> tuple[Letter | None, list[Diagnostic]]:
    match = re.match(r"---[ \t]*\n(.*?)\n(---|\.\.\.)[ \t]*(\n|$)", text, re.S)
    if not match:
        return None, []
    meta, problems = _plain_yaml(match.group(1), shown)
    if not isinstance(meta, dict):
        return None, problems
    answers = meta.get("answers") or []
    return Letter(name, meta.get("status"), tuple(str(a) for a in answers if isinstance(a, str))), problems


def flatten(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted keys (``made.date``), so each leaf is one change."""
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


# --- comparing -------------------------------------------------------------------------------


def compare(before: Snapshot, after: Snapshot) -> list[Change]:
    changes: list[Change] = []
    for ident, record in after.records.items():
        old = before.records.get(ident)
        if old is None:
            changes.append(Change(record.kind, ident, "new", new=_summary(record)))
            continue
        for name in [*old.values, *(k for k in record.values if k not in old.values)]:
            if name != "id" and old.values.get(name) != record.values.get(name):
                changes.append(Change(record.kind, ident, "field", name, old.values.get(name), record.values.get(name)))
    for ident, record in before.records.items():
        if ident not in after.records:
            changes.append(Change(record.kind, ident, "removed", old=_summary(record)))
    for name, letter in after.letters.items():
        old_letter = before.letters.get(name, Letter(name, None, ()))
        for ident in letter.answers:
            if ident not in old_letter.answers:
                changes.append(Change("brief", name, "answers", new=ident))
        for ident in old_letter.answers:
            if ident not in letter.answers:
                changes.append(Change("brief", name, "unanswers", old=ident))
        if name in before.letters and old_letter.status != letter.status:
            changes.append(Change("brief", name, "field", "status", old_letter.status, letter.status))
    return changes


def _summary(record: Record) -> str:
    values = record.values
    text = values.get("short") or values.get("text") or values.get("subject") or values.get("title") or ""
    return " ".join(str(text).split())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) pieces: op is ' ' (same), '-' or '+'."""
    before, after = str(old).split(), str(new).split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append((" ", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("+", " ".join(after[j1:j2])))
    return pieces


def shorten_context(pieces: list[tuple[str, str]], words: int = 6) -> list[tuple[str, str]]:
    """Long unchanged stretches cut to a few words either side, as '…'."""
    shortened = []
    for index, (op, text) in enumerate(pieces):
        parts = text.split()
        if op == " " and len(parts) > 2 * words:
            head = parts[:words] if index > 0 else []
            tail = parts[-words:] if index < len(pieces) - 1 else []
            text = " ".join([*head, "…", *tail])
        shortened.append((op, text))
    return shortened


# --- which briefs a change touches ---------------------------------------------------------


def affected_briefs(changes: list[Change], naming: dict[str, set[str]]) -> dict[str, list[str]]:
    """Brief name -> the changed ids it names (``naming``: brief -> ids it names)."""
    changed = {c.ident for c in changes if c.kind != "brief"} | {c.new for c in changes if c.what == "answers"}
    return {
        brief: sorted(ids & changed) for brief, ids in sorted(naming.items()) if ids & changed
    }


# --- rendering -------------------------------------------------------------------------------

NOUN_PLURAL = {"commitment": "Commitments", "motion": "Motions", "document": "Documents", "brief": "Briefs"}


def phrase(change: Change, markdown: bool = False) -> str:
    code = (lambda s: f"`{s}`") if markdown else (lambda s: s)
    ident = code(change.ident)
    if change.what == "new":
        return f"new {change.kind} {ident}: {change.new}".rstrip(": ")
    if change.what == "removed":
        return f"removed {change.kind} {ident}: {change.old}".rstrip(": ")
    if change.what == "answers":
        return f"{ident} now answers {code(change.new)}"
    if change.what == "unanswers":
        return f"{ident} no longer answers {code(change.old)}"
    if change.is_prose:
        return f"{change.name} of {ident} changed: {render_words(change, markdown)}"
    if change.old is None:
        return f"{ident}: {change.name} set to {code(_value(change.new))}"
    if change.new is None:
        return f"{ident}: {change.name} removed (was {code(_value(change.old))})"
    return f"{ident}: {change.name} {code(_value(change.old))} → {code(_value(change.new))}"


def render_words(change: Change, markdown: bool) -> str:
    pieces = shorten_context(word_diff(change.old, change.new))
    marks = {"-": ("~~", "~~"), "+": ("**", "**")} if markdown else {"-": ("[-", "-]"), "+": ("{+", "+}")}
    return " ".join(text if op == " " else f"{marks[op][0]}{text}{marks[op][1]}" for op, text in pieces)


def _value(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_value(v) if not isinstance(v, dict) else _value(list(v.values())) for v in value)
    return " ".join(str(value).split())


def as_text(changes: list[Change], affected: dict[str, list[str]], before: str, after: str) -> str:
    lines = [f"Data changes from {before} to {after}:"]
    if not changes:
        return lines[0] + " none\n"
    for kind, title in NOUN_PLURAL.items():
        group = [c for c in changes if c.kind == kind]
        if group:
            lines += ["", f"{title}:"] + [f"  {phrase(c)}" for c in group]
    if affected:
        lines += ["", "Briefs affected:"] + [f"  {name}: {', '.join(ids)}" for name, ids in affected.items()]
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], affected: dict[str, list[str]], before: str, after: str) -> str:
    lines = [f"### Data changes from `{before}` to {after}"]
    if not changes:
        return lines[0] + "\n\nNo changes.\n"
    for kind, title in NOUN_PLURAL.items():
        group = [c for c in changes if c.kind == kind]
        if group:
            lines += ["", f"**{title}**", ""] + [f"- {_escape_table(phrase(c, markdown=True))}" for c in group]
    if affected:
        lines += ["", "**Briefs affected**", ""]
        lines += [f"- `{name}`: {', '.join(f'`{i}`' for i in ids)}" for name, ids in affected.items()]
    return "\n".join(lines) + "\n"


def _escape_table(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


# --- git -------------------------------------------------------------------------------------


def open_repo(root: Path):
    """The git repository at ``root``, or a located error."""
    import git

    try:
        return git.Repo(root, search_parent_directories=False), []
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None, [error(Location(str(root)), "not a git repository: brief diff and brief log read the history", "git")]


def default_base(repo) -> str | None:
    """The merge base of HEAD with main (or origin/main, master), else HEAD itself."""
    import git

    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            bases = repo.merge_base(branch, "HEAD")
        except git.GitCommandError:
            continue
        if bases:
            return bases[0].hexsha
    try:
        return repo.head.commit.hexsha
    except ValueError:
        return None


def files_at(repo, rev: str, prefix: str = "") -> dict[str, str]:
    """The data files and briefs of a commit, by path in the project."""
    commit = repo.commit(rev)
    files: dict[str, str] = {}
    for top in ("data", "briefs"):
        try:
            tree = commit.tree / f"{prefix}{top}"
        except KeyError:
            continue
        for blob in tree.traverse():
            if blob.type == "blob" and blob.path.endswith((".yaml", ".md")):
                files[blob.path[len(prefix):]] = _blob_text(blob)
    return files


def _blob_text(blob) -> str:
    return blob.data_stream.read().decode("utf-8", errors="replace")


def files_in_working_tree(root: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    for top, pattern in (("data", "**/*.yaml"), ("briefs", "*.md")):
        for path in sorted((root / top).glob(pattern)):
            files[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return files


def checkout_to(repo, rev: str, prefix: str, target: Path) -> None:
    """Write a commit's data/, briefs/ and templates/ into ``target`` (for the pipeline to read)."""
    present = [f"{prefix}{top}" for top in ("data", "briefs", "templates") if _has_path(repo, rev, f"{prefix}{top}")]
    if not present:
        return
    stream = io.BytesIO()
    repo.archive(stream, rev, path=present, format="tar")
    stream.seek(0)
    with tarfile.open(fileobj=stream) as archive:
        archive.extractall(target, filter="data")
    if prefix:
        for top in ("data", "briefs", "templates"):
            if (target / prefix / top).exists():
                (target / prefix / top).rename(target / top)


def _has_path(repo, rev: str, path: str) -> bool:
    try:
        repo.commit(rev).tree / path
    except KeyError:
        return False
    return True


def commits_touching(repo, paths: list[str]) -> Iterator:
    """Commits that change ``paths``, oldest first."""
    yield from reversed(list(repo.iter_commits("HEAD", paths=paths)))


# --- brief diff and brief log ------------------------------------------------------------------


@dataclass(frozen=True)
class DataDiff:
    before: str
    after: str
    changes: list[Change]
    affected: dict[str, list[str]]


@dataclass(frozen=True)
class Event:
    """One commit's changes to one item, for ``brief log``."""

    date: str
    commit: str
    author: str
    subject: str
    phrases: tuple[str, ...]


def diff(project, spec: str | None) -> tuple[DataDiff | None, list[Diagnostic]]:
    """``brief diff [REV1..REV2]``: default from the merge base with main to the working tree."""
    repo, problems = open_repo(project.root)
    if repo is None:
        return None, problems
    revisions, problems = _revisions(repo, spec, project.root)
    if revisions is None:
        return None, problems
    before_rev, after_rev = revisions
    prefix = _prefix(repo, project.root)
    before, found = snapshot(files_at(repo, before_rev, prefix), _short(repo, before_rev))
    problems += found
    if after_rev is None:
        after, found = snapshot(files_in_working_tree(project.root), WORKING_TREE)
        naming = brief_naming(project.root)
    else:
        after, found = snapshot(files_at(repo, after_rev, prefix), _short(repo, after_rev))
        with tempfile.TemporaryDirectory(prefix="brief-diff-") as scratch:
            checkout_to(repo, after_rev, prefix, Path(scratch))
            naming = brief_naming(Path(scratch))
    problems += found
    changes = compare(before, after)
    return DataDiff(before.label, after.label, changes, affected_briefs(changes, naming)), problems


def _revisions(repo, spec: str | None, root: Path) -> tuple[tuple[str, str | None] | None, list[Diagnostic]]:
    first, dots, second = (spec or "").partition("..")
    before = first or default_base(repo)
    after = second if dots and second else None
    if before is None:
        return None, [error(Location(str(root)), "the repository has no commits yet; nothing to compare with", "git")]
    problems = []
    for rev in filter(None, (before, after)):
        try:
            repo.commit(rev)
        except Exception:  # gitpython raises BadName, ValueError or GitCommandError by case
            problems.append(error(Location(str(root)), f"unknown revision '{rev}'", "git"))
    return (None if problems else (before, after)), problems


def _short(repo, rev: str) -> str:
    return repo.commit(rev).hexsha[:7]


def _prefix(repo, root: Path) -> str:
    """Where the project lies inside the git work tree ('' at its top)."""
    relative = root.resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return "" if relative == "." else relative + "/"


def brief_naming(root: Path) -> dict[str, set[str]]:
    """Brief name -> every id it names: its answers, citations and what its template reads."""
    from .check import named_in
    from .pipeline import Project, load_briefs, load_companions, load_repository

    project = Project(root)
    repository, _ = load_repository(project)
    briefs, _ = load_briefs(project)
    if repository is None:
        return {brief.name: _ids_in_text(brief.body) | set(getattr(brief.meta, "answers", ())) for brief in briefs}
    letters, _ = load_companions(project, briefs)
    naming = {}
    for brief in briefs:
        named, _ = named_in(brief, repository, letters)
        naming[brief.name] = (named or _ids_in_text(brief.body)) | set(getattr(brief.meta, "answers", ()))
    return naming


def _ids_in_text(text: str) -> set[str]:
    """Without a loadable repository, a brief names what it cites with '@'."""
    return set(re.findall(r"@([A-Za-z0-9][\w-]*[A-Za-z0-9])", text))


def log(project, ident: str) -> tuple[list[Event], list[Diagnostic]]:
    """``brief log ID``: every commit that changed the item or a letter's answer to it."""
    repo, problems = open_repo(project.root)
    if repo is None:
        return [], problems
    prefix = _prefix(repo, project.root)
    previous = Snapshot("")
    events: list[Event] = []
    known: set[str] = set()
    for commit in commits_touching(repo, [f"{prefix}data", f"{prefix}briefs"]):
        current, _ = snapshot(files_at(repo, commit.hexsha, prefix), commit.hexsha[:7])
        known |= set(current.records)
        phrases = _phrases_about(ident, compare(previous, current), current)
        if phrases:
            when = dt.datetime.fromtimestamp(commit.committed_date, dt.timezone.utc).date().isoformat()
            events.append(Event(when, commit.hexsha[:7], commit.author.name, commit.summary, phrases))
        previous = current
    current, _ = snapshot(files_in_working_tree(project.root), WORKING_TREE)
    phrases = _phrases_about(ident, compare(previous, current), current)
    if phrases:
        events.append(Event("", WORKING_TREE, "", "not committed", phrases))
    if not events:
        from .diagnostics import did_you_mean

        known |= set(current.records)
        message = f"no commitment, motion or document '{ident}' in the history{did_you_mean(ident, known)}"
        return [], [error(Location(str(project.root)), message, "unknown-id")]
    return events, []


def _phrases_about(ident: str, changes: list[Change], current: Snapshot) -> tuple[str, ...]:
    answering = {name for name, letter in current.letters.items() if ident in letter.answers}
    relevant = [
        c
        for c in changes
        if (c.kind != "brief" and c.ident == ident)
        or (c.what in ("answers", "unanswers") and ident in (c.new, c.old))
        or (c.kind == "brief" and c.what == "field" and c.ident in answering)
    ]
    return tuple(phrase(c) for c in relevant)


def log_as_text(ident: str, events: list[Event]) -> str:
    lines = [f"History of {ident}:"]
    for event in events:
        head = f"{event.date:10}  {event.commit:7}  {event.author}".rstrip()
        lines.append(f"{head}  ({event.subject})" if event.subject else head)
        lines += [f"    {p}" for p in event.phrases]
    return "\n".join(lines) + "\n"
