"""The body of a reply to a schriftelijk overleg, composed from the questions and the answers.

The writer's brief holds only the answers, each under a heading that names
the question ids it answers. The letter repeats, per fractie (or member) in the
committee's order, each question in italics followed by its answer.

The committee's frame of a Tweede Kamer verslag (``vastgesteld``, ``voorzitter``,
``griffier``), when the overleg's data has it, is one short italic block between
the opening and the first group's heading: "Vastgesteld 25 mei 2023", "De
voorzitter van de commissie, Tielen", "De adjunct-griffier van de commissie,
Kruithof". The verslag prints the two names under its questions, but in the
reply that place is just before the bewindspersoon's own closing and signature,
where a committee's signature would read as signing the letter; above the
questions it says, as the verslag's header does, which verslag is answered.
"""

from __future__ import annotations

import datetime as dt

from ..body import Section, split_sections
from ..doctypes.reply import REPLY_CLOSING, all_askers, answer_keys, fractie_heading, question_anchor
from ..dutch import long_date, relative_date
from ..model import Overleg, Question, Repository
from ..template import escape_markdown

QUESTION_STYLE = "Question"


def reply_markdown(body: str, date: dt.date, overleg: Overleg, repository: Repository, opening: bool = True) -> str:
    """The whole letter body as Markdown; ``body`` is the writer's, citations already resolved.
    ``opening`` false leaves out the generated opening sentence (the writer's text before the
    first heading then opens the letter)."""
    preamble, sections = split_sections(body, "", 1)
    answers: dict[str, Section] = {}
    prefaces: dict[str, str] = {}
    for section in sections:
        keys = answer_keys(section)
        for key in keys:
            answers.setdefault(key, section)
        if len(keys) == 1:
            prefaces[keys[0].lower()] = section.text
    blocks = [escape_markdown(opening_sentence(date, overleg, repository)) if opening else "", preamble]
    blocks += [_italic(line) for line in frame_lines(overleg)]
    done: set[str] = set()
    questions = {question.id: question for _, _, question in overleg.questions()}
    for fractie in overleg.fracties:
        blocks.append(f"# *{escape_markdown(fractie_heading(fractie, overleg.kamer))}*")
        blocks.append(prefaces.get(fractie.key.lower(), ""))
        if fractie.intro:
            blocks.append(_italic(fractie.intro))
        for question in fractie.questions:
            if question.id in done:
                continue
            section = answers[question.id]
            group = [key for key in answer_keys(section) if key in questions]
            blocks += [_question(questions[key]) for key in group]
            blocks.append(section.text)
            done.update(group)
    if overleg.closing:
        blocks.append(_italic(overleg.closing))
    blocks.append(prefaces.get(REPLY_CLOSING, ""))
    return "\n\n".join(block.strip() for block in blocks if block.strip()) + "\n"


def opening_sentence(date: dt.date, overleg: Overleg, repository: Repository) -> str:
    """'Met deze brief beantwoord ik de vragen die op 3 april jl. (kenmerk …) zijn gesteld door …'."""
    sentence = (
        f"Met deze brief beantwoord ik de vragen die op {relative_date(overleg.date, date)}"
        f" (kenmerk {overleg.kenmerk}) zijn gesteld door {all_askers(overleg)}"
    )
    letter = repository.documents.get(overleg.responds_to or "")
    if letter is not None and letter.date is not None:
        sentence += f" naar aanleiding van mijn brief van {long_date(letter.date)}"
        if overleg.subject:
            sentence += f" over {overleg.subject}"
    elif overleg.subject:
        sentence += f" over {overleg.subject}"
    return sentence + "."


def frame_lines(overleg: Overleg) -> list[str]:
    """The committee's frame as a Tweede Kamer verslag prints it, the lines the data gives."""
    lines = []
    if overleg.vastgesteld is not None:
        lines.append(f"Vastgesteld {long_date(overleg.vastgesteld)}")
    if overleg.voorzitter is not None:
        lines.append(f"De voorzitter van de commissie, {overleg.voorzitter}")
    if overleg.griffier is not None:
        lines.append(f"De {overleg.griffier_title or 'griffier'} van de commissie, {overleg.griffier}")
    return lines


def _italic(text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(_styled(escape_markdown(p)) for p in paragraphs)


def _question(question: Question) -> str:
    """The question in the Question style, bookmarked so that answers can link to it."""
    first, *rest = [escape_markdown(p) for p in question.paragraphs]
    anchored = f"[{first}]{{#{question_anchor(question.id)}}}"
    return "\n\n".join(_styled(p) for p in [anchored, *rest])


def _styled(markdown: str) -> str:
    return f'::: {{custom-style="{QUESTION_STYLE}"}}\n{markdown}\n:::'
