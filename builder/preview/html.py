"""A brief as an HTML page in the house style, for the live preview: pure functions, no I/O but pandoc.

The page is made from what the DOCX is made from: the body Markdown of
``builder.render.markdown`` (pandoc's reader with raw HTML off, so a brief's
``<script>`` is text), the type's composed body, and the furniture as data
(``DocumentType.page_furniture``: the very lines the DOCX's frames hold). Three
things are added for the writer: each citation carries the record it cites as
its ``title`` (shown on hover), each finding of ``brief check`` stands at the
paragraph it points at (those that point at no paragraph at the top), and the
CSS follows ``builder.house_style``'s geometry and paragraph styles.

Text from the brief and the data reaches the page only through pandoc (which
escapes it) or ``html.escape``; the markers added to the Markdown carry numbers,
never text, and are swapped for escaped HTML afterwards.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import re
from typing import Mapping, Sequence

from ..body import Citation
from ..diagnostics import Diagnostic
from ..doctypes import doctype_of
from ..model import Brief, Commitment, Document, Motion, Repository
from ..references import NotCitable, commitment_name, document_reference, kamervragen_text, motion_name, motion_reference
from ..render.furniture import Line, PageFurniture
from ..render.markdown import PandocFailed, body_markdown, markdown_to_html
from ..targets import brief_folder, brief_targets
from ..template import escape_markdown

# --- the content: what the page shows of a brief, swapped in whole on every save -------------------


def brief_html(
    brief: Brief | None, repository: Repository | None, letters: Mapping[str, Brief], findings: Sequence[Diagnostic]
) -> str:
    """The page's content for ``brief`` (None: it could not be read) with the findings of
    ``brief check`` for it: those it can place at their paragraph, the others above the page."""
    if brief is None or repository is None:
        return _findings_list(findings) + '<p class="no-page">De brief kan niet worden getoond; zie de bevindingen hierboven.</p>'
    own = [f for f in findings if f.location.path == brief.path and f.location.line >= brief.body_line]
    body, placed = _body(brief, repository, letters, own)
    unplaced = [finding for finding in findings if finding not in placed]
    furniture = _furniture(brief, repository)
    return _findings_list(unplaced) + _sheet(furniture, body)


def _furniture(brief: Brief, repository: Repository) -> PageFurniture | None:
    try:
        return doctype_of(brief).page_furniture(brief, repository)
    except Exception:  # noqa: BLE001 -- a brief with errors (an unknown signatory): the findings say what
        return None


def _body(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief], findings: Sequence[Diagnostic]
) -> tuple[str, set[Diagnostic]]:
    """The body as HTML, and the findings placed in it."""
    marked, markers = mark_findings(brief.body, brief.body_line, findings)
    marked_brief = dataclasses.replace(brief, body=marked)
    citations: list[Citation] = []

    def annotate(citation: Citation, rendered: str | None) -> str:
        citations.append(citation)
        if rendered is None:  # it does not resolve: its ids as written, marked
            written = ", ".join(f"@{part.key}" for part in citation.parts)
            return f'[{escape_markdown(written)}]{{.cite .unresolved data-cite="{len(citations) - 1}"}}'
        return f'[{rendered}]{{.cite data-cite="{len(citations) - 1}"}}'

    markdown, problems = body_markdown(marked_brief, repository, letters, comments=False, annotate=annotate)
    if markdown is None:
        return _note("De tekst kan niet worden opgebouwd: " + "; ".join(p.message for p in problems)), set()
    doctype = doctype_of(brief)
    try:
        markdown = doctype.compose(markdown, marked_brief, repository)
    except Exception:  # noqa: BLE001 -- composing needs what the findings say is missing (an unknown overleg)
        pass
    try:
        fragment = markdown_to_html(markdown)
    except PandocFailed as exc:
        return _note(str(exc)), set()
    local = brief_targets(brief, repository)
    titles = [cited_records(citation, repository, local, brief.meta.citation_style) for citation in citations]
    fragment = _with_titles(fragment, titles)
    fragment, placed = _with_findings(fragment, markers)
    fragment = _with_images(fragment, brief)
    return fragment, placed


def _note(text: str) -> str:
    return f'<p class="no-body">{html.escape(text)}</p>'


# --- findings at their place --------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
# Lines a span cannot open: a fence, a table row, a div fence, a Jinja statement, an HTML comment.
_NOT_INLINE = re.compile(r"^\s*(?:```|~~~|\||:::|\{%|<!--)")
# What stands before a paragraph's text on its first line: indentation, quote marks, a list marker.
_PREFIX = re.compile(r"^(\s*(?:>\s?)*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def mark_findings(body: str, body_line: int, findings: Sequence[Diagnostic]) -> tuple[str, dict[int, list[Diagnostic]]]:
    """``body`` with a marker where each finding's paragraph starts, and the findings by marker.

    A marker is an empty span ``[]{.finding-marker data-finding="N"}`` at the start of the
    paragraph's text, inside its list item or quote; before a block that cannot hold one (a
    table, a fence, a Jinja statement) a div; after a heading, a div, so that the heading's
    text (which a reply's and an answer's sections are keyed by) stays as written."""
    lines = body.split("\n")
    starts = _block_starts(lines)
    by_line: dict[int, list[Diagnostic]] = {}
    for finding in findings:
        index = finding.location.line - body_line
        if 0 <= index < len(lines):
            by_line.setdefault(starts[index], []).append(finding)
    markers: dict[int, list[Diagnostic]] = {}
    for block in sorted(by_line, reverse=True):  # from the end, so that earlier indexes hold
        number = len(markers)
        markers[number] = by_line[block]
        start = block
        while _COMMENT_LINE.match(lines[start]) and start + 1 < len(lines) and lines[start + 1].strip():
            start += 1  # a comment is no text: the marker goes where the paragraph's text starts
        line = lines[start]
        if _HEADING.match(line):
            lines[start:start + 1] = [line, "", _div(number), ""]
        elif _NOT_INLINE.match(line) or not line.strip():
            lines[start:start] = ["", _div(number), ""]
        else:
            prefix = _PREFIX.match(line).group(1)
            lines[start] = f'{prefix}[]{{.finding-marker data-finding="{number}"}}{line[len(prefix):]}'
    return "\n".join(lines), markers


def _div(number: int) -> str:
    return f'::: {{.finding-marker data-finding="{number}"}}\n:::'


def _block_starts(lines: list[str]) -> list[int]:
    """For each line, the first line of the block it belongs to: the line after the last blank
    one before it (a heading is a block of its own), or the opening fence of its code block."""
    starts: list[int] = []
    start, fence = 0, None
    for index, line in enumerate(lines):
        if fence is not None:  # inside a code block, up to its closing fence
            starts.append(fence)
            if _FENCE.match(line):
                fence, start = None, index + 1
        elif _FENCE.match(line):
            fence = index
            starts.append(fence)
        elif not line.strip():
            starts.append(index)
            start = index + 1
        elif _HEADING.match(line):
            starts.append(index)
            start = index + 1
        else:
            starts.append(start)
    return starts


_MARKER = re.compile(r'<(span|div) class="finding-marker" data-finding="(\d+)">\s*</\1>')


def _with_findings(fragment: str, markers: Mapping[int, list[Diagnostic]]) -> tuple[str, set[Diagnostic]]:
    """Each marker swapped for its findings; a marker the composed body left out places nothing."""
    placed: set[Diagnostic] = set()

    def swap(match: re.Match) -> str:
        findings = markers.get(int(match.group(2)), [])
        placed.update(findings)
        element = match.group(1)
        return "".join(_finding(finding, element) for finding in findings)

    return _MARKER.sub(swap, fragment), placed


def _finding(finding: Diagnostic, element: str = "div") -> str:
    return f'<{element} class="finding {html.escape(finding.severity)}" role="note">{html.escape(str(finding))}</{element}>'


def _findings_list(findings: Sequence[Diagnostic]) -> str:
    if not findings:
        return ""
    items = "".join(f"<li>{_finding(finding, 'span')}</li>" for finding in findings)
    return f'<section class="findings" aria-label="Bevindingen"><h2>Bevindingen van brief check</h2><ul>{items}</ul></section>'


# --- citations with what they cite ---------------------------------------------------------------------

_CITE = re.compile(r'<span class="cite( unresolved)?" data-cite="(\d+)">')


def _with_titles(fragment: str, titles: list[str]) -> str:
    def titled(match: re.Match) -> str:
        title = titles[int(match.group(2))]
        return f'<span class="cite{match.group(1) or ""}" tabindex="0" title="{html.escape(title, quote=True)}">'

    return _CITE.sub(titled, fragment)


def cited_records(citation: Citation, repository: Repository, local: Mapping, style: str) -> str:
    """What a citation cites, a record a line: its id and its full text (a commitment's promise,
    a motion's dictum, a document's reference and title)."""
    return "\n".join(record_text(part.key, repository, local, style) for part in citation.parts)


def record_text(key: str, repository: Repository, local: Mapping, style: str) -> str:
    target = local.get(key)
    if target is not None:
        return f"{key}: {_target_text(target, key)}"
    item = repository.citable(key)
    if item is None:
        return f"{key}: onbekend"
    if isinstance(item, Commitment):
        return f"toezegging {key} ({commitment_name(item)}): {item.text}"
    if isinstance(item, Motion):
        try:
            reference = motion_reference(item, style)  # type: ignore[arg-type]
        except NotCitable:
            reference = motion_name(item)
        return f"motie {key} ({reference}): {item.dictum or item.subject or motion_name(item)}"
    if isinstance(item, Document):
        reference = document_reference(item, style)  # type: ignore[arg-type]
        title = f" — {item.title}" if item.title and item.title not in reference else ""
        return f"{key}: {reference}{title}"
    return f"{key}: {kamervragen_text('note', item, repository, style)}"  # type: ignore[arg-type]


def _target_text(target, key: str) -> str:
    for form in ("text", "inline"):
        try:
            return target.text(form, key)
        except NotCitable:
            continue
    return key


# --- images: inside the page, never fetched from the repository ----------------------------------------

_IMAGE = re.compile(r'<img src="([^"]*)"')
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def _with_images(fragment: str, brief: Brief) -> str:
    """Each image beside the brief's file as a data: URL; any other source dropped (the server
    serves no file of the repository)."""
    folder = brief_folder(brief).resolve()

    def embedded(match: re.Match) -> str:
        path = (folder / html.unescape(match.group(1))).resolve()
        kind = _IMAGE_TYPES.get(path.suffix.lower())
        if kind is None or not path.is_relative_to(folder) or not path.is_file():
            return '<img src=""'
        return f'<img src="data:{kind};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}"'

    return _IMAGE.sub(embedded, fragment)


# --- the sheet: furniture around the body ---------------------------------------------------------------

_FOOTNOTES = re.compile(r'<section id="footnotes".*?</section>', re.S)


def _sheet(furniture: PageFurniture | None, body: str) -> str:
    """The page as the DOCX lays out page one: woordmerk, reference column, the text with its
    opening and closing, the footnotes at its foot."""
    notes = _FOOTNOTES.search(body)
    if notes:
        body = body[: notes.start()] + body[notes.end():]
    parts = ['<article class="sheet">']
    if furniture is not None:
        parts.append(f'<div class="woordmerk s-woordmerk">{_text(furniture.woordmerk)}</div>')
        parts.append(f'<aside class="column" aria-label="Referentiekolom">{_lines(furniture.column)}</aside>')
    parts.append('<div class="text">')
    if furniture is not None:
        parts.append(f'<div class="opening">{_lines(furniture.opening)}</div>')
    parts.append(f'<div class="body">{body}</div>')
    if furniture is not None:
        parts.append(_closing(furniture))
    if notes:
        parts.append(notes.group(0))
    parts.append("</div>")
    if furniture is not None and furniture.concept:
        parts.append('<p class="s-version-stamp concept">Concept</p>')
    parts.append("</article>")
    return "".join(parts)


def _closing(furniture: PageFurniture) -> str:
    parts = ['<div class="closing">', _lines(furniture.closing)]
    if furniture.signatures:
        parts.append('<div class="signatures">')
        for person in furniture.signatures:
            portfolio = f'<p class="s-signature"><em>{html.escape(person.portfolio)}</em></p>' if person.portfolio else ""
            parts.append(
                f'<div class="signature"><p class="s-signature">{html.escape(person.role)},</p>{portfolio}'
                f'<p class="s-signature signed">{html.escape(person.name)}</p></div>'
            )
        parts.append("</div>")
    for table in furniture.tables:
        head = "".join(f'<th scope="col">{html.escape(text)}</th>' for text in table.headings)
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>" for row in table.rows)
        parts.append(f'<table class="furniture"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    parts.append("</div>")
    return "".join(parts)


def _lines(lines: Sequence[Line]) -> str:
    return "".join(_line(text, style) for text, style in lines)


def _line(text: str, style: str) -> str:
    """A paragraph of the furniture in its style's class; a tab parts a label from its value."""
    if not text:
        return f'<p class="{style_class(style)} blank"></p>'
    if "\t" in text:
        label, value = text.split("\t", 1)
        inner = f'<span class="label">{_text(label)}</span> <span class="value">{_text(value)}</span>'
        return f'<p class="{style_class(style)} tabbed">{inner}</p>'
    return f'<p class="{style_class(style)}">{_text(text)}</p>'


