"""The inventarislijst of a Woo version: each redaction's page, ground and length, never its text.

The page is read from the PDF LibreOffice made: poppler's text of each page holds the
boxes' ground codes (and any code the text itself mentions) in the order the document
has them. Page one's header and footer are on page one, the later pages' on each page
after it; what is left of a page's codes belongs to the body (with its footnotes, which
stand on the page of their reference), taken in reading order.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..csvsafe import csv_text
from .grounds import CODE_PATTERN, GROUNDS
from .redact import Box

HEADER = ("nummer", "pagina", "weigeringsgrond", "omschrijving", "lengte (tekens)", "plaats")
REGION_NAMES = {"first": "kop of voet van pagina 1", "body": "tekst", "later": "kop of voet vanaf pagina 2"}
PDFTOTEXT_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class InventoryRow:
    number: int
    page: int | None  # None: on no page (a later pages' header of a one-page document)
    box: Box


class PdfTextUnreadable(Exception):
    """pdftotext is missing or failed; the message says which."""


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext separates pages by form feeds)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise PdfTextUnreadable("poppler's pdftotext is not installed: install poppler-utils to read the PDF's pages")
    done = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=PDFTOTEXT_TIMEOUT_SECONDS)
    if done.returncode != 0:
        raise PdfTextUnreadable(f"pdftotext could not read the PDF: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def inventory(tokens: dict[str, tuple[Box | None, ...]], pages: list[str]) -> list[InventoryRow]:
    """The rows, in reading order (page one's furniture, the body, the later pages' furniture)."""
    later_page = 2 if len(pages) >= 2 else None
    placed: list[tuple[Box, int | None]] = [(box, 1) for box in tokens.get("first", ()) if box is not None]
    placed += _body_pages(tokens, pages)
    placed += [(box, later_page) for box in tokens.get("later", ()) if box is not None]
    return [InventoryRow(number, page, box) for number, (box, page) in enumerate(placed, 1)]


def _body_pages(tokens: dict[str, tuple[Box | None, ...]], pages: list[str]) -> list[tuple[Box, int | None]]:
    """Each body box with the page whose codes, less its header's and footer's, reach it."""
    furniture = {1: len(tokens.get("first", ()))}
    body = list(tokens.get("body", ()))
    placed: list[tuple[Box, int | None]] = []
    position = 0
    for number, text in enumerate(pages, 1):
        room = max(0, len(CODE_PATTERN.findall(text)) - furniture.get(number, len(tokens.get("later", ()))))
        for token in body[position : position + room]:
            if token is not None:
                placed.append((token, number))
        position += room
    last = len(pages) or None
    placed += [(token, last) for token in body[position:] if token is not None]  # codes the PDF lost: its last page
    return placed


def inventory_csv(rows: list[InventoryRow]) -> str:
    """The inventarislijst as CSV: ground and length, never the withheld text."""
    return csv_text(
        HEADER,
        [
            (str(row.number), "" if row.page is None else str(row.page), row.box.ground,
             GROUNDS.get(row.box.ground, ""), str(row.box.length), REGION_NAMES[row.box.region])
            for row in rows
        ],
    )
