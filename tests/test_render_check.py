"""Render check: a real word processor lays out every example, and the PDF is what a reader sees.

The other tests read the DOCX back; only a layout engine shows whether the frames, the
PAGE/NUMPAGES fields and the footnotes end up where the house style wants them. LibreOffice
converts all examples to PDF in one run; poppler reads the PDFs back as words with their
positions (pdftotext -bbox-layout) and lists the embedded fonts (pdffonts). Page 1 of each
example (as PNG) and every PDF are kept in out/render/ for a person to look at.

These tests need libreoffice-writer and poppler-utils, which `make test` installs when absent;
`make render-check` runs only this file (marker `render`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from builder.house_style import COLUMN_X, FIRST_PAGE_TOP, FONT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_HEIGHT
from docx.shared import Mm
from builder.pipeline import Project, build
from builder.render.letter import SIGNATURE_WIDTH, SIGNING_SPACE

from .conftest import EXAMPLES, MINIMAL_FRONT_MATTER, REPO, W, part, require_tool, texts_of, write_brief
from .test_kamerbrief import LIST_WITH_CONTINUATIONS

pytestmark = pytest.mark.render

# Measured with LibreOffice 7.4 and DejaVu Sans; a change means the layout moved: look at out/render/.
EXPECTED_PAGES = {
    "antwoord-vragen-chakor-brandbrief": 3,
    "eerste-brief-racisme": 2,
    "nota-focusgroepenonderzoek-racisme": 2,
    "nota-tekenexemplaren-per-racisme": 1,
    "nota-voortgang-aanpak-racisme": 2,
    "so-per-racisme-ek": 13,
    "sociale-veiligheid-rijksoverheid": 8,
    "uitstel-vragen-chakor-brandbrief": 1,
    "voortgang-aanpak-racisme": 2,
}

# Footnotes that LibreOffice sets on the page after their reference, by example. None since
# the later pages start near the top (sociale-veiligheid's footnote 14 was one when they
# started 45 mm down: its reference stood on the last line of page 7).
DEFERRED_FOOTNOTES: dict[str, set[int]] = {}

RENDER_DIR = REPO / "out" / "render"
PNG_RESOLUTION = "80"
# The PDF names fonts by their PostScript names: "DejaVuSans", "DejaVuSans-Bold", ...
HOUSE_FONT_FAMILY = FONT.replace(" ", "")
# pdftotext measures in points from the top of the page; the footer starts where the text area ends.
TEXT_AREA_BOTTOM = PAGE_HEIGHT.pt - MARGIN_BOTTOM.pt
COLUMN_LEFT = COLUMN_X.pt
# pdftotext's word boxes are a little taller than the leading, so the last line's box may
# reach below the text area by this share of its height.
OVERHANG = 0.15
# The footnote area is anchored to the foot of the text area: its last line ends within one
# body line (12 pt leading) of it, however little text stands above.
FOOT_SLACK = 12.0
# Text right before a footnote reference, to find that reference in the PDF; shorter
# suffixes are tried when a page break falls inside the longer ones.
CONTEXT_SIZES = (40, 20, 10)
MARK = "\x00"  # stands in the text stream before a reference mark's number, and after it


# --- the PDF as positioned words ---------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def adjacent(left: Word, right: Word) -> bool:
    """Side by side on one line, at most a space apart (a space is about a quarter of the height).

    The smaller word's middle must lie within the taller one: footnotes are set so tightly
    that the boxes of consecutive footnote lines touch.
    """
    small, tall = sorted((left, right), key=lambda w: w.height)
    return -1 <= right.x0 - left.x1 <= tall.height / 2 and tall.y0 < (small.y0 + small.y1) / 2 < tall.y1


def raised(numeral: Word, text: Word) -> bool:
    """A footnote number is set clearly smaller than the text beside it."""
    return text.height > 1.25 * numeral.height


def is_reference_mark(word: Word, page: list[Word]) -> bool:
    """A superscript number right after body text: where a footnote is referenced."""
    return word.text.isdigit() and any(adjacent(other, word) and raised(word, other) for other in page)


def note_number(first_word: Word, page: list[Word]) -> Word | None:
    """The superscript number in front of a footnote's text."""
    return next((w for w in page if w.text.isdigit() and adjacent(w, first_word) and raised(w, first_word)), None)


def is_note_number(word: Word, page: list[Word]) -> bool:
    return word.text.isdigit() and any(adjacent(word, other) and raised(word, other) for other in page)


