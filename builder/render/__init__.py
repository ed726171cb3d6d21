"""Render stage: a resolved brief -> the bytes of its DOCX document.

``markdown`` turns the body into pandoc Markdown and pandoc turns that into
DOCX; ``reply`` composes a schriftelijk-overleg reply from questions and
answers first. ``letter`` and ``nota`` then add the furniture of their
document type with python-docx (``furniture`` holds what they share).
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Mapping

from docx import Document as open_docx

from ..diagnostics import Diagnostic, Location, error
from ..model import Brief, NotaFrontMatter, ReplyFrontMatter, Repository
from ..version import Stamp
from .letter import Letter
from .markdown import PandocFailed, body_markdown, markdown_to_docx
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
    try:
        document = open_docx(BytesIO(markdown_to_docx(markdown, reference)))
    except PandocFailed as exc:
        return None, [error(Location(brief.path, brief.body_line), str(exc), "pandoc")]
    furniture = Nota if isinstance(meta, NotaFrontMatter) else Letter
    furniture(document, brief, repository, stamp).furnish()
    out = BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue()), []


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, the earliest a zip can say.

    python-docx stamps each entry with the time of saving, so two builds of the same
    input differed in bytes; now they differ only where the content does.
    """
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(entry))
    return out.getvalue()
