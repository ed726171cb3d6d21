"""The reply to a schriftelijk overleg: questions from data, answers from the brief, checked both ways."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build, check

from .conftest import W, footnotes, part, run_cli, write_brief
from .test_bad_input import build_fails, line_of

OVERLEG = """\
# A small schriftelijk overleg for tests.
id: so-test
kamer: EK
committee: vaste commissie voor Binnenlandse Zaken
date: 2024-04-03
kenmerk: 174898.14U
addressed_to: staatssecretaris-bzk-van-huffelen
responds_to: kst-35741-F
subject: de uitkomsten van de PER
closing: De commissie ziet uit naar uw reactie.
fracties:
  - fractie: GroenLinks-PvdA
    intro: De leden hebben kennisgenomen. Hierover hebben zij vragen.
    questions:
      - id: GLPvdA-1
        text: Waarom niet *meer*?
      - id: GLPvdA-2
        text: Hoeveel procent?
  - fractie: PvdD
    article: de
    questions:
      - id: PvdD-1
        text: Wat bedoelt u?
      - id: PvdD-2
        text: >-
          Eerste alinea.

          Tweede alinea?
"""

REPLY = """
type: so-beantwoording
overleg: so-test
date: 2024-05-15
kenmerk: 2024-0000000002
betreft: Beantwoording vragen schriftelijk overleg
addressee: EK
signatories: [staatssecretaris-bzk-van-huffelen]
status: verzonden
"""

ANSWERS = """\
# GLPvdA-1

Antwoord een.[@kst-31490-327]

# GLPvdA-2

Antwoord twee; zie ook mijn antwoord op @PvdD-2.

# PvdD

Vooraf over de vragen van de PvdD.

# PvdD-1, PvdD-2

Gezamenlijk antwoord.

# slot

