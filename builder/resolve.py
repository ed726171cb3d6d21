"""Resolve stage: every id a brief or the data names must exist, and a citation becomes text.

The body's citations are found by ``builder.body``; here each is resolved to
the data (a commitment, a motion, a document, a set of Kamervragen) or to a
target the brief defines itself (``builder.targets``: its sections and
figures, and its document type's: a reply's questions, a nota's bijlagen), and
written out in the brief's citation style. The references between data files
are resolved here too.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from .body import Citation, find_citations
from .codes import finding
from .diagnostics import Diagnostic, did_you_mean, unknown
from .doctypes import doctype_of, sender_of
from .kamervragen import KAMER_NUMBER, Kamervragen
from .model import (
    Brief,
    SINGLE_DIRECTORATE_FIELDS,
    Commitment,
    Directorate,
    Document,
    Fractie,
    Ministry,
    Motion,
    Organisation,
    Overleg,
    Question,
    Repository,
    index_by_id,
)
from .references import (
    NotCitable,
    commitment_name,
    document_reference,
    document_short,
    document_text,
    footnote,
    kamervragen_text,
    motion_label,
    motion_name,
    motion_reference,
)
from .targets import Targets, brief_targets

Cited = Commitment | Motion | Document | Kamervragen


def resolve_citation(
    citation: Citation, repository: Repository, style: str, local: Targets | None = None
) -> tuple[str | None, list[Diagnostic]]:
    """The citation's text (plain, with URLs as <url>), or None with the reasons."""
    problems: list[Diagnostic] = []
    texts: list[str] = []
    local = local or {}
    for part in citation.parts:
        target = local.get(part.key)
        try:
            if target is not None:
                texts.append(target.text(citation.form, part.key))
                continue
            item = repository.citable(part.key)
            if item is None:
                problems.append(finding(citation.location, unknown("id", part.key, [*repository.all_ids(), *local]), "unknown-id"))
                continue
            texts.append(_text_for(citation.form, item, repository, style))
        except NotCitable as exc:
            problems.append(finding(citation.location, str(exc), "not-citable"))
    if problems:
        return None, problems
    if citation.form != "note":
        return texts[0], []
    pieces = [
        " ".join(x for x in (part.prefix, text) if x) + part.suffix for part, text in zip(citation.parts, texts, strict=True)
    ]
    return footnote(pieces), []


def _text_for(form: str, item: Cited, repository: Repository, style: str) -> str:
    if isinstance(item, Kamervragen):
        return kamervragen_text(form, item, repository, style)  # type: ignore[arg-type]
    if form == "text":
        if isinstance(item, Commitment):
            return item.text
        if isinstance(item, Motion):
            if item.dictum is None:
                raise NotCitable(f"motion '{item.id}' has no dictum yet; add it to data/motions.yaml")
            return item.dictum
        return document_text(item)
    if form == "short":
        if isinstance(item, Motion):
            return motion_label(item)
        if isinstance(item, Commitment):
            return commitment_name(item)
        return document_short(item)
    if isinstance(item, Document):
        return document_reference(item, style, emphasis=True)  # type: ignore[arg-type]
    if form == "inline":
        return motion_name(item) if isinstance(item, Motion) else commitment_name(item)
    if isinstance(item, Motion):
        return motion_reference(item, style)  # type: ignore[arg-type]
    source = repository.documents.get(item.made.source or "")
    if source is None:
        raise NotCitable(
            f"commitment '{item.id}' has no source document to put in a footnote; write @{item.id} for its name"
        )
    return document_reference(source, style, emphasis=True)  # type: ignore[arg-type]


# --- a brief's references ------------------------------------------------------------------


