"""Who sends a letter: co-senders named "mede namens", several signatories side by side, and a
letter without salutation or closing (issue 18, "Who sends it")."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt

from builder.assemble import load_repository
from builder.briefs import load_briefs
from builder.doctypes.letter import mede_namens_sentence
from builder.pipeline import build, check
from builder.render.letter import SIGNATURE_COLUMNS, SIGNATURE_WIDTH, SIGNING_SPACE

from .conftest import MINIMAL_FRONT_MATTER, W, write_brief

# Two bewindspersonen of other ministries, for the tests only: no example letter was sent
# mede namens anyone. Roles as kabinet-Schoof's letters print them.
CO_SENDERS = """
  - id: minister-defensie-brekelmans
    role: De Minister van Defensie
    short: de minister van Defensie
    name: R.P. Brekelmans

  - id: staatssecretaris-jenv-struycken
    role: De Staatssecretaris van Justitie en Veiligheid
    short: de staatssecretaris van JenV
    name: A.C.L.M. Struycken
"""
MEDE_NAMENS = "mede_namens: [minister-defensie-brekelmans, staatssecretaris-jenv-struycken]"
SENTENCE = "Mede namens de Minister van Defensie en de Staatssecretaris van Justitie en Veiligheid"


@pytest.fixture
def senders(project):
    """The example repository with the co-senders in data/organisation.yaml."""
    organisation = project.root / "data" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").rstrip("\n") + "\n" + CO_SENDERS, encoding="utf-8")
    return project


def front_matter(*lines: str, signatories: str = "[minister-bzk-uitermark]") -> str:
    base = MINIMAL_FRONT_MATTER.replace("signatories: [minister-bzk-uitermark]", f"signatories: {signatories}")
    return base.strip() + "\n" + "\n".join(lines)


def built_document(project, name: str):
    result = build(project, [name])
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return docx.Document(project.out_dir / f"{name}.docx")


def findings(project, name: str) -> list[str]:
    return [str(d) for d in check(project, [name])]


# --- mede namens ---------------------------------------------------------------------------------


def test_mede_namens_is_a_sentence_of_the_letter(senders):
    write_brief(senders, "samen", front_matter(MEDE_NAMENS), "{{ mede_namens }} informeer ik u over de voortgang.\n")
    document = built_document(senders, "samen")
    body = [p.text for p in document.paragraphs if p.style.name not in ("Salutation", "Closing", "Signature")]
    assert f"{SENTENCE} informeer ik u over de voortgang." in body
    assert findings(senders, "samen") == []


def test_co_senders_of_one_ministry_are_joined_as_the_kamer_joins_them(senders):
    write_brief(senders, "samen", front_matter("mede_namens: [minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"), "x\n")
    repository, _ = load_repository(senders)
    (brief,), _ = load_briefs(senders, ["samen"])
    assert mede_namens_sentence(brief.meta, repository) == (
        "Mede namens de Minister en Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"
    )


def test_without_co_senders_mede_namens_is_empty_for_an_if(senders):
    body = "{% if mede_namens %}{{ mede_namens }} informeer{% else %}Hierbij informeer{% endif %} ik u.\n"
    write_brief(senders, "alleen", front_matter(), body)
    document = built_document(senders, "alleen")
    assert "Hierbij informeer ik u." in [p.text for p in document.paragraphs]


def test_a_letter_that_never_says_mede_namens_is_warned_at_the_front_matter(senders):
    write_brief(senders, "stil", front_matter(MEDE_NAMENS), "Hierbij informeer ik u over de voortgang.\n")
    assert findings(senders, "stil") == [
        "briefs/stil.md:9:14: warning: this letter lists co-senders in 'mede_namens:' but its text never says it is "
        "sent on their behalf: open it with {{ mede_namens }} (\"Mede namens de Minister van … informeer ik u …\") "
        "[mede-namens-unsaid]"
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Mede namens de Minister van Defensie en de Staatssecretaris van Justitie en\nVeiligheid informeer ik u.\n",
        "Deze brief stuur ik u, mede\nnamens mijn ambtgenoten.\n",
    ],
)
def test_the_writers_own_words_say_it_too(senders, body):
    write_brief(senders, "eigen", front_matter(MEDE_NAMENS), body)
    assert findings(senders, "eigen") == []


def test_a_comment_does_not_say_it(senders):
    write_brief(senders, "stil", front_matter(MEDE_NAMENS), "<!-- mede namens wie? -->\nHierbij informeer ik u.\n")
    assert [f.rsplit(" ", 1)[-1] for f in findings(senders, "stil")] == ["[mede-namens-unsaid]"]


def test_an_unknown_co_sender_is_located_with_a_did_you_mean(senders):
    write_brief(senders, "fout", front_matter("mede_namens: [minister-defensie-brekelman]"), "{{ mede_namens }} informeer ik u.\n")
    assert findings(senders, "fout") == [
        "briefs/fout.md:9:14: error: unknown bewindspersoon 'minister-defensie-brekelman' "
        "(did you mean 'minister-defensie-brekelmans'?) [unknown-id]"
    ]
    assert not build(senders, ["fout"]).ok


def test_a_co_sender_listed_twice_is_an_error(senders):
    write_brief(senders, "dubbel", front_matter("mede_namens: [minister-defensie-brekelmans, minister-defensie-brekelmans]"),
                "{{ mede_namens }} informeer ik u.\n")
    assert findings(senders, "dubbel") == [
        "briefs/dubbel.md:9:14: error: 'minister-defensie-brekelmans' is listed 2 times in 'mede_namens' [listed-twice]"
    ]


# --- signatories side by side --------------------------------------------------------------------


def signature_table(document):
    (table,) = document.tables
    # The table is the document's last block (before the section properties), after "Hoogachtend,".
    body = document.element.body
    assert body[-2] is table._tbl and document.paragraphs[-1].text == "Hoogachtend,"
    return table


def rows_text(table) -> list[list[str]]:
    return [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows]


def test_two_signatories_stand_side_by_side_in_a_borderless_table(senders):
    write_brief(senders, "twee", front_matter(signatories="[minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"), "Tekst.\n")
    table = signature_table(built_document(senders, "twee"))
    assert len(table.columns) == SIGNATURE_COLUMNS == 2
    # A row of roles over a row of names: the names stand on one line whatever the roles take.
    assert rows_text(table) == [
        [
            "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,",
            "De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,\nDigitalisering en Koninkrijksrelaties",
        ],
        ["J.J.M. Uitermark", "Alexandra C. van Huffelen"],
    ]
    roles, names = table.rows
    portfolio = roles.cells[1].paragraphs[1]
    assert all(run.italic for run in portfolio.runs)
    assert {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs} == {"Signature"}
    assert all(cell.paragraphs[0].paragraph_format.space_before == SIGNING_SPACE for cell in names.cells)
    # No rules anywhere: none on the table, none on a cell, and the table style's first-row rule off.
    properties = table._tbl.tblPr
    assert {b.get(f"{W}val") for b in properties.find(f"{W}tblBorders")} == {"nil"}
    for cell in (cell for row in table.rows for cell in row.cells):
        assert {b.get(f"{W}val") for b in cell._tc.tcPr.find(f"{W}tcBorders")} == {"nil"}
    assert properties.find(f"{W}tblLook").get(f"{W}firstRow") == "0"
    # Fixed columns of half the text width each, from the text's left edge.
    assert [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.iter(f"{W}gridCol")] == [int(SIGNATURE_WIDTH.twips / 2)] * 2
    assert properties.find(f"{W}tblInd").get(f"{W}w") == "0"
    assert properties.find(f"{W}tblCellMar").find(f"{W}left").get(f"{W}w") == "0"


def test_a_third_signatory_starts_a_second_pair(senders):
    signatories = "[minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen, minister-defensie-brekelmans]"
    write_brief(senders, "drie", front_matter(signatories=signatories), "Tekst.\n")
    table = signature_table(built_document(senders, "drie"))
    assert rows_text(table)[2:] == [["De Minister van Defensie,", ""], ["R.P. Brekelmans", ""]]
    assert table.rows[2].cells[0].paragraphs[0].paragraph_format.space_before == Pt(24)


def test_one_signatory_signs_below_the_closing_without_a_table(senders):
    write_brief(senders, "een", front_matter(), "Tekst.\n")
    document = built_document(senders, "een")
    assert document.tables == []
    assert [(p.style.name, p.text) for p in document.paragraphs[-3:]] == [
        ("Closing", "Hoogachtend,"),
        ("Signature", "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,"),
        ("Signature", "J.J.M. Uitermark"),
    ]


# --- salutation and closing ----------------------------------------------------------------------


def test_salutation_and_closing_are_the_writers_to_change(senders):
    write_brief(senders, "anders", front_matter('salutation: "Geachte mevrouw de voorzitter,"', "closing: Met vriendelijke groet,"), "Tekst.\n")
    document = built_document(senders, "anders")
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Salutation", "Geachte mevrouw de voorzitter,") in styled
    assert ("Closing", "Met vriendelijke groet,") in styled


@pytest.mark.parametrize("empty", ['""', "null"])
def test_a_letter_without_salutation_and_closing_has_no_empty_paragraph_for_them(senders, empty):
    write_brief(senders, "kaal", front_matter(f"salutation: {empty}", f"closing: {empty}"), "Eerste alinea.\n\nTweede alinea.\n")
    document = built_document(senders, "kaal")
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert [style for style, _ in styled].count("Salutation") == 0 and [style for style, _ in styled].count("Closing") == 0
    texts = [text for _, text in styled]
    betreft = texts.index("Betreft\tTestbrief")
    assert texts[betreft + 1 :] == [
        "Eerste alinea.", "Tweede alinea.",
        "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,", "J.J.M. Uitermark",
    ]
    # The text starts where the salutation would have: the same space below Betreft.
    assert document.paragraphs[betreft + 1].paragraph_format.space_before == Pt(36)
