"""Render stage: a resolved brief -> the bytes of its DOCX document.

``markdown`` turns the body into pandoc Markdown, the document type composes
the whole body from it (a reply repeats the questions, ``reply``), pandoc
turns that into DOCX, and the type adds its furniture with python-docx
(``letter``, ``nota``; ``furniture`` holds what they share). A type may build a
brief into further documents (``DocumentType.extra_documents``): each goes
through pandoc and its own furniture the same way.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Callable, Mapping

from docx import Document as open_docx

from ..codes import finding
from ..diagnostics import Diagnostic, Location
from ..doctypes import doctype_of
from ..model import Brief, Repository
from ..targets import brief_folder
from ..version import Stamp
from .markdown import PandocFailed, body_markdown, markdown_to_docx


def render(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief], reference: Path, stamp: Stamp,
    rewrite: Callable[[str], str] | None = None, comments: bool | None = None,
) -> tuple[dict[str, bytes] | None, list[Diagnostic]]:
    """Render a brief that passed the check stage: the bytes of each of its documents, by the
    suffix of its file name ("" for the brief's own, then its type's ``extra_documents``).
    ``rewrite`` changes the body's Markdown before it is composed (the Woo version withholds
    its marked passages there). ``comments`` overrides whether reviewers' remarks become Word
    comments (by default: in a brief not yet verzonden); a publication has none."""
    markdown, problems = body_markdown(brief, repository, letters, comments)
    if markdown is None:
        return None, problems
    if rewrite is not None:
        markdown = rewrite(markdown)
    doctype = doctype_of(brief)

    def furnish_own(document, stamp: Stamp) -> None:
        doctype.furnish(document, brief, repository, stamp)

    pieces = [("", doctype.compose(markdown, brief, repository), furnish_own)]
    pieces += [(extra.suffix, extra.markdown, extra.furnish) for extra in doctype.extra_documents(brief, repository)]
    documents: dict[str, bytes] = {}
    for suffix, text, furnish in pieces:
        try:
            document = open_docx(BytesIO(markdown_to_docx(text, reference, brief_folder(brief))))
        except PandocFailed as exc:
            return None, [finding(Location(brief.path, brief.body_line), str(exc), "pandoc")]
        furnish(document, stamp)
        out = BytesIO()
        document.save(out)
        documents[suffix] = reproducible_zip(out.getvalue())
    return documents, []


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
