"""Every example brief builds, opens cleanly in Word's schema, and matches its golden text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from .conftest import EXAMPLE_OUTPUTS, W, footnotes

GOLDEN = Path(__file__).parent / "golden"


def test_every_example_is_built_and_nothing_else(built, project):
    assert sorted(built) == EXAMPLE_OUTPUTS
    # the documents, and the digests of their inputs that let a rebuild skip them; no temporary files
    assert sorted(p.name for p in project.out_dir.iterdir()) == sorted([".brief-inputs.json", *(f"{name}.docx" for name in EXAMPLE_OUTPUTS)])


@pytest.mark.parametrize("name", EXAMPLE_OUTPUTS)
def test_word_would_open_the_document_cleanly(built, name):
    """LibreOffice forgives schema errors that make Word repair or refuse a file."""
    result = subprocess.run(
        [sys.executable, "-c", "from openxml_audit.cli import main; main()",
         "-f", "office2019", "-m", "0", "-o", "json", str(built[name])],
        capture_output=True, text=True, timeout=120,
    )
    (report,) = json.loads(result.stdout)
    assert report["errors"] == [] and report["valid"], report


def dump(path: Path) -> str:
    """The document as plain text: body paragraphs and table rows in order, then footnotes."""
    document = docx.Document(path)
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            paragraph = Paragraph(child, document)
            lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif child.tag == f"{W}tbl":
            for row in Table(child, document).rows:
                lines.append("[row] " + " | ".join(cell.text for cell in row.cells))
    lines += [f"^{i} {note}" for i, note in enumerate(footnotes(path), 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", EXAMPLE_OUTPUTS)
def test_whole_document_matches_golden_text(built, name):
    golden = GOLDEN / f"{name}.txt"
    actual = dump(built[name])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
