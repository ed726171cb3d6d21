"""The Kamerbrief: a letter to the Kamer, its body written as it stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import NumberedSections
from .letter import LetterFrontMatter, LetterType


@dataclass(frozen=True, kw_only=True)
class KamerbriefFrontMatter(LetterFrontMatter, NumberedSections):
    type: Literal["kamerbrief"]


class Kamerbrief(LetterType):
    name = "kamerbrief"
    front_matter = KamerbriefFrontMatter
