"""Any brief: each passage marked for redaction under the Woo (``[tekst]{.lak grond="5.1.2e"}``)
names a ground of the Woo. A normal build prints the passage; ``brief woo`` withholds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import finding
from ..diagnostics import Diagnostic
from ..woo.grounds import ground_problem, marked_spans

if TYPE_CHECKING:
    from . import BriefContext


def ground_problems(context: BriefContext) -> list[Diagnostic]:
    """A ``.lak`` span without ``grond``, or with one the Woo does not have (did you mean …)."""
    brief = context.brief
    problems = []
    for span in marked_spans(brief.body, brief.path, brief.body_line):
        problem = ground_problem(span.attribute("grond"))
        if problem is not None:
            problems.append(finding(span.location, problem, "woo-ground"))
    return problems
