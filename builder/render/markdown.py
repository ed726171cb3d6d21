"""Render, first half: a brief's body -> pandoc Markdown -> DOCX bytes.

The body's Jinja passages are expanded in a sandbox, citations become
Markdown footnotes and text (data is escaped, never interpreted), and pandoc
turns the Markdown into DOCX against ``templates/reference.docx``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..diagnostics import Diagnostic
from ..model import Bijlage, Brief, Repository
from ..resolve import (
    find_citations,
    local_index,
    resolve_citation,
    strip_comments,
)
from ..template import expand_template, markdown_for

PANDOC_FORMAT = "markdown-citations-raw_html-raw_tex-raw_attribute-yaml_metadata_block-tex_math_dollars"

# --- citations -> Markdown -----------------------------------------------------------------


def body_markdown(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief]
) -> tuple[str | None, list[Diagnostic]]:
    """The body as pandoc Markdown: template expanded, citations written out."""
    text, _, problems = expand_template(brief, repository, letters)
    if text is None:
        return None, problems
    text = strip_comments(text)
    local = local_index(brief, repository)
    citations, problems = find_citations(text, brief.path, brief.body_line)
    pieces, last = [], 0
    for citation in citations:
        resolved, found = resolve_citation(citation, repository, brief.meta.citation_style, local)
        problems.extend(found)
        if resolved is None:
            continue
        key = citation.parts[0].key
        rendered = markdown_for(resolved)
        if key in local and not isinstance(local[key][0], Bijlage) and citation.form == "inline":
            rendered = f"[{rendered}](#{question_anchor(key)})"
        pieces += [text[last : citation.start], f"^[{rendered}]" if citation.form == "note" else rendered]
        last = citation.end
    pieces.append(text[last:])
    return (None if problems else "".join(pieces)), problems


def question_anchor(key: str) -> str:
    """The bookmark on a question in a reply, so that references to it are links."""
    return f"vraag-{key}"


def markdown_to_docx(markdown: str, reference: Path) -> bytes:
    import pypandoc

    # verify_format=False: pypandoc would start pandoc twice more on every call to list the
    # formats it knows; ours are fixed. Output "-" returns the archive's bytes, no scratch files.
    return pypandoc.convert_text(
        markdown,
        "docx",
        format=PANDOC_FORMAT,
        outputfile="-",
        extra_args=[f"--reference-doc={reference}"],
        verify_format=False,
    )


