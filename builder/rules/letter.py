"""Rules of letters to the Kamer: who signs, on whose behalf, and every id in ``answers:``
addressed in the body (a nota's marks checked against its Kamerbrief's)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..body import heading_attribute_values, mask, span_attribute_values
from ..codes import finding
from ..diagnostics import Diagnostic, Location, did_you_mean
from ..doctypes import doctype_of
from ..lifecycle import ANSWER, PART

if TYPE_CHECKING:
    from . import BriefContext


def signatory_problems(context: BriefContext) -> list[Diagnostic]:
    """At least one signatory; nobody signs twice and nothing is answered twice."""
    meta = context.brief.meta
    problems = []
    if not meta.signatories:
        problems.append(finding(meta.location_of("signatories"), "a letter needs at least one signatory", "signatory"))
    parts = tuple(part.id for part in meta.partly_answers)
    listed = (("answers", meta.answers), ("partly_answers", parts), ("signatories", meta.signatories), ("mede_namens", meta.mede_namens))
    problems += listed_twice(meta, listed)
    for key in sorted(set(parts) & set(meta.answers)):
        message = f"'{key}' is in both 'answers:' and 'partly_answers:'; a letter answers it in full or in part"
        problems.append(finding(meta.location_of("partly_answers"), message, "listed-twice"))
    return problems


def listed_twice(meta, listed: tuple[tuple[str, tuple[str, ...]], ...]) -> list[Diagnostic]:
    """An id named more than once in one of the front matter's lists (field, its ids)."""
    return [
        finding(meta.location_of(field), f"'{key}' is listed {count} times in '{field}'", "listed-twice")
        for field, keys in listed
        for key, count in Counter(keys).items()
        if count > 1
    ]


def appointment_problems(context: BriefContext) -> list[Diagnostic]:
    """Each signatory held the appointment on the letter's date (its ``from:``/``until:`` in
    data/organisation.yaml): a letter dated after a handover is signed by the successor, or by
    the same person in the new post. An unknown signatory is the resolve stage's finding."""
    meta = context.brief.meta
    people = context.repository.bewindspersonen
    problems = []
    for key in meta.signatories:
        appointment = people.get(key)
        if appointment is None or appointment.holds_on(meta.date):
            continue
        term = f"{appointment.from_ or '…'} to {appointment.until or '…'}"
        message = f"'{key}' signs this letter of {meta.date}, outside that appointment ({term}): who held the post that day?"
        problems.append(finding(meta.location_of("signatories"), message, "appointment-dates"))
    return problems


# What the letter says when it is sent on behalf of others, and the template name that says it
# (which says nothing only when every id is unknown: that error is the finding then).
_MEDE_NAMENS = re.compile(r"\bmede\s+namens\b", re.IGNORECASE)
_MEDE_NAMENS_NAME = re.compile(r"\{\{-?\s*mede_namens\b")


def mede_namens_problems(context: BriefContext) -> list[Diagnostic]:
    """A letter that lists co-senders in ``mede_namens:`` says so in its text (the Kamer reads
    only the text, not the front matter): by ``{{ mede_namens }}`` or in its own words."""
    meta = context.brief.meta
    if not meta.mede_namens or _MEDE_NAMENS.search(mask(context.text)) or _MEDE_NAMENS_NAME.search(mask(context.brief.body)):
        return []
    message = (
        "this letter lists co-senders in 'mede_namens:' but its text never says it is sent on their behalf: "
        "open it with {{ mede_namens }} (\"Mede namens de Minister van … informeer ik u …\")"
    )
    return [finding(meta.location_of("mede_namens"), message, "mede-namens-unsaid")]


def answers_addressed_problems(context: BriefContext) -> list[Diagnostic]:
    """Every id in ``answers:`` and ``partly_answers:`` is addressed in the body; every section,
    span or list item marked ``{answers="id"}`` answers an id the document answers.

    A nota claims nothing itself (its type has no steps): its marks name what the Kamerbrief
    it accompanies answers (``answered_in_template``), and nothing is required of it."""
    brief = context.brief
    doctype = doctype_of(brief)
    claims = [step for step in doctype.steps(brief.meta) if step.role in (ANSWER, PART)]
    problems = []
    addressed = set(context.named)
    answerable = [*doctype.answered_in_template(brief, context.letters), *(s.id for s in claims if s.role == PART)]
    own = set(answerable) == {step.id for step in claims}
    listed_in = "listed in 'answers:' or 'partly_answers:'" if own else "answered by the Kamerbrief it accompanies"
    marks = [
        *(("section", Location(brief.path, line), key) for line, key in heading_attribute_values(brief.body, brief.body_line, "answers")),
        *(("passage", location, key) for location, key in span_attribute_values(brief.body, brief.path, brief.body_line, "answers")),
    ]
    for what, location, key in marks:
        addressed.add(key)
        if key not in answerable:
            # A real id the document does not claim needs listing, not another id; a typo a hint.
            known = key in context.repository.commitments or key in context.repository.motions
            hint = "" if known else did_you_mean(key, answerable)
            message = f"this {what} answers '{key}', which is not {listed_in}{hint}"
            problems.append(finding(location, message, "not-in-answers"))
    for step in claims:
        if step.id not in addressed:
            field = "answers" if step.role == ANSWER else "partly_answers"
            problems.append(
                finding(
                    step.location,
                    f"'{step.id}' is listed in '{field}:' but the body never addresses it: cite @{step.id}, "
                    f"or mark the section that answers it with {{answers=\"{step.id}\"}}",
                    "answer-not-addressed",
                )
            )
    return problems
