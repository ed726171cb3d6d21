"""Rules of a reply to a schriftelijk overleg: every question answered once, to the Kamer that asked, on time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..body import Section, split_sections
from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..doctypes.reply import REPLY_CLOSING, answer_keys, question_targets
from ..dutch import long_date
from ..model import Fractie

if TYPE_CHECKING:
    from . import BriefContext


def reply_problems(context: BriefContext) -> list[Diagnostic]:
    """Every heading names questions of the overleg (or a fractie or member, or 'slot'); every question is
    answered exactly once, not emptily; the letter goes to the Kamer that asked."""
    brief, meta = context.brief, context.brief.meta
    overleg = context.repository.overleggen.get(meta.overleg)
    if overleg is None:
        return []  # reported by the resolve stage
    problems = []
    if meta.addressee != overleg.kamer:
        problems.append(
            finding(
                meta.location_of("addressee"),
                f"the reply goes to the Kamer that asked: overleg '{overleg.id}' is of the {overleg.kamer}", "wrong-kamer",
            )
        )
    questions = question_targets(overleg)
    fracties = [fractie.key for fractie in overleg.fracties]  # a heading of its own: text before its questions
    answered: dict[str, Section] = {}
    for section in split_sections(brief.body, brief.path, brief.body_line)[1]:
        all_keys = answer_keys(section)
        if not (len(all_keys) == 1 and (all_keys[0] in fracties or all_keys[0].lower() == REPLY_CLOSING)):
            for key in all_keys:
                if key not in questions:
                    candidates = [*questions, *fracties, REPLY_CLOSING]
                    message = f"{unknown('question', key, candidates)} in schriftelijk overleg '{overleg.id}'"
                    problems.append(finding(section.location, message, "unknown-question"))
        keys = [key for key in all_keys if key in questions]
        if not keys:
            continue  # a fractie's preface or the closing
        if not section.text.strip():
            problems.append(finding(section.location, f"the answer to {', '.join(keys)} is empty", "empty-answer"))
        for key in keys:
            if key in answered:
                first = answered[key].location.line
                problems.append(finding(section.location, f"question '{key}' is answered twice (first on line {first})", "answered-twice"))
            else:
                answered[key] = section
    for key, target in questions.items():
        if key not in answered:
            problems.append(
                finding(
                    meta.location_of("overleg"),
                    f"question '{key}' of {asked_by(target.fractie)} has no answer"
                    f" (asked at {target.question.location_of('id')}); add a '# {key}' section", "unanswered-question",
                )
            )
    return problems


def late_reply_problems(context: BriefContext) -> list[Diagnostic]:
    meta = context.brief.meta
    overleg = context.repository.overleggen.get(meta.overleg)
    if overleg is None or overleg.deadline is None or meta.date <= overleg.deadline:
        return []
    late = (meta.date - overleg.deadline).days
    return [
        finding(
            meta.location_of("date"),
            f"the reply is dated {late} days after the committee's deadline of {long_date(overleg.deadline)}",
            "late-reply",
        )
    ]


def asked_by(fractie: Fractie) -> str:
    """'the fractie van D66', 'the member Omtzigt': who asked, in a message."""
    return f"the member {fractie.member}" if fractie.member is not None else f"the fractie van {fractie.named}"
