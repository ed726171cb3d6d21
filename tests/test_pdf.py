"""`brief build --pdf`: a real PDF/A-2b beside each document, one LibreOffice run; without
LibreOffice a located error and exit 2, and the build without --pdf still works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from builder.pipeline import build

from .conftest import REPO, require_tool


def _cli(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    if path is not None:
        environment["PATH"] = path
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def _pdf_text(pdf: Path) -> str:
    pdftotext = require_tool("pdftotext", "poppler-utils")
    return subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_build_pdf_writes_a_pdf_a_beside_each_document_with_the_letters_text(project):
    require_tool("soffice", "libreoffice-writer")
    done = _cli("build", "--pdf", "nota-tekenexemplaren-per-racisme", "antwoord-vragen-chakor-brandbrief", cwd=project.root)
    assert done.returncode == 0, done.stderr
    for name in ("nota-tekenexemplaren-per-racisme", "antwoord-vragen-chakor-brandbrief",
                 "antwoord-vragen-chakor-brandbrief-aanbiedingsbrief"):
        pdf = project.out_dir / f"{name}.pdf"
        assert f"wrote out/{name}.pdf" in done.stdout
        assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(_pdf_text(project.out_dir / "nota-tekenexemplaren-per-racisme.pdf").split())
    assert "Tekenexemplaren Kamerbrief PER racisme" in text
    assert "U wordt geadviseerd, uitgaande van een positief besluit in de MR" in text
    meta = subprocess.run(["pdfinfo", "-meta", str(project.out_dir / "nota-tekenexemplaren-per-racisme.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert not [p.name for p in project.out_dir.iterdir() if p.name.endswith(".tmp")]


def test_an_up_to_date_document_without_a_pdf_gets_one(project):
    require_tool("soffice", "libreoffice-writer")
    assert build(project, ["nota-tekenexemplaren-per-racisme"]).ok
    done = _cli("build", "--pdf", "nota-tekenexemplaren-per-racisme", cwd=project.root)
    assert done.returncode == 0, done.stderr
    assert "up to date: 1 brief(s)" in done.stdout
    assert (project.out_dir / "nota-tekenexemplaren-per-racisme.pdf").is_file()


def test_without_libreoffice_build_pdf_is_a_located_error_and_exit_2(project):
    # Only the venv's scripts on PATH: no soffice (pandoc comes with pypandoc).
    path = os.path.dirname(sys.executable)
    done = _cli("build", "--pdf", "nota-tekenexemplaren-per-racisme", cwd=project.root, path=path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert ("out/nota-tekenexemplaren-per-racisme.docx:1:1: error: LibreOffice is not installed (no 'soffice' on PATH): "
            "install libreoffice-writer to make PDFs [pdf]") in done.stderr
    assert "Traceback" not in done.stderr
    assert (project.out_dir / "nota-tekenexemplaren-per-racisme.docx").is_file()
    assert not (project.out_dir / "nota-tekenexemplaren-per-racisme.pdf").exists()


def test_without_libreoffice_the_build_itself_works(project):
    done = _cli("build", "nota-tekenexemplaren-per-racisme", cwd=project.root, path=os.path.dirname(sys.executable))
    assert done.returncode == 0, done.stderr
    assert (project.out_dir / "nota-tekenexemplaren-per-racisme.docx").is_file()
