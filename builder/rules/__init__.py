"""The consistency rules: one table, each rule with its codes and where it applies.

As in yamllint, a rule is a small module's function and this table is the only
place that wires them. A rule of scope ``brief`` runs on every brief; one of
scope ``type`` only on the briefs whose document type lists it by name
(``DocumentType.rules``); one of scope ``repository`` once over all data and
briefs (``brief check`` without names). The severity of each code is in
``builder.codes``.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Callable, Literal, Mapping

from ..diagnostics import Diagnostic
from ..model import Brief, Repository
from . import body, coverage, kamervragen, letter, nota, remarks, reply, woo


@dataclass(frozen=True)
class BriefContext:
    """What a rule about one brief may read."""

    brief: Brief
    repository: Repository
    letters: Mapping[str, Brief]
    text: str | None  # the body with its template expanded; None when the template failed
    named: frozenset[str]  # the ids the expanded body names (empty when it failed)


@dataclass(frozen=True)
class RepositoryContext:
    """What a rule about the repository as a whole may read."""

    repository: Repository
    briefs: list[Brief]
    named: Mapping[str, set[str]]  # brief name -> the ids it names
    as_of: dt.date


@dataclass(frozen=True)
class Rule:
    name: str
    scope: Literal["brief", "type", "repository"]
    codes: tuple[str, ...]
    check: Callable[..., list[Diagnostic]]
    needs_text: bool = False  # skipped when the template failed: that error is the finding


RULES: tuple[Rule, ...] = (
    Rule("bracket-nesting", "brief", ("nesting",), body.bracket_nesting_problems, needs_text=True),
    Rule("generated-citations", "brief", ("unknown-id", "not-citable", "nested-citation"), body.generated_citation_problems, needs_text=True),
    Rule("relative-dates", "brief", ("relative-date",), body.relative_date_problems),
    Rule("structure", "brief", ("numbering", "duplicate-target", "image"), body.structure_problems, needs_text=True),
    Rule("woo-grounds", "brief", ("woo-ground",), woo.ground_problems),
    Rule("remarks", "brief", ("remark", "open-comment"), remarks.remark_problems),
    Rule("letter-signatories", "type", ("signatory", "listed-twice"), letter.signatory_problems),
    Rule("appointment-dates", "type", ("appointment-dates",), letter.appointment_problems),
    Rule("mede-namens", "type", ("mede-namens-unsaid",), letter.mede_namens_problems, needs_text=True),
    Rule("answers-addressed", "type", ("not-in-answers", "answer-not-addressed"), letter.answers_addressed_problems, needs_text=True),
    Rule("nota-sections", "type", ("nota-section",), nota.nota_section_problems),
    Rule("bijlagen-referenced", "type", ("bijlage-unreferenced",), nota.bijlage_problems, needs_text=True),
    Rule(
        "reply-answers", "type",
        ("unknown-question", "wrong-kamer", "empty-answer", "answered-twice", "unanswered-question"),
        reply.reply_problems,
    ),
    Rule("late-reply", "type", ("late-reply",), reply.late_reply_problems),
    Rule("kamervragen-signatories", "type", ("signatory", "listed-twice", "not-asked"), kamervragen.signatory_problems),
    Rule(
        "kamervragen-answers", "type", ("unknown-question", "empty-answer", "answered-twice", "answer-group", "unanswered-question"),
        kamervragen.answer_problems, needs_text=True,
    ),
    Rule(
        "statuses", "repository",
        ("overdue", "answered-late", "postponed-late", "answered-still-open", "status-differs", "closed-unanswered"),
        coverage.statuses,
    ),
    Rule(
        "kamervragen-deadlines", "repository", ("kamervragen-overdue", "uitstel-late", "answered-late"),
        coverage.kamervragen_deadlines,
    ),
    Rule("unused-documents", "repository", ("unused-document",), coverage.unused_document_problems),
)
RULES_BY_NAME: Mapping[str, Rule] = {rule.name: rule for rule in RULES}


@functools.cache
def brief_rules(type_rules: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules for a brief whose document type lists ``type_rules``, in table order;
    worked out once per document type, not for every brief."""
    not_type_rules = [name for name in type_rules if name not in RULES_BY_NAME or RULES_BY_NAME[name].scope != "type"]
    if not_type_rules:
        raise ValueError(f"a document type lists rules that are not type rules: {', '.join(not_type_rules)}")
    return tuple(rule for rule in RULES if rule.scope == "brief" or rule.name in type_rules)


def run_brief_rules(context: BriefContext, type_rules: tuple[str, ...]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for rule in brief_rules(type_rules):
        if context.text is not None or not rule.needs_text:
            problems += rule.check(context)
    return problems


def run_repository_rules(context: RepositoryContext) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for rule in RULES:
        if rule.scope == "repository":
            problems += rule.check(context)
    return problems
