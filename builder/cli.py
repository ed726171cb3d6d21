"""The ``brief`` console script and ``python -m builder.cli``: the commands are in :mod:`builder.commands`."""

from __future__ import annotations

import sys

from .commands import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL_ERROR, EXIT_OK, main

__all__ = ["main", "EXIT_OK", "EXIT_FINDINGS", "EXIT_BAD_INPUT", "EXIT_INTERNAL_ERROR"]

if __name__ == "__main__":
    sys.exit(main())
