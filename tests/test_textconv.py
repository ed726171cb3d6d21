"""The git textconv view of a built DOCX: complete, stable, one paragraph a line."""

from __future__ import annotations

import difflib
import io
import os
import random
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from builder import textconv
from builder.pipeline import build
from builder.textconv import docx_text

from .conftest import EXAMPLES, W, footnotes, part, texts_of

LETTER = "sociale-veiligheid-rijksoverheid"


def text_of(path) -> str:
    text, diagnostics = docx_text(path.read_bytes(), path.name)
    assert diagnostics == []
    assert text is not None
    return text


def sections(text: str) -> dict[str, list[str]]:
    """'== name ==' -> the lines under it; the properties before the first heading under ''."""
    result: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("== ") and line.endswith(" =="):
            current = line[3:-3]
            assert current not in result, f"section {current} twice"
            result[current] = []
        elif line:
            result[current].append(line)
    return result


def style_name(path, style_id: str) -> str:
    styles = part(path, "word/styles.xml")
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)
    return style.find(f"{W}name").get(f"{W}val")


# --- the examples ----------------------------------------------------------------------------------


def test_letter_has_properties_furniture_body_and_footnotes_in_that_order(built):
    text = text_of(built[LETTER])
    assert text.startswith("Titel: Sociale veiligheid en veilig werken binnen de Rijksoverheid\nOnderwerp: Kamerbrief\n")
    headings = [line for line in text.splitlines() if line.startswith("== ")]
    assert headings == [
        "== koptekst (eerste pagina) ==",
        "== koptekst ==",
        "== voettekst (eerste pagina) ==",
        "== voettekst ==",
        "== tekst ==",
        "== voetnoten ==",
    ]


def test_every_footnote_text_is_listed_in_order(built):
    path = built[LETTER]
    notes = footnotes(path)
    assert sections(text_of(path))["voetnoten"] == [f"[^{n}]: {note}" for n, note in enumerate(notes, start=1)]


def test_footnote_references_stand_where_the_reader_sees_the_numbers(built):
    body = sections(text_of(built[LETTER]))["tekst"]
    joined = "\n".join(body)
    assert "Over de aanpak van discriminatie en racisme binnen de Rijksoverheid heb ik uw Kamer eerder geïnformeerd.[^1] Tot slot" in joined
    references = [f"[^{n}]" for n in range(1, len(footnotes(built[LETTER])) + 1)]
    positions = [joined.index(reference) for reference in references]
    assert positions == sorted(positions)
    assert all(joined.count(reference) == 1 for reference in references)


def test_page_number_fields_show_their_instruction_not_the_cached_number(built):
    found = sections(text_of(built[LETTER]))
    for footer in ("voettekst (eerste pagina)", "voettekst"):
        assert found[footer] == ["[Page Number] Pagina {PAGE} van {NUMPAGES}"]


def test_reference_column_frames_are_in_the_header_once(built):
    header = sections(text_of(built[LETTER]))["koptekst (eerste pagina)"]
    kenmerk = header.index("[Sender Column Heading] Kenmerk")
    assert header[kenmerk + 1] == "[Sender Column] 2022-0000312345"
    assert header.count("[Sender Column] 2022-0000312345") == 1
    assert header[0] == "[Woordmerk] Ministerie van Binnenlandse Zaken en / Koninkrijksrelaties"


def test_body_paragraphs_are_one_line_each_with_their_style(built):
    body = sections(text_of(built[LETTER]))["tekst"]
    assert body[0] == "[Return Address] > Retouradres Postbus 20011 2500 EA  Den Haag"
    assert "[Letter Meta] Datum\t27 juni 2022" in body
    assert "[Heading 1] 1. Sociale veiligheid binnen de Rijksoverheid" in body
    assert body[-1] == "[Signature] H.G.J. Bruins Slot"
    document = part(built[LETTER], "word/document.xml")
    with_text = [p for p in document.iter(f"{W}p") if texts_of(p).strip()]
    assert len(body) == len(with_text)


@pytest.mark.parametrize("name", [name for name in EXAMPLES if name.startswith("nota-")])
def test_nota_bijlagen_table_is_one_line_per_row(built, name):
    path = built[name]
    body = sections(text_of(path))["tekst"]
    rows = [
        " | ".join(texts_of(cell) for cell in row.iter(f"{W}tc"))
        for row in part(path, "word/document.xml").iter(f"{W}tr")
    ]
    if not rows:  # a nota without bijlagen has no table
        assert not any(" | " in line for line in body)
        return
    assert rows[0] == "Volgnummer | Naam | Informatie"
    start = body.index("[Heading 1] Bijlagen") + 1
    assert body[start : start + len(rows)] == rows


def test_questions_of_a_reply_keep_their_style_name(built):
    path = built["so-per-racisme-ek"]
    name = style_name(path, "Question")
    document = part(path, "word/document.xml")
    questions = [
        texts_of(p)
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Question"
    ]
    body = sections(text_of(path))["tekst"]
    shown = [line for line in body if line.startswith(f"[{name}] ")]
    assert questions and len(shown) == len(questions)
    assert shown[0] == f"[{name}] {questions[0]}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_text_is_clean_lines_ending_in_one_newline(built, name):
    text = text_of(built[name])
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "\n\n\n" not in text


