"""Rules about any brief's body: brackets pandoc can read, generated citations, relative dates,
sections and figures (their ids, numbering and image files)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..body import Citation, find_citations, mask, strip_comments
from ..body import Image
from ..codes import finding
from ..diagnostics import Diagnostic, Location, did_you_mean
from ..doctypes import NumberedSections, doctype_of
from ..dutch import MONTHS, long_date
from ..load import line_and_column, line_starts
from ..resolve import resolve_citation
from ..targets import FIGURE_PREFIX, SECTION_PREFIX, brief_folder, brief_structure, brief_targets

if TYPE_CHECKING:
    from . import BriefContext

# pandoc's Markdown reader takes time exponential in how deeply brackets nest within a
# paragraph (twelve levels take seconds, twenty do not finish), and unclosed ones count as
# nested; letters nest two or three ("[zie [@id]]").
MAX_BRACKET_DEPTH = 6
_BRACKET_OR_PARAGRAPH_END = re.compile(r"(?<!\\)[\[\]]|\n[ \t]*\n")


def bracket_nesting_problems(context: BriefContext) -> list[Diagnostic]:
    """Brackets (of links, images, notes, citations) nested deeper than ``MAX_BRACKET_DEPTH``
    in the expanded body, at the first one too deep: what check passes, build must build."""
    brief, text = context.brief, context.text
    assert text is not None
    if text.count("[") <= MAX_BRACKET_DEPTH:
        return []
    masked = mask(strip_comments(text))
    depth = 0
    for match in _BRACKET_OR_PARAGRAPH_END.finditer(masked):
        token = match.group()
        if token == "]":
            depth = max(depth - 1, 0)
        elif token == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                line, column = line_and_column(line_starts(masked), match.start())
                location = Location(brief.path, brief.body_line + line - 1, column)
                message = (
                    f"brackets nested more than {MAX_BRACKET_DEPTH} deep (counting unclosed ones): "
                    "close or escape them (\\[), or the document cannot be built"
                )
                return [finding(location, message, "nesting")]
        else:
            depth = 0  # a blank line ends the paragraph, and what its brackets could span
    return []


def generated_citation_problems(context: BriefContext) -> list[Diagnostic]:
    """Citations that only the expanded body has ({{ cite(key) }}) resolve: the resolve stage
    reads the body as written, the render stage as expanded, and check must refuse what
    render would. Those the written body has too were resolved there already."""
    brief, text, repository = context.brief, context.text, context.repository
    if text == brief.body:
        return []
    assert text is not None
    written, written_problems = find_citations(brief.body, brief.path, brief.body_line)
    seen = {(c.form, _keys(c)) for c in written}
    reported = {(p.code, p.message) for p in written_problems}
    citations, problems = find_citations(strip_comments(text), brief.path, brief.body_line)
    problems = [p for p in problems if (p.code, p.message) not in reported]
    local = brief_targets(brief, repository, text)
    for citation in citations:
        if (citation.form, _keys(citation)) not in seen:
            seen.add((citation.form, _keys(citation)))
            problems += resolve_citation(citation, repository, brief.meta.citation_style, local)[1]
    return problems


def _keys(citation: Citation) -> tuple[str, ...]:
    return tuple(part.key for part in citation.parts)


_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_RELATIVE_DATE = re.compile(
    rf"\b(?:(?P<weekday>{'|'.join(_WEEKDAYS)})\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})\s+"
    r"(?P<relation>jl\.|a\.s\.)",
    re.I,
)
_RELATIVE_MARKER = re.compile(r"jl\.|a\.s\.", re.I)  # what every relative date ends with: a cheap first look
# "jl." and "a.s." point into the past or the coming year; much further means the letter's
# date moved past the day the phrase was written for.
RELATIVE_DATE_LIMIT = dt.timedelta(days=300)


def relative_date_problems(context: BriefContext) -> list[Diagnostic]:
    """'3 april jl.' and '1 januari a.s.' must fit the brief's date (and their weekday, if named)."""
    brief = context.brief
    problems: list[Diagnostic] = []
    if not _RELATIVE_MARKER.search(brief.body):
        return problems
    masked = mask(brief.body)
    starts = line_starts(masked)
    for match in _RELATIVE_DATE.finditer(masked):
        line, column = line_and_column(starts, match.start())
        location = Location(brief.path, brief.body_line + line - 1, column)
        phrase = " ".join(match.group().split())
        meant = resolve_relative_date(int(match.group("day")), match.group("month"), match.group("relation"), brief.meta.date)
        if meant is None:
            problems.append(finding(location, f"'{phrase}' is not a date", "relative-date"))
            continue
        if abs(meant - brief.meta.date) > RELATIVE_DATE_LIMIT:
            problems.append(
                finding(
                    location,
                    f"'{phrase}' means {long_date(meant)}, too far from the brief's date "
                    f"{long_date(brief.meta.date)}: write the year, or check the date",
                    "relative-date",
                )
            )
        weekday = match.group("weekday")
        if weekday and _WEEKDAYS[meant.weekday()] != weekday.lower():
            problems.append(
                finding(location, f"'{phrase}': {long_date(meant)} is a {_WEEKDAYS[meant.weekday()]}", "relative-date")
            )
    return problems