def words_by_page(pdf: Path) -> list[list[Word]]:
    xhtml = run("pdftotext", "-bbox-layout", str(pdf), "-").stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    pages = etree.fromstring(xhtml.encode()).iter(f"{namespace}page")
    return [
        [Word(w.text or "", number, *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
         for w in page.iter(f"{namespace}word")]
        for number, page in enumerate(pages, 1)
    ]


def squeeze(text: str) -> str:
    """Text without whitespace: line breaks and justification then cannot make a difference."""
    return "".join(unicodedata.normalize("NFKC", text).split())


class TextStream:
    """All words of a document as one string without whitespace, reference marks as MARK n MARK.

    ``owners[i]`` is the word that character ``i`` comes from. The numbers in front of the
    footnotes themselves are left out: they are read from their position instead.
    """

    def __init__(self, pages: list[list[Word]]):
        self.owners: list[Word] = []
        pieces: list[str] = []
        for page in pages:
            for word in page:
                if is_reference_mark(word, page):
                    piece = f"{MARK}{word.text}{MARK}"
                elif is_note_number(word, page):
                    continue
                else:
                    piece = squeeze(word.text)
                pieces.append(piece)
                self.owners += [word] * len(piece)
        self.text = "".join(pieces)

    def words(self, start: int, end: int) -> list[Word]:
        return list(dict.fromkeys(self.owners[start:end]))


def loose(text: str) -> str:
    """A pattern for ``text`` that lets a reference mark stand between any two characters."""
    return f"(?:{MARK}\\d+{MARK})?".join(re.escape(c) for c in text)


# --- the footnotes as the DOCX has them --------------------------------------------------------


@dataclass(frozen=True)
class Footnote:
    ordinal: int  # 1-based, in the order of the references
    context: str  # the squeezed text of its paragraph up to the reference
    text: str  # squeezed


def footnotes_in_order(docx: Path) -> list[Footnote]:
    references: list[tuple[str, str]] = []
    for paragraph in part(docx, "word/document.xml").iter(f"{W}p"):
        before = ""
        for element in paragraph.iter(f"{W}t", f"{W}footnoteReference"):
            if element.tag == f"{W}t":
                before += element.text or ""
            else:
                references.append((element.get(f"{W}id"), squeeze(before)))
    if not references:
        return []
    texts = {note.get(f"{W}id"): squeeze(texts_of(note)) for note in part(docx, "word/footnotes.xml").iter(f"{W}footnote")}
    return [Footnote(i, context, texts[note_id]) for i, (note_id, context) in enumerate(references, 1)]


@dataclass(frozen=True)
class Placement:
    footnote: Footnote
    mark: Word  # the reference mark in the body
    words: list[Word]  # the footnote's text


def place_footnotes(footnotes: list[Footnote], stream: TextStream) -> list[Placement]:
    """Find each footnote's reference mark and text in the PDF, in document order."""
    placements = []
    mark_from = text_from = 0
    for footnote in footnotes:
        mark = find_mark(stream, footnote.context, mark_from)
        assert mark, f"the reference of footnote {footnote.ordinal} (after «{footnote.context[-40:]}») is not in the PDF"
        text = re.compile(loose(footnote.text)).search(stream.text, text_from)
        assert text, f"footnote {footnote.ordinal} «{footnote.text[:60]}» is not in the PDF in one piece"
        placements.append(Placement(footnote, stream.owners[mark.start(1)], stream.words(*text.span())))
        mark_from, text_from = mark.end(), text.end()
    return placements


def find_mark(stream: TextStream, context: str, start: int) -> re.Match | None:
    for size in CONTEXT_SIZES:
        pattern = re.compile(loose(context[-size:]) + f"{MARK}(\\d+){MARK}")
        if found := pattern.search(stream.text, start):
            return found
    return None


def misplacements(placement: Placement, page: list[Word], notes_on_page: set[Word]) -> list[str]:
    """Why a footnote is not at the foot of its reference's page (empty when it is)."""
    number = placement.footnote.ordinal
    pages = sorted({w.page for w in placement.words})
    if pages != [placement.mark.page]:
        return [f"footnote {number} is on page(s) {pages}, its reference on page {placement.mark.page}"]
    body = [
        w for w in page
        if w not in notes_on_page and not is_note_number(w, page)
        and w.x0 < COLUMN_LEFT and w.y0 < TEXT_AREA_BOTTOM  # neither the reference column nor the footer
    ]
    top = min(w.y0 for w in placement.words)
    bottom = max(w.y1 for w in placement.words)
    lowest_body = max((w.y1 for w in body), default=0.0)
    problems = []
    if top < lowest_body:
        problems.append(f"footnote {number} starts at y={top:.0f} pt, above body text that ends at y={lowest_body:.0f} pt")
    if bottom > TEXT_AREA_BOTTOM + OVERHANG * max(w.height for w in placement.words):
        problems.append(f"footnote {number} reaches y={bottom:.0f} pt, into the footer (text area ends at {TEXT_AREA_BOTTOM:.0f} pt)")
    notes_end = max(w.y1 for w in notes_on_page)
    if notes_end < TEXT_AREA_BOTTOM - FOOT_SLACK:
        problems.append(f"the footnotes on page {placement.mark.page} end at y={notes_end:.0f} pt, not at the foot of the text area")
    return problems


# --- LibreOffice and poppler -------------------------------------------------------------------


def run(*command: str) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed with exit status {done.returncode}:\n{done.stderr}")
    return done


def keep(source: Path, target: Path) -> None:
    """Replace ``target`` in one step, so that nobody looking at out/render/ sees half a file."""
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def soffice_to_pdf(documents: list[Path], outdir: Path, profile: Path) -> subprocess.CompletedProcess:
    """One soffice run for every document, as ``brief build --pdf`` makes it (builder.pdf): its
    start-up dominates the time; a fresh profile and HOME (works as root, and in parallel).
    Plain PDF here: the layout is what is looked at."""
    from builder.pdf import run_soffice

    soffice = require_tool("soffice", "libreoffice-writer")
    require_tool("pdftoppm", "poppler-utils")  # what reads the PDFs back
    return run_soffice(soffice, documents, outdir, profile, target="pdf")


@dataclass(frozen=True, repr=False)
class Conversion:
    docx: dict[str, Path]
    pages: dict[str, list[list[Word]]]  # per example that became a PDF
    pdfs: dict[str, Path]
    log: str  # what soffice said, for failure messages

    def __repr__(self) -> str:  # pytest prints fixture values with a failure: keep it short
        return f"Conversion(PDFs of {sorted(self.pdfs)})"


@pytest.fixture(scope="module")
def conversion(tmp_path_factory) -> Conversion:
    result = build(Project(REPO))  # a no-op when out/ is up to date
    assert result.ok, "building the examples failed:\n" + "\n".join(map(str, result.diagnostics))
    docx = {name: REPO / "out" / f"{name}.docx" for name in EXAMPLES}
    work = tmp_path_factory.mktemp("render")
    done = soffice_to_pdf(list(docx.values()), work, work / "profile")
    log = f"soffice exit status {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    if done.returncode != 0:
        pytest.fail(f"LibreOffice could not convert the examples to PDF:\n{log}")
    pdfs = {name: work / f"{name}.pdf" for name in EXAMPLES if (work / f"{name}.pdf").is_file()}
    RENDER_DIR.mkdir(parents=True, exist_ok=True)
    for name, pdf in pdfs.items():
        run("pdftoppm", "-f", "1", "-l", "1", "-r", PNG_RESOLUTION, "-png", "-singlefile", str(pdf), str(work / name))
        keep(work / f"{name}.png", RENDER_DIR / f"{name}-1.png")
        keep(pdf, RENDER_DIR / pdf.name)
    return Conversion(docx, {name: words_by_page(pdf) for name, pdf in pdfs.items()}, pdfs, log)


@pytest.fixture
def pages(conversion, name) -> list[list[Word]]:
    if name not in conversion.pages:
        pytest.fail(f"LibreOffice made no PDF of out/{name}.docx:\n{conversion.log}")
    return conversion.pages[name]


def footer_labels(page: list[Word]) -> list[str]:
    footer = " ".join(w.text for w in page if w.y0 >= TEXT_AREA_BOTTOM)
    return re.findall(r"Pagina \d+ van \d+", footer)


# --- the checks ---------------------------------------------------------------------------------


def test_every_example_has_an_expected_page_count():
    assert sorted(EXPECTED_PAGES) == EXAMPLES


@pytest.mark.parametrize("name", EXAMPLES)
def test_libreoffice_converts_the_example(pages, name):
    assert (RENDER_DIR / f"{name}.pdf").is_file() and (RENDER_DIR / f"{name}-1.png").is_file()


@pytest.mark.parametrize("name", EXAMPLES)
def test_page_count(pages, name):
    assert len(pages) == EXPECTED_PAGES[name], f"see out/render/{name}.pdf"


@pytest.mark.parametrize("name", EXAMPLES)
def test_later_pages_carry_pagina_n_van_m_in_the_footer(pages, name):
    total = len(pages)
    for number, page in enumerate(pages[1:], 2):
        assert footer_labels(page) == [f"Pagina {number} van {total}"], f"page {number} of {name}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_first_page_carries_its_page_number_too(pages, name):
    """house-style.md §4 leaves the page-number rule unconfirmed ([U]: rijkshuisstijl.nl is cut
    off there); the template gives page 1 the same footer as every other page, and this keeps it so."""
    assert footer_labels(pages[0]) == [f"Pagina 1 van {len(pages)}"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_footnotes_sit_at_the_foot_of_their_reference_page(conversion, pages, name):
    placements = place_footnotes(footnotes_in_order(conversion.docx[name]), TextStream(pages))
    problems = {}
    for placement in placements:
        page_number = placement.words[0].page
        notes_on_page = {w for p in placements for w in p.words if w.page == page_number}
        if found := misplacements(placement, pages[page_number - 1], notes_on_page):
            problems[placement.footnote.ordinal] = found
    report = "\n".join(problem for found in problems.values() for problem in found)
    assert set(problems) == DEFERRED_FOOTNOTES.get(name, set()), (
        f"see out/render/{name}.pdf (known deferred footnotes: {DEFERRED_FOOTNOTES.get(name, set())}):\n{report}"
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_footnotes_are_numbered_one_to_n(conversion, pages, name):
    placements = place_footnotes(footnotes_in_order(conversion.docx[name]), TextStream(pages))
    shown = []
    for placement in placements:
        page = pages[placement.words[0].page - 1]
        number = note_number(placement.words[0], page)
        shown.append((placement.mark.text, number.text if number else None))
    assert shown == [(str(i), str(i)) for i in range(1, len(placements) + 1)], "(reference mark, footnote number)"


@pytest.mark.parametrize("name", EXAMPLES)
def test_only_the_house_font_is_embedded(conversion, pages, name):
    listing = run("pdffonts", str(conversion.pdfs[name])).stdout.splitlines()
    columns = [m.span() for m in re.finditer(r"-+", listing[1])]
    fonts = [[line[a:b].strip() for a, b in columns] for line in listing[2:]]
    # pdffonts columns: name, type, encoding, emb, ...; a subset's name starts with "ABCDEF+"
    families = {(font[0].split("+")[-1].split("-")[0], font[3]) for font in fonts}
    assert families == {(HOUSE_FONT_FAMILY, "yes")}, "\n".join(listing)


def test_misplaced_footnotes_are_caught():
    """The placement check itself: footnotes above body text, or on another page, are reported."""
    def word(text: str, y: float, page: int = 2, x: float = 60.0, size: float = 11.7) -> Word:
        return Word(text, page, x, y, x + 40, y + size)

    body = [word(f"regel{i}", 130 + 12 * i) for i in range(30)]  # ends at y = 490
    foot = [word("Kamerstuk", TEXT_AREA_BOTTOM - 9, size=9.1)]
    middle = [word("Kamerstuk", 300, size=9.1)]
    mark = word("1", 130, x=100, size=6.8)
    footnote = Footnote(1, "regel0", "Kamerstuk")

    assert misplacements(Placement(footnote, mark, foot), [*body, *foot], set(foot)) == []
    assert "above body text" in misplacements(Placement(footnote, mark, middle), [*body, *middle], set(middle))[0]
    elsewhere = Placement(footnote, word("1", 130, page=1, x=100, size=6.8), foot)
    assert "its reference on page 1" in misplacements(elsewhere, [*body, *foot], set(foot))[0]


# --- answers to Kamervragen: built here, so the layout is tested on long answers -----------------

# A set of sixteen questions whose answers run from one to nine lines: page breaks fall at
# many places between the questions, and without keep-with-next one falls right after a label.
KV_QUESTIONS = 16
KV_SENTENCE = "Dit is een zin van het antwoord die ongeveer een hele regel van de tekst in beslag neemt."
KV_LABEL = re.compile(r"^(?:Vraag|Antwoord) \d+(?: en \d+)?$")
KV_DOCUMENTS = ("kv-antwoord", "kv-antwoord-aanbiedingsbrief", "kv-uitstel")


def _kamervragen_project(root: Path) -> Project:
    for name in ("data", "templates"):
        shutil.copytree(REPO / name, root / name)
    (root / "briefs").mkdir()
    (root / "data" / "kamervragen").mkdir(exist_ok=True)
    vragen = "".join(
        f"  - number: {n}\n    text: Kunt u toelichten hoe het staat met onderdeel {n} van de aanpak, en wat u verwacht?\n"
        for n in range(1, KV_QUESTIONS + 1)
    )
    (root / "data" / "kamervragen" / "2024Z21910.yaml").write_text(
        "id: 2024Z21910\nkamer: TK\nindieners:\n  - member: Erkens\n    fractie: VVD\naan: [minister-bzk-uitermark]\n"
        f"ingezonden: 2024-12-20\nsubject: overbodige functies\nvragen:\n{vragen}",
        encoding="utf-8",
    )
    common = "kamervragen: 2024Z21910\nkenmerk: 2025-0000012345\nsignatories: [minister-bzk-uitermark]\nstatus: verzonden\n"
    answers = "".join(f"# {n}\n\n{' '.join([KV_SENTENCE] * ((n * 5) % 9 + 1))}\n\n" for n in range(1, KV_QUESTIONS + 1))
    (root / "briefs" / "kv-antwoord.md").write_text(
        f"---\ntype: kamervragen-antwoord\ndate: 2025-02-04\n{common}---\n{answers}", encoding="utf-8"
    )
    (root / "briefs" / "kv-uitstel.md").write_text(
        f"---\ntype: kamervragen-uitstel\ndate: 2025-01-09\n{common}reason: Afstemming is nodig.\n---\n", encoding="utf-8"
    )
    return Project(root)


@dataclass(frozen=True, repr=False)
class KamervragenConversion:
    pages: dict[str, list[list[Word]]]  # the three documents, and "control"
    pdfs: dict[str, Path]

    def __repr__(self) -> str:
        return f"KamervragenConversion(PDFs of {sorted(self.pdfs)})"


@pytest.fixture(scope="module")
def kamervragen_conversion(tmp_path_factory) -> KamervragenConversion:
    from docx import Document

    project = _kamervragen_project(tmp_path_factory.mktemp("kamervragen"))
    result = build(project)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    # The control: the same answers without keep-with-next, to show that the check below bites.
    control = Document(project.out_dir / "kv-antwoord.docx")
    for style in ("Kamervraag Label", "Kamervraag Text"):
        control.styles[style].paragraph_format.keep_with_next = False
    control.save(project.out_dir / "control.docx")
    names = [*KV_DOCUMENTS, "control"]
    work = project.root / "render"
    work.mkdir()
    done = soffice_to_pdf([project.out_dir / f"{name}.docx" for name in names], work, work / "profile")
    pdfs = {name: work / f"{name}.pdf" for name in names}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    assert done.returncode == 0 and not missing, f"soffice made no PDF of {missing}:\n{done.stderr}"
    RENDER_DIR.mkdir(parents=True, exist_ok=True)
    for name in KV_DOCUMENTS:
        keep(pdfs[name], RENDER_DIR / f"test-{name}.pdf")
    return KamervragenConversion({name: words_by_page(pdf) for name, pdf in pdfs.items()}, pdfs)


def last_body_line(page: list[Word]) -> str:
    """The text of a page's lowest line in the text area (not the reference column, header or footer)."""
    body = [w for w in page if w.x0 < COLUMN_LEFT and MARGIN_TOP.pt - 1 <= w.y0 < TEXT_AREA_BOTTOM]
    if not body:
        return ""
    lowest = max(w.y0 for w in body)
    return " ".join(w.text for w in sorted((w for w in body if w.y0 > lowest - 2), key=lambda w: w.x0))


def pages_ending_in_a_label(pages: list[list[Word]]) -> list[tuple[int, str]]:
    """(page, label) for each page but the last whose text ends with "Vraag n" or "Antwoord n",
    or with a question's text (which keeps with its answer's label)."""
    found = []
    for number, page in enumerate(pages[:-1], 1):
        line = last_body_line(page)
        if KV_LABEL.match(line) or line.endswith("wat u verwacht?"):
            found.append((number, line))
    return found


@pytest.mark.parametrize("name", KV_DOCUMENTS)
def test_kamervragen_documents_carry_page_numbers_and_only_the_house_font(kamervragen_conversion, name):
    pages = kamervragen_conversion.pages[name]
    assert [footer_labels(page) for page in pages] == [[f"Pagina {n} van {len(pages)}"] for n in range(1, len(pages) + 1)]
    listing = run("pdffonts", str(kamervragen_conversion.pdfs[name])).stdout.splitlines()
    assert all(line.split("+")[-1].startswith(HOUSE_FONT_FAMILY) for line in listing[2:]), "\n".join(listing)


def test_no_page_of_the_answers_ends_with_a_label_or_a_question(kamervragen_conversion):
    pages = kamervragen_conversion.pages["kv-antwoord"]
    assert len(pages) == 4, "see out/render/test-kv-antwoord.pdf"
    assert pages_ending_in_a_label(pages) == []


def test_without_keep_with_next_a_label_would_end_a_page(kamervragen_conversion):
    """The check above can fail: the same answers laid out without keep-with-next leave one."""
    assert pages_ending_in_a_label(kamervragen_conversion.pages["control"]) != []


def test_no_page_of_the_examples_answer_ends_with_a_label(conversion):
    """The example's own answer document, as it renders: "Vraag n" and "Antwoord n" keep with what follows."""
    pages = words_by_page(RENDER_DIR / "antwoord-vragen-chakor-brandbrief.pdf")
    assert len(pages) == EXPECTED_PAGES["antwoord-vragen-chakor-brandbrief"]
    assert [(n, last_body_line(page)) for n, page in enumerate(pages[:-1], 1) if KV_LABEL.match(last_body_line(page))] == []
    assert all(last_body_line(page) for page in pages)  # each page has body text the check read


# --- the page geometry, the lists and the Bijlagen table as LibreOffice lays them out -----------

LETTERS = [name for name in EXAMPLES if not name.startswith(("nota-", "antwoord-"))]
# Later pages start their text near the top: page one's 45 mm stood on every page before.
LATER_PAGE_TOP = Mm(30).pt
# Two first lines stand level when their tops are this close (2 mm).
LEVEL = Mm(2).pt


def body_words(page: list[Word]) -> list[Word]:
    """The text area's words: not the reference column, not the footer."""
    return [w for w in page if w.x0 < COLUMN_LEFT and w.y0 < TEXT_AREA_BOTTOM]


def column_words(page: list[Word]) -> list[Word]:
    return [w for w in page if w.x0 >= COLUMN_LEFT and w.y0 < TEXT_AREA_BOTTOM]


@pytest.mark.parametrize("name", [name for name in EXAMPLES if EXPECTED_PAGES[name] > 1])
def test_later_pages_start_near_the_top_beside_the_reference_column(pages, name):
    for number, page in enumerate(pages[1:], 2):
        top = min(w.y0 for w in body_words(page))
        assert top <= LATER_PAGE_TOP, f"page {number} of {name}: text starts {top / 72 * 25.4:.0f} mm down"
        assert abs(min(w.y0 for w in column_words(page)) - top) <= LEVEL, f"page {number} of {name}"
    first_page_top = min(w.y0 for w in body_words(pages[0]) if w.y0 > Mm(40).pt)  # below the woordmerk
    assert abs(first_page_top - FIRST_PAGE_TOP.pt) <= LEVEL


@pytest.mark.parametrize("name", LETTERS)
def test_the_sender_column_starts_level_with_the_addressee(pages, name):
    """The column stood a centimetre below the addressee's first line."""
    page = pages[0]
    (retouradres,) = [w for w in page if w.text == "Retouradres"]
    addressee = min(w.y0 for w in body_words(page) if w.y0 > retouradres.y1)
    column_top = min(w.y0 for w in column_words(page) if w.y0 > Mm(40).pt)  # below the woordmerk
    assert abs(column_top - addressee) <= LEVEL


@pytest.mark.parametrize("name", ["nota-focusgroepenonderzoek-racisme", "nota-voortgang-aanpak-racisme"])
def test_a_bijlagen_name_stands_on_at_most_two_lines(pages, name):
    """With three equal columns the voortgang nota's Naam wrapped on four lines."""
    (page,) = [page for page in pages if any(w.text == "Volgnummer" for w in page)]
    (heading,) = [w for w in page if w.text == "Volgnummer"]
    naam = next(w for w in page if w.text == "Naam" and abs(w.y0 - heading.y0) < 1)
    informatie = next(w for w in page if w.text == "Informatie" and abs(w.y0 - heading.y0) < 1)
    rows = sorted(w.y0 for w in page if w.text.isdigit() and abs(w.x0 - heading.x0) < 1 and w.y0 > heading.y1)
    assert rows, f"no rows under the heading in out/render/{name}.pdf"
    for start, end in zip(rows, [*rows[1:], TEXT_AREA_BOTTOM]):
        lines = {round(w.y0) for w in page if naam.x0 - 1 <= w.x0 < informatie.x0 and start - 1 <= w.y0 < end - 1}
        assert 1 <= len(lines) <= 2, f"a Naam of {name} stands on {len(lines)} lines"


@pytest.fixture(scope="module")
def list_letter(tmp_path_factory) -> list[list[Word]]:
    """A letter whose list items have second paragraphs, as LibreOffice lays it out."""
    root = tmp_path_factory.mktemp("lijst")
    for name in ("data", "templates"):
        shutil.copytree(REPO / name, root / name)
    (root / "briefs").mkdir()
    project = Project(root)
    write_brief(project, "lijst", MINIMAL_FRONT_MATTER, LIST_WITH_CONTINUATIONS)
    result = build(project)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    work = root / "render"
    done = soffice_to_pdf([project.out_dir / "lijst.docx"], work, work / "profile")
    assert done.returncode == 0 and (work / "lijst.pdf").is_file(), done.stderr
    return words_by_page(work / "lijst.pdf")


def test_one_bullet_per_list_item_and_none_on_a_second_paragraph(list_letter):
    """The second paragraph of an item printed a bullet of its own."""
    (page,) = list_letter
    marks = [w for w in page if w.text in ("\u2022", "\u2013")]
    assert [w.text for w in marks] == ["\u2022", "\u2022", "\u2013", "\u2013"]  # two items, two nested ones

    def starts(text: str) -> Word:
        return next(w for w in page if w.text == text)

    # Each second paragraph stands under its item's text, not under its bullet.
    assert abs(starts("Vervolg").x0 - starts("Eerste").x0) < 1
    vervolg = [w for w in page if w.text == "Vervolg"]
    assert len(vervolg) == 2 and abs(vervolg[1].x0 - starts("Genest").x0) < 1


def test_two_signatories_sign_side_by_side(tmp_path):
    """Printed Kamerstukken set two signatures next to each other; they stood one under the other.
    The names share a line even though the second role wraps onto two lines and has a portfolio."""
    for name in ("data", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    (tmp_path / "briefs").mkdir()
    project = Project(tmp_path)
    signatories = "signatories: [minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"
    write_brief(project, "twee", MINIMAL_FRONT_MATTER.replace("signatories: [minister-bzk-uitermark]", signatories), "Tekst.\n")
    result = build(project)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    work = tmp_path / "render"
    done = soffice_to_pdf([project.out_dir / "twee.docx"], work, work / "profile")
    assert done.returncode == 0 and (work / "twee.pdf").is_file(), done.stderr
    (page,) = words_by_page(work / "twee.pdf")

    def word(text: str) -> Word:
        (found,) = [w for w in page if w.text == text]
        return found

    uitermark, huffelen = word("Uitermark"), word("Huffelen")
    assert abs(uitermark.y0 - huffelen.y0) <= 1, "the two names are not on one line"
    first_name, second_name = word("J.J.M."), word("Alexandra")
    assert abs(first_name.x0 - MARGIN_LEFT.pt) <= 1  # the first signature at the text's left edge
    assert abs(second_name.x0 - (MARGIN_LEFT.pt + SIGNATURE_WIDTH.pt / 2)) <= 1  # the second half-way across
    # Each name under its own role, with room to sign between; both below the closing.
    minister, staatssecretaris = word("Minister"), word("Staatssecretaris")
    assert abs(minister.y0 - staatssecretaris.y0) <= 1
    role_starts = sorted(w.x0 for w in page if w.text == "De" and abs(w.y0 - minister.y0) <= 1)
    assert len(role_starts) == 2
    assert abs(role_starts[0] - first_name.x0) <= 1 and abs(role_starts[1] - second_name.x0) <= 1
    assert uitermark.y0 - minister.y0 > SIGNING_SPACE.pt
    assert word("Hoogachtend,").y1 < minister.y0
