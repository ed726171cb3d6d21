"""One brief checked and rendered into the bytes of each of its documents, writing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .briefs import check_briefs
from .codes import finding
from .diagnostics import Diagnostic, Location, has_errors, save_traceback
from .model import Brief, Repository
from .version import Stamp

INTERNAL = "internal"


@dataclass(frozen=True)
class RenderInputs:
    """What every brief's render reads besides the brief itself."""

    repository: Repository
    letters: dict[str, Brief]  # the Kamerbrieven the briefs' nota's accompany, by name
    names: list[str]  # every brief in the repository, for references between letters
    reference: Path  # the reference DOCX with the house style
    stamp: Stamp


@dataclass(frozen=True)
class Rendered:
    """A brief's documents, by file name in ``out/``, and what checking and rendering it found.

    ``outputs`` is empty when the brief has errors: a brief's documents are made all or none.
    """

    name: str
    outputs: Mapping[str, bytes]
    diagnostics: tuple[Diagnostic, ...]


def render_brief(brief: Brief, inputs: RenderInputs) -> Rendered:
    """``brief`` checked and rendered; a bug of ours met on this brief fails this brief
    only (code ``internal``, the traceback saved), so that the others are still built."""
    try:
        return _render_unguarded(brief, inputs)
    except Exception as exc:  # noqa: BLE001 -- reported, with the traceback kept for a bug report
        log = save_traceback(f"building {brief.path}")
        kept = f"the traceback is in {log}" if log else "the traceback could not be saved"
        message = f"internal error while building this brief: {type(exc).__name__}: {exc}; {kept}"
        return Rendered(brief.name, {}, (finding(Location(brief.path), message, INTERNAL),))


def _render_unguarded(brief: Brief, inputs: RenderInputs) -> Rendered:
    from .render import render

    problems, _ = check_briefs([brief], inputs.repository, inputs.letters, inputs.names)
    if has_errors(problems):
        return Rendered(brief.name, {}, tuple(problems))
    documents, found = render(brief, inputs.repository, inputs.letters, inputs.reference, inputs.stamp)
    outputs = {f"{brief.name}{suffix}.docx": data for suffix, data in (documents or {}).items()}
    return Rendered(brief.name, outputs, tuple(problems + found))