def _text(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def style_class(style: str) -> str:
    """The CSS class of a paragraph style of the reference document: 'Sender Column' -> 's-sender-column'."""
    return "s-" + re.sub(r"[^a-z0-9]+", "-", style.lower()).strip("-")


# --- the page around the content, its style and its script ---------------------------------------------


def page(content: str, title: str, status: str, build: str) -> str:
    """The whole page: the bar (which brief, when it was made, the DOCX's rebuild), the content,
    and the script (a static asset of the server) that swaps in each update."""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<link rel="stylesheet" href="/preview.css"><script src="/preview.js" defer></script></head>'
        f'<body><header class="bar"><span class="what">{html.escape(title)}</span>'
        f'<span id="status" role="status">{html.escape(status)}</span><span id="build">{build}</span></header>'
        f'<main id="preview">{content}</main></body></html>\n'
    )


def build_status(wrote: Sequence[str], findings: Sequence[Diagnostic], up_to_date: bool, when: str) -> str:
    """What the bar says of the DOCX's background rebuild: what it wrote, or why it could not."""
    if findings and not wrote:
        items = "".join(f"<li>{_finding(finding, 'span')}</li>" for finding in findings)
        return f'<span class="build failed">DOCX niet gebouwd ({html.escape(when)}):</span><ul class="build-findings">{items}</ul>'
    if up_to_date:
        return f'<span class="build">DOCX al bijgewerkt ({html.escape(when)})</span>'
    said = ", ".join(html.escape(path) for path in wrote)
    return f'<span class="build done">DOCX gebouwd: {said} ({html.escape(when)})</span>'


