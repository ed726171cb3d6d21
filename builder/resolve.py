"""Resolve stage: every id a brief or the data names must exist, and a citation becomes text.

The body's citations are found by ``builder.body``; here each is resolved to
the data (a commitment, a motion, a document, a set of Kamervragen) or to a
target the brief defines itself (``builder.targets``: its sections and
figures, and its document type's: a reply's questions, a nota's bijlagen), and
written out in the brief's citation style. The references between data files
are resolved here too.
"""

from __future__ import annotations

from typing import Iterable

from .body import Citation, find_citations
from .codes import finding
from .diagnostics import Diagnostic, unknown
from .doctypes import doctype_of
from .kamervragen import KAMER_NUMBER, Kamervragen
from .model import (
    Brief,
    Commitment,
    Document,
    Fractie,
    Motion,
    Overleg,
    Question,
    Repository,
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
