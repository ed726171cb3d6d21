"""``brief woo``: a brief's Woo version, its PDF, inventarislijst and metadata in ``out/woo/``.

For each brief: checked as a build checks it (and its ``.lak`` grounds always as errors,
whatever data/rules.yaml says), rendered with its marked passages as boxes, swept of
every withheld text (``redact``), then all briefs' PDFs in one LibreOffice run. The PDF's
text is read back: a withheld text found there stops that brief (``woo-leak``), and the
pages of the boxes come from it (``inventory``). A brief's five files are written all
or none: NAME.docx, NAME.pdf, NAME-inventaris.csv, NAME-metadata.xml, NAME-metadata.json.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..assemble import load_repository
from ..briefs import check_briefs, load_briefs, load_companions
from ..codes import finding
from ..diagnostics import Diagnostic, Location, has_errors, save_traceback
from ..doctypes import WooPublication, doctype_of, sender_of
from ..loading import LoadOptions
from ..model import Brief, Ministry
from ..pdf import pdf_bytes
from ..project import Project, brief_names
from ..write import finish_interrupted_writes, prepare_out_dir, remove_stale_temporaries, write_all_or_none
from .grounds import PRIVACY, ground_problem, marked_spans
from .inventory import PdfTextUnreadable, inventory, inventory_csv, page_texts
from .metadata import diwoo_tree, metadata_json, metadata_xml, ministry_resource
from .redact import BoxedMarkdown, Redacted, Withheld, WithheldTextLeft, boxed_markdown, normalised, redact_docx

WOO_DIR = "woo"


@dataclass(frozen=True)
class WooResult:
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True)
class _Redacted:
    """One brief's Woo DOCX, waiting for its PDF."""

    brief: Brief
    publication: WooPublication
    redacted: Redacted
    withheld: tuple[Withheld, ...]  # every text withheld: personal data and marked passages
    ministry: Ministry
    publisher: str  # the ministry's TOOI identifier


def publish(project: Project, names: list[str] | None = None, options: LoadOptions = LoadOptions()) -> WooResult:
    """The Woo version of each named brief (all publishable ones when none are named)."""
    from ..freshness import build_reads
    from ..version import source_stamp

    repository, problems = load_repository(project, options=options)
    briefs, found = load_briefs(project, names)
    problems += found
    if repository is None:
        return WooResult((), tuple(sorted(problems)))
    letters, found = load_companions(project, briefs)
    problems += found
    if not names:  # all briefs: only those their type publishes, silently
        briefs = [brief for brief in briefs if doctype_of(brief).woo_publication(brief, repository, letters) is not None]
    stamp = source_stamp(project.root, build_reads(project.root))
    prepared: list[_Redacted] = []
    for brief in briefs:
        made, found = _redacted(project, brief, repository, letters, stamp)
        problems += found
        if made is not None:
            prepared.append(made)
    woo_dir = project.out_dir / WOO_DIR
    unwritable = _open_woo_dir(project, woo_dir) if prepared else None
    if unwritable is not None:
        return WooResult((), tuple(sorted([*problems, unwritable])))
    written, found = _publish_prepared(project, prepared, woo_dir)
    return WooResult(tuple(written), tuple(sorted(set(problems + found))))


def _redacted(project, brief: Brief, repository, letters, stamp) -> tuple[_Redacted | None, list[Diagnostic]]:
    from ..render import render

    location = Location(brief.path)
    publication = doctype_of(brief).woo_publication(brief, repository, letters)
    if publication is None:
        message = f"'{brief.name}' is not published under the Woo: only a nota marked 'actief_openbaar: true' is"
        return None, [finding(location, message, "woo-type")]
    problems, _ = check_briefs([brief], repository, letters, brief_names(project))
    problems += _ground_errors(brief)
    if brief.meta.status != "verzonden":
        # Published is what was decided on: a concept may still change, and prints "Concept" in its footer.
        message = f"'{brief.name}' is still marked {brief.meta.status}: publish it once it is final (status: verzonden)"
        problems.append(finding(brief.meta.location_of("status"), message, "woo-concept"))
    ministry = repository.organisation.sender(sender_of(brief.meta)).ministry if not has_errors(problems) else None
    if ministry is not None and ministry_resource(ministry) is None:
        message = f"the ministry '{ministry.name}' is not in TOOI's list of ministries: the metadata cannot name its publisher"
        problems.append(finding(Location("data/organisation.yaml"), message, "woo-publisher"))
    if has_errors(problems):
        return None, problems
    personal = [Withheld(text, PRIVACY) for _, text in publication.personal]
    boxed: list[BoxedMarkdown] = []

    def rewrite(markdown: str) -> str:
        boxed.append(boxed_markdown(markdown))
        return boxed[-1].markdown

    # No reviewer's remark reaches a publication, whatever the brief's status; the sweep after
    # removes any comment part besides.
    documents, found = render(brief, repository, letters, project.reference_docx, stamp, rewrite=rewrite, comments=False)
    problems += found
    if documents is None:
        return None, problems
    placeholders = boxed[0].placeholders if boxed else {}
    withheld = (*personal, *placeholders.values())
    leak = _name_gives_away(brief, withheld)
    if leak is not None:
        return None, [*problems, leak]
    try:
        redacted = redact_docx(documents[""], placeholders, personal)
    except WithheldTextLeft as exc:
        log = save_traceback(f"making the Woo version of {brief.path}")
        return None, [*problems, finding(location, f"internal error: {exc}; nothing written (the traceback is in {log})", "internal")]
    return _Redacted(brief, publication, redacted, withheld, ministry, ministry_resource(ministry) or ""), problems


