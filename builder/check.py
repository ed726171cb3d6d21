"""Check stage: rules about a brief as a whole, and about the repository as a whole.

Per brief (run by both ``brief build`` and ``brief check``): signatories, nota
sections, every question of an overleg answered, every id in ``answers:``
addressed in the body, relative dates, bijlagen referred to. Across the
repository (``brief check`` only): statuses agree with the sent letters,
overdue commitments, documents nobody cites.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Iterable, Mapping

from .diagnostics import Diagnostic, Location, did_you_mean, error, warning
from .dutch import MONTHS, long_date
from .load import line_and_column, line_starts, split_lines
from .model import (
    Brief,
    Commitment,
    LetterFrontMatter,
    Motion,
    NotaFrontMatter,
    ReplyFrontMatter,
    Repository,
)
from .resolve import (
    Citation,
    Section,
    answer_keys,
    find_citations,
    local_index,
    mask,
    question_index,
    resolve_citation,
    split_sections,
    strip_comments,
)
from .template import expand_template

NOTA_SECTIONS = ("Aanleiding", "Geadviseerd besluit", "Kern", "Toelichting")
# Optional sections (Interdepartementale afstemming, Uitvoering, Communicatie, any
# other a writer names) may follow Kern: seed 000 puts one between Kern and Toelichting.
_OPTIONAL_AFTER = "kern"


def brief_problems(
    brief: Brief, repository: Repository, letters: dict[str, Brief]
) -> tuple[list[Diagnostic], set[str]]:
    """Everything about one brief beyond its references resolving, and the ids its body names
    (none when its template fails: that error is the finding)."""
    text, used, problems = expand_template(brief, repository, letters)
    named: set[str] | None = None
    if text is not None:
        named = _names_in(brief, text, used)
        problems += bracket_nesting_problems(brief, text) + generated_citation_problems(brief, text, repository)
        problems += answers_addressed_problems(brief, named) + bijlage_problems(brief, named)
    problems += relative_date_problems(brief) + late_reply_problems(brief, repository)
    if isinstance(brief.meta, LetterFrontMatter):
        problems += _letter_problems(brief.meta)
    if isinstance(brief.meta, NotaFrontMatter):
        problems += nota_section_problems(brief)
    if isinstance(brief.meta, ReplyFrontMatter):
        problems += reply_problems(brief, repository)
    return problems, named or set()


def _letter_problems(meta: LetterFrontMatter) -> list[Diagnostic]:
    problems = []
    if not meta.signatories:
        problems.append(error(meta.location_of("signatories"), "a letter needs at least one signatory", "signatory"))
    for field in ("answers", "signatories"):
        for key, count in Counter(getattr(meta, field)).items():
            if count > 1:
                problems.append(error(meta.location_of(field), f"'{key}' is listed {count} times in '{field}'", "listed-twice"))
    return problems


# --- nota -----------------------------------------------------------------------------------


def nota_section_problems(brief: Brief) -> list[Diagnostic]:
    """Aanleiding, Geadviseerd besluit, Kern and Toelichting: each once, in that order."""
    preamble, sections = split_sections(brief.body, brief.path, brief.body_line)
    problems = []
    if preamble.strip():
        problems.append(
            error(Location(brief.path, brief.body_line), "text before the first section: a nota starts with '# Aanleiding'", "nota-section")
        )
    seen: dict[str, Section] = {}
    for section in sections:
        if section.key in seen:
            first = seen[section.key].location.line
            problems.append(error(section.location, f"section '{section.title}' appears twice (first on line {first})", "nota-section"))
        else:
            seen[section.key] = section
    mandatory = [name.lower() for name in NOTA_SECTIONS]
    for name in NOTA_SECTIONS:
        if name.lower() not in seen:
            others = [s.title for s in sections if s.key not in mandatory]
            hint = did_you_mean(name, others).replace("did you mean", "is it misspelled as")
            problems.append(error(_nota_end(brief, sections), f"missing section '{name}' in nota{hint}", "nota-section"))
    problems += _order_problems([s for s in sections if s.key in seen and seen[s.key] is s], mandatory)
    return problems


def _order_problems(sections: list[Section], mandatory: list[str]) -> list[Diagnostic]:
    problems = []
    position = {name: i for i, name in enumerate(mandatory)}
    reached = -1
    for section in sections:
        if section.key in position:
            if position[section.key] < reached:
                wanted = " → ".join(NOTA_SECTIONS)
                problems.append(error(section.location, f"section '{section.title}' is out of order: write {wanted}", "nota-section"))
            reached = max(reached, position[section.key])
        elif reached < position[_OPTIONAL_AFTER]:
            problems.append(
                error(section.location, f"section '{section.title}' comes too early: optional sections follow 'Kern'", "nota-section")
            )
    return problems


def _nota_end(brief: Brief, sections: list[Section]) -> Location:
    """Missing sections are reported where the nota's body starts."""
    return sections[0].location if sections else Location(brief.path, brief.body_line)


