"""Two built DOCX documents compared into one with Word tracked changes, by Docxodus.

The engine was chosen by measuring (see the commit that added it): Docxodus (through
python-redlines, a self-contained .NET binary in the wheel, no runtime to install) marks
changes in the body, the footnotes (a changed note word by word, a removed note kept as
deleted), the headers (the sender column's Kenmerk and Datum) and tables, and accepting or
rejecting all its changes gives back either build exactly. Its output needs two repairs:
it keeps the earlier document's properties (title, Kenmerk as keywords, status, version
stamp), so the later build's ``docProps/`` parts replace them; and a table row it marks
inserted or deleted gets a ``w:trPr`` holding only the ``w:ins`` or ``w:del``, which the
schema does not allow (a row property must come first), so a neutral one is added.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..codes import finding
from ..diagnostics import Diagnostic, Location
from .revisions import Authorship

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The parts that hold text a change can be in, and how a summary names them.
PLACES = {
    "word/document.xml": "body", "word/footnotes.xml": "footnotes", "word/endnotes.xml": "endnotes",
    "word/header": "headers", "word/footer": "footers",
}


def compare(before: bytes, after: bytes, by: Authorship, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """``after`` with every change since ``before`` tracked, by ``by``; ``shown`` locates a failure."""
    try:
        from python_redlines.engines import DocxodusEngine, EngineExecutionError, EngineNotInstalledError
    except ImportError:
        return None, [_not_installed(shown)]
    try:
        engine = DocxodusEngine()
    except EngineNotInstalledError:
        return None, [_not_installed(shown)]
    try:
        marked, _, _ = engine.run_redline(by.author, before, after, date_time=by.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
    except EngineExecutionError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        message = f"the compare engine (Docxodus) failed: {detail[-1] if detail else f'exit status {exc.returncode}'}"
        return None, [finding(Location(shown), message, "redline")]
    return repaired(marked, after), []


def _not_installed(shown: str) -> Diagnostic:
    message = "the compare engine is not installed: pip install 'python-redlines[docxodus]'"
    return finding(Location(shown), message, "redline")


def repaired(document: bytes, after: bytes) -> bytes:
    """The compared document with the document properties of ``after`` (the build it
    shows), each row property list that holds only a tracked change given a neutral
    property before it, and every entry dated 1980-01-01 as builds are."""
    source = zipfile.ZipFile(io.BytesIO(document))
    built = zipfile.ZipFile(io.BytesIO(after))
    properties = {name for name in built.namelist() if name.startswith("docProps/")}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename in properties:
                data = built.read(entry.filename)
            elif entry.filename == "word/document.xml":
                data = _rows_repaired(data)
            stamped = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, data)
    return out.getvalue()


def _rows_repaired(data: bytes) -> bytes:
    root = etree.fromstring(data)
    bare = [trpr for trpr in root.iter(f"{W}trPr") if len(trpr) and all(child.tag in (f"{W}ins", f"{W}del") for child in trpr)]
    if not bare:
        return data
    for trpr in bare:
        neutral = etree.Element(f"{W}cantSplit")
        neutral.set(f"{W}val", "off")  # the default: the row may break across pages, as it did
        trpr.insert(0, neutral)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def changed_paragraphs(document: bytes) -> dict[str, int]:
    """How many paragraphs hold a tracked change, by where they are: the body, the footnotes,
    the endnotes, the headers (the sender column) and the footers."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        for name in sorted(archive.namelist()):
            place = _place(name)
            if place is None:
                continue
            root = etree.fromstring(archive.read(name))
            changed = sum(1 for p in root.iter(f"{W}p") if next(p.iter(f"{W}ins", f"{W}del"), None) is not None)
            if changed:
                counts[place] = counts.get(place, 0) + changed
    return counts


def _place(part: str) -> str | None:
    for prefix, place in PLACES.items():
        if part.startswith(prefix) and part.endswith(".xml"):
            return place
    return None
