"""Check stage: rules about a brief as a whole, beyond single references resolving."""

from __future__ import annotations

from collections import Counter

from .diagnostics import Diagnostic, error
from .model import Brief


def brief_problems(brief: Brief) -> list[Diagnostic]:
    meta = brief.meta
    problems = []
    if not meta.signatories:
        problems.append(error(meta.location_of("signatories"), "a letter needs at least one signatory"))
    for field in ("answers", "signatories"):
        for key, count in Counter(getattr(meta, field)).items():
            if count > 1:
                problems.append(error(meta.location_of(field), f"'{key}' is listed {count} times in '{field}'"))
    return problems