Ik dank u voor de gestelde vragen.
"""


@pytest.fixture
def overleg(project):
    directory = project.data_dir / "overleggen"
    directory.mkdir(exist_ok=True)
    path = directory / "so-test.yaml"
    path.write_text(OVERLEG, encoding="utf-8")
    return path


def built_reply(project, answers=ANSWERS, front_matter=REPLY):
    write_brief(project, "antwoord", front_matter, answers)
    result = build(project, ["antwoord"])
    assert result.ok, result.diagnostics
    return result.written[0]


def test_questions_in_italics_each_followed_by_its_answer(project, overleg):
    document = docx.Document(built_reply(project))
    body = [(p.style.name, p.text) for p in document.paragraphs]
    start = next(i for i, (_, text) in enumerate(body) if text.startswith("Met deze brief"))
    end = next(i for i, (style, _) in enumerate(body) if style == "Closing")
    assert body[start:end] == [
        ("First Paragraph",
         "Met deze brief beantwoord ik de vragen die op 3 april jl. (kenmerk 174898.14U) zijn gesteld door de leden "
         "van de fracties van GroenLinks-PvdA en PvdD naar aanleiding van mijn brief van 9 februari 2024 over de "
         "uitkomsten van de PER."),
        ("Heading 1", "Vragen en opmerkingen van de leden van de fractie van GroenLinks-PvdA"),
        ("Question", "De leden hebben kennisgenomen. Hierover hebben zij vragen."),
        ("Question", "Waarom niet *meer*?"),  # data is text, never Markdown
        ("Body Text", "Antwoord een."),
        ("Question", "Hoeveel procent?"),
        ("Body Text",
         "Antwoord twee; zie ook mijn antwoord op de tweede vraag van de leden van de fractie van de PvdD."),
        ("Heading 1", "Vragen en opmerkingen van de leden van de fractie van de PvdD"),
        ("First Paragraph", "Vooraf over de vragen van de PvdD."),
        ("Question", "Wat bedoelt u?"),
        ("Question", "Eerste alinea."),
        ("Question", "Tweede alinea?"),
        ("Body Text", "Gezamenlijk antwoord."),
        ("Question", "De commissie ziet uit naar uw reactie."),
        ("Body Text", "Ik dank u voor de gestelde vragen."),
    ]
    assert document.styles["Question"].font.italic
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            assert all(run.italic for run in paragraph.runs if run.text)
    signature = [p.text for p in document.paragraphs if p.style.name == "Signature"]
    assert signature == [
        "De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,",
        "Digitalisering en Koninkrijksrelaties",
        "Alexandra C. van Huffelen",
    ]


def test_reference_to_another_answer_is_a_link_to_the_question(project, overleg):
    path = built_reply(project)
    document = part(path, "word/document.xml")
    bookmarks = {b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")}
    assert {"vraag-GLPvdA-1", "vraag-GLPvdA-2", "vraag-PvdD-1", "vraag-PvdD-2"} <= bookmarks
    (link,) = [h for h in document.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert link.get(f"{W}anchor") == "vraag-PvdD-2"
    assert "".join(t.text for t in link.iter(f"{W}t")) == "de tweede vraag van de leden van de fractie van de PvdD"
    assert footnotes(path) == ["Kamerstukken II 2022/23, 31 490, nr. 327."]


def test_reply_is_a_letter_to_the_kamer_that_asked(project, overleg):
    document = docx.Document(built_reply(project))
    body = [p.text for p in document.paragraphs]
    assert body[1] == "De Voorzitter van de Eerste Kamer"
    assert "Betreft\tBeantwoording vragen schriftelijk overleg" in body


def error_for(project, answers=ANSWERS, front_matter=REPLY):
    write_brief(project, "antwoord", front_matter, answers)
    errors = build_fails(project, "antwoord")
    assert not (project.out_dir / "antwoord.docx").exists()
    return errors


def test_unanswered_question_is_located(project, overleg):
    errors = error_for(project, ANSWERS.replace("# GLPvdA-2\n\nAntwoord twee; zie ook mijn antwoord op @PvdD-2.\n\n", ""))
    line = line_of(overleg, "id: GLPvdA-2")
    assert errors == [
        "briefs/antwoord.md:3:10: error: question 'GLPvdA-2' of the fractie van GroenLinks-PvdA has no answer "
        f"(asked at data/overleggen/so-test.yaml:{line}:13); add a '# GLPvdA-2' section"
    ]


def test_answer_to_unknown_question_is_located_with_did_you_mean(project, overleg):
    errors = error_for(project, ANSWERS + "\n# PvdD-3\n\nEen antwoord te veel.\n")
    assert errors == [
        "briefs/antwoord.md:31:1: error: unknown question 'PvdD-3' (did you mean 'PvdD-2'?) "
        "in schriftelijk overleg 'so-test'"
    ]


def test_two_answers_to_one_question_are_located(project, overleg):
    errors = error_for(project, ANSWERS + "\n# GLPvdA-1\n\nNog een antwoord.\n")
    assert errors == ["briefs/antwoord.md:31:1: error: question 'GLPvdA-1' is answered twice (first on line 11)"]


def test_reference_to_unknown_question_is_located(project, overleg):
    errors = error_for(project, ANSWERS.replace("@PvdD-2", "@PvdD-4"))
    assert errors == ["briefs/antwoord.md:17:41: error: unknown id 'PvdD-4' (did you mean 'PvdD-2'?)"]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("overleg: so-test", "overleg: so-tset",
         "briefs/antwoord.md:3:10: error: unknown schriftelijk overleg 'so-tset' (did you mean 'so-test'?)"),
        ("addressee: EK", "addressee: TK",
         "briefs/antwoord.md:7:12: error: the reply goes to the Kamer that asked: overleg 'so-test' is of the EK"),
    ],
    ids=["unknown-overleg", "wrong-kamer"],
)
def test_front_matter_errors(project, overleg, old, new, expected):
    assert expected in error_for(project, front_matter=REPLY.replace(old, new))


def test_empty_answer_and_footnote_citation_of_a_question_are_errors(project, overleg):
    errors = error_for(project, ANSWERS.replace("Antwoord een.[@kst-31490-327]", "").replace("@PvdD-2", "[@PvdD-2]"))
    assert errors == [
        "briefs/antwoord.md:11:1: error: the answer to GLPvdA-1 is empty",
        "briefs/antwoord.md:17:41: error: question 'PvdD-2' cannot be cited in a footnote; write @PvdD-2 to refer to it",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("      - id: PvdD-1", "      - id: GLPvdA-1",
         "duplicate question id 'GLPvdA-1' (first defined at data/overleggen/so-test.yaml:15:13)"),
        ("      - id: PvdD-1", "      - id: kst-35741-F", "question id 'kst-35741-F' is also the id of a data item; rename it"),
        ("addressed_to: staatssecretaris-bzk-van-huffelen", "addressed_to: staatssecretaris",
         "unknown bewindspersoon 'staatssecretaris' (did you mean 'staatssecretaris-bzk-van-huffelen'?)"),
        ("responds_to: kst-35741-F", "responds_to: kst-35741-E",
         "unknown document 'kst-35741-E' (did you mean 'kst-35741-G'?)"),
        ("  - fractie: PvdD", "  - fraktie: PvdD", "unknown field 'fraktie' in fractie (did you mean 'fractie'?)"),
    ],
    ids=["duplicate-question", "question-shadows-data", "bewindspersoon", "responds-to", "fractie-field"],
)
def test_overleg_data_errors_are_located(project, overleg, old, new, expected):
    text = OVERLEG.replace(old, new, 1)
    overleg.write_text(text, encoding="utf-8")
    line = OVERLEG[: OVERLEG.index(old)].count("\n") + 1
    errors = error_for(project)
    assert any(e.startswith(f"data/overleggen/so-test.yaml:{line}:") and e.endswith(expected) for e in errors), errors


def test_seed_001_reply_rebuilt_from_the_overleg(built, project):
    """The example: 34 questions of four fracties, each in italics and answered, as in Kamerstuk 35 741, G."""
    path = built["so-per-racisme-ek"]
    document = docx.Document(path)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    opening = next(text for _, text in paragraphs if text.startswith("Met deze brief"))
    assert opening == (
        "Met deze brief beantwoord ik de vragen die op 3 april jl. (kenmerk 174898.14U) zijn gesteld door de leden "
        "van de fracties van GroenLinks-PvdA, D66, PvdD en JA21 naar aanleiding van mijn brief van 9 februari 2024 "
        "over de uitkomsten van de Personeelsenquête Rijk (PER) over racisme op de werkvloer en de verkenning ten "
        "aanzien van minder vrijblijvende maatregelen bij de aanpak van discriminatie en racisme."
    )
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [
        "Vragen en opmerkingen van de leden van de fractie van GroenLinks-PvdA",
        "Vragen en opmerkingen van de leden van de fractie van D66",
        "Vragen en opmerkingen van de leden van de fractie van de PvdD",
        "Vragen en opmerkingen van de leden van de fractie van JA21",
    ]
    questions = [i for i, (style, _) in enumerate(paragraphs) if style == "Question"]
    assert len(questions) == 34 + 2 + 1  # the questions, two fractie intros, the committee's closing
    for i in questions[:-1]:  # every run of questions ends in an answer
        following = next(style for style, _ in paragraphs[i + 1 :] if style != "Question")
        assert following in ("Body Text", "First Paragraph", "Compact"), paragraphs[i]
    ja21 = paragraphs.index(("Heading 1", headings[3]))
    assert paragraphs[ja21 + 1][1].startswith("De onderstaande vragen van de fractie van JA21")
    assert paragraphs[questions[-1]][1].startswith("De vaste commissie voor Binnenlandse Zaken ziet met belangstelling")
    assert paragraphs[questions[-1] + 1][1].startswith("Ik dank u voor de gestelde vragen.")
    column = [p.text for p in document.sections[0].first_page_header.paragraphs]
    assert column[column.index("Uw kenmerk") + 1] == "174898.14U"
    assert any(
        "verwijs ik u naar mijn eerdere antwoord op de tweede vraag van de leden van de fractie van D66 aangaande" in text
        for _, text in paragraphs
    )
    notes = footnotes(path)
    assert "Kamerstukken II 2022/23, 31 490, nr. 327." in notes
    assert notes.count("Kamerstukken II 2022/23, 30 950, nr. 325.") == 2


def test_question_text_cannot_break_out_of_its_paragraph(project, overleg):
    hostile = ":::"  # a bare fence would close the div that styles the question
    overleg.write_text(OVERLEG.replace("Tweede alinea?", hostile), encoding="utf-8")
    document = docx.Document(built_reply(project))
    body = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Question", hostile) in body
    assert body[body.index(("Question", hostile)) + 1] == ("Body Text", "Gezamenlijk antwoord.")


# --- a Tweede Kamer verslag: fracties as the TK names them, a single member, the committee's frame ---

TK_OVERLEG = """\
# A verslag of a schriftelijk overleg of the Tweede Kamer, for tests.
id: tk-so-test
kamer: TK
committee: vaste commissie voor Binnenlandse Zaken
date: 2024-05-30
kenmerk: 2024Z09876
addressed_to: minister-bzk-uitermark
subject: discriminatie op de werkvloer
vastgesteld: 2024-05-30
voorzitter: Tielen
griffier: Kruithof
griffier_title: adjunct-griffier
fracties:
  - fractie: VVD
    questions:
      - id: VVD-1
        text: Hoe staat het met de klachtencommissie?
      - id: VVD-2
        text: Wanneer volgt de evaluatie?
  - member: Omtzigt
    fractie: NSC
    questions:
      - id: Omtzigt-1
        text: Waarom duurt het zo lang?
      - id: Omtzigt-2
        text: Wie is verantwoordelijk?
