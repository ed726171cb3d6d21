"""What the command line holds, checked before any command runs: text, and dates."""

from __future__ import annotations

import argparse
import datetime as dt


def first_not_utf8(arguments: list[str]) -> tuple[int, str] | None:
    """The 1-based position and text of the first argument that is not valid UTF-8."""
    for position, argument in enumerate(arguments, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            return position, argument
    return None


def iso_date(text: str) -> dt.date:
    """The type of ``--as-of``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def brief_names(project, arguments: list[str]) -> list[str]:
    """The briefs named on the command line, each by its name or by its file's path."""
    from pathlib import Path

    from ..project import brief_name_of

    return [brief_name_of(project, argument, Path.cwd()) for argument in arguments]
