"""The reply to a schriftelijk overleg: a letter whose body answers the committee's questions.

The writer's brief holds only the answers, each under a level-1 heading that
names the question ids it answers (``# D66-2, D66-3``), a fractie or member
(its preface) or ``slot`` (the closing). The letter repeats each question before
its answer (``builder.render.reply``).

The two Kamers name who asked differently, and the reply follows the overleg's
``kamer`` (``ASKERS``): the Eerste Kamer writes "de leden van de fractie van D66",
the Tweede Kamer "de leden van de VVD-fractie" (its verslag of a schriftelijk
overleg, e.g. 2024D19625); a single member is "het lid Omtzigt" in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping

from ..body import Section
from ..codes import finding
from ..diagnostics import Diagnostic, unknown
from ..model import Brief, Fractie, Kamer, Member, Overleg, Question, Repository
from ..references import NotCitable
from ..targets import Target, Targets
from ..dutch import join_names, ordinal
from . import Answerable, Scaffold, Start
from .letter import LetterFrontMatter, LetterType, new_letter_fields

REPLY_CLOSING = "slot"


@dataclass(frozen=True, kw_only=True)
class ReplyFrontMatter(LetterFrontMatter):
    """The reply to a schriftelijk overleg: a letter whose body answers its questions."""

    type: Literal["so-beantwoording"]
    overleg: str
    opening: bool = True  # false: no generated "Met deze brief beantwoord ik de vragen …"


class Reply(LetterType):
    name = "so-beantwoording"
    front_matter = ReplyFrontMatter
    rules = (*LetterType.rules, "reply-answers", "late-reply")

    def reference_problems(
        self, brief: Brief, repository: Repository, letters: Mapping[str, Brief], names: list[str]
    ) -> list[Diagnostic]:
        problems = super().reference_problems(brief, repository, letters, names)
        meta = brief.meta
        if meta.overleg not in repository.overleggen:
            message = unknown("schriftelijk overleg", meta.overleg, repository.overleggen)
            problems.append(finding(meta.location_of("overleg"), message, "unknown-id"))
        return problems

    def targets(self, brief: Brief, repository: Repository) -> Targets:
        return question_targets(repository.overleggen.get(brief.meta.overleg))

    def answerable(self, repository: Repository) -> Answerable:
        return Answerable("schriftelijk overleg", "data/overleggen/", repository.overleggen, lambda overleg: overleg.date)

    def scaffold(self, start: Start) -> Scaffold:
        overleg = start.repository.overleggen[start.about]
        subject = overleg.subject or overleg.committee
        fields = (
            ("type", self.name, None),
            ("overleg", overleg.id, None),
            *new_letter_fields(start, self.name, f"Beantwoording vragen schriftelijk overleg over {subject}", overleg.kamer)[1:],
        )
        answers = "\n".join(
            f"# {key}\n\nHier komt het antwoord op vraag {key}.\n" for key in question_targets(overleg)
        )
        return Scaffold(fields, answers)

    def template_extras(self, brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
        return {**super().template_extras(brief, repository, letters), "overleg": repository.overleggen.get(brief.meta.overleg)}

    def compose(self, markdown: str, brief: Brief, repository: Repository) -> str:
        from ..render.reply import reply_markdown

        overleg = repository.overleggen[brief.meta.overleg]
        return reply_markdown(markdown, brief.meta.date, overleg, repository, opening=brief.meta.opening)

    def furniture(self, document, brief, repository, stamp):
        from ..render.letter import LetterFurniture

        # Without a kenmerk of its own, the reply refers to the committee's letter.
        uw_kenmerk = brief.meta.uw_kenmerk or repository.overleggen[brief.meta.overleg].kenmerk
        return LetterFurniture(document, brief, repository, stamp, uw_kenmerk=uw_kenmerk)


def question_targets(overleg: Overleg | None) -> dict[str, QuestionTarget]:
    """Question id -> the question with its fractie and its number within the fractie."""
    if overleg is None:
        return {}
    return {
        question.id: QuestionTarget(fractie, number, question, overleg.kamer)
        for fractie, number, question in overleg.questions()
    }


def answer_keys(section: Section) -> list[str]:
    """'D66-2, D66-3' -> ['D66-2', 'D66-3']: the questions one answer answers."""
    return [key.strip() for key in section.title.split(",") if key.strip()]


@dataclass(frozen=True)
class QuestionTarget(Target):
    """A question of the overleg, numbered within its fractie."""

    fractie: Fractie
    number: int
    question: Question
    kamer: Kamer

    def text(self, form: str, key: str) -> str:
        if form == "inline":
            return question_name(self.fractie, self.number, self.kamer)
        if form == "text":
            return " ".join(self.question.paragraphs)
        if form == "note":
            raise NotCitable(f"question '{key}' cannot be cited in a footnote; write @{key} to refer to it")
        raise NotCitable(f"a question has no short name; write @{key} to refer to question '{key}'")

    @property
    def anchor(self) -> str:
        return question_anchor(self.question.id)


# Who asked, per Kamer, as its verslag or letter names the members of a fractie.
ASKERS: Mapping[str, str] = {
    "EK": "de leden van de fractie van {named}",  # "… van de PvdD": the fractie's article
    "TK": "de leden van de {fractie}-fractie",
}
ONE_MEMBER = "het lid {member}"


def askers(fractie: Fractie, kamer: Kamer) -> str:
    """'de leden van de fractie van D66' (EK), 'de leden van de VVD-fractie' (TK), 'het lid Omtzigt'."""
    if fractie.member is not None:
        return ONE_MEMBER.format(member=fractie.member)
    return ASKERS[kamer].format(named=fractie.named, fractie=fractie.fractie)


def all_askers(overleg: Overleg) -> str:
    """Everyone who asked, for the opening sentence: 'de leden van de fracties van VVD en D66
    en het lid Omtzigt (NSC)'."""
    from ..kamervragen import indieners_named

    groups = [fractie for fractie in overleg.fracties if fractie.member is None]
    members = [Member(member=f.member, fractie=f.fractie) for f in overleg.fracties if f.member is not None]
    named = []
    if len(groups) > 1:
        named.append(f"de leden van de fracties van {join_names([str(f.fractie) for f in groups])}")
    elif groups:
        named.append(askers(groups[0], overleg.kamer))
    if members:
        named.append(indieners_named(tuple(members)))
    return join_names(named)


def fractie_heading(fractie: Fractie, kamer: Kamer) -> str:
    """'Vragen en opmerkingen van de leden van de VVD-fractie', as the verslag heads each group."""
    return f"Vragen en opmerkingen van {askers(fractie, kamer)}"


def question_name(fractie: Fractie, number: int, kamer: Kamer) -> str:
    """'de vierde vraag van de leden van de fractie van D66', 'de tweede vraag van het lid Omtzigt'."""
    return f"de {ordinal(number)} vraag van {askers(fractie, kamer)}"


def question_anchor(key: str) -> str:
    """The bookmark on a question in a reply, so that references to it are links."""
    return f"vraag-{key}"