"""

TK_REPLY = """
type: so-beantwoording
overleg: tk-so-test
date: 2024-06-20
kenmerk: 2024-0000000003
betreft: Beantwoording vragen schriftelijk overleg discriminatie
addressee: TK
signatories: [minister-bzk-uitermark]
status: concept
"""

TK_ANSWERS = """\
# VVD-1

Antwoord aan de VVD; zie ook mijn antwoord op @Omtzigt-2.

# VVD-2

De evaluatie volgt na de zomer.

# Omtzigt

Vooraf aan het lid Omtzigt.

# Omtzigt-1, Omtzigt-2

Zie mijn antwoord op @VVD-2.
"""


@pytest.fixture
def tk_overleg(project):
    directory = project.data_dir / "overleggen"
    directory.mkdir(exist_ok=True)
    path = directory / "tk-so-test.yaml"
    path.write_text(TK_OVERLEG, encoding="utf-8")
    return path


def reply_paragraphs(path) -> list[tuple[str, str]]:
    """The letter's body from its first paragraph after the salutation up to the closing."""
    body = [(p.style.name, p.text) for p in docx.Document(path).paragraphs]
    start = next(i for i, (_, text) in enumerate(body) if text == "Geachte voorzitter,") + 1
    end = next(i for i, (style, _) in enumerate(body) if style == "Closing")
    return body[start:end]


