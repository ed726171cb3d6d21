"""The house style: page geometry, fonts and the styles of ``templates/reference.docx``.

Run ``python -m builder.house_style templates/reference.docx`` (``make reference``)
to regenerate the reference document from pandoc's own default one: the
binary in ``templates/`` is an output of this module, never edited by hand.

Sizes follow the Rijkshuisstijl correspondence templates (shared/reference/
house-style.md): body 9 pt on 12 pt leading, the sender column 6.5 pt on
9 pt, the woordmerk 11.5 pt on 13 pt. RijksoverheidSans is reserved for the
Rijksoverheid and Verdana cannot be installed here; DejaVu Sans descends
from Bitstream Vera, the closest free stand-in for Verdana's wide,
large x-height design.
"""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "DejaVu Sans"
LEADING = 12  # pt: the body's line pitch, and the blank line between paragraphs
# Bullets by list depth: a round bullet, then a dash, then a small square.
BULLETS = ("\u2022", "\u2013", "\u25aa")
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
# The section's top margin is that of the later pages: their text starts near the top, beside
# the running reference column. Page one's text starts lower, below the woordmerk: its header
# is made that tall (FIRST_PAGE_TOP), and a header taller than the margin pushes the text down.
MARGIN_TOP, MARGIN_BOTTOM = Mm(25), Mm(25)
FIRST_PAGE_TOP = Mm(45)
MARGIN_LEFT, MARGIN_RIGHT = Mm(21), Mm(65)
HEADER_DISTANCE, FOOTER_DISTANCE = Mm(10), Mm(12)
# The sender column ("referentiekolom") and the woordmerk, in page coordinates. The column's
# first line stands level with the first line of the text beside it (a letter's addressee).
COLUMN_X, COLUMN_WIDTH = Mm(150), Mm(40)
WOORDMERK_X, WOORDMERK_Y, WOORDMERK_WIDTH = Mm(115.6), Mm(20), Mm(80)
LABEL_TAB = Mm(20)  # "Datum" and "Betreft" labels, values 20 mm further

# name -> (base style, size pt, leading pt (None: single), bold, italic, space before pt, space after pt)
PARAGRAPH_STYLES = {
    "Normal": (None, 9, 12, False, False, 0, 0),
    "Body Text": ("Normal", 9, 12, False, False, 0, 12),
    "First Paragraph": ("Body Text", 9, 12, False, False, 0, 12),
    "Compact": ("Body Text", 9, 12, False, False, 0, 0),
    # Three heading levels told apart at a glance, as the Rijkshuisstijl's long letters do:
    # a chapter larger and bold, a paragraph bold, a subparagraph italic; all in body colour.
    "Heading 1": ("Normal", 11, 14, True, False, 12, 0),
    "Heading 2": ("Normal", 9, 12, True, False, 12, 0),
    "Heading 3": ("Normal", 9, 12, False, True, 12, 0),
    "Heading 4": ("Normal", 9, 12, False, False, 12, 0),
    "Block Text": ("Body Text", 9, 12, False, True, 0, 12),
    "Footnote Text": ("Normal", 7, 9, False, False, 0, 0),
    # A figure and its caption below it ("Figuur 1: …"); the figure's line is as tall as
    # its image (leading None: single spacing, an exact one would crop the image).
    "Captioned Figure": ("Body Text", 9, None, False, False, 12, 3),
    "Image Caption": ("Normal", 7.5, 10, False, True, 0, 12),
    "Title": ("Normal", 16, 20, True, False, 0, 12),
    "Sender Column": ("Normal", 6.5, 9, False, False, 0, 0),
    "Sender Column Heading": ("Sender Column", 6.5, 9, True, False, 0, 0),
    "Return Address": ("Normal", 6.5, 9, False, False, 0, 9),
    "Addressee": ("Normal", 9, 12, False, False, 0, 0),
    "Letter Meta": ("Normal", 9, 12, False, False, 0, 0),
    "Salutation": ("Body Text", 9, 12, False, False, 36, 12),
    "Closing": ("Body Text", 9, 12, False, False, 12, 0),
    "Signature": ("Normal", 9, 12, False, False, 0, 0),
    "Woordmerk": ("Normal", 11.5, 13, False, False, 0, 0),
    "Page Number": ("Normal", 6.5, 9, False, False, 0, 0),
    "Version Stamp": ("Normal", 6.5, 9, False, True, 0, 0),
    # nota
    "Status Line": ("Sender Column", 9, 12, True, False, 0, 0),
    "Nota Meta": ("Normal", 9, 12, False, False, 0, 0),
    "Document Type": ("Normal", 24, 28, False, False, 24, 6),
    "Nota Title": ("Normal", 9, 12, True, False, 0, 12),
    "Table Heading": ("Compact", 9, 12, True, False, 0, 0),
    # reply to a schriftelijk overleg: the repeated questions
    "Question": ("Body Text", 9, 12, False, True, 0, 12),
    # answers to Kamervragen: the set's number, "Vraag n" / "Antwoord n", the question's text
    "Kamervragen Number": ("Normal", 9, 12, True, False, 0, 12),
    "Kamervraag Label": ("Normal", 9, 12, True, False, 0, 0),
    "Kamervraag Text": ("Body Text", 9, 12, False, False, 0, 12),
}
# Kept on the page of the paragraph after them: a heading above its text, "Vraag n" above
# the question, the question above its "Antwoord n", which stays above the answer.
KEEP_WITH_NEXT = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Kamervraag Label", "Kamervraag Text", "Captioned Figure")


