"""Local targets: what a brief defines itself and its body may refer to with ``@id``.

A reply's overleg has questions, a nota has bijlagen; later documents will have
numbered sections and figures. Each document type gives its brief a mapping of
id -> target (``DocumentType.targets``); a reference to one is one lookup, and
the target says how each citation form reads, as Sphinx's domains resolve
their roles.
"""

from __future__ import annotations

from typing import Mapping


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


Targets = Mapping[str, Target]