def test_tk_verslag_with_a_fractie_and_a_single_member(project, tk_overleg):
    path = built_reply(project, TK_ANSWERS, TK_REPLY)
    assert reply_paragraphs(path) == [
        ("First Paragraph",
         "Met deze brief beantwoord ik de vragen die op 30 mei jl. (kenmerk 2024Z09876) zijn gesteld door de leden "
         "van de VVD-fractie en het lid Omtzigt (NSC) over discriminatie op de werkvloer."),
        ("Question", "Vastgesteld 30 mei 2024"),
        ("Question", "De voorzitter van de commissie, Tielen"),
        ("Question", "De adjunct-griffier van de commissie, Kruithof"),
        ("Heading 1", "Vragen en opmerkingen van de leden van de VVD-fractie"),
        ("Question", "Hoe staat het met de klachtencommissie?"),
        ("Body Text", "Antwoord aan de VVD; zie ook mijn antwoord op de tweede vraag van het lid Omtzigt."),
        ("Question", "Wanneer volgt de evaluatie?"),
        ("Body Text", "De evaluatie volgt na de zomer."),
        ("Heading 1", "Vragen en opmerkingen van het lid Omtzigt"),
        ("First Paragraph", "Vooraf aan het lid Omtzigt."),
        ("Question", "Waarom duurt het zo lang?"),
        ("Question", "Wie is verantwoordelijk?"),
        ("Body Text", "Zie mijn antwoord op de tweede vraag van de leden van de VVD-fractie."),
    ]
    document = docx.Document(path)
    assert [p.text for p in document.paragraphs][1] == "De Voorzitter van de Tweede Kamer"
    frame = [p for p in document.paragraphs if p.text.startswith(("Vastgesteld", "De voorzitter", "De adjunct"))]
    assert len(frame) == 3 and all(run.italic or p.style.font.italic for p in frame for run in p.runs)
    links = part(path, "word/document.xml").iter(f"{W}hyperlink")
    anchors = {h.get(f"{W}anchor"): "".join(t.text for t in h.iter(f"{W}t")) for h in links if h.get(f"{W}anchor")}
    assert anchors == {
        "vraag-Omtzigt-2": "de tweede vraag van het lid Omtzigt",
        "vraag-VVD-2": "de tweede vraag van de leden van de VVD-fractie",
    }