def pandoc_default_reference() -> bytes:
    import pypandoc

    return subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout


def build_reference(source: bytes) -> bytes:
    """Patch pandoc's default reference document into the house style."""
    document = Document(BytesIO(source))
    _set_page(document)
    _set_default_font(document)
    for name, spec in PARAGRAPH_STYLES.items():
        _set_paragraph_style(document, name, *spec)
    _plain_links(document)
    _redaction_box(document)
    _comment_styles(document)
    _drop_dangling_base_styles(document)
    _set_theme_fonts(document)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _set_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    # pandoc's reference restarts footnote numbers in each section; LibreOffice reads that as
    # each chapter and starts again at 1 after every heading. A letter numbers them through.
    for footnote_properties in section._sectPr.findall(qn("w:footnotePr")):
        section._sectPr.remove(footnote_properties)


def fonts_element():
    """A ``w:rFonts`` naming the house font for every script."""
    from docx.oxml import OxmlElement

    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    return fonts


def _set_default_font(document) -> None:
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    old = rpr.find(qn("w:rFonts"))
    old.addprevious(fonts_element())
    rpr.remove(old)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "nl-NL")
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme") or attribute.endswith("theme"):
                del fonts.attrib[attribute]
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def _set_paragraph_style(document, name, base, size, leading, bold, italic, before, after) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = styles[base]
    font = style.font
    font.size = Pt(size)
    font.bold, font.italic = bold, italic
    font.color.rgb = RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    if leading is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(leading)
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    if name in KEEP_WITH_NEXT:
        paragraph.keep_with_next = True
    if name == "Letter Meta":
        paragraph.tab_stops.add_tab_stop(LABEL_TAB)
        paragraph.left_indent, paragraph.first_line_indent = LABEL_TAB, -LABEL_TAB


def _plain_links(document) -> None:
    """Links print as the text around them: black, not underlined, in the body and in footnotes.

    A letter is read on paper or as a PDF of the paper; pandoc's 'Hyperlink' style makes links
    blue, and LibreOffice's own link style adds an underline unless the style says none.
    The link itself stays, so a URL can still be followed on screen.
    """
    font = document.styles["Hyperlink"].font
    font.color.rgb = RGBColor(0, 0, 0)
    font.underline = False


# The character style of a redaction in the Woo version (builder.woo): the ground's code
# ("5.1.2e") in a grey box where the withheld text stood, as Woo decisions show it.
REDACTION_STYLE = "Woo Lak"
REDACTION_GREY = "BFBFBF"


def _redaction_box(document) -> None:
    """'Woo Lak': grey shading and a grey border around the run, black text."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement

    styles = document.styles
    style = styles[REDACTION_STYLE] if REDACTION_STYLE in [s.name for s in styles] else styles.add_style(
        REDACTION_STYLE, WD_STYLE_TYPE.CHARACTER
    )
    style.font.color.rgb = RGBColor(0, 0, 0)
    properties = style.element.get_or_add_rPr()
    for name in ("w:bdr", "w:shd"):
        for old in properties.findall(qn(name)):
            properties.remove(old)
    border = OxmlElement("w:bdr")
    for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", REDACTION_GREY)):
        border.set(qn(name), value)
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", REDACTION_GREY)):
        shading.set(qn(name), value)
    # The schema's order in w:rPr: ... w:color ... w:bdr, w:shd ... (after w:color, w:sz, w:u, w:effect).
    later = [qn(n) for n in ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")]
    following = next((child for child in properties if child.tag in later), None)
    for element in (border, shading):
        if following is None:
            properties.append(element)
        else:
            following.addprevious(element)


def _comment_styles(document) -> None:
    """The styles pandoc's Word comments name (a reviewer's remark in a concept build):
    its default reference defines neither, and Word reports a style referenced but not
    defined. Word's own names, so that Word shows them as its built-in comment styles."""
    from docx.enum.style import WD_STYLE_TYPE

    for name, style_id, kind in (
        ("annotation text", "CommentText", WD_STYLE_TYPE.PARAGRAPH),
        ("annotation reference", "CommentReference", WD_STYLE_TYPE.CHARACTER),
    ):
        if any(style.style_id == style_id for style in document.styles):
            continue
        style = document.styles.add_style(name, kind)
        style.style_id = style_id
        style.element.attrib.pop(qn("w:customStyle"), None)  # Word's built-in, not one of ours
        style.font.size = Pt(8)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = document.styles["Normal"]


def _drop_dangling_base_styles(document) -> None:
    """pandoc's reference bases 'Table' on a 'TableNormal' it does not define; Word objects."""
    styles = document.styles.element
    known = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    for based_on in list(styles.iter(qn("w:basedOn"))):
        if based_on.get(qn("w:val")) not in known:
            based_on.getparent().remove(based_on)


def _set_theme_fonts(document) -> None:
    """Point the theme's major and minor Latin fonts at the house font too."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if part.partname.endswith("/theme/theme1.xml"):
            root = etree.fromstring(part.blob)
            ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
            for latin in root.findall(".//a:majorFont/a:latin", ns) + root.findall(".//a:minorFont/a:latin", ns):
                latin.set("typeface", FONT)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "templates/reference.docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    from .write import write_atomically

    write_atomically(target, build_reference(pandoc_default_reference()))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