# --- reply to a schriftelijk overleg ----------------------------------------------------------


def reply_problems(brief: Brief, repository: Repository) -> list[Diagnostic]:
    """Every question answered exactly once; the letter goes to the Kamer that asked."""
    meta = brief.meta
    assert isinstance(meta, ReplyFrontMatter)
    overleg = repository.overleggen.get(meta.overleg)
    if overleg is None:
        return []  # reported by the resolve stage
    problems = []
    if meta.addressee != overleg.kamer:
        problems.append(
            error(
                meta.location_of("addressee"),
                f"the reply goes to the Kamer that asked: overleg '{overleg.id}' is of the {overleg.kamer}", "wrong-kamer",
            )
        )
    questions = question_index(overleg)
    answered: dict[str, Section] = {}
    for section in split_sections(brief.body, brief.path, brief.body_line)[1]:
        keys = [key for key in answer_keys(section) if key in questions]
        if not keys:
            continue  # a fractie's preface or the closing; unknown keys are reported by resolve
        if not section.text.strip():
            problems.append(error(section.location, f"the answer to {', '.join(keys)} is empty", "empty-answer"))
        for key in keys:
            if key in answered:
                first = answered[key].location.line
                problems.append(error(section.location, f"question '{key}' is answered twice (first on line {first})", "answered-twice"))
            else:
                answered[key] = section
    for key, (fractie, _, question) in questions.items():
        if key not in answered:
            problems.append(
                error(
                    meta.location_of("overleg"),
                    f"question '{key}' of the fractie van {fractie.named} has no answer"
                    f" (asked at {question.location_of('id')}); add a '# {key}' section", "unanswered-question",
                )
            )
    return problems


# --- answers, dates and bijlagen: per brief, any type ---------------------------------------

_ATTRIBUTES = re.compile(r"^#{1,6}\s.*\{(?P<attributes>[^{}]*)\}\s*$")
_ANSWERS_ATTRIBUTE = re.compile(r"""answers=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))""")
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


def named_in(brief: Brief, repository: Repository, letters: dict[str, Brief]) -> tuple[set[str] | None, list[Diagnostic]]:
    """The ids a body names once expanded: citations in any form, and the items its template reads."""
    text, used, problems = expand_template(brief, repository, letters)
    if text is None:
        return None, problems
    return _names_in(brief, text, used), []


def _names_in(brief: Brief, text: str, used: set[str]) -> set[str]:
    """The ids an expanded body cites, with those its template read (``used``)."""
    citations, _ = find_citations(strip_comments(text), brief.path, brief.body_line)
    return used | {part.key for citation in citations for part in citation.parts}


def generated_citation_problems(brief: Brief, text: str, repository: Repository) -> list[Diagnostic]:
    """Citations that only the expanded body has ({{ cite(key) }}) resolve: the resolve stage
    reads the body as written, the render stage as expanded, and check must refuse what
    render would. Those the written body has too were resolved there already."""
    if text == brief.body:
        return []
    written, written_problems = find_citations(brief.body, brief.path, brief.body_line)
    seen = {(c.form, _keys(c)) for c in written}
    reported = {(p.code, p.message) for p in written_problems}
    citations, problems = find_citations(strip_comments(text), brief.path, brief.body_line)
    problems = [p for p in problems if (p.code, p.message) not in reported]
    local = local_index(brief, repository)
    for citation in citations:
        if (citation.form, _keys(citation)) not in seen:
            seen.add((citation.form, _keys(citation)))
            problems += resolve_citation(citation, repository, brief.meta.citation_style, local)[1]
    return problems