def test_frame_lines_are_printed_only_as_far_as_the_data_gives_them(project, tk_overleg):
    text = TK_OVERLEG.replace("vastgesteld: 2024-05-30\n", "").replace("griffier_title: adjunct-griffier\n", "")
    tk_overleg.write_text(text.replace("voorzitter: Tielen\n", ""), encoding="utf-8")
    paragraphs = reply_paragraphs(built_reply(project, TK_ANSWERS, TK_REPLY))
    assert paragraphs[1:3] == [
        ("Question", "De griffier van de commissie, Kruithof"),
        ("Heading 1", "Vragen en opmerkingen van de leden van de VVD-fractie"),
    ]


def test_the_opening_sentence_can_be_left_out(project, tk_overleg):
    answers = "Uw commissie stelde mij vragen over discriminatie.\n\n" + TK_ANSWERS
    paragraphs = reply_paragraphs(built_reply(project, answers, TK_REPLY + "opening: false\n"))
    assert paragraphs[:2] == [
        ("First Paragraph", "Uw commissie stelde mij vragen over discriminatie."),
        ("Question", "Vastgesteld 30 mei 2024"),
    ]
    assert not any(text.startswith("Met deze brief") for _, text in paragraphs)


def test_ek_wording_with_a_member_and_several_tk_fracties_in_the_opening(project, overleg, tk_overleg):
    # An EK member among fracties; the EK names a fractie "de fractie van de PvdD".
    overleg.write_text(OVERLEG + "  - member: Nicolaï\n    questions:\n      - id: N-1\n        text: Waarom?\n", encoding="utf-8")
    paragraphs = reply_paragraphs(built_reply(project, ANSWERS + "\n# N-1\n\nDaarom.\n"))
    assert paragraphs[0][1].startswith(
        "Met deze brief beantwoord ik de vragen die op 3 april jl. (kenmerk 174898.14U) zijn gesteld door de leden "
        "van de fracties van GroenLinks-PvdA en PvdD en het lid Nicolaï naar aanleiding van"
    )
    assert ("Heading 1", "Vragen en opmerkingen van het lid Nicolaï") in paragraphs
    # Two TK fracties: "de fracties van VVD en D66"; the D66 heading in the TK's words.
    tk_overleg.write_text(
        TK_OVERLEG.replace("  - member: Omtzigt\n    fractie: NSC\n", "  - fractie: D66\n").replace("Omtzigt-", "D66-"),
        encoding="utf-8",
    )
    answers = TK_ANSWERS.replace("Omtzigt", "D66").replace("het lid D66", "de D66-fractie")
    paragraphs = reply_paragraphs(built_reply(project, answers, TK_REPLY))
    assert "zijn gesteld door de leden van de fracties van VVD en D66 over" in paragraphs[0][1]
    assert ("Heading 1", "Vragen en opmerkingen van de leden van de D66-fractie") in paragraphs
    assert ("First Paragraph", "Vooraf aan de D66-fractie.") in paragraphs  # the '# D66' preface
    assert ("Body Text", "Antwoord aan de VVD; zie ook mijn antwoord op de tweede vraag van de leden van de D66-fractie.") in paragraphs