def resolve_brief(
    brief: Brief, repository: Repository, letters: dict[str, Brief], names: Iterable[str] = ()
) -> list[Diagnostic]:
    """Every id a brief names, in its front matter and its body, must exist.

    ``letters`` are the briefs read so far by name; ``names`` all brief names, for hints.
    """
    meta = brief.meta
    doctype = doctype_of(brief)
    problems = doctype.reference_problems(brief, repository, letters, list(names))
    problems += sender_problems(meta, sender_of(meta), repository)
    if meta.kamerstuk is not None and meta.kamerstuk not in repository.documents:
        problems.append(
            finding(meta.location_of("kamerstuk"), unknown("document", meta.kamerstuk, repository.documents), "unknown-id")
        )
    local = brief_targets(brief, repository)
    citations, found = find_citations(brief.body, brief.path, brief.body_line)
    problems.extend(found)
    for citation in citations:
        problems.extend(resolve_citation(citation, repository, meta.citation_style, local)[1])
    return problems


def sender_problems(meta, key: str | None, repository: Repository) -> list[Diagnostic]:
    """The directorate a brief's ``from:`` (``key``) names exists; without it, there is a default.

    Every document has a sender column, so every front matter has ``from``."""
    organisation = repository.organisation
    if key is not None:
        if key in organisation.senders:
            return []
        return [finding(meta.location_of("from"), unknown("directorate", key, organisation.senders), "unknown-id")]
    if organisation.default_sender is not None:
        return []
    message = (
        f"data/organisation.yaml has {len(organisation.senders)} directorates and none is marked 'default: true': "
        f"say which one sends this brief with 'from:' (one of {', '.join(organisation.senders)})"
    )
    return [finding(meta.loc, message, "no-sender")]


def organisation_problems(repository: Repository) -> list[Diagnostic]:
    """The organisation's two formats kept apart, its ids unique, each bewindspersoon's ministry known."""
    organisation = repository.organisation
    problems: list[Diagnostic] = []

    def problem(field: str, message: str, code: str = "organisation", record=organisation) -> None:
        problems.append(finding(record.location_of(field), message, code))

    if organisation.ministries:
        for name in ("ministry", "ministry_short", "logo", "directorates", *SINGLE_DIRECTORATE_FIELDS):
            if getattr(organisation, name):
                problem(name, f"'{name}' beside 'ministries': with several ministries, each has its own, under 'ministries'")
    else:
        if organisation.ministry is None:
            problem("ministry", "data/organisation.yaml names no ministry: add 'ministry:' (or 'ministries:', a list)", "missing-field")
        if organisation.directorates:
            for name in SINGLE_DIRECTORATE_FIELDS:
                if getattr(organisation, name):
                    problem(name, f"'{name}' beside 'directorates': each directorate has its own, under 'directorates'")
        elif organisation.directorate is None:
            problem("directorates", "data/organisation.yaml names no directorate: add 'directorates:', a list of them", "missing-field")
        elif not organisation.postal_address:
            problem("postal_address", "missing field 'postal_address' in organisation: the letter's return address", "missing-field")
    if problems:
        return problems
    ministries: dict[str, Ministry] = {}
    directorates: dict[str, Directorate] = {}
    for ministry in organisation.all_ministries:
        if ministry.id in ministries:
            problem("id", f"duplicate ministry id '{ministry.id}' (first defined at {ministries[ministry.id].loc})", "duplicate-id", ministry)
        ministries.setdefault(ministry.id, ministry)
        if not ministry.directorates:
            problem("directorates", f"ministry '{ministry.id}' has no directorates: a letter needs a sender", "missing-field", ministry)
        for directorate in ministry.directorates:
            if directorate.id in directorates:
                first = directorates[directorate.id].location_of("id")
                problem("id", f"duplicate directorate id '{directorate.id}' (first defined at {first})", "duplicate-id", directorate)
            directorates.setdefault(directorate.id, directorate)
    marked = [d for d in directorates.values() if d.default]
    for extra in marked[1:]:
        message = f"directorates '{marked[0].id}' and '{extra.id}' are both marked 'default: true': one sends a brief without 'from:'"
        problem("default", message, "organisation", extra)
    several = len(ministries) > 1
    for person in organisation.bewindspersonen:
        if person.ministry is None and several:
            message = f"bewindspersoon '{person.id}' needs 'ministry:', one of {', '.join(ministries)}: the organisation has several"
            problem("ministry", message, "missing-field", person)
        elif person.ministry is not None and person.ministry not in ministries:
            problem("ministry", unknown("ministry", person.ministry, ministries), "unknown-id", person)
    return problems