def _ground_errors(brief: Brief) -> list[Diagnostic]:
    """The ``.lak`` spans' grounds, as errors even where data/rules.yaml turned the rule down:
    a document is not published with a passage withheld on no ground of the Woo."""
    return [
        finding(span.location, problem, "woo-ground", severity="error")
        for span in marked_spans(brief.body, brief.path, brief.body_line)
        if (problem := ground_problem(span.attribute("grond"))) is not None
    ]


def _name_gives_away(brief: Brief, withheld) -> Diagnostic | None:
    """The Woo files are named after the brief: its name must not hold a withheld text."""
    name = normalised(brief.name.replace("-", " ").replace("_", " "))
    for item in withheld:
        text = normalised(item.text.replace("-", " ").replace("_", " "))
        if text and text in name:
            message = f"the brief's name gives away a text withheld on ground {item.ground}: rename the brief before publishing it"
            return finding(Location(brief.path), message, "woo-leak")
    return None


def _open_woo_dir(project: Project, woo_dir: Path) -> Diagnostic | None:
    problem = prepare_out_dir(project.out_dir)
    if problem is None:
        problem = prepare_out_dir(woo_dir)
    if problem is not None:
        return finding(Location(project.shown(woo_dir)), f"cannot write the Woo versions: {problem}", "write")
    finish_interrupted_writes(woo_dir)
    remove_stale_temporaries(woo_dir)
    return None


def _publish_prepared(project: Project, prepared: list[_Redacted], woo_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every brief's PDF in one LibreOffice run, then each brief's files written together."""
    written: list[Path] = []
    problems: list[Diagnostic] = []
    if not prepared:
        return written, problems
    with tempfile.TemporaryDirectory(prefix="brief-woo-") as scratch:
        documents = {}
        for item in prepared:
            path = Path(scratch) / f"{item.brief.name}.docx"
            path.write_bytes(item.redacted.docx)
            documents[path] = item
        pdfs, found = pdf_bytes(list(documents), {path: project.shown(woo_dir / path.name) for path in documents})
        problems += found
        for path, item in documents.items():
            if path not in pdfs:
                continue
            files, found = _files(project, item, path.with_suffix(".pdf"), pdfs[path], woo_dir)
            problems += found
            if files is None:
                continue
            try:
                write_all_or_none(files, woo_dir)
            except OSError as exc:
                problems.append(finding(Location(project.shown(files[0][0])), f"cannot write the Woo version: {exc.strerror}", "write"))
                continue
            written += [target for target, _ in files]
    return written, problems


def _files(project, item: _Redacted, pdf_path: Path, pdf: bytes, woo_dir: Path) -> tuple[list[tuple[Path, bytes]] | None, list[Diagnostic]]:
    """The five files of one brief, or None (and why) when its PDF cannot be read or gives a text away."""
    name = item.brief.name
    pdf_path.write_bytes(pdf)
    try:
        pages = page_texts(pdf_path)
    except PdfTextUnreadable as exc:
        return None, [finding(Location(project.shown(woo_dir / f"{name}.pdf")), str(exc), "pdf")]
    text = normalised(" ".join(pages))
    leaked = [w for w in item.withheld if normalised(w.text) and normalised(w.text) in text]
    if leaked:
        message = f"a text withheld on ground {leaked[0].ground} is still in the PDF's text: nothing of this brief written"
        return None, [finding(Location(item.brief.path), message, "woo-leak")]
    rows = inventory(item.redacted.code_tokens, pages)
    tree = diwoo_tree(item.publication, item.ministry, item.publisher)
    return [
        (woo_dir / f"{name}.docx", item.redacted.docx),
        (woo_dir / f"{name}.pdf", pdf),
        (woo_dir / f"{name}-inventaris.csv", inventory_csv(rows).encode("utf-8")),
        (woo_dir / f"{name}-metadata.xml", metadata_xml(tree)),
        (woo_dir / f"{name}-metadata.json", metadata_json(tree)),
    ], []