def resolve_relative_date(day: int, month_name: str, relation: str, today: dt.date) -> dt.date | None:
    """The last such day before ``today`` (jl.) or the first after it (a.s.)."""
    month = MONTHS.index(month_name.lower()) + 1
    step = -1 if relation.lower() == "jl." else 1
    for year in (today.year, today.year + step):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if (candidate < today) if step < 0 else (candidate > today):
            return candidate
    return None


# --- sections and figures ------------------------------------------------------------------

# What a figure may be: the formats Word and LibreOffice both show, by their first bytes.
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # https:, data:, file:


def structure_problems(context: BriefContext) -> list[Diagnostic]:
    """Sections and figures a reference can name unambiguously, numbering asked for as it
    is meant, and every image a file in the repository that Word can show: what check
    passes, pandoc must not drop with a mere warning."""
    brief, text, repository = context.brief, context.text, context.repository
    assert text is not None
    problems: list[Diagnostic] = []
    meta = brief.meta
    if isinstance(meta, NumberedSections) and meta.number_depth is not None and not meta.numbered:
        message = "'number_depth' without 'numbered: true' numbers nothing: add 'numbered: true' or remove it"
        problems.append(finding(meta.location_of("number_depth"), message, "numbering"))
    found = brief_structure(brief, text)
    others = doctype_of(brief).targets(brief, repository)
    first: dict[str, Location] = {}
    named = [(h.id, h.location, SECTION_PREFIX) for h, _ in found.headings if h.id]
    named += [(i.id, i.location, FIGURE_PREFIX) for i, _ in found.figures if i.id]
    for identifier, location, prefix in named:
        if not identifier.startswith(prefix):
            continue
        if identifier in first:
            message = f"'#{identifier}' is the id of two {'sections' if prefix == SECTION_PREFIX else 'figures'} (first at {first[identifier]}): rename one"
            problems.append(finding(location, message, "duplicate-target"))
        elif identifier in others or repository.citable(identifier) is not None:
            problems.append(finding(location, f"'#{identifier}' is also the id of a data item or of this brief's own target: rename it", "duplicate-target"))
        first.setdefault(identifier, location)
    for image, _ in found.figures:
        problem = _image_problem(image, brief)
        if problem:
            problems.append(finding(image.location, problem, "image"))
    return problems


def _image_problem(image: Image, brief) -> str | None:
    """Why an image cannot go into the document, or None."""
    source = image.source
    if image.id is not None and image.id.startswith(FIGURE_PREFIX) and not image.alone:
        return f"figure '#{image.id}' shares its paragraph with text: put a blank line before and after it"
    if _ADDRESS.match(source):
        return f"image '{source}' is an address: save the image in the repository and write its path, relative to the brief"
    if source.startswith("/") or source.startswith("\\"):
        return f"image '{source}' is an absolute path: write the path relative to the brief's own file"
    root = Path(os.path.realpath(brief.root if brief.root is not None else Path.cwd()))
    folder = brief_folder(brief)
    path = folder / source
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        return f"image '{source}' leads out of the repository: copy the image into it"
    shown = real.relative_to(root).as_posix()
    if not path.exists():
        siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
        return f"no image '{source}' beside the brief (looked for {shown}){did_you_mean(path.name, siblings)}"
    if not path.is_file():
        return f"image '{source}' is not a file ({shown})"
    try:
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError as exc:
        return f"cannot read image '{source}': {exc.strerror or exc}"
    if not any(start.startswith(signature) for signature in IMAGE_SIGNATURES):
        return f"'{source}' is not a PNG, JPEG or GIF image"
    return None
