"""CSV for spreadsheets: every cell reads back as the text it was, never as a formula.

Coordinators open ``brief status`` and ``brief export`` CSV in Excel or LibreOffice,
and the texts in it come from data/ and from the Kamer's registry. A cell that
starts with ``=``, ``+``, ``-`` or ``@`` (or tab or CR, which some spreadsheets skip
first) would be evaluated: ``=HYPERLINK(...)`` becomes a live link, worse
formulas fetch or run things. OWASP's advice (CSV Injection) is followed: such a
cell gets a leading ``'``, which spreadsheets take as "this is text", and every
cell is quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet could take it for a formula.

    Leading whitespace does not protect a cell: importers may trim it before looking.
    A negative number written as text ("-5") gets the quote too, so that every cell
    starting with the same character is treated the same way.
    """
    if cell.startswith(FORMULA_STARTS) or cell.lstrip().startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header line and one line per row, every cell quoted and defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([defused(cell) for cell in header])
    writer.writerows([defused(cell) for cell in row] for row in rows)
    return out.getvalue()
