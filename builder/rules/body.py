"""Rules about any brief's body: brackets pandoc can read, generated citations, relative dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..body import Citation, find_citations, mask, strip_comments
from ..codes import finding
from ..diagnostics import Diagnostic, Location
from ..doctypes import doctype_of
from ..dutch import MONTHS, long_date
from ..load import line_and_column, line_starts
from ..resolve import resolve_citation

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
    local = doctype_of(brief).targets(brief, repository)
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
