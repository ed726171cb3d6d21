"""Render stage: a resolved brief -> the bytes of its DOCX document.

``markdown`` turns the body into pandoc Markdown and pandoc turns that into
DOCX; ``reply`` composes a schriftelijk-overleg reply from questions and
answers first. ``letter`` and ``nota`` then add the furniture of their
document type with python-docx (``furniture`` holds what they share).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Mapping

from docx import Document as open_docx

from ..diagnostics import Diagnostic
from ..model import Brief, NotaFrontMatter, ReplyFrontMatter, Repository
from ..version import Stamp
from .letter import Letter
from .markdown import body_markdown, markdown_to_docx
from .nota import Nota
from .reply import reply_markdown


def render(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief], reference: Path, stamp: Stamp
) -> tuple[bytes | None, list[Diagnostic]]:
    """Render a brief that passed the check stage."""
    markdown, problems = body_markdown(brief, repository, letters)
    if markdown is None:
        return None, problems
    meta = brief.meta
    if isinstance(meta, ReplyFrontMatter):
        markdown = reply_markdown(markdown, meta, repository.overleggen[meta.overleg], repository)
    document = open_docx(BytesIO(markdown_to_docx(markdown, reference)))
    furniture = Nota if isinstance(meta, NotaFrontMatter) else Letter
    furniture(document, brief, repository, stamp).furnish()
    out = BytesIO()
    document.save(out)
    return out.getvalue(), []
