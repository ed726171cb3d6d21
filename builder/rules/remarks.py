"""Rules about reviewers' remarks in a body (``builder.remarks``): each well-formed, and none
left in a letter that has gone out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import finding
from ..diagnostics import Diagnostic
from ..remarks import find_remarks

if TYPE_CHECKING:
    from . import BriefContext


def remark_problems(context: BriefContext) -> list[Diagnostic]:
    """An ill-formed remark is an error; a remark in a brief marked verzonden is a warning:
    the build drops it, but it was never answered, and the letter went out as it stands."""
    brief = context.brief
    remarks, problems = find_remarks(brief.body, brief.path, brief.body_line)
    if brief.meta.status == "verzonden":
        problems += [
            finding(remark.span.location, f"an open remark of {remark.author} in a brief marked verzonden: \u201c{remark.text}\u201d; "
                    "settle it and delete the span's remark (keep its text)", "open-comment")
            for remark in remarks
        ]
    return problems
