"""Document types are modules: a fourth one, registered here only, is checked and built like the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pytest
from docx import Document as open_docx

from builder import doctypes
from builder.doctypes import DocumentType, document_types, front_matter_types
from builder.doctypes.nota import Bijlage, BijlageTarget
from builder.dutch import long_date
from builder.model import BriefStatus, CitationStyle, Record
from builder.pipeline import build, check
from builder.rules import RULES

from .conftest import write_brief


@dataclass(frozen=True, kw_only=True)
class MemoFrontMatter(Record):
    noun = "front matter"
    type: Literal["memo"]
    date: dt.date
    title: str
    kenmerk: str
    status: BriefStatus
    bijlagen: tuple[Bijlage, ...] = ()
    kamerstuk: str | None = None
    citation_style: CitationStyle = "leidraad"


class Memo(DocumentType):
    """An internal memo: a title, a date column, the body; its bijlagen must be referred to."""

    name = "memo"
    front_matter = MemoFrontMatter
    rules = ("bijlagen-referenced",)

    def targets(self, brief, repository):
        bijlagen = enumerate(brief.meta.bijlagen, 1)
        return {bijlage.id: BijlageTarget(bijlage, number) for number, bijlage in bijlagen if bijlage.id}

    def template_extras(self, brief, repository, letters):
        return {"memo_title": brief.meta.title}

    def furnish(self, document, brief, repository, stamp) -> None:
        from builder.render.furniture import Furniture, labelled

        class MemoFurniture(Furniture):
            subject = "Memo"

            def column_lines(self, first_page):
                return labelled("Datum", long_date(self.brief.meta.date))

            def opening(self):
                self.insert_at_start([(f"Memo: {self.brief.meta.title}", "Nota Title")])

            def closing(self):
                pass

            def title(self):
                return self.brief.meta.title

            def reference(self):
                return self.brief.meta.kenmerk

        MemoFurniture(document, brief, repository.organisation, stamp).furnish()


@pytest.fixture
def memo_type():
    doctypes.register(Memo())
    yield
    doctypes.unregister("memo")


MEMO = """
type: memo
date: 2025-04-14
title: Stand van zaken
kenmerk: 2025-0000000099
status: concept
bijlagen:
  - naam: Overzicht
    id: overzicht
  - naam: Vergeten bijlage
    id: vergeten
"""


def test_a_registered_type_is_checked_with_the_rules_for_every_brief_and_its_own(project, memo_type):
    write_brief(project, "memo", MEMO, "Zie @overzicht voor {{ memo_title }}, en [@onbekend].\n\nOp 3 april jl. sprak ik.\n")
    problems = [(p.code, p.location.line) for p in check(project, ["memo"])]
    # An unknown id (a rule for every brief), the unreferenced bijlage (the memo's own rule).
    assert ("unknown-id", 13) in problems
    assert ("bijlage-unreferenced", 11) in problems
    assert {code for code, _ in problems} == {"unknown-id", "bijlage-unreferenced"}


def test_a_registered_type_builds(project, memo_type):
    write_brief(project, "memo", MEMO, "Zie @overzicht en @vergeten over {{ memo_title }}.\n")
    result = build(project, ["memo"])
    assert [p.code for p in result.diagnostics] == [], result.diagnostics
    document = open_docx(project.out_dir / "memo.docx")
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Memo: Stand van zaken"
    assert "Zie bijlage 1 en bijlage 2 over Stand van zaken." in texts
    header = [p.text for p in document.sections[0].first_page_header.paragraphs]
    assert "14 april 2025" in " ".join(header)


def test_an_unknown_type_names_the_registered_ones(project, memo_type):
    write_brief(project, "x", MEMO.replace("type: memo", "type: mem"), "Tekst.\n")
    [problem] = check(project, ["x"])
    assert problem.code == "choice"
    assert "'memo'" in problem.message and "did you mean 'memo'" in problem.message


def test_the_built_in_types_list_only_type_rules_that_exist():
    names = {rule.name for rule in RULES if rule.scope == "type"}
    for doctype in document_types().values():
        assert set(doctype.rules) <= names, doctype.name
    assert set(front_matter_types()) == {"kamerbrief", "nota", "so-beantwoording", "kamervragen-antwoord", "kamervragen-uitstel"}


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="already registered"):
        doctypes.register(document_types()["nota"])


@pytest.mark.parametrize("listed", [("no-such-rule",), ("statuses",), ("relative-dates",)])
def test_a_type_may_list_only_type_rules(listed):
    from builder.rules import brief_rules

    with pytest.raises(ValueError, match="not type rules"):
        brief_rules(listed)