def _keys(citation: Citation) -> tuple[str, ...]:
    return tuple(part.key for part in citation.parts)


# pandoc's Markdown reader takes time exponential in how deeply brackets nest within a
# paragraph (twelve levels take seconds, twenty do not finish), and unclosed ones count as
# nested; letters nest two or three ("[zie [@id]]").
MAX_BRACKET_DEPTH = 6
_BRACKET_OR_PARAGRAPH_END = re.compile(r"(?<!\\)[\[\]]|\n[ \t]*\n")


def bracket_nesting_problems(brief: Brief, text: str) -> list[Diagnostic]:
    """Brackets (of links, images, notes, citations) nested deeper than ``MAX_BRACKET_DEPTH``
    in the expanded body, at the first one too deep: what check passes, build must build."""
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
                return [error(location, message, "nesting")]
        else:
            depth = 0  # a blank line ends the paragraph, and what its brackets could span
    return []


def answers_addressed_problems(brief: Brief, named: set[str]) -> list[Diagnostic]:
    """Every id in ``answers:`` is addressed in the body; every section that answers one lists it."""
    meta = brief.meta
    if not isinstance(meta, LetterFrontMatter):
        return []
    problems = []
    addressed = set(named)
    for line_number, key in _answers_attributes(brief):
        addressed.add(key)
        if key not in meta.answers:
            problems.append(
                error(
                    Location(brief.path, line_number),
                    f"this section answers '{key}', which is not listed in 'answers:'",
                    "not-in-answers",
                )
            )
    for key in meta.answers:
        if key not in addressed:
            problems.append(
                error(
                    meta.location_of("answers"),
                    f"'{key}' is listed in 'answers:' but the body never addresses it: cite @{key}, "
                    f"or mark the section that answers it with {{answers=\"{key}\"}}",
                    "answer-not-addressed",
                )
            )
    return problems


def _answers_attributes(brief: Brief) -> list[tuple[int, str]]:
    """(line, id) of every heading attribute answers="id ...", outside code and comments."""
    found = []
    for offset, line in enumerate(split_lines(mask(brief.body))):
        match = _ATTRIBUTES.match(line)
        if not match:
            continue
        for attribute in _ANSWERS_ATTRIBUTE.finditer(match.group("attributes")):
            for key in (attribute.group("quoted") or attribute.group("bare") or "").split():
                found.append((brief.body_line + offset, key))
    return found


