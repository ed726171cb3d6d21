"""Render, second half: the Rijkshuisstijl furniture around pandoc's body text.

Shared by every document type: the woordmerk and the reference column as
page-anchored frames in the headers (so the column repeats on every page, in
short form after page one), the "Pagina X van Y" footer with live fields, and
the document properties.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.image.image import Image
from docx.shared import Emu, Mm, Pt

from ..house_style import (
    BULLETS,
    COLUMN_WIDTH,
    COLUMN_X,
    FIRST_PAGE_TOP,
    HEADER_DISTANCE,
    LEADING,
    MARGIN_LEFT,
    MARGIN_TOP,
    WOORDMERK_WIDTH,
    WOORDMERK_X,
    WOORDMERK_Y,
    fonts_element,
)
from ..doctypes import sender_of
from ..model import Brief, Organisation
from ..version import Stamp

Line = tuple[str, str]  # (text, paragraph style)
BLANK: Line = ("", "Sender Column")


def labelled(label: str, *values: str) -> list[Line]:
    """A labelled block of the reference column: bold label, values below, a blank line after."""
    return [(label, "Sender Column Heading"), *[(value, "Sender Column") for value in values], BLANK]


@dataclass(frozen=True)
class Signature:
    """One signatory as the signature block prints them."""

    role: str
    portfolio: str | None
    name: str


@dataclass(frozen=True)
class Table:
    """A table of the furniture (a nota's Bijlagen): its headings and its rows of cell texts."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PageFurniture:
    """A document's furniture as data: what the DOCX's header frames and added paragraphs hold,
    from the same methods, for a page that is not a DOCX (``brief preview``). Lines are
    (text, paragraph style of the reference document); text is plain, never markup."""

    woordmerk: str  # the ministry's name, broken as the woordmerk breaks it ('\n')
    column: tuple[Line, ...]  # page one's reference column
    opening: tuple[Line, ...]  # before the body: return address, addressee, Datum, Betreft, salutation …
    closing: tuple[Line, ...]  # after the body, before the signatures: the closing line, a heading
    signatures: tuple[Signature, ...]
    tables: tuple[Table, ...]
    concept: bool  # status: concept


class Furniture:
    """The parts of a document that pandoc cannot make; subclasses say what goes where."""

    subject = ""
    # What stands above the line of page one that the reference column starts level with
    # (a letter's return address above the addressee); nothing by default.
    column_drop = Emu(0)

    def __init__(self, document, brief: Brief, organisation: Organisation, stamp: Stamp | None):
        """``document`` None (and no ``stamp``): the furniture only as data, for ``page``."""
        self.document, self.brief, self.organisation, self.stamp = document, brief, organisation, stamp
        # The directorate the front matter's ``from:`` names, or the default (resolve checked it).
        self.sender = organisation.sender(sender_of(brief.meta))
        styles = document.styles if document is not None else ()
        self._style_ids = {style.name: style.style_id for style in styles if style.type == WD_STYLE_TYPE.PARAGRAPH}

    def style(self, paragraph, name: str) -> None:
        """Set a paragraph style by name, from one pass over the document's styles.

        Assigning ``paragraph.style = name`` makes python-docx scan every style twice (by
        name, then for the default); a letter assigns some fifty of them.
        """
        paragraph._p.style = self._style_ids[name]

    def add_paragraph(self, container, style: str, text: str = ""):
        """A paragraph of ``style`` at the end of ``container`` (the body, a footer, a cell)."""
        paragraph = container.add_paragraph(text)
        self.style(paragraph, style)
        return paragraph

    def furnish(self) -> None:
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        first_line = Emu(FIRST_PAGE_TOP + self.column_drop)
        self._column(section.first_page_header, self.column_lines(first_page=True), FIRST_PAGE_TOP, first_line, woordmerk=True)
        self._column(section.header, self.column_lines(first_page=False), MARGIN_TOP, MARGIN_TOP, woordmerk=False)
        for footer in (section.first_page_footer, section.footer):
            self._footer(footer)
        self.opening()
        self.closing()
        self._properties()
        house_bullets(self.document)
        space_after_lists(self.document)

    def page(self) -> PageFurniture:
        """The furniture as data, from the methods ``furnish`` writes into the DOCX."""
        return PageFurniture(
            woordmerk=_woordmerk(self.sender.ministry.name),
            column=tuple(_trimmed(self.column_lines(first_page=True))),
            opening=tuple(self.opening_lines()),
            closing=tuple(self.closing_lines()),
            signatures=tuple(self.signatures()),
            tables=tuple(self.tables()),
            concept=self.brief.meta.status == "concept",
        )

    def column_lines(self, first_page: bool) -> list[Line]:
        raise NotImplementedError

    def opening_lines(self) -> list[Line]:
        """The paragraphs before pandoc's body text."""
        return []

    def closing_lines(self) -> list[Line]:
        """The paragraphs after the body text, before the signatures and tables."""
        return []

    def signatures(self) -> list[Signature]:
        return []

    def tables(self) -> list[Table]:
        return []

    def opening(self) -> None:
        raise NotImplementedError

    def closing(self) -> None:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def reference(self) -> str:
        raise NotImplementedError

    def insert_at_start(self, lines: list[Line]) -> list:
        """Put paragraphs before pandoc's body text, in order; returns them."""
        first = self.document.element.body[0]
        paragraphs = []
        for text, style in lines:
            paragraph = self.add_paragraph(self.document, style)
            set_text(paragraph, text)
            first.addprevious(paragraph._p)
            paragraphs.append(paragraph)
        return paragraphs

    def _column(self, header, lines: list[Line], text_top, column_top, woordmerk: bool) -> None:
        """The reference column from ``column_top`` (and on page one the woordmerk) in ``header``,
        whose page's text starts at ``text_top``."""
        paragraphs = iter([header.paragraphs[0]])

        def framed(text: str, style: str, x, y, width) -> None:
            paragraph = next(paragraphs, None) or header.add_paragraph()
            self.style(paragraph, style)
            set_text(paragraph, text)
            frame(paragraph, x, y, width)

        ministry = self.sender.ministry
        if woordmerk and ministry.logo:
            # The ministry's own logo stands where the woordmerk would (the Rijksoverheid logo
            # is the ministry's to supply, not ours to ship).
            paragraph = next(paragraphs)
            self.style(paragraph, "Woordmerk")
            width, height = logo_size(self.logo_path())
            paragraph.add_run().add_picture(str(self.logo_path()), width=width, height=height)
            frame(paragraph, WOORDMERK_X, LOGO_Y, WOORDMERK_WIDTH)
        elif woordmerk:
            framed(_woordmerk(ministry.name), "Woordmerk", WOORDMERK_X, WOORDMERK_Y, WOORDMERK_WIDTH)
        for text, style in _trimmed(lines):
            framed(text, style, COLUMN_X, column_top, COLUMN_WIDTH)
        # LibreOffice drops a frame that ends its header: frames need a paragraph to anchor to.
        # That paragraph also sets the header's height: where it reaches below the section's top
        # margin (page one's, FIRST_PAGE_TOP), Word and LibreOffice start the text below it, so
        # that the later pages, whose header is one short line, keep the margin's full page.
        anchor = header.add_paragraph().paragraph_format
        if text_top > MARGIN_TOP:
            anchor.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            anchor.line_spacing = Emu(text_top - HEADER_DISTANCE)
            anchor.space_before = anchor.space_after = Emu(0)

    def logo_path(self) -> Path:
        """The logo's file: its path is from the repository's root (resolve checked it is there)."""
        return Path(self.brief.root if self.brief.root is not None else ".") / str(self.sender.ministry.logo)

    def _footer(self, footer) -> None:
        paragraph = footer.paragraphs[0]
        self.style(paragraph, "Page Number")
        paragraph.add_run("Pagina ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" van ")
        add_field(paragraph, "NUMPAGES")
        paragraph.paragraph_format.left_indent = COLUMN_X - MARGIN_LEFT
        paragraph.paragraph_format.right_indent = -COLUMN_WIDTH
        if self.brief.meta.status == "concept":
            self.add_paragraph(footer, "Version Stamp", f"Concept — {self.stamp.dutch}")

    def _properties(self) -> None:
        properties = self.document.core_properties
        texts = {
            "title": self.title(),
            "subject": self.subject,
            "author": f"{self.sender.ministry.name}, {self.sender.directorate.name}",
            "last_modified_by": "Briefbouwer",
            "keywords": self.reference(),
            "identifier": self.reference(),
            "content_status": self.brief.meta.status,
            "version": self.stamp.label,
            "comments": f"Gebouwd door Briefbouwer uit {self.brief.path}, {self.stamp.dutch}.",
        }
        for name, text in texts.items():
            setattr(properties, name, property_text(text))
        properties.revision = 1
        properties.created = properties.modified = build_time()


# python-docx refuses a text property longer than this (in code points); a betreft, a
# kenmerk or a brief's path can be longer, and the document is still worth building.
MAX_PROPERTY_LENGTH = 255
_ELLIPSIS = "…"


def property_text(text: str, limit: int = MAX_PROPERTY_LENGTH) -> str:
    """``text`` as a document property: whole when it fits, else cut with an ellipsis, and
    never between a character and a mark, joiner or selector that belongs to it."""
    if len(text) <= limit:
        return text
    cut = limit - len(_ELLIPSIS)
    while cut > 0 and _belongs_to_previous(text, cut):
        cut -= 1
    return text[:cut] + _ELLIPSIS


def _belongs_to_previous(text: str, index: int) -> bool:
    """Whether ``text[index]`` continues the character before it, so that no cut may fall between."""
    character, previous = text[index], text[index - 1]
    code = ord(character)
    return (
        unicodedata.category(character) in ("Mn", "Mc", "Me", "Cs")  # combining marks; a surrogate's second half
        or previous == "\u200d"  # after a zero-width joiner (a family emoji)
        or character == "\u200d"
        or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
        or _second_regional_indicator(text, index)
    )


def _second_regional_indicator(text: str, index: int) -> bool:
    """Whether ``text[index]`` is the second letter of a flag: regional indicators pair up from the left."""
    def regional(position: int) -> bool:
        return 0x1F1E6 <= ord(text[position]) <= 0x1F1FF

    if not regional(index):
        return False
    run = 0
    while index - run - 1 >= 0 and regional(index - run - 1):
        run += 1
    return run % 2 == 1


def house_bullets(document) -> None:
    """Bullets as characters of the house font.

    pandoc writes Word's own bullets: U+F0B7 in Symbol, "o" in Courier New, U+F0A7 in
    Wingdings. Where those fonts are missing (LibreOffice here, many Linux desktops) the
    bullet comes out in a substitute font or as a box.

    A list item's second paragraph carries pandoc's continuation numbering: bullet levels
    whose text is a blank, so that it stands indented like the item's text without a mark
    of its own. Those levels keep their blank.
    """
    numbering = document.part.numbering_part.element
    for level in numbering.iter(qn("w:lvl")):
        number_format = level.find(qn("w:numFmt"))
        text = level.find(qn("w:lvlText"))
        if number_format is None or number_format.get(qn("w:val")) != "bullet" or text is None:
            continue
        if not text.get(qn("w:val"), "").strip():
            continue
        depth = int(level.get(qn("w:ilvl"), "0"))
        text.set(qn("w:val"), BULLETS[depth % len(BULLETS)])
        properties = level.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            level.append(properties)
        for fonts in properties.findall(qn("w:rFonts")):
            properties.remove(fonts)
        properties.insert(0, fonts_element())


def space_after_lists(document) -> None:
    """A blank line after a list, as after a paragraph.

    pandoc sets a tight list in 'Compact', which has no space after: the paragraph that
    follows would stand right under the last item.
    """
    for item, following in pairwise(document.paragraphs):
        if _is_list_item(item) and not _is_list_item(following):
            item.paragraph_format.space_after = Pt(LEADING)


def _is_list_item(paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds can be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


# The logo's box: the woordmerk's width, and the height above the text of page one, less a
# margin; it starts above the woordmerk's first line, as a logo's lint reaches the page's top.
LOGO_Y = Mm(5)
LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT = WOORDMERK_WIDTH, Mm(35)


def logo_size(path: Path) -> tuple[Emu, Emu]:
    """The logo's size on the page: as large as its box allows, in its own proportions."""
    image = Image.from_file(str(path))
    scale = min(LOGO_MAX_WIDTH / image.px_width, LOGO_MAX_HEIGHT / image.px_height)
    return Emu(int(image.px_width * scale)), Emu(int(image.px_height * scale))


def _trimmed(lines: list[Line]) -> list[Line]:
    """The reference column without the blank lines that would end it."""
    while lines and lines[-1] == BLANK:
        lines = lines[:-1]
    return lines


def _woordmerk(ministry: str, width: int = 36) -> str:
    """Break the ministry name as the woordmerk does: as many words as fit on line one."""
    words, first = ministry.split(), []
    while words and len(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    return " ".join(first) + ("\n" + " ".join(words) if words else "")


def set_text(paragraph, text: str) -> None:
    """Set text with '\\n' as line breaks and '\\t' as tabs."""
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        for j, piece in enumerate(line.split("\t")):
            if j:
                run.add_tab()
            if piece:
                run.add_text(piece)


# The OOXML schema fixes the order of w:pPr children; Word rejects a misplaced w:framePr.
_AFTER_FRAME_PR = (
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
    "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def frame(paragraph, x, y, width) -> None:
    """Anchor a paragraph in a frame at page position (x, y); consecutive ones share it."""
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w:w", str(int(width.twips))),
        ("w:hSpace", "0"),
        ("w:wrap", "around"),
        ("w:vAnchor", "page"),
        ("w:hAnchor", "page"),
        ("w:x", str(int(x.twips))),
        ("w:y", str(int(y.twips))),
    ):
        frame.set(qn(name), value)
    paragraph._p.get_or_add_pPr().insert_element_before(frame, *_AFTER_FRAME_PR)


def add_field(paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separate, cached '1', end), as Word writes it."""
    def run_with(child) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(char("begin"))
    run_with(text)
    run_with(char("separate"))
    paragraph.add_run("1")
    run_with(char("end"))
