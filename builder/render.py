"""Render stage: a resolved brief -> the bytes of a DOCX letter.

Three steps: the body's Jinja passages are expanded in a sandbox, citations
become Markdown footnotes and text (data is escaped, never interpreted),
pandoc turns the Markdown into DOCX against ``templates/reference.docx``, and
python-docx adds the letter furniture pandoc cannot make: the sender column,
addressee, Datum and Betreft, the signature, page numbers and properties.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import traceback
from io import BytesIO
from pathlib import Path
from typing import Iterator, Mapping

from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .diagnostics import Diagnostic, Location, error, unknown
from .dutch import long_date
from .house_style import (
    COLUMN_WIDTH,
    COLUMN_X,
    COLUMN_Y,
    MARGIN_LEFT,
    WOORDMERK_WIDTH,
    WOORDMERK_X,
    WOORDMERK_Y,
)
from .model import Brief, Repository
from .resolve import find_citations, resolve_citation, strip_comments
from .version import Stamp

ADDRESSEES = {
    "TK": ("De Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"),
    "EK": ("De Voorzitter van de Eerste Kamer", "der Staten-Generaal", "Postbus 20017", "2500 EA  DEN HAAG"),
}
PANDOC_FORMAT = "markdown-citations-raw_html-raw_tex-raw_attribute-yaml_metadata_block-tex_math_dollars"
TEMPLATE_NAME = "<brief body>"

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&])")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")


# --- Markdown from data -----------------------------------------------------------------


class Markdown(str):
    """A Markdown fragment made by the tool itself; templates output it unescaped."""


def escape_markdown(text: str) -> str:
    """Make data text literal in pandoc Markdown: every markup character backslashed."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def markdown_for(text: str) -> str:
    """Escape a reference text, keeping its <https://...> addresses as links."""
    pieces = _AUTOLINK.split(text)
    return "".join(f"<{p}>" if i % 2 else escape_markdown(p) for i, p in enumerate(pieces))


# --- Jinja --------------------------------------------------------------------------------


class UnknownReference(Exception):
    """Raised by a template that asks for an id the data does not have.

    Not a LookupError: Jinja would swallow that and fall back to an undefined value.
    """


class Registry(Mapping):
    """Read-only id -> item mapping for templates, with a did-you-mean on a miss."""

    def __init__(self, noun: str, items: Mapping):
        self._noun, self._items = noun, items

    def __getitem__(self, key):
        if key not in self._items:
            raise UnknownReference(unknown(self._noun, str(key), self._items))
        return self._items[key]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def template_context(brief: Brief, repository: Repository) -> dict:
    def cite(key: str) -> Markdown:
        return Markdown(f"[@{key}]")

    def name(key: str) -> Markdown:
        return Markdown(f"@{key}")

    return {
        "brief": brief.meta,
        "answers": [repository.lookup(key) for key in brief.meta.answers],
        "answered_commitments": [repository.commitments[k] for k in brief.meta.answers if k in repository.commitments],
        "answered_motions": [repository.motions[k] for k in brief.meta.answers if k in repository.motions],
        "commitments": Registry("commitment", repository.commitments),
        "motions": Registry("motion", repository.motions),
        "documents": Registry("document", repository.documents),
        "organisation": repository.organisation,
        "cite": cite,
        "name": name,
        "datum": long_date,
    }


def _finalize(value: object) -> str:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, dt.date):
        return long_date(value)
    return escape_markdown("" if value is None else str(value))


def expand_template(brief: Brief, repository: Repository) -> tuple[str | None, list[Diagnostic]]:
    """Expand the body's Jinja in a sandbox; a body without Jinja passes through."""
    if not any(marker in brief.body for marker in ("{{", "{%", "{#")):
        return brief.body, []
    from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True, autoescape=False
    )
    try:
        template = environment.from_string(brief.body)
        return template.render(template_context(brief, repository)), []
    except TemplateSyntaxError as exc:
        return None, [error(_template_location(brief, exc.lineno), f"template error: {exc.message}")]
    except (TemplateError, UnknownReference, ArithmeticError, TypeError, ValueError) as exc:
        line = _template_line(exc)
        message = exc.args[0] if exc.args else type(exc).__name__
        return None, [error(_template_location(brief, line), f"template error: {message}")]