def test_unanswered_question_of_a_member_is_located(project, tk_overleg):
    errors = error_for(project, TK_ANSWERS.replace("# Omtzigt-1, Omtzigt-2", "# Omtzigt-1"), TK_REPLY)
    line = line_of(tk_overleg, "id: Omtzigt-2")
    assert errors == [
        "briefs/antwoord.md:3:10: error: question 'Omtzigt-2' of the member Omtzigt has no answer "
        f"(asked at data/overleggen/tk-so-test.yaml:{line}:13); add a '# Omtzigt-2' section"
    ]


def check_strings(project, names=None) -> list[str]:
    return [str(d) for d in check(project, names)]


@pytest.mark.parametrize(
    "old, new, at, expected",
    [
        ("  - member: Omtzigt\n    fractie: NSC\n", "  - intro: Het lid heeft vragen.\n", "5:intro:",
         "error: questions of a schriftelijk overleg are asked by a fractie or a member: write 'fractie: …' or "
         "'member: …' [fractie-or-member]"),
        ("    fractie: NSC\n", "    article: de\n", "14:article:",
         "error: 'article' is for a fractie's name (\"de fractie van de PvdD\"); member 'Omtzigt' is named "
         "\"het lid Omtzigt\": remove it [fractie-or-member]"),
        ("griffier: Kruithof\n", "", "17:griffier_title:",
         "error: 'griffier_title' without 'griffier' in schriftelijk overleg 'tk-so-test': name the griffier "
         "[missing-field]"),
    ],
    ids=["neither-fractie-nor-member", "member-with-article", "griffier-title-alone"],
)
def test_tk_overleg_data_errors_are_located_with_their_code(project, tk_overleg, old, new, at, expected):
    """``at``: the column and the key whose line the error names, in the edited file."""
    column, key = at.split(":", 1)
    assert old in TK_OVERLEG
    tk_overleg.write_text(TK_OVERLEG.replace(old, new, 1), encoding="utf-8")
    line = line_of(tk_overleg, key)
    write_brief(project, "antwoord", TK_REPLY, TK_ANSWERS)
    assert check_strings(project, ["antwoord"]) == [f"data/overleggen/tk-so-test.yaml:{line}:{column}: {expected}"]


def without_questions(case: str) -> str:
    head = TK_OVERLEG[: TK_OVERLEG.index("fracties:")]
    if case == "no-fracties":
        return head + "fracties: []\n"
    return head + "fracties:\n  - fractie: VVD\n    questions: []\n  - member: Omtzigt\n    questions: []\n"


@pytest.mark.parametrize("case", ["no-fracties", "fracties-without-questions"])
def test_an_overleg_without_questions_is_a_located_error_in_check_and_build(project, tk_overleg, case):
    tk_overleg.write_text(without_questions(case), encoding="utf-8")
    head = TK_OVERLEG[: TK_OVERLEG.index("fracties:")].count("\n")
    if case == "no-fracties":
        expected = [
            f"data/overleggen/tk-so-test.yaml:{head + 1}:11: error: schriftelijk overleg 'tk-so-test' has no fracties "
            "and so no questions [empty-overleg]"
        ]
    else:
        expected = [
            f"data/overleggen/tk-so-test.yaml:{head + 3}:16: error: fractie 'VVD' has no questions [no-questions]",
            f"data/overleggen/tk-so-test.yaml:{head + 5}:16: error: member 'Omtzigt' has no questions [no-questions]",
        ]
    write_brief(project, "antwoord", TK_REPLY, "Dank voor de vragen.\n")
    assert check_strings(project, ["antwoord"]) == expected
    result = build(project, ["antwoord"])
    assert [str(d) for d in result.diagnostics] == expected and result.written == ()
    checked, built_ = run_cli("check", "antwoord", cwd=project.root), run_cli("build", "antwoord", cwd=project.root)
    for done, status in ((checked, 1), (built_, 2)):
        assert done.returncode == status and "Traceback" not in done.stderr
        assert [line for line in done.stderr.splitlines() if ": error: " in line] == expected
    assert not (project.out_dir / "antwoord.docx").exists()
