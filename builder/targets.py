"""Local targets: what a brief defines itself and its body may refer to with ``@id``.

A reply's overleg has questions, a nota has bijlagen: each document type gives
its brief a mapping of id -> target (``DocumentType.targets``). Every body may
also have sections (a heading ``{#sec-x}``) and figures (an image ``{#fig-x}``),
numbered here for any type (``structure``, ``brief_targets``). A reference to
one is one lookup, and the target says how each citation form reads, as
Sphinx's domains resolve their roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Mapping

from .body import Heading, Image, find_headings, find_images
from .references import NotCitable

if TYPE_CHECKING:
    from .model import Brief, Repository

SECTION_PREFIX, FIGURE_PREFIX = "sec-", "fig-"  # Quarto's: which ids a reference may name


class Target:
    """Something a brief's own text can refer to by id."""

    def text(self, form: str, key: str) -> str:
        """The words a citation of ``form`` ("inline", "text", "short", "note") becomes;
        raises ``NotCitable`` for a form the target does not take."""
        raise NotImplementedError

    @property
    def anchor(self) -> str | None:
        """The bookmark an inline reference links to, when the document has one."""
        return None


class NamedTarget(Target):
    """A target the text names ("figuur 2", "bijlage 1") and never cites in a footnote."""

    noun: ClassVar[str]  # "a figure": what the refusal of a footnote calls it
    verb: ClassVar[str] = "named"

    def name(self) -> str:
        """The words that name it in running text."""
        raise NotImplementedError

    def text(self, form: str, key: str) -> str:
        if form != "inline":
            raise NotCitable(f"{self.noun} is {self.verb}, not cited: write @{key} for '{self.name()}'")
        return self.name()


Targets = Mapping[str, Target]


@dataclass(frozen=True)
class Structure:
    """A body's headings and images, each with its number (None: not numbered)."""

    headings: tuple[tuple[Heading, str | None], ...]
    figures: tuple[tuple[Image, int | None], ...]


def structure(text: str, path: str, first_line: int, depth: int) -> Structure:
    """Number the headings of the first ``depth`` levels 1, 1.1, 1.1.1 (a heading marked
    ``{-}`` or ``{.unnumbered}`` is left out, as pandoc does) and the images with a
    ``{#fig-…}`` id 1, 2, 3."""
    counters = [0] * 6
    headings = []
    for heading in find_headings(text, path, first_line):
        number = None
        if heading.level <= depth and not heading.unnumbered:
            counters[heading.level - 1] += 1
            counters[heading.level :] = [0] * (6 - heading.level)
            number = ".".join(str(n) for n in counters[: heading.level])
        headings.append((heading, number))
    figures, count = [], 0
    for image in find_images(text, path, first_line):
        if image.id is not None and image.id.startswith(FIGURE_PREFIX):
            count += 1
            figures.append((image, count))
        else:
            figures.append((image, None))
    return Structure(tuple(headings), tuple(figures))


def heading_label(number: str) -> str:
    """What a numbered heading starts with: "1." for a chapter, as the Kamer's letters
    write it, "1.2" below one."""
    return f"{number}." if "." not in number else number


_MARKUP = re.compile(r"\\(?=[^\w\s])|[*_`]")
# A link, or a span ("[woord]{.opmerking …}"): its text, never its target or attributes.
_LINK = re.compile(r"!?\[(?P<text>[^\[\]]*)\](?:\([^()]*\)|\{[^{}]*\})")


def plain_title(title: str) -> str:
    """A heading's words without their markup: "*Kern* van [de zaak](x)" -> "Kern van de zaak",
    and so of a span's: a reviewer's remark on a heading never prints where it is named."""
    return " ".join(_MARKUP.sub("", _LINK.sub(lambda m: m.group("text"), title)).split())


@dataclass(frozen=True)
class SectionTarget(NamedTarget):
    """A heading with an id: "paragraaf 1.2" when numbered, else its title in quotes."""

    noun = "a section"
    id: str
    title: str
    number: str | None

    def name(self) -> str:
        return f"paragraaf {self.number}" if self.number else f"paragraaf \u201c{plain_title(self.title)}\u201d"

    @property
    def anchor(self) -> str | None:
        return self.id  # pandoc makes a heading's id its bookmark


@dataclass(frozen=True)
class FigureTarget(NamedTarget):
    """A numbered figure: "figuur 2"."""

    noun = "a figure"
    id: str
    number: int

    def name(self) -> str:
        return f"figuur {self.number}"

    @property
    def anchor(self) -> str | None:
        return self.id


def structure_targets(found: Structure) -> dict[str, Target]:
    """Each section and figure a reference may name, the first of two with one id."""
    targets: dict[str, Target] = {}
    for heading, number in found.headings:
        if heading.id and heading.id.startswith(SECTION_PREFIX):
            targets.setdefault(heading.id, SectionTarget(heading.id, heading.title, number))
    for image, figure in found.figures:
        if image.id and figure is not None:
            targets.setdefault(image.id, FigureTarget(image.id, figure))
    return targets


def brief_structure(brief: Brief, text: str | None = None) -> Structure:
    """The structure of the brief's body as written, or of ``text`` (the body expanded)."""
    from .doctypes import doctype_of

    depth = doctype_of(brief).number_depth(brief.meta)
    return structure(brief.body if text is None else text, brief.path, brief.body_line, depth)


def brief_targets(brief: Brief, repository: Repository, text: str | None = None) -> dict[str, Target]:
    """Everything the body may refer to besides the data: its sections and figures (in the
    body as written, or in ``text``) and what its document type defines."""
    from .doctypes import doctype_of

    return {**structure_targets(brief_structure(brief, text)), **doctype_of(brief).targets(brief, repository)}


def brief_folder(brief: Brief) -> Path:
    """Where the brief's file is: its images' paths are relative to it."""
    root = Path(brief.root) if brief.root is not None else Path.cwd()
    return (root / brief.path).parent
