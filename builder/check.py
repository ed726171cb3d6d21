"""Check stage: a brief's template expanded and the rules of ``builder.rules`` run over it.

Per brief (``brief build`` and ``brief check``): the rules of scope ``brief``
and those its document type lists. Across the repository (``brief check``
without names): the rules of scope ``repository``.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from .body import find_citations, strip_comments
from .diagnostics import Diagnostic
from .doctypes import doctype_of
from .model import Brief, Repository
from .rules import BriefContext, RepositoryContext, run_brief_rules, run_repository_rules
from .severities import apply_severities
from .template import expand_template


def brief_problems(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief]
) -> tuple[list[Diagnostic], set[str]]:
    """Everything about one brief beyond its references resolving, and the ids its body names
    (none when its template fails: that error is the finding)."""
    text, used, problems = expand_template(brief, repository, letters)
    named = _names_in(brief, text, used) if text is not None else set()
    context = BriefContext(brief, repository, letters, text, frozenset(named))
    problems += run_brief_rules(context, doctype_of(brief).rules)
    return apply_severities(problems, repository.severities), named


def named_in(brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> tuple[set[str] | None, list[Diagnostic]]:
    """The ids a body names once expanded: citations in any form, and the items its template reads."""
    text, used, problems = expand_template(brief, repository, letters)
    if text is None:
        return None, problems
    return _names_in(brief, text, used), []


def _names_in(brief: Brief, text: str, used: set[str]) -> set[str]:
    """The ids an expanded body cites, with those its template read (``used``)."""
    citations, _ = find_citations(strip_comments(text), brief.path, brief.body_line)
    return used | {part.key for citation in citations for part in citation.parts}


def repository_problems(
    repository: Repository, briefs: list[Brief], named: Mapping[str, set[str]], as_of: dt.date
) -> list[Diagnostic]:
    """Findings about the data that need every brief; ``named`` holds the ids each brief names."""
    return apply_severities(run_repository_rules(RepositoryContext(repository, briefs, named, as_of)), repository.severities)
