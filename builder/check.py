"""Check stage: rules about a brief as a whole, beyond single references resolving."""

from __future__ import annotations

from collections import Counter

from .diagnostics import Diagnostic, Location, did_you_mean, error
from .model import (
    Brief,
    LetterFrontMatter,
    NotaFrontMatter,
    ReplyFrontMatter,
    Repository,
)
from .resolve import Section, answer_keys, question_index, split_sections

NOTA_SECTIONS = ("Aanleiding", "Geadviseerd besluit", "Kern", "Toelichting")
# Optional sections (Interdepartementale afstemming, Uitvoering, Communicatie, any
# other a writer names) may follow Kern: seed 000 puts one between Kern and Toelichting.
_OPTIONAL_AFTER = "kern"


def brief_problems(brief: Brief, repository: Repository) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if isinstance(brief.meta, LetterFrontMatter):
        problems += _letter_problems(brief.meta)
    if isinstance(brief.meta, NotaFrontMatter):
        problems += nota_section_problems(brief)
    if isinstance(brief.meta, ReplyFrontMatter):
        problems += reply_problems(brief, repository)
    return problems


def _letter_problems(meta: LetterFrontMatter) -> list[Diagnostic]:
    problems = []
    if not meta.signatories:
        problems.append(error(meta.location_of("signatories"), "a letter needs at least one signatory", "signatory"))
    for field in ("answers", "signatories"):
        for key, count in Counter(getattr(meta, field)).items():
            if count > 1:
                problems.append(error(meta.location_of(field), f"'{key}' is listed {count} times in '{field}'", "listed-twice"))
    return problems


# --- nota -----------------------------------------------------------------------------------


def nota_section_problems(brief: Brief) -> list[Diagnostic]:
    """Aanleiding, Geadviseerd besluit, Kern and Toelichting: each once, in that order."""
    preamble, sections = split_sections(brief.body, brief.path, brief.body_line)
    problems = []
    if preamble.strip():
        problems.append(
            error(Location(brief.path, brief.body_line), "text before the first section: a nota starts with '# Aanleiding'", "nota-section")
        )
    seen: dict[str, Section] = {}
    for section in sections:
        if section.key in seen:
            first = seen[section.key].location.line
            problems.append(error(section.location, f"section '{section.title}' appears twice (first on line {first})", "nota-section"))
        else:
            seen[section.key] = section
    mandatory = [name.lower() for name in NOTA_SECTIONS]
    for name in NOTA_SECTIONS:
        if name.lower() not in seen:
            others = [s.title for s in sections if s.key not in mandatory]
            hint = did_you_mean(name, others).replace("did you mean", "is it misspelled as")
            problems.append(error(_nota_end(brief, sections), f"missing section '{name}' in nota{hint}", "nota-section"))
    problems += _order_problems([s for s in sections if s.key in seen and seen[s.key] is s], mandatory)
    return problems


def _order_problems(sections: list[Section], mandatory: list[str]) -> list[Diagnostic]:
    problems = []
    position = {name: i for i, name in enumerate(mandatory)}
    reached = -1
    for section in sections:
        if section.key in position:
            if position[section.key] < reached:
                wanted = " → ".join(NOTA_SECTIONS)
                problems.append(error(section.location, f"section '{section.title}' is out of order: write {wanted}", "nota-section"))
            reached = max(reached, position[section.key])
        elif reached < position[_OPTIONAL_AFTER]:
            problems.append(
                error(section.location, f"section '{section.title}' comes too early: optional sections follow 'Kern'", "nota-section")
            )
    return problems


def _nota_end(brief: Brief, sections: list[Section]) -> Location:
    """Missing sections are reported where the nota's body starts."""
    return sections[0].location if sections else Location(brief.path, brief.body_line)


# --- reply to a schriftelijk overleg ----------------------------------------------------------


def reply_problems(brief: Brief, repository: Repository) -> list[Diagnostic]:
    """Every question answered exactly once; the letter goes to the Kamer that asked."""
    meta = brief.meta
    assert isinstance(meta, ReplyFrontMatter)
    overleg = repository.overleggen.get(meta.overleg)
    if overleg is None:
        return []  # reported by the resolve stage
    problems = []
    if meta.addressee != overleg.kamer:
        problems.append(
            error(
                meta.location_of("addressee"),
                f"the reply goes to the Kamer that asked: overleg '{overleg.id}' is of the {overleg.kamer}", "wrong-kamer",
            )
        )
    questions = question_index(overleg)
    answered: dict[str, Section] = {}
    for section in split_sections(brief.body, brief.path, brief.body_line)[1]:
        keys = [key for key in answer_keys(section) if key in questions]
        if not keys:
            continue  # a fractie's preface or the closing; unknown keys are reported by resolve
        if not section.text.strip():
            problems.append(error(section.location, f"the answer to {', '.join(keys)} is empty", "empty-answer"))
        for key in keys:
            if key in answered:
                first = answered[key].location.line
                problems.append(error(section.location, f"question '{key}' is answered twice (first on line {first})", "answered-twice"))
            else:
                answered[key] = section
    for key, (fractie, _, question) in questions.items():
        if key not in answered:
            problems.append(
                error(
                    meta.location_of("overleg"),
                    f"question '{key}' of the fractie van {fractie.named} has no answer"
                    f" (asked at {question.location_of('id')}); add a '# {key}' section", "unanswered-question",
                )
            )
    return problems