def resolve_appointments(organisation: Organisation) -> tuple[Organisation, list[Diagnostic]]:
    """Each appointment (``bewindspersonen:``) with its person's name: written there (``name:``)
    or taken from ``people:`` (``person:``), exactly one of the two. Done once, when the
    repository is assembled, so that every letter, nota and import reads ``name`` as before."""
    people, problems = index_by_id(organisation.people, {})
    appointments = []
    for appointment in organisation.bewindspersonen:
        if appointment.name is not None and appointment.person is not None:
            message = (
                f"bewindspersoon '{appointment.id}' has both 'name:' and 'person:': "
                "write the name once, in 'people:', and keep 'person:'"
            )
            problems.append(finding(appointment.location_of("person"), message, "organisation"))
        elif appointment.name is None and appointment.person is None:
            message = f"bewindspersoon '{appointment.id}' names nobody: add 'name:', or 'person:' (an id in 'people:')"
            problems.append(finding(appointment.location_of("id"), message, "missing-field"))
        elif appointment.person is not None:
            person = people.get(appointment.person)
            if person is None:
                message = unknown("person", appointment.person, people)
                problems.append(finding(appointment.location_of("person"), message, "unknown-id"))
            else:
                appointment = replace(appointment, name=person.name)
        if appointment.from_ is not None and appointment.until is not None and appointment.until < appointment.from_:
            message = f"bewindspersoon '{appointment.id}' ends ({appointment.until}) before it begins ({appointment.from_})"
            problems.append(finding(appointment.location_of("until"), message, "organisation"))
        appointments.append(appointment)
    return replace(organisation, bewindspersonen=tuple(appointments)), problems


def logo_problems(repository: Repository, root: Path) -> list[Diagnostic]:
    """Each logo the organisation names is an image in the repository that Word can show:
    found now, in ``brief check``, not as a build that stops or a header left empty."""
    from .rules.body import IMAGE_SIGNATURES

    problems = []
    real_root = Path(os.path.realpath(root))
    for ministry in repository.organisation.all_ministries:
        if ministry.logo is None:
            continue
        logo, path = ministry.logo, root / ministry.logo
        real = Path(os.path.realpath(path))
        if logo.startswith(("/", "\\")) or not real.is_relative_to(real_root):
            problem = f"logo '{logo}' is not in the repository: copy it in and write its path from the repository's root"
        elif not path.is_file():
            siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
            problem = f"no logo '{logo}' in the repository{did_you_mean(path.name, siblings)}"
        else:
            try:
                with path.open("rb") as handle:
                    start = handle.read(8)
            except OSError as exc:
                start, problem = b"", f"cannot read logo '{logo}': {exc.strerror or exc}"
            else:
                problem = None if any(start.startswith(s) for s in IMAGE_SIGNATURES) else f"logo '{logo}' is not a PNG, JPEG or GIF image"
        if problem:
            problems.append(finding(ministry.location_of("logo"), problem, "logo"))
    return problems


