"""The Woo version of a document: each withheld text replaced by a grey box with its ground.

Two passes. Before pandoc, every passage marked ``[tekst]{.lak grond="…"}`` in the body's
Markdown becomes a placeholder in the 'Woo Lak' character style (``boxed_markdown``), so
the passage never reaches the document. After the furniture is added, every part of the
DOCX is swept (``redact_docx``): each other occurrence of a withheld text (a marked
passage, or personal data the document type names) is cut out of its runs, wherever it
stands (body, footnotes, headers, footers, tables, frames), case and spacing ignored, and a
box with the ground takes its place; document properties, alt texts and any other XML text
or attribute lose it too; Word comments are removed outright. A last look proves no
withheld text is left in any part; finding one is a bug, never a document written.
"""

from __future__ import annotations

import copy
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterable

from lxml import etree

from ..body import find_spans
from ..house_style import REDACTION_STYLE
from .grounds import CODE_PATTERN, REDACTION_CLASS, ground_problem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REDACTION_STYLE_ID = REDACTION_STYLE.replace(" ", "")  # the id Word and pandoc give the style 'Woo Lak'
# The box's text: the ground's code with a no-break space either side, so the grey reaches past it.
BOX_PADDING = "\u00a0"
_PLACEHOLDER = re.compile(r"WooLakPlaceholder(\d{4})")
_TEXT_PART = re.compile(r"^word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$")
_COMMENT_PART = re.compile(r"^word/(comments\w*|people)\.xml$")
_COMMENT_RELATIONSHIP = re.compile(r"/(comments\w*|people)$")
_COMMENT_MARKS = {f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd", f"{{{W}}}commentReference"}


@dataclass(frozen=True)
class Withheld:
    """A text the Woo version must not show, and the ground it is withheld on."""

    text: str
    ground: str


@dataclass(frozen=True)
class Box:
    """One redaction in the Woo version: its ground, how many characters it took out, and
    where it stands: "body" (with its footnotes), or "first" / "later" (the header and footer
    of page one, of the pages after it)."""

    ground: str
    length: int
    region: str


# --- before pandoc: the marked passages -----------------------------------------------------


@dataclass
class BoxedMarkdown:
    """The body's Markdown with its marked passages as placeholders, and what they withheld."""

    markdown: str
    placeholders: dict[str, Withheld] = field(default_factory=dict)


def boxed_markdown(markdown: str) -> BoxedMarkdown:
    """Each outermost ``.lak`` span replaced by a placeholder in the box's style; what it held
    (as plain text) kept with its ground, to be swept from the rest of the document. A span
    whose ground is not the Woo's was refused by the check; here it is withheld all the same."""
    spans = [span for span in find_spans(markdown, "", 1) if span.has_class(REDACTION_CLASS)]
    outermost, end = [], -1
    for span in spans:
        if span.start >= end:
            outermost.append(span)
            end = span.end
    result = BoxedMarkdown(markdown)
    pieces, last = [], 0
    for number, span in enumerate(outermost, 1):
        ground = span.attribute("grond") or ""
        placeholder = f"WooLakPlaceholder{number:04d}"
        result.placeholders[placeholder] = Withheld(plain_text(span.text), ground if ground_problem(ground) is None else "")
        pieces += [markdown[last : span.start], f'[{placeholder}]{{custom-style="{REDACTION_STYLE}"}}']
        last = span.end
    result.markdown = "".join(pieces) + markdown[last:]
    return result


_NOTE_OPEN = "^["


def plain_text(markdown: str) -> str:
    """What a reader sees of a span's Markdown: no notes, link targets, attributes, escapes,
    brackets or emphasis marks."""
    text = _without_notes(markdown)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # [text](url) -> [text]
    text = re.sub(r"\]\{[^{}]*\}", "]", text)  # a span inside: [text]{.x} -> [text]
    text = re.sub(r"(?<!\\)[\[\]]", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", text)
    return " ".join(text.split())


def _without_notes(text: str) -> str:
    while _NOTE_OPEN in text:
        start = text.index(_NOTE_OPEN)
        depth, end = 0, len(text)
        for offset in range(start + 1, len(text)):
            if text[offset] == "[":
                depth += 1
            elif text[offset] == "]":
                depth -= 1
                if depth == 0:
                    end = offset + 1
                    break
        text = text[:start] + text[end:]
    return text


# --- matching: case, spacing, quotes and dashes as a document may print them -----------------

_SPACE = r"[\s\u00a0\u2007\u202f\u2009]+"
_VARIANTS = {
    "'": "['\u2018\u2019\u02bc]", "\u2018": "['\u2018\u2019\u02bc]", "\u2019": "['\u2018\u2019\u02bc]",
    '"': "[\"\u201c\u201d\u201e]", "\u201c": "[\"\u201c\u201d\u201e]", "\u201d": "[\"\u201c\u201d\u201e]",
    "-": "[-\u2010\u2011\u2013\u2014]", "\u2013": "[-\u2010\u2011\u2013\u2014]", "\u2014": "[-\u2010\u2011\u2013\u2014]",
}


def normalised(text: str) -> str:
    """The form two texts are compared in: case folded, spacing collapsed, quotes and dashes plain."""
    text = " ".join(text.replace("\u00a0", " ").split()).casefold()
    for plain, variants in (("'", "\u2018\u2019\u02bc"), ('"', "\u201c\u201d\u201e"), ("-", "\u2010\u2011\u2013\u2014")):
        for variant in variants:
            text = text.replace(variant, plain)
    return text


def _pattern_of(text: str) -> str:
    return _SPACE.join("".join(_VARIANTS.get(char, re.escape(char)) for char in word) for word in text.split())


@dataclass(frozen=True)
class Sweep:
    """What is withheld, as one pattern (longest text first) and the ground of each text."""

    pattern: re.Pattern | None
    grounds: dict[str, str]  # normalised text -> ground

    @classmethod
    def of(cls, withheld: Iterable[Withheld]) -> Sweep:
        grounds: dict[str, str] = {}
        for item in withheld:
            key = normalised(item.text)
            if key and key not in grounds:
                grounds[key] = item.ground
        if not grounds:
            return cls(None, {})
        texts = sorted(grounds, key=len, reverse=True)
        return cls(re.compile("|".join(_pattern_of(text) for text in texts), re.IGNORECASE), grounds)

    def ground(self, found: str) -> str:
        return self.grounds.get(normalised(found), "")

    def finds(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(text) is not None


# --- after the furniture: the DOCX swept ---------------------------------------------------


@dataclass
class _Package:
    """A DOCX's parts: XML ones parsed, the others as bytes, in their order in the archive."""

    order: list[str]
    xml: dict[str, etree._Element]
    other: dict[str, bytes]

    @classmethod
    def read(cls, data: bytes) -> _Package:
        archive = zipfile.ZipFile(BytesIO(data))
        order, xml, other = [], {}, {}
        for name in archive.namelist():
            order.append(name)
            content = archive.read(name)
            if name.endswith((".xml", ".rels")):
                xml[name] = etree.fromstring(content)
            else:
                other[name] = content
        return cls(order, xml, other)

    def drop(self, name: str) -> None:
        self.order.remove(name)
        self.xml.pop(name, None)
        self.other.pop(name, None)

    def bytes(self) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.order:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                content = self.other[name] if name in self.other else etree.tostring(
                    self.xml[name], xml_declaration=True, encoding="UTF-8", standalone=True
                )
                archive.writestr(info, content)
        return out.getvalue()


class WithheldTextLeft(RuntimeError):
    """A withheld text survived the sweep: a bug; the document must not be written."""


@dataclass(frozen=True)
class Redacted:
    docx: bytes
    boxes: tuple[Box, ...]  # in reading order: page one's header and footer, the body with its footnotes, the later pages'
    code_tokens: dict[str, tuple[Box | None, ...]]  # by region: every ground code in reading order (None: one in the text)


def redact_docx(data: bytes, placeholders: dict[str, Withheld], withheld: Iterable[Withheld]) -> Redacted:
    """The DOCX with every withheld text boxed and its comments gone (see the module's docstring)."""
    package = _Package.read(data)
    sweep = Sweep.of([*withheld, *placeholders.values()])
    _remove_comments(package)
    made: dict[etree._Element, tuple[str, int]] = {}
    for name in package.order:
        if _TEXT_PART.match(name):
            _fill_placeholders(package.xml[name], placeholders, made)
            for paragraph in list(package.xml[name].iter(f"{{{W}}}p")):
                _redact_paragraph(paragraph, sweep, made)
    for name, root in package.xml.items():
        _redact_loose_text(root, sweep)
    _prove_nothing_left(package, sweep)
    tokens = _code_tokens(package, made)
    boxes = tuple(box for region in ("first", "body", "later") for box in tokens.get(region, ()) if box is not None)
    return Redacted(package.bytes(), boxes, tokens)


def _remove_comments(package: _Package) -> None:
    """No Word comment in a published document: the parts, their relationships and marks go."""
    for name in [n for n in package.order if _COMMENT_PART.match(n)]:
        package.drop(name)
    for name, root in package.xml.items():
        if name.endswith(".rels"):
            for relationship in list(root):
                if _COMMENT_RELATIONSHIP.search(relationship.get("Type", "")):
                    root.remove(relationship)
        elif name == "[Content_Types].xml":
            for override in list(root):
                if _COMMENT_PART.match(override.get("PartName", "").lstrip("/")):
                    root.remove(override)
        elif _TEXT_PART.match(name):
            for mark in [element for element in root.iter() if element.tag in _COMMENT_MARKS]:
                parent = mark.getparent()
                parent.remove(mark)
                if parent.tag == f"{{{W}}}r" and not [c for c in parent if c.tag != f"{{{W}}}rPr"]:
                    parent.getparent().remove(parent)


def _fill_placeholders(root, placeholders: dict[str, Withheld], made: dict) -> None:
    """A marked passage's placeholder -> its box: the ground's code in the run pandoc styled."""
    for text in root.iter(f"{{{W}}}t"):
        match = _PLACEHOLDER.search(text.text or "")
        if match is None:
            continue
        withheld = placeholders[match.group(0)]
        text.text = text.text[: match.start()] + _box_text(withheld.ground) + text.text[match.end() :]
        text.set(XML_SPACE, "preserve")
        made[text.getparent()] = (withheld.ground, len(withheld.text))


def _box_text(ground: str) -> str:
    return f"{BOX_PADDING}{ground or 'lak'}{BOX_PADDING}"


_ATOMS = {f"{{{W}}}t": None, f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n", f"{{{W}}}noBreakHyphen": "-"}


def _own_runs(paragraph) -> list:
    """The paragraph's runs (in links, fields, insertions too), not those of a paragraph inside it."""
    return [run for run in paragraph.iter(f"{{{W}}}r") if _nearest_paragraph(run) is paragraph]


def _nearest_paragraph(element):
    parent = element.getparent()
    while parent is not None and parent.tag != f"{{{W}}}p":
        parent = parent.getparent()
    return parent


def _redact_paragraph(paragraph, sweep: Sweep, made: dict) -> None:
    if sweep.pattern is None:
        return
    runs = [run for run in _own_runs(paragraph) if run not in made]
    atoms = [(run, child) for run in runs for child in run if child.tag in _ATOMS]
    texts = [(child.text or "") if _ATOMS[child.tag] is None else _ATOMS[child.tag] for _, child in atoms]
    full = "".join(texts)
    matches = list(sweep.pattern.finditer(full))
    if not matches:
        return
    owner: list[int | None] = [None] * len(full)
    for number, match in enumerate(matches):
        for offset in range(match.start(), match.end()):
            owner[offset] = number
    offsets, position = {}, 0
    for (run, child), text in zip(atoms, texts):
        offsets[child] = position
        position += len(text)
    touched = {run for (run, child), text in zip(atoms, texts) for i in range(len(text)) if owner[offsets[child] + i] is not None}
    for run in runs:
        if run in touched:
            _rebuild_run(run, offsets, owner, matches, sweep, made)


def _rebuild_run(run, offsets: dict, owner: list, matches: list, sweep: Sweep, made: dict) -> None:
    """Replace ``run`` by runs of its text outside the matches, with a box where each match starts."""
    properties = run.find(f"{{{W}}}rPr")
    pieces: list = []
    current = _empty_run(properties)
    text: list[str] = []

    def flush_text() -> None:
        if text:
            element = etree.SubElement(current, f"{{{W}}}t")
            element.text = "".join(text)
            element.set(XML_SPACE, "preserve")
            text.clear()

    def close_run() -> None:
        nonlocal current
        flush_text()
        if [child for child in current if child.tag != f"{{{W}}}rPr"]:
            pieces.append(current)
        current = _empty_run(properties)

    for child in list(run):
        if child.tag == f"{{{W}}}rPr":
            continue
        if child not in offsets:
            flush_text()
            current.append(copy.deepcopy(child))
            continue
        value = (child.text or "") if _ATOMS[child.tag] is None else _ATOMS[child.tag]
        for index, character in enumerate(value):
            offset = offsets[child] + index
            number = owner[offset]
            if number is None:
                if _ATOMS[child.tag] is None:
                    text.append(character)
                else:
                    flush_text()
                    current.append(copy.deepcopy(child))
            elif offset == matches[number].start():
                close_run()
                found = matches[number].group(0)
                box = _box_run(properties, sweep.ground(found))
                made[box] = (sweep.ground(found), len(found))
                pieces.append(box)
    close_run()
    parent = run.getparent()
    for piece in pieces:
        run.addprevious(piece)
    parent.remove(run)


def _empty_run(properties):
    run = etree.Element(f"{{{W}}}r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    return run


def _box_run(properties, ground: str):
    """A run in the box's style, keeping the size and weight of the text it stands in."""
    run = _empty_run(properties)
    own = run.find(f"{{{W}}}rPr")
    if own is None:
        own = etree.SubElement(run, f"{{{W}}}rPr")
    for old in own.findall(f"{{{W}}}rStyle"):
        own.remove(old)
    style = etree.Element(f"{{{W}}}rStyle")
    style.set(f"{{{W}}}val", REDACTION_STYLE_ID)
    own.insert(0, style)
    text = etree.SubElement(run, f"{{{W}}}t")
    text.text = _box_text(ground)
    text.set(XML_SPACE, "preserve")
    return run


def _redact_loose_text(root, sweep: Sweep) -> None:
    """Any text or attribute left anywhere (properties, alt texts, field codes, link targets)."""
    if sweep.pattern is None:
        return

    def boxed(match: re.Match) -> str:
        return f"[{sweep.ground(match.group(0)) or 'lak'}]"

    for element in root.iter():
        if isinstance(element.tag, str):
            if element.text and sweep.finds(element.text):
                element.text = sweep.pattern.sub(boxed, element.text)
            for name, value in element.attrib.items():
                if sweep.finds(value):
                    element.set(name, sweep.pattern.sub(boxed, value))
        if element.tail and sweep.finds(element.tail):
            element.tail = sweep.pattern.sub(boxed, element.tail)


def _prove_nothing_left(package: _Package, sweep: Sweep) -> None:
    """Every part's text, also joined across the runs of a paragraph and across its nodes."""
    if sweep.pattern is None:
        return
    for name, root in package.xml.items():
        joined = [text for text in root.itertext()]
        joined += ["".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")) for paragraph in root.iter(f"{{{W}}}p")]
        joined += [value for element in root.iter() if isinstance(element.tag, str) for value in element.attrib.values()]
        if any(sweep.finds(text) for text in joined):
            raise WithheldTextLeft(f"a withheld text is still in {name}")


# --- reading order, for the inventory's page numbers ------------------------------------------


def _code_tokens(package: _Package, made: dict) -> dict[str, tuple[Box | None, ...]]:
    """Per region, each ground code in reading order: a box, or None for a code the text
    itself mentions ("artikel 5.1.2e Woo"), which the PDF shows the same way."""
    document = package.xml["word/document.xml"]
    footnotes = _notes(package.xml.get("word/footnotes.xml"), "footnote")
    endnotes = _notes(package.xml.get("word/endnotes.xml"), "endnote")
    body: list[Box | None] = []
    for element in document.iter(f"{{{W}}}r"):
        body += _run_tokens(element, made, "body")
        for reference in element.iter(f"{{{W}}}footnoteReference", f"{{{W}}}endnoteReference"):
            notes = footnotes if reference.tag.endswith("footnoteReference") else endnotes
            for run in notes.get(reference.get(f"{{{W}}}id"), ()):
                body += _run_tokens(run, made, "body")
    regions: dict[str, list[Box | None]] = {"first": [], "body": body, "later": []}
    for region, part in _header_footer_parts(package):
        for run in package.xml[part].iter(f"{{{W}}}r"):
            regions[region] += _run_tokens(run, made, region)
    return {region: tuple(tokens) for region, tokens in regions.items()}


def _notes(root, kind: str) -> dict[str, list]:
    if root is None:
        return {}
    return {note.get(f"{{{W}}}id"): list(note.iter(f"{{{W}}}r")) for note in root.iter(f"{{{W}}}{kind}")}


def _run_tokens(run, made: dict, region: str) -> list[Box | None]:
    if run in made:
        ground, length = made[run]
        return [Box(ground, length, region)]
    text = "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))
    return [None] * len(CODE_PATTERN.findall(text))


def _header_footer_parts(package: _Package) -> list[tuple[str, str]]:
    """(region, part) of each header and footer the section uses: page one's ("first") and the
    later pages' ("later"; without a first-page one, page one uses these too)."""
    relationships = package.xml.get("word/_rels/document.xml.rels")
    targets = {r.get("Id"): "word/" + r.get("Target", "").lstrip("/").removeprefix("word/") for r in relationships} if relationships is not None else {}
    found = []
    for reference in package.xml["word/document.xml"].iter(f"{{{W}}}headerReference", f"{{{W}}}footerReference"):
        kind = reference.get(f"{{{W}}}type", "default")
        part = targets.get(reference.get(f"{{{OFFICE_REL}}}id"))
        if part in package.xml and kind in ("first", "default"):
            found.append(("first" if kind == "first" else "later", part))
    return found