# The page's script: each "page" event swaps the content and the status, each "build" event the
# rebuild's status; nothing else. Served as /preview.js, so that the page allows no inline script.
SCRIPT = """\
"use strict";
(() => {
  const events = new EventSource("/events");
  const swap = (id, markup) => { document.getElementById(id).innerHTML = markup; };
  events.addEventListener("page", (event) => {
    const update = JSON.parse(event.data);
    swap("preview", update.html);
    document.getElementById("status").textContent = update.status;
    document.body.dataset.version = update.version;
  });
  events.addEventListener("build", (event) => swap("build", JSON.parse(event.data).html));
  events.addEventListener("open", () => document.body.classList.remove("disconnected"));
  events.addEventListener("error", () => document.body.classList.add("disconnected"));
})();
"""


def stylesheet() -> str:
    """The page's CSS: page one's geometry and every paragraph style from ``builder.house_style``,
    so that the preview and the DOCX share one definition; then the preview's own marks."""
    from ..house_style import (
        COLUMN_WIDTH, COLUMN_X, FIRST_PAGE_TOP, FONT, LABEL_TAB, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, PAGE_HEIGHT,
        PAGE_WIDTH, PARAGRAPH_STYLES, WOORDMERK_WIDTH, WOORDMERK_X, WOORDMERK_Y,
    )

    from docx.shared import Emu

    def mm(length: int) -> str:
        return f"{Emu(length).mm:.1f}mm"

    rules = [
        f'body {{ margin: 0; background: #e6e6e6; font-family: "{FONT}", Verdana, sans-serif; color: #000; }}',
        f".sheet {{ position: relative; box-sizing: border-box; width: {mm(PAGE_WIDTH)}; min-height: {mm(PAGE_HEIGHT)};"
        f" margin: 16px auto; padding: {mm(FIRST_PAGE_TOP)} {mm(MARGIN_RIGHT)} {mm(MARGIN_BOTTOM)} {mm(MARGIN_LEFT)};"
        " background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .3); }",
        f".woordmerk {{ position: absolute; left: {mm(WOORDMERK_X)}; top: {mm(WOORDMERK_Y)}; width: {mm(WOORDMERK_WIDTH)}; }}",
        f".column {{ position: absolute; left: {mm(COLUMN_X)}; top: {mm(FIRST_PAGE_TOP)}; width: {mm(COLUMN_WIDTH)}; }}",
        f".text {{ width: {mm(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)}; }}",
        f".tabbed {{ display: flex; }} .tabbed .label {{ flex: 0 0 {mm(LABEL_TAB)}; }}",
    ]
    for name, (_, size, leading, bold, italic, before, after) in PARAGRAPH_STYLES.items():
        selectors = [f".{style_class(name)}", f'[data-custom-style="{name}"] > p', *_ELEMENTS.get(name, ())]
        rules.append(
            f"{', '.join(selectors)} {{ font-size: {size}pt; line-height: {f'{leading}pt' if leading else 'normal'};"
            f" font-weight: {'bold' if bold else 'normal'}; font-style: {'italic' if italic else 'normal'};"
            f" margin: {before}pt 0 {after}pt 0; }}"
        )
    return "\n".join([*rules, _MARKS]) + "\n"


