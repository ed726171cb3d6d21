"""A plain-text view of a built DOCX, for ``git diff`` (a textconv driver).

Two versions of a letter should differ in this text exactly where a reader
would see a difference: one paragraph a line, headers and footers with their
frames, footnotes, and live fields shown as ``{PAGE}`` rather than the number
Word happened to cache. Nothing volatile (timestamps, version stamps, random
ids) is shown, so the same document always gives the same text.

The zip parts are read with lxml directly: python-docx's API shows neither
footnotes nor the paragraphs inside frames and text boxes as a reader sees them.
The file may come from anyone's branch, so what it can make this module do is
bounded: the number of parts, what each part and all parts together unpack
to, and how far a part may be compressed; a part is unpacked in chunks, so a
zip header that lies about the size cannot make it unpack more.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from docx.styles import BabelFish
from lxml import etree

from .codes import finding
from .diagnostics import Diagnostic, Location
from .load import read_input_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
DC = "http://purl.org/dc/elements/1.1/"

DOCUMENT_PART = "word/document.xml"

# What a package may make this module unpack. A built letter has some 20 parts and
# unpacks to about 150 KB (document.xml of the longest example: 80 KB); a zip bomb
# of 200 KB unpacks to 200 MB, and it was that which made textconv take 3.2 GB.
MAX_PARTS = 10_000
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
# Apache POI's default for OOXML (ZipSecureFile's minimum inflate ratio 0.01). Text
# compresses some 10 times; only small parts, which cost nothing to unpack, may be
# more repetitive than the bound allows.
MAX_RATIO = 100
RATIO_FREE_BYTES = 1024 * 1024
CHUNK_BYTES = 64 * 1024

# A line break inside a paragraph stays on the paragraph's line: a real newline
# would make a continuation look like a new paragraph and break the rule that a
# changed paragraph is a one-line diff. " / " is how a quoted line break is
# written in running text, so the woordmerk reads "… Zaken en / Koninkrijksrelaties".
LINE_BREAK = " / "

# Pandoc gives running text "Body Text", the paragraph after a heading "First
# Paragraph", tight list items and table cells "Compact". None of that is the
# author's choice (adding a heading turns the next paragraph into a "First
# Paragraph"), so naming these styles would only add noise and spurious diff lines.
PLAIN_STYLES = frozenset({"Normal", "Body Text", "First Paragraph", "Compact", "Footnote Text"})

# A hyperlink field's cached result is the link text the author wrote, not a
# computed value like a page number, so it is shown instead of "{HYPERLINK}".
FIELDS_SHOWING_RESULT = frozenset({"HYPERLINK"})

PROPERTY_LABELS = (("title", "Titel"), ("subject", "Onderwerp"))

FURNITURE_LABELS = {
    ("header", "first"): "koptekst (eerste pagina)",
    ("header", "default"): "koptekst",
    ("header", "even"): "koptekst (even pagina's)",
    ("footer", "first"): "voettekst (eerste pagina)",
    ("footer", "default"): "voettekst",
    ("footer", "even"): "voettekst (even pagina's)",
}

# Elements that only wrap content (content controls, custom XML, tracked insertions).
BLOCK_WRAPPERS = frozenset({f"{{{W}}}sdt", f"{{{W}}}sdtContent", f"{{{W}}}customXml"})
INLINE_WRAPPERS = frozenset(
    f"{{{W}}}{name}"
    for name in ("r", "hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo")
)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class UnreadableDocx(Exception):
    """The bytes are not a DOCX this module can read; the message says why."""


def docx_file_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The diffable text of a DOCX file; a device, a pipe or an oversized file is refused unread."""
    data, problems = read_input_bytes(path, shown)
    if data is None:
        return None, problems
    return docx_text(data, shown)