def data_problems(repository: Repository) -> list[Diagnostic]:
    """References from data to data: a commitment's source (a document or a set of Kamervragen), its motion,
    its bewindspersoon;
    and a motion's submitters, whom its name and citation need."""
    problems: list[Diagnostic] = []
    people = repository.bewindspersonen
    for motion in repository.motions.values():
        if not motion.submitters:
            # A motion is named after its submitters: "de motie van het lid Bamenga".
            problems.append(
                finding(motion.location_of("submitters"), f"motion '{motion.id}' needs at least one submitter", "missing-field")
            )
    for commitment in repository.commitments.values():
        source = commitment.made.source
        # A promise is made in a document (a debate's Handelingen, a letter) or in the answers to a set
        # of Kamervragen, named by its number.
        if source is not None and source not in repository.documents and source not in repository.kamervragen:
            problems.append(
                finding(
                    commitment.made.location_of("source"),
                    unknown(
                        "set of Kamervragen" if KAMER_NUMBER.match(source) else "document", source,
                        [*repository.documents, *repository.kamervragen],
                    ),
                    "unknown-id",
                )
            )
        if commitment.motion is not None and commitment.motion not in repository.motions:
            problems.append(
                finding(
                    commitment.location_of("motion"),
                    unknown("motion", commitment.motion, repository.motions), "unknown-id",
                )
            )
        if commitment.to is not None and (commitment.to.member is None) == (commitment.to.committee is None):
            problems.append(
                finding(
                    commitment.location_of("to"),
                    f"'to' of commitment '{commitment.id}' names a member (member, fractie) or a committee (committee), one of them",
                    "missing-field",
                )
            )
        if commitment.recurs is not None and commitment.due is None:
            problems.append(
                finding(
                    commitment.location_of("recurs"),
                    f"commitment '{commitment.id}' recurs {commitment.recurs} but has no 'due': give the first due date",
                    "missing-field",
                )
            )
        if commitment.by not in people:
            problems.append(
                finding(commitment.location_of("by"), unknown("bewindspersoon", commitment.by, people), "unknown-id")
            )
    return problems


def overleg_problems(overleg: Overleg, repository: Repository) -> list[Diagnostic]:
    """An overleg's references resolve, and its question ids are unique and unambiguous."""
    problems: list[Diagnostic] = []
    people = repository.bewindspersonen
    if overleg.addressed_to not in people:
        problems.append(finding(overleg.location_of("addressed_to"), unknown("bewindspersoon", overleg.addressed_to, people), "unknown-id"))
    if overleg.responds_to is not None and overleg.responds_to not in repository.documents:
        problems.append(
            finding(overleg.location_of("responds_to"), unknown("document", overleg.responds_to, repository.documents), "unknown-id")
        )
    if not overleg.fracties:
        # The reply repeats each question before its answer: with none, there is no letter to build.
        message = f"schriftelijk overleg '{overleg.id}' has no fracties and so no questions"
        problems.append(finding(overleg.location_of("fracties"), message, "empty-overleg"))
    if overleg.griffier_title is not None and overleg.griffier is None:
        message = f"'griffier_title' without 'griffier' in schriftelijk overleg '{overleg.id}': name the griffier"
        problems.append(finding(overleg.location_of("griffier_title"), message, "missing-field"))
    first_seen: dict[str, Question] = {}
    for fractie in overleg.fracties:
        problems += _asker_problems(fractie)
        if not fractie.questions:
            problems.append(finding(fractie.location_of("questions"), f"{fractie.label} has no questions", "no-questions"))
        for question in fractie.questions:
            where = question.location_of("id")
            if question.id in first_seen:
                first = first_seen[question.id].location_of("id")
                problems.append(finding(where, f"duplicate question id '{question.id}' (first defined at {first})", "duplicate-id"))
            elif repository.citable(question.id) is not None:
                problems.append(finding(where, f"question id '{question.id}' is also the id of a data item; rename it", "duplicate-id"))
            first_seen.setdefault(question.id, question)
    return problems


def _asker_problems(fractie: Fractie) -> list[Diagnostic]:
    """Questions are asked by the members of a fractie or by one member (with, optionally, that
    member's fractie): a group must name one of the two, and an article belongs to a fractie's name."""
    if fractie.member is None and fractie.fractie is None:
        message = "questions of a schriftelijk overleg are asked by a fractie or a member: write 'fractie: …' or 'member: …'"
        return [finding(fractie.loc, message, "fractie-or-member")]
    if fractie.member is not None and fractie.article is not None:
        message = (
            f"'article' is for a fractie's name (\"de fractie van de PvdD\"); {fractie.label} is named"
            f" \"het lid {fractie.member}\": remove it"
        )
        return [finding(fractie.location_of("article"), message, "fractie-or-member")]
    return []