# --- stable and diffable -----------------------------------------------------------------------------


def test_two_builds_of_the_same_brief_give_the_same_text(built, project, monkeypatch):
    first = built[LETTER].read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # a different build time in docProps/core.xml
    build(project, [LETTER])
    second = built[LETTER].read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert a.read("docProps/core.xml") != b.read("docProps/core.xml")
    assert docx_text(first, LETTER) == docx_text(second, LETTER)


def test_a_changed_sentence_is_a_one_line_diff(built, project):
    before = text_of(built[LETTER])
    source = project.briefs_dir / f"{LETTER}.md"
    old, new = "Sociale veiligheid heeft twee kanten.", "Sociale veiligheid kent twee kanten."
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert not build(project, [LETTER]).diagnostics
    after = text_of(built[LETTER])
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    line = next(line for line in before.splitlines() if old in line)
    assert changed == [f"-{line}", f"+{line.replace(old, new)}"]


# --- unreadable input --------------------------------------------------------------------------------


def zipped(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def single_error(data: bytes) -> str:
    text, diagnostics = docx_text(data, "out/brief.docx")
    assert text is None
    assert len(diagnostics) == 1
    (problem,) = diagnostics
    assert (str(problem.location), problem.severity, problem.code) == ("out/brief.docx:1:1", "error", "docx")
    return problem.message


def test_random_bytes_are_not_a_docx():
    assert single_error(random.Random(4).randbytes(2048)) == "not a DOCX file: not a zip archive"
    assert single_error(b"") == "not a DOCX file: not a zip archive"


def test_a_zip_without_a_document_part_is_not_a_docx():
    message = single_error(zipped({"word/styles.xml": f"<w:styles xmlns:w='{W[1:-1]}'/>"}))
    assert message == "not a DOCX file: word/document.xml is missing"


@pytest.mark.parametrize("name", ["word/document.xml", "word/footnotes.xml", "word/styles.xml"])
def test_broken_xml_names_the_part(name):
    parts = {"word/document.xml": DOCUMENT.format(body="<w:p/>"), name: "<w:document><w:body>"}
    assert single_error(zipped(parts)).startswith(f"broken XML in {name}: ")



# --- hostile packages: bounded work whatever the zip headers say -------------------------------------

BOMB_BYTES = 200 * 1024 * 1024


def deflated_zeros(name: str, size: int) -> bytes:
    """A zip whose one part is ``size`` zero bytes: some 1,000 times smaller than it unpacks to."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w") as part:
            block = bytes(1024 * 1024)
            for _ in range(size // len(block)):
                part.write(block)
    return buffer.getvalue()


def with_forged_size(data: bytes, size: int) -> bytes:
    """The archive with its (only) central directory entry claiming ``size`` unpacked bytes."""
    at = data.index(b"PK\x01\x02")
    return data[: at + 24] + struct.pack("<L", size) + data[at + 28 :]


def peak_memory_of(function, *args):
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = deflated_zeros("word/document.xml", BOMB_BYTES)
    assert len(data) < 300_000
    return data


def test_a_zip_bomb_is_refused_before_it_is_unpacked(bomb):
    message, peak = peak_memory_of(single_error, bomb)
    assert message == (
        "not a DOCX file this tool reads: word/document.xml would unpack to 209,715,200 bytes,"
        " more than the 33,554,432 a part may have"
    )
    assert peak < 4 * 1024 * 1024


def test_a_zip_bomb_with_a_lying_size_is_unpacked_only_as_far_as_it_claims(bomb):
    message, peak = peak_memory_of(single_error, with_forged_size(bomb, 5000))
    assert message.startswith("not a DOCX file: cannot unpack word/document.xml (")
    assert peak < 4 * 1024 * 1024


def test_a_part_is_never_taken_beyond_its_declared_size(monkeypatch):
    """Should zipfile ever not stop at the size in the header, the reading still does."""
    data = zipped({"word/document.xml": DOCUMENT.format(body="<w:p/>")})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *_: io.BytesIO(b"<w:p/>" * 100_000))
    assert single_error(data) == "not a DOCX file: word/document.xml is larger than its zip header says"


def test_a_part_compressed_like_a_zip_bomb_is_refused():
    message = single_error(deflated_zeros("word/document.xml", 4 * 1024 * 1024))
    assert re.fullmatch(
        r"not a DOCX file this tool reads: word/document\.xml would unpack to 4,194,304 bytes from [\d,]+,"
        r" \d+ times as many; more than 100 times looks like a zip bomb",
        message,
    )


def test_a_small_repetitive_part_is_not_mistaken_for_a_bomb():
    paragraph = "<w:p><w:r><w:t>Dezelfde zin.</w:t></w:r></w:p>"
    text = body_text(paragraph * 5000)  # compressed hundreds of times, but under 1 MB unpacked
    assert text == ["Dezelfde zin."] * 5000


def test_too_many_parts_are_refused_before_the_archive_is_read():
    parts = {f"word/media/p{number}.xml": "" for number in range(10_001)}
    message = single_error(zipped({"word/document.xml": DOCUMENT.format(body="<w:p/>"), **parts}))
    assert message == "not a DOCX file this tool reads: it has more than 10,000 parts"


def test_what_all_parts_unpack_to_is_bounded(monkeypatch):
    monkeypatch.setattr(textconv, "MAX_TOTAL_BYTES", 10_000)
    styles = f"<w:styles xmlns:w='{W[1:-1]}'>" + " " * 9_000 + "</w:styles>"
    data = zipped({"word/document.xml": DOCUMENT.format(body="<w:p/>" * 200), "word/styles.xml": styles})
    assert single_error(data) == (
        "not a DOCX file this tool reads: its parts would unpack to more than the 10,000 bytes a document may have"
    )


def test_a_device_or_a_pipe_is_refused_not_read(tmp_path):
    from builder.textconv import docx_file_text

    fifo = tmp_path / "brief.docx"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        text, (problem,) = docx_file_text(path, str(path))
        assert text is None
        assert str(problem) == f"{path}:1:1: error: cannot read file: not a regular file (a pipe, socket or device) [read]"


# --- constructions the examples do not use ---------------------------------------------------------

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
DOCUMENT = "<w:document " + NAMESPACES + "><w:body>{body}</w:body></w:document>"
TEXT_BOX = (
    "<w:r><mc:AlternateContent>"
    "<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def body_text(body: str, **parts: str) -> list[str]:
    text, diagnostics = docx_text(zipped({"word/document.xml": DOCUMENT.format(body=body), **parts}), "x.docx")
    assert diagnostics == []
    return sections(text)["tekst"]


def test_a_text_box_is_shown_once_after_its_anchor_paragraph():
    body = "<w:p><w:r><w:t>Anker</w:t></w:r>" + TEXT_BOX.format(text="In het kader") + "</w:p>"
    assert body_text(body) == ["Anker", "In het kader"]


def test_fields_show_their_keyword_but_hyperlinks_their_text():
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    def complex_field(instruction: str, result: str) -> str:
        return (
            run("<w:fldChar w:fldCharType='begin'/>")
            + run(f"<w:instrText> {instruction} </w:instrText>")
            + run("<w:fldChar w:fldCharType='separate'/>")
            + run(f"<w:t>{result}</w:t>")
            + run("<w:fldChar w:fldCharType='end'/>")
        )

    paragraph = (
        "<w:p>"
        + run("<w:t xml:space='preserve'>Zie </w:t>")
        + complex_field('HYPERLINK "https://example.org"', "de site")
        + run("<w:t xml:space='preserve'>, blad </w:t>")
        + "<w:fldSimple w:instr=' page \\* MERGEFORMAT '><w:r><w:t>7</w:t></w:r></w:fldSimple>"
        + run("<w:t xml:space='preserve'> van </w:t>")
        + complex_field("NUMPAGES", "9")
        + run("<w:br/><w:t>en verder</w:t><w:tab/><w:t>x</w:t>")
        + "</w:p>"
    )
    assert body_text(paragraph) == ["Zie de site, blad {PAGE} van {NUMPAGES} / en verder\tx"]


def test_list_items_are_indented_per_level_with_bullets_or_numbers():
    numbering = (
        "<w:numbering " + NAMESPACES + ">"
        "<w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:numFmt w:val='bullet'/></w:lvl>"
        "<w:lvl w:ilvl='1'><w:numFmt w:val='decimal'/></w:lvl></w:abstractNum>"
        "<w:num w:numId='3'><w:abstractNumId w:val='1'/></w:num></w:numbering>"
    )

    def item(level: int, text: str) -> str:
        return (
            f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='3'/></w:numPr></w:pPr>"
            f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        )

    body = item(0, "een") + item(1, "twee") + "<w:p><w:r><w:t xml:space='preserve'>  </w:t></w:r></w:p>"
    assert body_text(body, **{"word/numbering.xml": numbering}) == ["- een", "  #. twee"]


def test_a_missing_header_part_is_a_warning_not_a_failure():
    body = (
        "<w:p><w:r><w:t>Tekst</w:t></w:r></w:p>"
        "<w:sectPr><w:headerReference w:type='default' r:id='rId1'/></w:sectPr>"
    )
    rels = (
        "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
        "<Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/header'"
        " Target='header1.xml'/></Relationships>"
    )
    data = zipped({"word/document.xml": DOCUMENT.format(body=body), "word/_rels/document.xml.rels": rels})
    text, diagnostics = docx_text(data, "x.docx")
    assert text == "== tekst ==\nTekst\n"
    assert [(d.severity, d.message) for d in diagnostics] == [
        ("warning", "the koptekst part 'word/header1.xml' is missing")
    ]
