"""Rules of the answer to Kamervragen and the Mededeling: every question answered once, by whom was asked."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..body import Section, split_sections, strip_comments
from ..codes import finding
from ..diagnostics import Diagnostic
from ..doctypes.kamervragen import answer_numbers
from .letter import listed_twice

if TYPE_CHECKING:
    from . import BriefContext


def answer_problems(context: BriefContext) -> list[Diagnostic]:
    """Every heading names questions of the set, each answered once and not emptily; every
    question has an answer. Read from the expanded body without comments, as it is rendered."""
    brief, meta = context.brief, context.brief.meta
    kamervragen = context.repository.kamervragen.get(meta.kamervragen)
    if kamervragen is None or context.text is None:
        return []  # the unknown set is the resolve stage's finding; a failed template, the template's
    numbers = [vraag.number for vraag in kamervragen.vragen]
    has = f"the set has question{'s' if len(numbers) > 1 else ''} {_range(numbers)}"
    problems: list[Diagnostic] = []
    answered: dict[int, Section] = {}
    for section in split_sections(strip_comments(context.text), brief.path, brief.body_line)[1]:
        named = answer_numbers(section)
        if named is None:
            message = (
                f"'# {section.title}' names no question: an answer's heading is the number(s) of the"
                f" question(s) it answers, such as '# 1', '# 2, 3' or '# 2 en 3' ({has})"
            )
            problems.append(finding(section.location, message, "unknown-question"))
            continue
        for number in named:
            if number not in numbers:
                message = f"question {number} is not in Kamervragen {kamervragen.id}: {has}"
                problems.append(finding(section.location, message, "unknown-question"))
        if not section.text.strip():
            problems.append(finding(section.location, f"the answer to '# {section.title}' is empty", "empty-answer"))
        problems += _group_problems(section, [number for number in named if number in numbers])
        for number, count in Counter(named).items():
            if number not in numbers:
                continue
            if number in answered or count > 1:
                first = answered.get(number, section).location.line
                message = f"question {number} is answered twice (first on line {first})"
                problems.append(finding(section.location, message, "answered-twice"))
            answered.setdefault(number, section)
    for vraag in kamervragen.vragen:
        if vraag.number not in answered:
            message = (
                f"question {vraag.number} of Kamervragen {kamervragen.id} has no answer"
                f" (asked at {vraag.location_of('text')}); add a '# {vraag.number}' section"
            )
            problems.append(finding(meta.location_of("kamervragen"), message, "unanswered-question"))
    return problems


def signatory_problems(context: BriefContext) -> list[Diagnostic]:
    """Someone signs, once each, and only the bewindspersonen the questions were asked of."""
    meta = context.brief.meta
    repository = context.repository
    where = meta.location_of("signatories")
    if not meta.signatories:
        return [finding(where, "the answer needs a signatory: the bewindspersoon who answers", "signatory")]
    problems = listed_twice(meta, (("signatories", meta.signatories),))
    kamervragen = repository.kamervragen.get(meta.kamervragen)
    if kamervragen is None:
        return problems
    people = repository.bewindspersonen
    for key in dict.fromkeys(meta.signatories):
        if key in people and key not in kamervragen.aan:
            asked = ", ".join(f"'{other}'" for other in kamervragen.aan)
            message = f"'{key}' was not asked: Kamervragen {kamervragen.id} were put to {asked}"
            problems.append(finding(where, message, "not-asked"))
    return problems


def _group_problems(section: Section, named: list[int]) -> list[Diagnostic]:
    """One answer to several questions stands after the last of them, so they must follow each
    other: questions 4 and 9 answered together would leave 5 to 8 between question 4 and its answer."""
    ordered = sorted(set(named))
    gaps = [(a, b) for a, b in zip(ordered, ordered[1:]) if b != a + 1]
    if not gaps:
        return []
    first, last = gaps[0]
    message = (
        f"'# {section.title}' answers questions that do not follow each other ({first} and {last}):"
        f" answer {last} under its own heading and refer back, e.g. 'Zie @vraag-{first}.'"
    )
    return [finding(section.location, message, "answer-group")]


def _range(numbers: list[int]) -> str:
    """[1, 2, 3, 4] -> '1–4' (the set's questions are numbered 1, 2, 3 … in order)."""
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