# Which elements of pandoc's HTML take which paragraph style of the reference document.
_ELEMENTS = {
    "Body Text": (".body p",),
    "Compact": (".body li > p", ".body li"),
    "Heading 1": (".body h1", ".closing .s-heading-1"),
    "Heading 2": (".body h2",),
    "Heading 3": (".body h3",),
    "Heading 4": (".body h4",),
    "Block Text": (".body blockquote > p",),
    "Footnote Text": (".footnotes li", ".footnotes li > p"),
    "Image Caption": (".body figcaption",),
    "Addressee": (".s-addressee",),
}

_MARKS = """\
.bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 0 1.5em; padding: 6px 12px;
  background: #154273; color: #fff; font: 13px/1.4 sans-serif; }
.bar .what { font-weight: bold; }
.disconnected .bar { background: #8b0000; }
.disconnected .bar::after { content: "verbinding met brief preview verbroken"; }
.build.failed { font-weight: bold; }
.build-findings { margin: 0; padding-left: 1.2em; }
.body blockquote { margin-left: 0; padding-left: 0; }
.body ul, .body ol { padding-left: 1.5em; margin: 0 0 12pt 0; }
.body img { max-width: 100%; }
.footnotes { margin-top: 24pt; }
.footnotes hr { width: 30%; margin-left: 0; border: 0; border-top: 0.5pt solid #000; }
.footnotes ol { padding-left: 1.5em; }
.footnote-back { display: none; }
p.blank { min-height: 9pt; }
.signatures { display: grid; grid-template-columns: repeat(2, 1fr); gap: 0 4mm; }
.signature .signed { margin-top: 48pt; }
table.furniture { width: 100%; border-collapse: collapse; font-size: 9pt; }
table.furniture th, table.furniture td { border: 0.5pt solid #000; padding: 0 1mm; text-align: left; vertical-align: top; }
.concept { position: absolute; bottom: 12mm; left: 150mm; }
.cite { text-decoration: underline dotted #154273; cursor: help; }
.cite.unresolved { background: #fde2e2; }
.finding { display: block; margin: 2px 0; padding: 2px 6px; border-left: 3px solid; font: 12px/1.4 sans-serif;
  font-style: normal; font-weight: normal; white-space: pre-wrap; }
.finding.error { border-color: #c00000; background: #fde2e2; }
.finding.warning { border-color: #d08700; background: #fff3d6; }
:is(p, li, h1, h2, h3, h4, blockquote, td):has(> .finding), div.finding + :not(.finding) {
  outline: 2px solid #c00000; outline-offset: 2px; }
.findings { width: 210mm; margin: 16px auto 0; box-sizing: border-box; padding: 8px 12px; background: #fff;
  font: 13px/1.4 sans-serif; }
.findings h2 { margin: 0 0 4px; font-size: 14px; }
.findings ul { margin: 0; padding-left: 1.2em; }
.no-page, .no-body { font: 14px sans-serif; color: #c00000; }
"""