def relative_date_problems(brief: Brief) -> list[Diagnostic]:
    """'3 april jl.' and '1 januari a.s.' must fit the brief's date (and their weekday, if named)."""
    problems = []
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
            problems.append(warning(location, f"'{phrase}' is not a date", "relative-date"))
            continue
        if abs(meant - brief.meta.date) > RELATIVE_DATE_LIMIT:
            problems.append(
                warning(
                    location,
                    f"'{phrase}' means {long_date(meant)}, too far from the brief's date "
                    f"{long_date(brief.meta.date)}: write the year, or check the date",
                    "relative-date",
                )
            )
        weekday = match.group("weekday")
        if weekday and _WEEKDAYS[meant.weekday()] != weekday.lower():
            problems.append(
                warning(location, f"'{phrase}': {long_date(meant)} is a {_WEEKDAYS[meant.weekday()]}", "relative-date")
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


def late_reply_problems(brief: Brief, repository: Repository) -> list[Diagnostic]:
    meta = brief.meta
    if not isinstance(meta, ReplyFrontMatter):
        return []
    overleg = repository.overleggen.get(meta.overleg)
    if overleg is None or overleg.deadline is None or meta.date <= overleg.deadline:
        return []
    late = (meta.date - overleg.deadline).days
    return [
        warning(
            meta.location_of("date"),
            f"the reply is dated {late} days after the committee's deadline of {long_date(overleg.deadline)}",
            "late-reply",
        )
    ]


def bijlage_problems(brief: Brief, named: set[str]) -> list[Diagnostic]:
    """A nota's bijlagen are each referred to in its text (@id), so none is forgotten."""
    meta = brief.meta
    if not isinstance(meta, NotaFrontMatter):
        return []
    problems = []
    for number, bijlage in enumerate(meta.bijlagen, 1):
        if bijlage.id is None:
            problems.append(
                warning(bijlage.loc, f"bijlage {number} has no 'id', so the text cannot refer to it", "bijlage-unreferenced")
            )
        elif bijlage.id not in named:
            problems.append(
                warning(bijlage.location_of("id"), f"bijlage {number} ('{bijlage.id}') is never referred to in the text", "bijlage-unreferenced")
            )
    return problems


# --- the repository as a whole: `brief check` without names ---------------------------------


def letters_answering(briefs: Iterable[Brief]) -> dict[str, list[Brief]]:
    """Commitment and motion id -> the letters that list it in ``answers:``."""
    answering: dict[str, list[Brief]] = {}
    for brief in briefs:
        if isinstance(brief.meta, LetterFrontMatter):
            for key in brief.meta.answers:
                answering.setdefault(key, []).append(brief)
    return answering


def repository_problems(
    repository: Repository, briefs: list[Brief], named: Mapping[str, set[str]], as_of: dt.date
) -> list[Diagnostic]:
    """Findings about the data that need every brief; ``named`` holds the ids each brief names."""
    return status_problems(repository, briefs, as_of) + unused_document_problems(repository, briefs, named)


CLOSED = ("voldaan", "uitgevoerd")


def coverage_flags(item: Commitment | Motion, answering: list[Brief], as_of: dt.date) -> tuple[str, ...]:
    """What is wrong with an item's status, given the letters that answer it: for check and status alike."""
    sent = any(brief.meta.status == "verzonden" for brief in answering)
    due = item.due if isinstance(item, Commitment) else None
    flags = []
    if item.status == "open" and due is not None and due.date < as_of:
        flags.append("overdue")
    if item.status == "open" and sent:
        flags.append("answered-not-marked")
    if item.status in CLOSED and not sent and not item.reason:
        flags.append("marked-unanswered")
    return tuple(flags)


def status_problems(repository: Repository, briefs: list[Brief], as_of: dt.date) -> list[Diagnostic]:
    """Closed items have a sent letter (or a reason); answered items are not left open; none is overdue."""
    answering = letters_answering(briefs)
    problems = []
    for item in [*repository.commitments.values(), *repository.motions.values()]:
        letters = answering.get(item.id, [])
        for flag in coverage_flags(item, letters, as_of):
            problems.append(_status_finding(item, flag, letters, as_of))
    return problems


def _status_finding(item: Commitment | Motion, flag: str, letters: list[Brief], as_of: dt.date) -> Diagnostic:
    if flag == "overdue":
        assert isinstance(item, Commitment) and item.due is not None
        return warning(
            item.due.location_of("date"),
            f"commitment '{item.id}' is open and was due {long_date(item.due.date)}"
            f" ({(as_of - item.due.date).days} days ago)",
            "overdue",
        )
    if flag == "answered-not-marked":
        names = ", ".join(b.name for b in letters if b.meta.status == "verzonden")
        return warning(
            item.location_of("status"),
            f"{item.noun} '{item.id}' is answered by sent letter {names} but still open",
            "answered-still-open",
        )
    return error(
        item.location_of("status"),
        f"{item.noun} '{item.id}' is {item.status} but no sent letter answers it; "
        "list it in a letter's 'answers:' or give a 'reason'",
        "closed-unanswered",
    )


def unused_document_problems(
    repository: Repository, briefs: list[Brief], named: Mapping[str, set[str]]
) -> list[Diagnostic]:
    """Documents that no brief cites and no data refers to."""
    cited: set[str] = {c.made.source for c in repository.commitments.values() if c.made.source}
    cited |= {o.responds_to for o in repository.overleggen.values() if o.responds_to}
    cited |= {brief.meta.kamerstuk for brief in briefs if brief.meta.kamerstuk}
    for ids in named.values():
        cited |= ids
    return [
        warning(document.location_of("id"), f"document '{document.id}' is never cited", "unused-document")
        for document in repository.documents.values()
        if document.id not in cited
    ]
