"""Diagnostics: the small records every stage returns instead of printing."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]

# C0 and C1 controls other than tab, newline and carriage return: never text, in any input.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# ... and the invisible format characters: a U+202E in an id would show a message's
# words reversed (the "Trojan Source" trick), a zero-width space hide a difference.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` on one line with every control character escaped.

    Paths and messages quote user input (a brief name, a field's value); printed raw, a
    newline could forge a second diagnostic and an ESC could drive the reader's terminal.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shortened(text: str, limit: int = 40) -> str:
    """A value as a message quotes it: a 5,000-character id would bury the message, and an
    invisible character (U+202E turns the line around) is shown as its escape."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def save_traceback(heading: str) -> str | None:
    """The path of a new file holding ``heading`` and the current exception's traceback,
    for a bug report; None when no file can be written (no temporary directory, a full disk)."""
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="brief-crash-", suffix=".log", delete=False, encoding="utf-8", errors="backslashreplace"
        ) as log:
            log.write(f"{heading}\n\n{traceback.format_exc()}")
    except Exception:  # noqa: BLE001 -- the report of a bug must not fail itself
        return None
    return log.name


def describe_control(character: str) -> str:
    """How a message names a control character: "control character U+001B"."""
    return f"control character U+{ord(character):04X}"


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a source file."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding. ``code`` names its kind, for filtering and for tools ("unknown-id")."""

    location: Location
    message: str
    severity: Severity = "error"
    code: str = ""

    def __str__(self) -> str:
        suffix = f" [{self.code}]" if self.code else ""
        return f"{self.location}: {self.severity}: {printable(self.message)}{suffix}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for a near miss, else ''."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def unknown(noun: str, key: str, candidates: Iterable[str]) -> str:
    """The message for a reference that does not resolve: "unknown motion 'x' (did you mean 'y'?)"."""
    return f"unknown {noun} '{key}'{did_you_mean(key, candidates)}"
