"""Which built documents are still up to date: a digest of everything a build reads.

A rebuild with nothing changed must cost next to nothing, so this reads bytes
and hashes them; it never loads or validates YAML. A brief's digest covers
what can change its document: all of ``data/``, its own file and the images it names, the front matter
of every brief (letters refer to each other's dates and kenmerken), the
reference document, the templates and the organisation's logo, the code of the ``builder`` package, the
source stamp printed in the document, and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Callable

from .load import normalise_newlines, split_front_matter
from .version import code_digest

MANIFEST = ".brief-inputs.json"


def _digest_files(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def shared_digest(root: Path, stamp_label: str) -> str:
    """The digest of what every brief depends on."""
    shared = sorted((root / "data").rglob("*.yaml")) + sorted((root / "templates").glob("*")) + _logos(root)
    briefs = sorted((root / "briefs").glob("*.md"))
    digest = hashlib.sha256()
    digest.update(_digest_files(shared, root).encode())
    digest.update(code_digest().encode())
    for brief in briefs:
        # A briefs/x.md that is not a file is the load stage's error to report, not a crash here.
        front_matter = _front_matter_bytes(brief.read_bytes()) if brief.is_file() else b""
        digest.update(brief.name.encode() + b"\0" + front_matter + b"\0")
    digest.update(stamp_label.encode() + b"\0" + os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()


# A ``logo:`` line of data/organisation.yaml, read as text: this stage never loads YAML, and a
# path it misreads only costs a rebuild (the resolve stage checks the real value).
_LOGO_LINE = re.compile(r"^\s*logo:\s*[\"']?([^\"'#\s]+)", re.MULTILINE)


def build_reads(root: Path) -> Callable[[str], bool]:
    """Whether a path (relative to ``root``, with "/") is one a build reads: what the digests
    above cover, so that the version stamp is "dirty" only for a change to a letter's sources.

    Asked only of the paths git lists as changed: the figures the briefs name are looked up
    the first time a path is none of the others, so that a clean tree (every no-op build) reads
    no brief for them."""
    logos = {path.relative_to(root).as_posix() for path in _logos(root)}

    @functools.cache
    def figures() -> set[str]:
        return {
            os.path.relpath(os.path.normpath(brief.parent / image.source), root)
            for brief in sorted((root / "briefs").glob("*.md"))
            if brief.is_file()  # a FIFO or a folder named x.md is the load stage's to report; reading it would hang
            for image in _images_in(brief)
        }

    def reads(path: str) -> bool:
        folder, _, rest = path.partition("/")
        return (
            (folder == "data" and path.endswith(".yaml"))
            or (folder == "templates" and "/" not in rest)
            or (folder == "briefs" and "/" not in rest and path.endswith(".md"))
            or path in logos
            or os.path.normpath(path) in figures()
        )

    return reads


def _images_in(brief: Path | str) -> tuple:
    """The images a brief's body names, from its file or its text (none when unreadable)."""
    from .body import find_images

    if isinstance(brief, Path):
        try:
            brief = brief.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            return ()
    return find_images(brief, "", 1) if "![" in brief else ()


def _logos(root: Path) -> list[Path]:
    """The logo images the organisation names: a changed logo rebuilds every document that shows it."""
    organisation = root / "data" / "organisation.yaml"
    try:
        text = organisation.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for match in _LOGO_LINE.finditer(text):
        path = (root / match.group(1)).resolve()
        if path.is_relative_to(root.resolve()):
            found.append(root / match.group(1))
    return sorted(set(found))


def _front_matter_bytes(raw: bytes) -> bytes:
    """The bytes of a brief's front matter as the load stage finds it; b"" without one.

    Decoded as the load stage decodes, but never failing (surrogateescape keeps every
    byte): a brief the load stage refuses is its error to report, not a crash here.
    """
    text = raw.decode("utf-8-sig", "surrogateescape")
    parts = split_front_matter(normalise_newlines(text) if "\r" in text else text)
    return parts.front_matter.encode("utf-8", "surrogateescape") if parts is not None and parts.closed else b""


def brief_digest(shared: str, brief_path: Path) -> str:
    data = brief_path.read_bytes() if brief_path.is_file() else b"<missing>"
    return hashlib.sha256(shared.encode() + b"\0" + data + b"\0" + _images_digest(brief_path, data).encode()).hexdigest()


def _images_digest(brief_path: Path, data: bytes) -> str:
    """The bytes of the images the brief's body names (``![…](figuur.png)``, relative to its
    file): a changed figure rebuilds the brief. An image a template writes is not seen here."""
    images = _images_in(data.decode("utf-8", "surrogateescape"))
    if not images:
        return ""
    digest = hashlib.sha256()
    for image in images:
        target = brief_path.parent / image.source
        digest.update(image.source.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(target.read_bytes() if target.is_file() else b"<missing>")
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


# Brief name -> output file name in out/ -> the digest that output was built from.
Manifest = dict[str, dict[str, str]]


def read_manifest(out_dir: Path) -> Manifest:
    """What each brief's documents in ``out/`` were built from. An entry of another shape
    (an older manifest's bare digest per brief, a hand edit) is left out: that brief is rebuilt."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    return {
        name: outputs for name, outputs in manifest.items()
        if isinstance(outputs, dict) and outputs and all(isinstance(digest, str) for digest in outputs.values())
    }


def manifest_bytes(manifest: Manifest) -> bytes:
    return (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")