def docx_text(data: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The diffable text of a DOCX; ``shown`` names the file in diagnostics."""
    diagnostics: list[Diagnostic] = []
    try:
        package = Package(data)
        document = package.xml(DOCUMENT_PART)
        if document is None:
            raise UnreadableDocx(f"not a DOCX file: {DOCUMENT_PART} is missing")
        context = Context.of(package)
        sections = [
            properties_lines(package),
            *furniture_sections(package, document, context, diagnostics, shown),
            ["== tekst =="] + body_lines(document, context),
            footnote_section(package, context),
        ]
    except UnreadableDocx as problem:
        return None, [finding(Location(shown), str(problem), "docx")]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n", diagnostics


# --- the package -------------------------------------------------------------------------------


class Package:
    """The zip parts of a DOCX, parsed on demand; every failure becomes an UnreadableDocx."""

    # The file may come from anyone's branch: no entities, no DTDs, no network.
    PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)

    def __init__(self, data: bytes):
        refuse_too_many_parts(data)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnreadableDocx("not a DOCX file: not a zip archive") from exc
        self.names = set(self.archive.namelist())
        self.parsed: dict[str, etree._Element] = {}
        self.unpacked_bytes = 0

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part, or None when the package has no such part."""
        if name not in self.names:
            return None
        if name not in self.parsed:
            raw = self.unpack(self.archive.getinfo(name))
            try:
                self.parsed[name] = etree.fromstring(raw, self.PARSER)
            except etree.XMLSyntaxError as exc:
                raise UnreadableDocx(f"broken XML in {name}: {exc}") from exc
        return self.parsed[name]

    def unpack(self, info: zipfile.ZipInfo) -> bytes:
        """A part's bytes, within the bounds, whatever its header claims."""
        self.refuse_bomb(info)
        chunks, size = [], 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    size += len(chunk)
                    # zipfile itself stops at the declared size; the bounds must not depend on that.
                    if size > info.file_size:
                        raise UnreadableDocx(f"not a DOCX file: {info.filename} is larger than its zip header says")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise UnreadableDocx(f"not a DOCX file: cannot unpack {info.filename} ({exc})") from exc
        self.unpacked_bytes += size
        return b"".join(chunks)

    def refuse_bomb(self, info: zipfile.ZipInfo) -> None:
        """Refuse, before unpacking, a part whose header promises too much."""
        size, packed = info.file_size, max(info.compress_size, 1)
        refused = "not a DOCX file this tool reads: "
        if size > MAX_PART_BYTES:
            raise UnreadableDocx(
                f"{refused}{info.filename} would unpack to {size:,} bytes, more than the {MAX_PART_BYTES:,} a part may have"
            )
        if size > RATIO_FREE_BYTES and size > MAX_RATIO * packed:
            raise UnreadableDocx(
                f"{refused}{info.filename} would unpack to {size:,} bytes from {packed:,}, {size // packed} times as many;"
                f" more than {MAX_RATIO} times looks like a zip bomb"
            )
        if self.unpacked_bytes + size > MAX_TOTAL_BYTES:
            raise UnreadableDocx(
                f"{refused}its parts would unpack to more than the {MAX_TOTAL_BYTES:,} bytes a document may have"
            )

    def relationship_targets(self, part: str) -> dict[str, str]:
        """Relationship id -> the part name it points at, for a part's internal relationships."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return {}
        return {
            rel.get("Id", ""): part_name(folder, rel.get("Target", ""))
            for rel in rels.iter(f"{{{REL}}}Relationship")
            if rel.get("TargetMode") != "External"
        }


CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"


def refuse_too_many_parts(data: bytes) -> None:
    """Refuse an archive with more parts than a DOCX has, before zipfile reads its table of contents.

    zipfile makes an object for every entry of the central directory, and a 256 MB
    file can list millions. Every entry starts with the signature counted here, so
    the count is an upper bound whatever the archive's end record claims.
    """
    if data.count(CENTRAL_DIRECTORY_ENTRY) > MAX_PARTS:
        raise UnreadableDocx(f"not a DOCX file this tool reads: it has more than {MAX_PARTS:,} parts")


def part_name(folder: str, target: str) -> str:
    """Resolve a relationship target, relative to the source part's folder or package-absolute."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


# --- what paragraphs need to know about the document -----------------------------------------


@dataclass
class Context:
    style_names: dict[str, str] = field(default_factory=dict)
    default_style: str = ""
    list_formats: dict[tuple[str, str], str] = field(default_factory=dict)
    footnote_numbers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, package: Package) -> Context:
        names, default = style_names(package.xml("word/styles.xml"))
        return cls(names, default, list_formats(package.xml("word/numbering.xml")), footnote_numbers(package))


