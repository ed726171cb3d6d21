"""Render stage: a resolved brief -> the bytes of its DOCX document.

``markdown`` turns the body into pandoc Markdown, the document type composes
the whole body from it (a reply repeats the questions, ``reply``), pandoc
turns that into DOCX, and the type adds its furniture with python-docx
(``letter``, ``nota``; ``furniture`` holds what they share).
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Mapping

from docx import Document as open_docx

from ..codes import finding
from ..diagnostics import Diagnostic, Location
from ..doctypes import doctype_of
from ..model import Brief, Repository
from ..version import Stamp
from .markdown import PandocFailed, body_markdown, markdown_to_docx


def render(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief], reference: Path, stamp: Stamp
) -> tuple[bytes | None, list[Diagnostic]]:
    """Render a brief that passed the check stage."""
    markdown, problems = body_markdown(brief, repository, letters)
    if markdown is None:
        return None, problems
    doctype = doctype_of(brief)
    markdown = doctype.compose(markdown, brief, repository)
    try:
        document = open_docx(BytesIO(markdown_to_docx(markdown, reference)))
    except PandocFailed as exc:
        return None, [finding(Location(brief.path, brief.body_line), str(exc), "pandoc")]
    doctype.furnish(document, brief, repository, stamp)
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