def _template_line(exc: BaseException) -> int:
    """The body line a runtime template error happened on (Jinja keeps it in the traceback)."""
    line = 1
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _template_location(brief: Brief, line: int | None) -> Location:
    return Location(brief.path, brief.body_line + (line or 1) - 1, 1)


# --- citations -> Markdown -----------------------------------------------------------------


def body_markdown(brief: Brief, repository: Repository) -> tuple[str | None, list[Diagnostic]]:
    """The body as pandoc Markdown: template expanded, citations written out."""
    text, problems = expand_template(brief, repository)
    if text is None:
        return None, problems
    text = strip_comments(text)
    citations, problems = find_citations(text, brief.path, brief.body_line)
    pieces, last = [], 0
    for citation in citations:
        resolved, found = resolve_citation(citation, repository, brief.meta.citation_style)
        problems.extend(found)
        if resolved is None:
            continue
        rendered = markdown_for(resolved)
        pieces += [text[last : citation.start], f"^[{rendered}]" if citation.form == "note" else rendered]
        last = citation.end
    pieces.append(text[last:])
    return (None if problems else "".join(pieces)), problems


def markdown_to_docx(markdown: str, reference: Path) -> bytes:
    import pypandoc

    with tempfile.TemporaryDirectory(prefix="briefbouwer-") as scratch:
        target = Path(scratch) / "body.docx"
        pypandoc.convert_text(
            markdown,
            "docx",
            format=PANDOC_FORMAT,
            outputfile=str(target),
            extra_args=[f"--reference-doc={reference}"],
        )
        return target.read_bytes()


# --- letter furniture ------------------------------------------------------------------------


def render_kamerbrief(
    brief: Brief, repository: Repository, reference: Path, stamp: Stamp
) -> tuple[bytes | None, list[Diagnostic]]:
    markdown, problems = body_markdown(brief, repository)
    if markdown is None:
        return None, problems
    document = open_docx(BytesIO(markdown_to_docx(markdown, reference)))
    letter = Letter(document, brief, repository, stamp)
    letter.furnish()
    out = BytesIO()
    document.save(out)
    return out.getvalue(), []