def style_names(styles: etree._Element | None) -> tuple[dict[str, str], str]:
    """Paragraph style id -> the name Word's UI shows ("heading 1" is shown as "Heading 1")."""
    names, default = {}, ""
    if styles is None:
        return names, default
    for style in styles.iter(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"), "")
        name = style.find(w("name"))
        names[style_id] = BabelFish.internal2ui(name.get(w("val"), style_id) if name is not None else style_id)
        if style.get(w("default")) in ("1", "true", "on"):
            default = style_id
    return names, default


def list_formats(numbering: etree._Element | None) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> numFmt ("bullet", "decimal", …)."""
    if numbering is None:
        return {}
    abstract = {
        node.get(w("abstractNumId")): {
            lvl.get(w("ilvl"), "0"): value_of(lvl.find(w("numFmt")), "decimal") for lvl in node.iter(w("lvl"))
        }
        for node in numbering.iter(w("abstractNum"))
    }
    formats = {}
    for num in numbering.iter(w("num")):
        levels = abstract.get(value_of(num.find(w("abstractNumId"))), {})
        for level, fmt in levels.items():
            formats[(num.get(w("numId"), ""), level)] = fmt
    return formats


def real_footnotes(footnotes: etree._Element | None) -> list[etree._Element]:
    """Footnotes a reader sees, in order: not the separator lines Word keeps with them."""
    if footnotes is None:
        return []
    return [note for note in footnotes.iter(w("footnote")) if note.get(w("type"), "normal") == "normal"]


def footnote_numbers(package: Package) -> dict[str, int]:
    notes = real_footnotes(package.xml("word/footnotes.xml"))
    return {note.get(w("id"), ""): number for number, note in enumerate(notes, start=1)}


def value_of(element: etree._Element | None, default: str = "") -> str:
    return default if element is None else element.get(w("val"), default)


# --- sections of the text ----------------------------------------------------------------------


def properties_lines(package: Package) -> list[str]:
    core = package.xml("docProps/core.xml")
    if core is None:
        return []
    lines = []
    for name, label in PROPERTY_LABELS:
        element = core.find(f"{{{DC}}}{name}")
        value = " ".join((element.text or "").split()) if element is not None else ""
        if value:
            lines.append(f"{label}: {value}")
    return lines


def furniture_sections(
    package: Package, document: etree._Element, context: Context, diagnostics: list[Diagnostic], shown: str
) -> list[list[str]]:
    """Headers and footers as the final section references them, then any other section's."""
    targets = package.relationship_targets(DOCUMENT_PART)
    sections, seen = [], set()
    for kind, page, rel_id in furniture_references(document):
        label, part = FURNITURE_LABELS.get((kind, page), f"{kind} ({page})"), targets.get(rel_id)
        if (label, part) in seen:
            continue
        seen.add((label, part))
        root = package.xml(part) if part else None
        if root is None:
            diagnostics.append(finding(Location(shown), f"the {label} part '{part or rel_id}' is missing", "docx", severity="warning"))
            continue
        lines = block_lines(root, context)
        if lines:
            sections.append([f"== {label} ==", *lines])
    return sections


def furniture_references(document: etree._Element) -> list[tuple[str, str, str]]:
    """(header|footer, first|default|even, relationship id), final section first."""
    body = document.find(w("body"))
    if body is None:
        return []
    final = [body.find(w("sectPr"))]
    earlier = [p_pr.find(w("sectPr")) for p_pr in body.iter(w("pPr"))]
    references = []
    for section in [s for s in final + earlier if s is not None]:
        for reference in section:
            kind = {w("headerReference"): "header", w("footerReference"): "footer"}.get(reference.tag)
            if kind:
                references.append((kind, reference.get(w("type"), "default"), reference.get(f"{{{R}}}id", "")))
    return references


def body_lines(document: etree._Element, context: Context) -> list[str]:
    body = document.find(w("body"))
    return [] if body is None else block_lines(body, context)


def footnote_section(package: Package, context: Context) -> list[str]:
    lines = []
    for number, note in enumerate(real_footnotes(package.xml("word/footnotes.xml")), start=1):
        text = block_lines(note, context) or [""]
        # The space after the footnote mark is typography, not text.
        lines.append(f"[^{number}]: {text[0].lstrip()}".rstrip())
        lines += [f"    {more}" for more in text[1:]]
    return ["== voetnoten ==", *lines] if lines else []


# --- blocks: paragraphs and tables ---------------------------------------------------------------


def unwrapped(element: etree._Element):
    """Children, with content controls and custom XML replaced by what they contain."""
    for child in element:
        if child.tag in BLOCK_WRAPPERS:
            yield from unwrapped(child)
        else:
            yield child


def block_lines(container: etree._Element, context: Context, styled: bool = True) -> list[str]:
    lines = []
    for child in unwrapped(container):
        if child.tag == w("p"):
            lines += paragraph_lines(child, context, styled)
        elif child.tag == w("tbl"):
            lines += table_lines(child, context)
    return lines


def paragraph_lines(paragraph: etree._Element, context: Context, styled: bool) -> list[str]:
    """The paragraph's line (if it has text), then the paragraphs of its text boxes."""
    text = InlineText(context).of(paragraph).rstrip()
    lines = [list_prefix(paragraph, context) + style_prefix(paragraph, context, styled) + text] if text else []
    for box in text_boxes(paragraph):
        lines += block_lines(box, context, styled)
    return lines


def style_prefix(paragraph: etree._Element, context: Context, styled: bool) -> str:
    style_id = value_of(paragraph.find(f"{w('pPr')}/{w('pStyle')}"), context.default_style)
    name = context.style_names.get(style_id, style_id)
    if not styled or not style_id or style_id == context.default_style or name in PLAIN_STYLES:
        return ""
    return f"[{name}] "


def list_prefix(paragraph: etree._Element, context: Context) -> str:
    """Indentation per level and "- " (bullets) or "#. " (numbers) for a list item.

    Not the computed "3.": inserting one item would then change the line of every
    item after it, hiding the real change in the diff.
    """
    numbering = paragraph.find(f"{w('pPr')}/{w('numPr')}")
    if numbering is None:
        return ""
    num_id = value_of(numbering.find(w("numId")))
    if num_id in ("", "0"):  # numId 0 switches off a list inherited from the style
        return ""
    level = value_of(numbering.find(w("ilvl")), "0")
    indent = "  " * int(level) if level.isdigit() and int(level) < 10 else ""
    numbered = context.list_formats.get((num_id, level), "bullet") not in ("bullet", "none")
    return indent + ("#. " if numbered else "- ")


def text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's own text boxes, each once: not the copy in a compatibility fallback,
    not boxes nested in another box (those belong to that box's paragraphs)."""
    boxes = []
    for box in paragraph.iter(w("txbxContent")):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag in (f"{{{MC}}}Fallback", w("txbxContent")):
                break
            ancestor = ancestor.getparent()
        else:
            boxes.append(box)
    return boxes


def table_lines(table: etree._Element, context: Context) -> list[str]:
    """One line per row, cells joined by " | "; a cell's own lines joined like line breaks."""
    lines = []
    for row in (child for child in unwrapped(table) if child.tag == w("tr")):
        cells = [
            LINE_BREAK.join(block_lines(cell, context, styled=False))
            for cell in unwrapped(row)
            if cell.tag == w("tc")
        ]
        if any(cells):
            lines.append(" | ".join(cells).rstrip())
    return lines


# --- inline text ---------------------------------------------------------------------------------


@dataclass
class Field:
    instruction: str = ""
    in_result: bool = False
    shown: bool = False

    @property
    def keyword(self) -> str:
        words = self.instruction.split()
        return words[0].upper() if words else "?"

    @property
    def shows_result(self) -> bool:
        return self.keyword in FIELDS_SHOWING_RESULT


class InlineText:
    """The text of one paragraph as a reader sees it, with fields as {KEYWORD}.

    Field state lives per paragraph: a field that spans paragraphs (a table of
    contents) then shows its entries, which is what the reader sees anyway.
    """

    def __init__(self, context: Context):
        self.context = context
        self.pieces: list[str] = []
        self.fields: list[Field] = []

    def of(self, paragraph: etree._Element) -> str:
        self.visit_children(paragraph)
        return "".join(self.pieces)

    def visit_children(self, element: etree._Element) -> None:
        for child in element:
            self.visit(child)

    def visit(self, element: etree._Element) -> None:
        tag = element.tag
        if tag in INLINE_WRAPPERS:
            self.visit_children(element)
        elif tag == w("t"):
            # A stray newline inside w:t is a space to Word; keep the one-line-per-paragraph rule.
            self.add((element.text or "").replace("\r", " ").replace("\n", " "))
        elif tag in (w("tab"), w("ptab")):
            self.add("\t")
        elif tag in (w("br"), w("cr")):
            self.add(LINE_BREAK)
        elif tag == w("noBreakHyphen"):
            self.add("-")
        elif tag == w("footnoteReference"):
            self.add(f"[^{self.context.footnote_numbers.get(element.get(w('id'), ''), '?')}]")
        elif tag == w("fldChar"):
            self.field_char(element.get(w("fldCharType"), ""))
        elif tag == w("instrText") and self.fields:
            self.fields[-1].instruction += element.text or ""
        elif tag == w("fldSimple"):
            self.simple_field(element)
        elif tag in (f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara"):
            self.add("".join(t.text or "" for t in element.iter(f"{{{MATH}}}t")))
        # Everything else is formatting, bookmarks, deleted text, or a drawing whose
        # text boxes paragraph_lines shows as lines of their own.

    def visible(self, fields: list[Field] | None = None) -> bool:
        """Text shows only inside the result of fields that show their result (or outside fields)."""
        return all(f.in_result and f.shows_result for f in (self.fields if fields is None else fields))

    def add(self, text: str) -> None:
        if self.visible():
            self.pieces.append(text)

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_result = True
            self.show_field(self.fields[-1], self.fields[:-1])
        elif kind == "end" and self.fields:
            done = self.fields.pop()
            self.show_field(done, self.fields)

    def show_field(self, current: Field, enclosing: list[Field]) -> None:
        """Write {KEYWORD} once per field, unless its result is shown instead."""
        if current.shown or not self.visible(enclosing):
            return
        current.shown = True
        if not current.shows_result:
            self.pieces.append(f"{{{current.keyword}}}")

    def simple_field(self, element: etree._Element) -> None:
        simple = Field(instruction=element.get(w("instr"), ""), in_result=True)
        if not self.visible():
            return
        if simple.shows_result:
            self.fields.append(simple)
            self.visit_children(element)
            self.fields.pop()
        else:
            self.pieces.append(f"{{{simple.keyword}}}")
