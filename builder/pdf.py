"""DOCX -> PDF with LibreOffice headless: one soffice run for a whole batch, as PDF/A-2b.

soffice's start-up is most of its time (about 1.2 s; each further document adds a
fraction), so every document of a run is converted in one call. Each call gets a
profile directory and a HOME of its own: two soffice processes sharing a profile fail
silently (one exits 1 without a PDF), and LibreOffice writes under HOME even with its
own profile. The PDFs are made in a scratch directory and then written into place
atomically, so a reader never sees half a PDF and a failed run leaves the old ones.

PDF/A-2b (``SelectPdfVersion`` 2 of the ``writer_pdf_Export`` filter): the archival
form, fonts embedded, which the Woo asks publishers to prefer; the XMP metadata of the
PDF says so (``pdfaid:part`` 2, ``pdfaid:conformance`` B).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .codes import finding
from .diagnostics import Diagnostic, Location
from .freshness import read_manifest
from .project import Project
from .write import write_atomically

# The export filter with its options as JSON (LibreOffice 7.4 and later read this form).
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
SOFFICE_TIMEOUT_SECONDS = 600
SOFFICE_MISSING = "LibreOffice is not installed (no 'soffice' on PATH): install libreoffice-writer to make PDFs"


@dataclass(frozen=True)
class Converted:
    """PDFs written beside their documents, and what went wrong."""

    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


def soffice_path() -> str | None:
    return shutil.which("soffice")


def run_soffice(
    soffice: str, documents: list[Path], outdir: Path, profile: Path, target: str = PDF_A_FILTER
) -> subprocess.CompletedProcess:
    """One soffice run converting every document into ``outdir``, with ``profile`` as both its
    profile directory and its HOME (made fresh by the caller)."""
    return subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(outdir), *map(str, documents)],
        env={**os.environ, "HOME": str(profile)}, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_SECONDS,
    )


def pdf_bytes(documents: list[Path], shown: dict[Path, str] | None = None) -> tuple[dict[Path, bytes], list[Diagnostic]]:
    """The PDF of each DOCX in ``documents`` as bytes, made in one soffice run; nothing is
    written beside them. ``shown`` names a document in findings (default: its path)."""
    shown = shown or {}
    if not documents:
        return {}, []
    soffice = soffice_path()
    if soffice is None:
        return {}, [finding(Location(shown.get(documents[0], str(documents[0]))), SOFFICE_MISSING, "pdf")]
    names = [document.stem for document in documents]
    if len(set(names)) != len(names):
        raise ValueError("documents converted in one run need distinct names")  # soffice names a PDF by its stem
    with tempfile.TemporaryDirectory(prefix="brief-pdf-") as scratch:
        work = Path(scratch)
        (work / "profile").mkdir()
        try:
            done = run_soffice(soffice, documents, work / "pdf", work / "profile")
        except subprocess.TimeoutExpired:
            reason = f"LibreOffice did not finish within {SOFFICE_TIMEOUT_SECONDS} s"
            return {}, [finding(Location(shown.get(documents[0], str(documents[0]))), reason, "pdf")]
        except OSError as exc:
            reason = f"LibreOffice cannot be started: {exc.strerror or exc}"
            return {}, [finding(Location(shown.get(documents[0], str(documents[0]))), reason, "pdf")]
        made: dict[Path, bytes] = {}
        problems: list[Diagnostic] = []
        for document in documents:
            pdf = work / "pdf" / f"{document.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size:
                made[document] = pdf.read_bytes()
            else:
                said = " ".join((done.stderr or done.stdout or "").split())[-300:] or f"exit status {done.returncode}"
                reason = f"LibreOffice made no PDF of this document: {said}"
                problems.append(finding(Location(shown.get(document, str(document))), reason, "pdf"))
    return made, problems


def pdfs_beside(documents: list[Path], shown: dict[Path, str] | None = None) -> Converted:
    """``NAME.pdf`` beside each ``NAME.docx`` in ``documents``, each written atomically."""
    made, problems = pdf_bytes(documents, shown)
    written = []
    for document, data in made.items():
        target = document.with_suffix(".pdf")
        try:
            write_atomically(target, data)
        except OSError as exc:
            where = (shown or {}).get(document, str(document))
            problems.append(finding(Location(where[: -len(".docx")] + ".pdf" if where.endswith(".docx") else where),
                                    f"cannot write the PDF: {exc.strerror}", "write"))
            continue
        written.append(target)
    return Converted(tuple(written), tuple(problems))


def built_documents_wanting_pdfs(project: Project, written: tuple[Path, ...], up_to_date: tuple[str, ...]) -> list[Path]:
    """The DOCX a ``build --pdf`` converts: each one it wrote, and each document of a brief it
    found up to date whose PDF is missing or older than it (a build without --pdf made it)."""
    manifest = read_manifest(project.out_dir)
    wanted = [path for path in written if path.suffix == ".docx"]
    for name in up_to_date:
        for output in manifest.get(name, {}):
            document = project.out_dir / output
            pdf = document.with_suffix(".pdf")
            if document.suffix == ".docx" and document.is_file() and (
                not pdf.is_file() or pdf.stat().st_mtime < document.stat().st_mtime
            ):
                wanted.append(document)
    return wanted
