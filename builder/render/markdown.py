"""Render, first half: a brief's body -> pandoc Markdown -> DOCX bytes.

The body's Jinja passages are expanded in a sandbox, citations become
Markdown footnotes and text (data is escaped, never interpreted), numbered
headings get their number and numbered figures "Figuur n: " before their
caption, and pandoc turns the Markdown into DOCX against
``templates/reference.docx``, finding images beside the brief's file.

The number is written into the heading's text, not left to a Word numbering
list: pandoc's DOCX writer cannot attach a list to a heading, Word and
LibreOffice then show the same "1.2" (a numbering field each counts its own
way), the golden text and a reference's "paragraaf 1.2" are made from the same
count, and the document reads the same with its styles stripped.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Mapping

from ..diagnostics import Diagnostic
from ..body import Citation, find_citations, strip_comments
from ..model import Brief, Repository
from ..remarks import remarks_markdown
from ..resolve import resolve_citation
from ..targets import Structure, brief_structure, brief_targets, heading_label
from ..template import expand_template, markdown_for

PANDOC_FORMAT = "markdown-citations-raw_html-raw_tex-raw_attribute-yaml_metadata_block-tex_math_dollars"

# --- citations -> Markdown -----------------------------------------------------------------


# Given a citation and the Markdown it becomes (None: it does not resolve), the Markdown put in its place.
Annotate = Callable[[Citation, "str | None"], str]


def body_markdown(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief], comments: bool | None = None,
    annotate: Annotate | None = None,
) -> tuple[str | None, list[Diagnostic]]:
    """The body as pandoc Markdown: template expanded, citations written out, reviewers'
    remarks made Word comments (``comments``; by default in a brief not yet verzonden) or
    dropped (``builder.remarks``).

    With ``annotate`` (the live preview) each citation is written as it says, and the body
    is returned even when a citation does not resolve: the page shows the brief as it is."""
    text, _, problems = expand_template(brief, repository, letters)
    if text is None:
        return None, problems
    text = strip_comments(text)
    found_structure = brief_structure(brief, text)
    local = brief_targets(brief, repository, text)
    citations, problems = find_citations(text, brief.path, brief.body_line)
    # (start, end, replacement): the citations, and the numbers inserted before headings'
    # titles and figures' captions; none overlaps another, a number being an insertion.
    edits = _numbering_edits(found_structure)
    for citation in citations:
        resolved, found = resolve_citation(citation, repository, brief.meta.citation_style, local)
        problems.extend(found)
        if resolved is None:
            if annotate is not None:
                edits.append((citation.start, citation.end, annotate(citation, None)))
            continue
        rendered = markdown_for(resolved)
        target = local.get(citation.parts[0].key)
        if target is not None and target.anchor and citation.form == "inline":
            rendered = f"[{rendered}](#{target.anchor})"
        end = citation.end if citation.form == "note" else after_full_stop(resolved, text, citation.end)
        rendered = f"^[{rendered}]" if citation.form == "note" else rendered
        edits.append((citation.start, end, rendered if annotate is None else annotate(citation, rendered)))
    pieces, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        pieces += [text[last:start], replacement]
        last = end
    pieces.append(text[last:])
    if problems and annotate is None:
        return None, problems
    as_comments = brief.meta.status != "verzonden" if comments is None else comments
    return remarks_markdown("".join(pieces), as_comments), problems


def _numbering_edits(found: Structure) -> list[tuple[int, int, str]]:
    """Insert "1.2" after a numbered heading's marks, "Figuur 1: " before a figure's caption."""
    edits = []
    for heading, label in found.headings:
        if label:
            edits.append((heading.insert_at, heading.insert_at, f" {heading_label(label)}"))
    for image, number in found.figures:
        if number:
            edits.append((image.caption_span[0], image.caption_span[0], f"Figuur {number}: "))
    return edits


def after_full_stop(cited: str, text: str, end: int) -> int:
    """Where the text after a citation in running text resumes: past the sentence's full stop
    when the cited text already ends with one ("@motie-ellian." is "… Ellian c.s.", not
    "… c.s.."). Mid-sentence ("c.s. heeft") nothing is skipped."""
    return end + 1 if cited.endswith(".") and text.startswith(".", end) and not text.startswith("..", end) else end


# pandoc's reader is slow on some texts check cannot foresee (thousands of unmatched
# quotes in a paragraph): a build reports such a brief instead of hanging on it, and a
# heap bound makes pandoc fail instead of the machine killing it for memory.
PANDOC_TIMEOUT_SECONDS = 120
PANDOC_HEAP = "2g"


class PandocFailed(Exception):
    """pandoc did not turn a body into a document; the message says why, for the writer."""


def markdown_to_docx(markdown: str, reference: Path, resources: Path | None = None) -> bytes:
    """The DOCX pandoc makes of ``markdown`` against the reference document, its images read
    from ``resources`` (the brief's folder; the check stage found each there); raises
    ``PandocFailed`` when pandoc fails or takes longer than ``PANDOC_TIMEOUT_SECONDS``."""
    # Output "-" writes the archive's bytes to standard output, no scratch files. Images only
    # from the brief's folder: never the folder the build was started in.
    options = ["--to=docx", "--output=-", f"--reference-doc={reference}"]
    options.append(f"--resource-path={resources if resources is not None else reference.parent}")
    return _converted(markdown, options)


def markdown_to_html(markdown: str) -> str:
    """The HTML fragment pandoc makes of ``markdown`` with the DOCX's reader (raw HTML is not
    read, so none passes through; text is escaped), footnotes numbered at its end as the
    DOCX numbers them: the live preview's body. Raises ``PandocFailed`` as ``markdown_to_docx``."""
    return _converted(markdown, ["--to=html5", "--wrap=none"]).decode("utf-8")


def _converted(markdown: str, options: list[str]) -> bytes:
    """pandoc's output for ``markdown`` read as ``PANDOC_FORMAT`` with ``options``."""
    import subprocess

    # pandoc itself, not pypandoc's convert_text: that takes no timeout.
    try:
        command = [*_pandoc(), f"--from={PANDOC_FORMAT}", *options]
        done = subprocess.run(
            command, input=markdown.encode("utf-8"), capture_output=True, timeout=PANDOC_TIMEOUT_SECONDS, check=False
        )
    except OSError as exc:  # no pandoc, or one that cannot run here
        raise PandocFailed(f"pandoc cannot be started: {exc}") from None
    except subprocess.TimeoutExpired:
        raise PandocFailed(
            f"pandoc did not finish converting the body within {PANDOC_TIMEOUT_SECONDS} s; "
            "simplify its markup (many unmatched quotes or brackets in one paragraph)"
        ) from None
    if done.returncode != 0:
        reason = " ".join(done.stderr.decode("utf-8", "replace").split())[:300] or f"exit status {done.returncode}"
        raise PandocFailed(f"pandoc could not convert the body: {reason}")
    return done.stdout


@functools.cache
def _pandoc() -> tuple[str, ...]:
    """pandoc, with the heap bound when it takes runtime options (a pandoc linked without
    -rtsopts refuses every run that passes one)."""
    import subprocess

    import pypandoc

    path = pypandoc.get_pandoc_path()
    bounded = (path, "+RTS", f"-M{PANDOC_HEAP}", "-RTS")
    probe = subprocess.run([*bounded, "--version"], capture_output=True, timeout=PANDOC_TIMEOUT_SECONDS, check=False)
    return bounded if probe.returncode == 0 else (path,)