class Letter:
    """Adds the Rijkshuisstijl letter furniture around pandoc's body text."""

    def __init__(self, document, brief: Brief, repository: Repository, stamp: Stamp):
        self.document, self.brief, self.data, self.stamp = document, brief, repository, stamp
        self.meta = brief.meta
        self.organisation = repository.organisation

    def furnish(self) -> None:
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        self._sender_column(section.first_page_header, first_page=True)
        self._sender_column(section.header, first_page=False)
        for footer in (section.first_page_footer, section.footer):
            self._footer(footer)
        self._opening()
        self._signature()
        self._properties()

    # The woordmerk and the sender column are page-anchored frames in the headers,
    # so the column repeats on every page (in short form after page one).
    def _sender_column(self, header, first_page: bool) -> None:
        paragraphs = iter([header.paragraphs[0]])

        def framed(text: str, style: str, x, y, width) -> None:
            paragraph = next(paragraphs, None) or header.add_paragraph()
            paragraph.style = style
            _set_text(paragraph, text)
            _frame(paragraph, x, y, width)

        if first_page:
            framed(_woordmerk(self.organisation.ministry), "Woordmerk", WOORDMERK_X, WOORDMERK_Y, WOORDMERK_WIDTH)
        for text, style in self._column_lines(first_page):
            framed(text, style, COLUMN_X, COLUMN_Y, COLUMN_WIDTH)
        # LibreOffice drops a frame that ends its header: frames need a paragraph to anchor to.
        header.add_paragraph()

    def _column_lines(self, first_page: bool) -> list[tuple[str, str]]:
        org, meta = self.organisation, self.meta
        lines = [(org.directorate, "Sender Column Heading"), ("", "Sender Column")]
        if first_page:
            address = [*org.visiting_address, *org.postal_address] + ([org.website] if org.website else [])
            lines += [(text, "Sender Column") for text in address] + [("", "Sender Column")]
        else:
            lines += [("Datum", "Sender Column Heading"), (long_date(meta.date), "Sender Column"), ("", "Sender Column")]
        lines += [("Kenmerk", "Sender Column Heading"), (meta.kenmerk, "Sender Column")]
        if first_page:
            if meta.uw_kenmerk:
                lines += [("", "Sender Column"), ("Uw kenmerk", "Sender Column Heading"), (meta.uw_kenmerk, "Sender Column")]
            lines += [("", "Sender Column"), ("Bijlage(n)", "Sender Column Heading"), (str(len(meta.bijlagen)), "Sender Column")]
        return lines

    def _footer(self, footer) -> None:
        paragraph = footer.paragraphs[0]
        paragraph.style = "Page Number"
        paragraph.add_run("Pagina ")
        _add_field(paragraph, "PAGE")
        paragraph.add_run(" van ")
        _add_field(paragraph, "NUMPAGES")
        paragraph.paragraph_format.left_indent = COLUMN_X - MARGIN_LEFT
        paragraph.paragraph_format.right_indent = -COLUMN_WIDTH
        if self.meta.status == "concept":
            footer.add_paragraph(f"Concept — {self.stamp.dutch}", style="Version Stamp")

    # body: return address, addressee, Datum/Betreft, salutation ... closing, signature
    def _opening(self) -> None:
        postal = " ".join(self.organisation.postal_address)
        datum, betreft = f"Datum\t{long_date(self.meta.date)}", f"Betreft\t{self.meta.betreft}"
        lines = [
            (f"> Retouradres {postal}", "Return Address"),
            *[(text, "Addressee") for text in ADDRESSEES[self.meta.addressee]],
            (datum, "Letter Meta"),
            (betreft, "Letter Meta"),
            (self.meta.salutation, "Salutation"),
        ]
        first = self.document.element.body[0]
        for text, style in lines:
            paragraph = self.document.add_paragraph(style=style)
            _set_text(paragraph, text)
            if text == datum:  # two blank lines between the address and Datum
                paragraph.paragraph_format.space_before = Pt(24)
            first.addprevious(paragraph._p)

    def _signature(self) -> None:
        self.document.add_paragraph(self.meta.closing, style="Closing").paragraph_format.keep_with_next = True
        people = self.data.bewindspersonen
        for key in self.meta.signatories:
            person = people[key]
            role = self.document.add_paragraph(f"{person.role},", style="Signature")
            role.paragraph_format.space_before = Pt(12)
            role.paragraph_format.keep_with_next = True
            if person.portfolio:
                portfolio = self.document.add_paragraph(style="Signature")
                portfolio.add_run(person.portfolio).italic = True
                portfolio.paragraph_format.keep_with_next = True
            name = self.document.add_paragraph(person.name, style="Signature")
            name.paragraph_format.space_before = Pt(48)

    def _properties(self) -> None:
        properties = self.document.core_properties
        properties.title = self.meta.betreft
        properties.subject = "Kamerbrief"
        properties.author = f"{self.organisation.ministry}, {self.organisation.directorate}"
        properties.last_modified_by = "Briefbouwer"
        properties.keywords = self.meta.kenmerk
        properties.identifier = self.meta.kenmerk
        properties.content_status = self.meta.status
        properties.version = self.stamp.label
        properties.comments = f"Gebouwd door Briefbouwer uit {self.brief.path}, {self.stamp.dutch}."
        properties.revision = 1
        built = build_time()
        properties.created = properties.modified = built


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds can be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


def _woordmerk(ministry: str, width: int = 36) -> str:
    """Break the ministry name as the woordmerk does: as many words as fit on line one."""
    words, first = ministry.split(), []
    while words and len(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    return " ".join(first) + ("\n" + " ".join(words) if words else "")


def _set_text(paragraph, text: str) -> None:
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


def _frame(paragraph, x, y, width) -> None:
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


def _add_field(paragraph, instruction: str) -> None:
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
