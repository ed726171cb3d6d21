"""Rules of a nota: its four sections, each once and in order, and every bijlage referred to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..body import Section, split_sections
from ..codes import finding
from ..diagnostics import Diagnostic, Location, did_you_mean
from ..model import Brief

if TYPE_CHECKING:
    from . import BriefContext

NOTA_SECTIONS = ("Aanleiding", "Geadviseerd besluit", "Kern", "Toelichting")
# Optional sections (Interdepartementale afstemming, Uitvoering, Communicatie, any
# other a writer names) may follow Kern: seed 000 puts one between Kern and Toelichting.
_OPTIONAL_AFTER = "kern"


def nota_section_problems(context: BriefContext) -> list[Diagnostic]:
    """Aanleiding, Geadviseerd besluit, Kern and Toelichting: each once, in that order."""
    brief = context.brief
    preamble, sections = split_sections(brief.body, brief.path, brief.body_line)
    problems = []
    if preamble.strip():
        problems.append(
            finding(Location(brief.path, brief.body_line), "text before the first section: a nota starts with '# Aanleiding'", "nota-section")
        )
    seen: dict[str, Section] = {}
    for section in sections:
        if section.key in seen:
            first = seen[section.key].location.line
            problems.append(finding(section.location, f"section '{section.title}' appears twice (first on line {first})", "nota-section"))
        else:
            seen[section.key] = section
    mandatory = [name.lower() for name in NOTA_SECTIONS]
    for name in NOTA_SECTIONS:
        if name.lower() not in seen:
            others = [s.title for s in sections if s.key not in mandatory]
            hint = did_you_mean(name, others).replace("did you mean", "is it misspelled as")
            problems.append(finding(_nota_end(brief, sections), f"missing section '{name}' in nota{hint}", "nota-section"))
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
                problems.append(finding(section.location, f"section '{section.title}' is out of order: write {wanted}", "nota-section"))
            reached = max(reached, position[section.key])
        elif reached < position[_OPTIONAL_AFTER]:
            problems.append(
                finding(section.location, f"section '{section.title}' comes too early: optional sections follow 'Kern'", "nota-section")
            )
    return problems


def _nota_end(brief: Brief, sections: list[Section]) -> Location:
    """Missing sections are reported where the nota's body starts."""
    return sections[0].location if sections else Location(brief.path, brief.body_line)


def bijlage_problems(context: BriefContext) -> list[Diagnostic]:
    """A nota's bijlagen are each referred to in its text (@id), so none is forgotten."""
    problems = []
    for number, bijlage in enumerate(context.brief.meta.bijlagen, 1):
        if bijlage.id is None:
            problems.append(
                finding(bijlage.loc, f"bijlage {number} has no 'id', so the text cannot refer to it", "bijlage-unreferenced")
            )
        elif bijlage.id not in context.named:
            problems.append(
                finding(bijlage.location_of("id"), f"bijlage {number} ('{bijlage.id}') is never referred to in the text", "bijlage-unreferenced")
            )
    return problems
