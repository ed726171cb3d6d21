"""Every diagnostic code, defined once: its default severity, the stage that reports it, and what it means.

Stages report with ``finding(location, message, code)`` and take the severity
from here. The codes of the consistency rules (stage ``check``, wired in
``builder.rules``) may be set to another severity, or off, per repository
(``builder.severities``); the others guard what can be read and built and
keep theirs. ``brief check --help`` prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .diagnostics import Diagnostic, Location, Severity

Stage = Literal["load", "model", "resolve", "check", "render", "write", "edit", "import", "history", "textconv", "preview"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    stage: Stage
    summary: str


CODES_TABLE: tuple[Code, ...] = (
    # load: files -> YAML trees and briefs
    Code("read", "error", "load", "a file cannot be read: missing, not a regular file, too large, a link out of the repository"),
    Code("encoding", "error", "load", "a file is not UTF-8"),
    Code("control-character", "error", "load", "a control character in text"),
    Code("yaml", "error", "load", "invalid YAML"),
    Code("yaml-tag", "error", "load", "a YAML tag (!!python/… and the like); data is plain YAML"),
    Code("yaml-alias", "error", "load", "a YAML anchor or alias; write the value out"),
    Code("duplicate-key", "error", "load", "a key twice in one mapping"),
    Code("nesting", "error", "load", "nested deeper than a document can be read or built"),
    Code("front-matter", "error", "load", "a brief without front matter between '---' lines, or an empty one"),
    Code("missing-file", "error", "load", "a data file or templates/reference.docx is missing or empty"),
    Code("no-repository", "error", "load", "brief runs outside a repository: no folder from here up holds data/ and briefs/"),
    Code("setting", "error", "load", "data/rules.yaml sets a code that cannot be changed, or no severity"),
    Code("brief-name", "error", "load", "no such brief, or a name that is not letters, digits, '-' and '_'"),
    Code("brief-exists", "error", "write", "brief new would overwrite a brief that exists"),
    # model: YAML trees -> records
    Code("type", "error", "model", "a value of the wrong type"),
    Code("missing-field", "error", "model", "a required field is missing"),
    Code("unknown-field", "error", "model", "a field the record does not have"),
    Code("choice", "error", "model", "a value that is not one of the allowed ones (a brief type, a status …)"),
    Code("date", "error", "model", "not a real date YYYY-MM-DD"),
    Code("id", "error", "model", "an id that is not 1–100 ASCII letters, digits, '-' and '_', or not text"),
    Code("dossier", "error", "model", "a dossier number that is not one"),
    Code("vergaderjaar", "error", "model", "a vergaderjaar that is not YYYY-YYYY of consecutive years"),
    Code("document-fields", "error", "model", "a document lacks the fields its kind is cited with"),
    Code("ecli", "error", "model", "a ruling's ECLI not of the form ECLI:NL:HR:2019:2006, or not of the year of its date"),
    Code("pbeu", "error", "model", "an EU act's Publicatieblad issue not of the form L 119 or C 195"),
    Code("duplicate-id", "error", "model", "two items with one id"),
    Code("kamervragen-number", "error", "model", "a set of Kamervragen not named by its Kamer number (2025Z01234), or questions not numbered 1, 2, 3 …"),
    Code("kamervragen-empty", "warning", "model", "a set of Kamervragen without its questions yet (imported from the registry): brief import-vragen reads them"),
    Code("kamervragen-footnote", "error", "model", "a question's footnote mark [^n] without its footnote, or a footnote never marked"),
    Code("calendar", "error", "model", "data/calendar.yaml: a recess that ends before it begins or overlaps another, a wrong Prinsjesdag"),
    # resolve: every id names something
    Code("unknown-id", "error", "resolve", "an id that names no commitment, motion, document, bewindspersoon or target"),
    Code("unknown-brief", "error", "resolve", "a brief named in front matter does not exist or cannot be read"),
    Code("not-a-letter", "error", "resolve", "a nota's kamerbrief is not a letter to the Kamer"),
    Code("not-citable", "error", "resolve", "an item cited in a form it does not have (a bijlage in a footnote …)"),
    Code("nested-citation", "error", "resolve", "a footnote citation inside a footnote"),
    Code("citation-field", "error", "resolve", "@id:field with a field the citation syntax lacks (only :text and :short)"),
    Code("empty-overleg", "error", "resolve", "a schriftelijk overleg without fracties"),
    Code("no-questions", "error", "resolve", "a fractie (or member) of a schriftelijk overleg without questions"),
    Code("fractie-or-member", "error", "resolve", "an overleg's questions that name neither a fractie nor a member, or a member with an article"),
    Code("template", "error", "resolve", "the body's template cannot be expanded"),
    Code("organisation", "error", "resolve", "data/organisation.yaml mixes its one-ministry and several-ministries forms, marks two default directorates, or gives an appointment both name: and person:"),
    Code("no-sender", "error", "resolve", "a brief without 'from:' where several directorates and no default could send it"),
    Code("logo", "error", "resolve", "the logo data/organisation.yaml names is missing, unreadable, not PNG/JPEG/GIF or outside the repository"),
    Code("due-phrase", "error", "resolve", "a due date's phrase the parliamentary calendar (data/calendar.yaml) cannot resolve"),
    # check: the consistency rules (builder.rules); these may be reconfigured
    Code("signatory", "error", "check", "a letter without a signatory"),
    Code("listed-twice", "error", "check", "an id twice in answers:, partly_answers:, signatories: or mede_namens:"),
    Code("mede-namens-unsaid", "warning", "check", "a letter with co-senders in mede_namens: whose text never says 'mede namens'"),
    Code("not-in-answers", "error", "check", "a section, passage or list item answers an id that answers: does not list"),
    Code("answer-not-addressed", "error", "check", "an id in answers: that the body never addresses"),
    Code("nota-section", "error", "check", "a nota's sections are not Aanleiding, Geadviseerd besluit, Kern, Toelichting, once, in order"),
    Code("bijlage-unreferenced", "warning", "check", "a nota's bijlage the text never refers to"),
    Code("unknown-question", "error", "check", "an answer's heading names no question of its overleg or set of Kamervragen"),
    Code("wrong-kamer", "error", "check", "a reply addressed to another Kamer than the one that asked"),
    Code("empty-answer", "error", "check", "an answer without text"),
    Code("answered-twice", "error", "check", "a question answered in two sections"),
    Code("answer-group", "error", "check", "one answer to Kamervragen that do not follow each other (# 4, 9)"),
    Code("unanswered-question", "error", "check", "a question of the overleg or the Kamervragen without an answer"),
    Code("not-asked", "error", "check", "an answer to Kamervragen (or its Mededeling) signed by a bewindspersoon the questions were not put to"),
    Code("late-reply", "warning", "check", "a reply dated after the committee's deadline"),
    Code("appointment-dates", "warning", "check", "a letter signed by an appointment (bewindspersoon) outside its from:/until: dates"),
    Code("numbering", "error", "check", "number_depth in a brief that is not numbered: true"),
    Code("duplicate-target", "error", "check", "two sections or figures with one id, or one that is also another item's id"),
    Code("image", "error", "check", "an image missing, unreadable, not PNG/JPEG/GIF, outside the repository, or a figure amid text"),
    Code("remark", "error", "check", "a reviewer's remark [tekst]{.opmerking …} without auteur= or tekst=, with a datum= that is no date, or a misspelled class"),
    Code("open-comment", "warning", "check", "a reviewer's remark left in a brief marked verzonden (its build drops it)"),
    Code("woo-name", "warning", "check", "brief check --woo: a personal name in a body, not an office-holder's, not redacted (.lak) nor allowed in data/woo.yaml"),
    Code("relative-date", "warning", "check", "'3 april jl.' or 'a.s.' that does not fit the brief's date"),
    Code("overdue", "warning", "check", "an open commitment past its due date (a postponed one: its new date)"),
    Code("answered-late", "warning", "check", "an item or Kamervragen answered after the date due (a postponed one: its new date)"),
    Code("kamervragen-overdue", "warning", "check", "Kamervragen unanswered past their deadline (three weeks, three more for each Mededeling)"),
    Code("uitstel-late", "warning", "check", "a Mededeling (uitstel of Kamervragen) sent after the deadline it was to move"),
    Code("postponed-late", "warning", "check", "a postponement sent after the due date it moved: te laat, zonder tijdig uitstel"),
    Code("answered-still-open", "warning", "check", "an item a sent letter answers is typed open"),
    Code("status-differs", "warning", "check", "a typed status (deels voldaan, open) that the letters contradict"),
    Code("closed-unanswered", "error", "check", "an item closed without a sent letter or a reason"),
    Code("unused-document", "warning", "check", "a document nothing cites"),
    Code("woo-ground", "error", "check", "a passage marked .lak without grond=, or with a ground that is not one of the Woo's (5.1.1a–e, 5.1.2a–i, 5.1.5, 5.2)"),
    # render and write
    Code("pandoc", "error", "render", "pandoc could not convert the body"),
    Code("internal", "error", "render", "a bug in Briefbouwer met on this brief (the traceback is saved)"),
    Code("pdf", "error", "render", "LibreOffice (soffice) or poppler (pdftotext) is missing, or made no PDF of a document (build --pdf, woo)"),
    Code("woo-type", "error", "render", "brief woo on a document that is not published under the Woo (a nota marked actief_openbaar is)"),
    Code("woo-publisher", "error", "render", "the sending ministry is not in TOOI's list of ministries, which the DiWoo metadata names the publisher by"),
    Code("woo-leak", "error", "render", "a redacted text the Woo version would still give away: in the brief's file name, or left in its PDF"),
    Code("woo-concept", "warning", "render", "brief woo on a document still marked concept: its Woo version says Concept and may still change"),
    Code("write", "error", "write", "an output cannot be written"),
    # edits of data/
    Code("edit", "error", "edit", "an edit (set, add, link) that cannot be made"),
    Code("fmt", "error", "edit", "a data file brief fmt cannot lay out"),
    Code("not-canonical", "error", "edit", "a data file not in the canonical layout (fmt --check)"),
    Code("locked", "error", "edit", "data/ is being changed by another command"),
    # import from the Tweede Kamer's registry
    Code("tk-json", "error", "import", "a registry file that is not the OData JSON expected"),
    Code("tk-bewindspersoon", "error", "import", "an imported toezegging, or Kamervragen, whose bewindspersoon is not in the data"),
    Code("tk-deleted", "warning", "import", "a registry entity marked deleted, skipped"),
    Code("tk-skipped", "warning", "import", "a registry Zaak that is neither a motie nor schriftelijke vragen, skipped"),
    Code("tk-status", "warning", "import", "a registry status with no equivalent, left out"),
    Code("tk-next-page", "warning", "import", "a registry response with more pages than were fetched"),
    Code("tk-not-compared", "warning", "import", "a registry entity brief reconcile does not compare (a motie, Kamervragen), skipped"),
    # import of the questions' published text (brief import-vragen)
    Code("vragen-text", "warning", "import", "a line of the questions' published text that could not be placed, skipped"),
    Code("vragen-unreadable", "error", "import", "the questions' text lacks its number or questions, numbers them out of order, or whom it asks cannot be told"),
    # history and git
    Code("git", "error", "history", "git cannot answer (no repository, an unknown revision, a shallow clone)"),
    Code("history", "warning", "history", "a file skipped at a revision"),
    Code("redline", "error", "history", "a redline that cannot be made: the brief is not at REV1, does not build at a revision, or the compare engine failed"),
    # textconv
    Code("docx", "error", "textconv", "a DOCX that cannot be read, or lacks a part"),
    # brief preview
    Code("listen", "error", "preview", "brief preview cannot serve on the port asked for: in use, or not allowed"),
)
CODES = {code.code: code for code in CODES_TABLE}


def finding(location: Location, message: str, code: str, severity: Severity | None = None) -> Diagnostic:
    """A diagnostic of ``code`` at its default severity. ``severity`` is for the few places where a
    code is a lesser finding than usual (a data file broken at a past revision: history reads on)."""
    return Diagnostic(location, message, severity or CODES[code].severity, code)


def codes_help() -> str:
    """The table as ``brief check --help`` ends: a code a line, grouped by stage."""
    lines = ["diagnostic codes (severity; the 'check' ones can be changed in data/rules.yaml):"]
    for stage in dict.fromkeys(code.stage for code in CODES_TABLE):
        lines.append(f"  {stage}:")
        lines += [f"    {c.code:22} {c.severity:8} {c.summary}" for c in CODES_TABLE if c.stage == stage]
    return "\n".join(lines)


def codes_markdown() -> str:
    """The table as the README shows it (a test keeps the two the same)."""
    rows = ["| code | severity | stage | finding |", "|---|---|---|---|"]
    rows += [f"| `{c.code}` | {c.severity} | {c.stage} | {c.summary} |" for c in CODES_TABLE]
    return "\n".join(rows)
