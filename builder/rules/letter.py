"""Rules of letters to the Kamer: who signs, on whose behalf, and every id in ``answers:``
addressed in the body."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..body import heading_attribute_values, mask
from ..codes import finding
from ..diagnostics import Diagnostic, Location

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
    for field, keys in listed:
        for key, count in Counter(keys).items():
            if count > 1:
                problems.append(finding(meta.location_of(field), f"'{key}' is listed {count} times in '{field}'", "listed-twice"))
    for key in sorted(set(parts) & set(meta.answers)):
        message = f"'{key}' is in both 'answers:' and 'partly_answers:'; a letter answers it in full or in part"
        problems.append(finding(meta.location_of("partly_answers"), message, "listed-twice"))
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
    """Every id in ``answers:`` and ``partly_answers:`` is addressed in the body; every section
    that answers one lists it."""
    brief = context.brief
    meta = brief.meta
    problems = []
    addressed = set(context.named)
    parts = {part.id: part for part in meta.partly_answers}
    for line_number, key in heading_attribute_values(brief.body, brief.body_line, "answers"):
        addressed.add(key)
        if key not in meta.answers and key not in parts:
            problems.append(
                finding(
                    Location(brief.path, line_number),
                    f"this section answers '{key}', which is not listed in 'answers:' or 'partly_answers:'",
                    "not-in-answers",
                )
            )
    for key in meta.answers:
        if key not in addressed:
            problems.append(
                finding(
                    meta.location_of("answers"),
                    f"'{key}' is listed in 'answers:' but the body never addresses it: cite @{key}, "
                    f"or mark the section that answers it with {{answers=\"{key}\"}}",
                    "answer-not-addressed",
                )
            )
    for key, part in parts.items():
        if key not in addressed:
            problems.append(
                finding(
                    part.loc,
                    f"'{key}' is listed in 'partly_answers:' but the body never addresses it: cite @{key}, "
                    f"or mark the section that answers it with {{answers=\"{key}\"}}",
                    "answer-not-addressed",
                )
            )
    return problems
