"""The Kamerbrief: a letter to the Kamer, its body written as it stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import NumberedSections, Scaffold, Start
from .letter import LetterFrontMatter, LetterType, new_letter_fields


@dataclass(frozen=True, kw_only=True)
class KamerbriefFrontMatter(LetterFrontMatter, NumberedSections):
    type: Literal["kamerbrief"]


class Kamerbrief(LetterType):
    name = "kamerbrief"
    front_matter = KamerbriefFrontMatter

    def scaffold(self, start: Start) -> Scaffold:
        fields = (
            *new_letter_fields(start, self.name, "Onderwerp van de brief", "TK"),
            ("answers", [], "the toezeggingen and moties it answers, by id"),
        )
        body = """
Met deze brief informeer ik uw Kamer over het onderwerp van de brief.

<!-- Cite a Kamerstuk with [@id] (a footnote) or @id (in the text), a toezegging or motie
with @id; mark a passage that answers one with [eigen woorden]{answers="id"}. -->
"""
        return Scaffold(fields, body)
