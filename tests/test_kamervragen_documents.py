"""Answering Kamervragen: the answer document, its aanbiedingsbrief and the Mededeling, built and read back."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest

from builder.doctypes import doctype_of
from builder.kamervragen import clocks
from builder.model import Bewindspersoon
from builder.pipeline import build, check, load_briefs, load_repository
from builder.render.kamervragen import answerer

from .conftest import W, footnotes, part, run_cli, write_brief
from .test_bad_input import line_of

SUBJECT = "overbodige functies, adviesorganen en doublures bij de Rijksoverheid"

SET = f"""\
id: 2024Z21910
kamer: TK
indieners:
  - member: Erkens
    fractie: VVD
aan: [minister-bzk-uitermark]
ingezonden: 2024-12-20
subject: {SUBJECT}
vragen:
  - number: 1
    text: Deelt u de mening dat *dit* te veel is?[^1]
    footnotes:
      - NOS, 19 december 2024.
  - number: 2
    text: Kunt u aangeven hoeveel adviesorganen er zijn?
  - number: 3
    text: |-
      Eerste alinea van vraag 3.
      Welke doublures ziet u?
  - number: 4
    text: Wanneer informeert u de Kamer?
"""

ANTWOORD = """
type: kamervragen-antwoord
kamervragen: 2024Z21910
date: 2025-02-04
kenmerk: 2025-0000012345
signatories: [minister-bzk-uitermark]
status: verzonden
"""

ANSWERS = """\
# 1

Nee. Zie ook @vraag-2.

# 2 en 3

Er zijn er twaalf.

# 4

Voor de zomer.
"""

UITSTEL = """
type: kamervragen-uitstel
kamervragen: 2024Z21910
date: 2025-01-09
kenmerk: 2025-0000000456
signatories: [minister-bzk-uitermark]
status: verzonden
reason: Voor de beantwoording is afstemming met andere departementen nodig.
"""

ASKED = (
    f"Vragen van het lid Erkens (VVD) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over {SUBJECT}"
    " (ingezonden 20 december 2024)."
)
NOT_ON_TIME = (
    f"De vragen van het lid Erkens (VVD) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over {SUBJECT}"
    " (ingezonden 20 december 2024) kunnen tot mijn spijt niet binnen de gebruikelijke termijn worden beantwoord."
)


@pytest.fixture
def kamervragen(project):
    directory = project.data_dir / "kamervragen"
    directory.mkdir(exist_ok=True)
    path = directory / "2024Z21910.yaml"
    path.write_text(SET, encoding="utf-8")
    return path


def built(project, name="antwoord", front_matter=ANTWOORD, body=ANSWERS):
    write_brief(project, name, front_matter, body)
    result = build(project, [name])
    assert result.ok, [str(d) for d in result.diagnostics]
    return {path.name: path for path in result.written}


def body_of(path):
    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs if p.text]


def test_answer_document_prints_number_sentences_and_each_question_before_its_answer(project, kamervragen):
    outputs = built(project)
    assert body_of(outputs["antwoord.docx"]) == [
        ("Kamervragen Number", "2024Z21910"),
        ("Body Text", ASKED),
        ("Body Text", "Antwoord van Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen 4 februari 2025)."),
        ("Kamervraag Label", "Vraag 1"),
        ("Kamervraag Text", "Deelt u de mening dat *dit* te veel is?"),  # data is text, never Markdown
        ("Kamervraag Label", "Antwoord 1"),
        ("Body Text", "Nee. Zie ook het antwoord op vraag 2."),
        ("Kamervraag Label", "Vraag 2"),
        ("Kamervraag Text", "Kunt u aangeven hoeveel adviesorganen er zijn?"),
        ("Kamervraag Label", "Vraag 3"),
        ("Kamervraag Text", "Eerste alinea van vraag 3."),
        ("Kamervraag Text", "Welke doublures ziet u?"),
        ("Kamervraag Label", "Antwoord 2 en 3"),
        ("Body Text", "Er zijn er twaalf."),
        ("Kamervraag Label", "Vraag 4"),
        ("Kamervraag Text", "Wanneer informeert u de Kamer?"),
        ("Kamervraag Label", "Antwoord 4"),
        ("Body Text", "Voor de zomer."),
    ]


def test_answer_document_has_no_salutation_closing_or_signature_but_the_house_furniture(project, kamervragen):
    document = docx.Document(built(project)["antwoord.docx"])
    styles = {p.style.name for p in document.paragraphs}
    assert not styles & {"Salutation", "Closing", "Signature", "Addressee"}
    texts = " ".join(p.text for p in document.paragraphs)
    assert "Geachte" not in texts and "Hoogachtend" not in texts
    column = [p.text for p in document.sections[0].first_page_header.paragraphs if p.text]
    assert column[-4:] == ["Kenmerk", "2025-0000012345", "Uw kenmerk", "2024Z21910"]
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Pagina ") and " van " in footer
    properties = document.core_properties
    assert properties.title == f"Antwoorden Kamervragen over {SUBJECT}"
    assert (properties.subject, properties.identifier) == ("Antwoord op Kamervragen", "2025-0000012345")


def test_labels_and_question_text_keep_with_the_next_paragraph(project, kamervragen):
    path = built(project)["antwoord.docx"]
    styles = part(path, "word/styles.xml")
    for style_id in ("KamervraagLabel", "KamervraagText"):
        (style,) = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id]
        assert style.find(f"{W}pPr/{W}keepNext") is not None, style_id
    document = docx.Document(path)
    labels = [p for p in document.paragraphs if re.fullmatch(r"(Vraag|Antwoord) [0-9 en]+", p.text)]
    assert len(labels) == 7
    assert all(p.style.paragraph_format.keep_with_next for p in labels)
    assert document.styles["Kamervraag Label"].font.bold
    # The answer's own text does not keep with the next question: the chain ends there.
    assert not document.styles["Body Text"].paragraph_format.keep_with_next


def test_a_questions_footnote_is_a_real_footnote(project, kamervragen):
    path = built(project)["antwoord.docx"]
    assert footnotes(path) == ["NOS, 19 december 2024."]
    question = next(p for p in part(path, "word/document.xml").iter(f"{W}p") if "Deelt u de mening" in "".join(p.itertext()))
    assert question.find(f".//{W}footnoteReference") is not None


def test_a_reference_to_an_answer_links_to_its_label(project, kamervragen):
    document = part(built(project)["antwoord.docx"], "word/document.xml")
    (link,) = [h for h in document.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert link.get(f"{W}anchor") == "antwoord-2"
    assert "".join(t.text for t in link.iter(f"{W}t")) == "het antwoord op vraag 2"
    marked = {
        b.get(f"{W}name"): "".join(b.getparent().itertext())
        for b in document.iter(f"{W}bookmarkStart") if b.get(f"{W}name", "").startswith("antwoord-")
    }
    assert marked == {
        "antwoord-1": "Antwoord 1", "antwoord-2": "Antwoord 2 en 3", "antwoord-3": "Antwoord 2 en 3", "antwoord-4": "Antwoord 4",
    }


def test_several_members_and_bewindspersonen_and_a_concept(project, kamervragen):
    kamervragen.write_text(
        SET.replace("    fractie: VVD\n", "    fractie: VVD\n  - member: Van Baarle\n    fractie: DENK\n")
        .replace("aan: [minister-bzk-uitermark]", "aan: [minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"),
        encoding="utf-8",
    )
    front_matter = ANTWOORD.replace("[minister-bzk-uitermark]", "[minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]")
    outputs = built(project, front_matter=front_matter.replace("verzonden", "concept"))
    body = [text for _, text in body_of(outputs["antwoord.docx"])]
    assert body[1:3] == [
        "Vragen van de leden Erkens (VVD) en Van Baarle (DENK) aan de Minister en Staatssecretaris van"
        f" Binnenlandse Zaken en Koninkrijksrelaties over {SUBJECT} (ingezonden 20 december 2024).",
        # Not sent: nothing is received yet.
        "Antwoord van Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties), mede namens de"
        " Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties.",
    ]
    letter = [text for _, text in body_of(outputs["antwoord-aanbiedingsbrief.docx"])]
    assert (
        "Hierbij zenden wij u de antwoorden op de vragen van de leden Erkens (VVD) en Van Baarle (DENK) over"
        f" {SUBJECT} (ingezonden 20 december 2024)."
    ) in letter


@pytest.mark.parametrize(
    "role, name, expected",
    [
        ("De Minister van Binnenlandse Zaken en Koninkrijksrelaties", "J.J.M. Uitermark",
         "Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties)"),
        ("De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties", "Alexandra C. van Huffelen",
         "Staatssecretaris Van Huffelen (Binnenlandse Zaken en Koninkrijksrelaties)"),
        ("De Minister voor Volkshuisvesting en Ruimtelijke Ordening", "M.C.G. Keijzer",
         "Minister Keijzer (Volkshuisvesting en Ruimtelijke Ordening)"),
        ("De Minister-President, Minister van Algemene Zaken", "Dick Schoof", "Minister-President Schoof (Algemene Zaken)"),
        ("De Staatssecretaris van Financiën", "Folkert Idsinga", "Staatssecretaris Idsinga (Financiën)"),
        ("De Minister van Sociale Zaken en Werkgelegenheid", "Eddy van Hijum", "Minister Van Hijum (Sociale Zaken en Werkgelegenheid)"),
    ],
)
def test_who_answered_is_named_as_the_aanhangsel_does(role, name, expected):
    assert answerer(Bewindspersoon(id="x", role=role, name=name)) == expected


def test_aanbiedingsbrief_is_a_kamerbrief_that_sends_the_answers(project, kamervragen):
    write_brief(project, "antwoord", ANTWOORD, ANSWERS)
    done = run_cli("build", "antwoord", cwd=project.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["wrote out/antwoord.docx", "wrote out/antwoord-aanbiedingsbrief.docx"]
    document = docx.Document(project.out_dir / "antwoord-aanbiedingsbrief.docx")
    body = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert body[1:] == [
        ("Addressee", "De Voorzitter van de Tweede Kamer"),
        ("Addressee", "der Staten-Generaal"),
        ("Addressee", "Postbus 20018"),
        ("Addressee", "2500 EA  DEN HAAG"),
        ("Letter Meta", "Datum\t4 februari 2025"),
        ("Letter Meta", f"Betreft\tAntwoorden Kamervragen over {SUBJECT}"),
        ("Salutation", "Geachte voorzitter,"),
        ("First Paragraph",
         f"Hierbij zend ik u de antwoorden op de vragen van het lid Erkens (VVD) over {SUBJECT} (ingezonden 20 december 2024)."),
        ("Closing", "Hoogachtend,"),
        ("Signature", "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,"),
        ("Signature", "J.J.M. Uitermark"),
    ]
    column = [p.text for p in document.sections[0].first_page_header.paragraphs if p.text]
    assert column[-6:] == ["Kenmerk", "2025-0000012345", "Uw kenmerk", "2024Z21910", "Bijlage(n)", "1"]
    # Both documents are one build's outputs: up to date together, and stale when one is gone.
    again = run_cli("build", "antwoord", cwd=project.root)
    assert again.stdout.splitlines() == ["up to date: 1 brief(s) (nothing they are built from changed)"]
    (project.out_dir / "antwoord-aanbiedingsbrief.docx").unlink()
    rebuilt = run_cli("build", "antwoord", cwd=project.root)
    assert rebuilt.stdout.splitlines() == ["wrote out/antwoord.docx", "wrote out/antwoord-aanbiedingsbrief.docx"]


def test_aanbiedingsbrief_can_be_turned_off_or_given_its_own_betreft(project, kamervragen):
    outputs = built(project, front_matter=ANTWOORD + "aanbiedingsbrief: false\n")
    assert sorted(outputs) == ["antwoord.docx"]
    assert not (project.out_dir / "antwoord-aanbiedingsbrief.docx").exists()
    outputs = built(project, name="met-betreft", front_matter=ANTWOORD + "betreft: Antwoorden op vragen over doublures\n")
    letter = docx.Document(outputs["met-betreft-aanbiedingsbrief.docx"])
    assert "Betreft\tAntwoorden op vragen over doublures" in [p.text for p in letter.paragraphs]


def test_a_brief_and_its_aanbiedingsbrief_are_written_all_or_none(project, kamervragen):
    project.out_dir.mkdir()
    (project.out_dir / "antwoord-aanbiedingsbrief.docx").mkdir()
    write_brief(project, "antwoord", ANTWOORD, ANSWERS)
    result = build(project, ["antwoord"])
    assert result.written == ()
    assert [str(d) for d in result.diagnostics] == [
        "out/antwoord-aanbiedingsbrief.docx:1:1: error: cannot write the document: Is a directory [write]"
    ]
    assert not (project.out_dir / "antwoord.docx").exists()
    assert [p.name for p in project.out_dir.iterdir()] == ["antwoord-aanbiedingsbrief.docx"]  # no temporaries left


def test_text_before_the_first_answer_is_printed_before_the_first_question(project, kamervragen):
    outputs = built(project, body="Vooraf: de vragen 2 en 3 hangen samen.\n\n" + ANSWERS)
    body = [text for _, text in body_of(outputs["antwoord.docx"])]
    assert body[3:5] == ["Vooraf: de vragen 2 en 3 hangen samen.", "Vraag 1"]


def test_mededeling_says_why_and_when_in_a_letter_to_the_voorzitter(project, kamervragen):
    outputs = built(project, "uitstel", UITSTEL + "expected: voor 14 februari 2025\n", "Mijn excuses voor het ongemak.\n")
    assert sorted(outputs) == ["uitstel.docx"]
    document = docx.Document(outputs["uitstel.docx"])
    body = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert body[5:] == [
        ("Letter Meta", "Datum\t9 januari 2025"),
        ("Letter Meta", f"Betreft\tUitstel beantwoording vragen van het lid Erkens (VVD) over {SUBJECT}"),
        ("Salutation", "Geachte voorzitter,"),
        ("First Paragraph",
         f"{NOT_ON_TIME} Voor de beantwoording is afstemming met andere departementen nodig."
         " Ik verwacht de vragen voor 14 februari 2025 te beantwoorden."),
        ("Body Text", "Mijn excuses voor het ongemak."),
        ("Closing", "Hoogachtend,"),
        ("Signature", "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,"),
        ("Signature", "J.J.M. Uitermark"),
    ]
    column = [p.text for p in document.sections[0].first_page_header.paragraphs if p.text]
    assert column[-6:] == ["Kenmerk", "2025-0000000456", "Uw kenmerk", "2024Z21910", "Bijlage(n)", "0"]


def test_mededeling_without_an_expected_date_promises_three_weeks(project, kamervragen):
    front_matter = UITSTEL.replace("nodig.", "nodig *nu*")  # a reason from the writer is text too, and gets its full stop
    outputs = built(project, "uitstel", front_matter, "")
    (text,) = [p.text for p in docx.Document(outputs["uitstel.docx"]).paragraphs if p.style.name == "First Paragraph"]
    assert text == (
        f"{NOT_ON_TIME} Voor de beantwoording is afstemming met andere departementen nodig *nu*."
        " Ik streef ernaar de vragen zo spoedig mogelijk, doch uiterlijk binnen drie weken, te beantwoorden."
    )


def test_a_mededeling_of_two_bewindspersonen_speaks_for_both(project, kamervragen):
    kamervragen.write_text(
        SET.replace("aan: [minister-bzk-uitermark]", "aan: [minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"),
        encoding="utf-8",
    )
    front_matter = UITSTEL.replace("[minister-bzk-uitermark]", "[minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]")
    outputs = built(project, "uitstel", front_matter, "")
    (text,) = [p.text for p in docx.Document(outputs["uitstel.docx"]).paragraphs if p.style.name == "First Paragraph"]
    assert text == (
        f"De vragen van het lid Erkens (VVD) aan de Minister en Staatssecretaris van Binnenlandse Zaken en"
        f" Koninkrijksrelaties over {SUBJECT} (ingezonden 20 december 2024) kunnen tot onze spijt niet binnen de"
        " gebruikelijke termijn worden beantwoord. Voor de beantwoording is afstemming met andere departementen nodig."
        " Wij streven ernaar de vragen zo spoedig mogelijk, doch uiterlijk binnen drie weken, te beantwoorden."
    )


def test_the_answer_and_the_mededeling_move_the_sets_clock(project, kamervragen):
    write_brief(project, "uitstel", UITSTEL, "")
    write_brief(project, "antwoord", ANTWOORD, ANSWERS)
    repository, _ = load_repository(project)
    briefs, _ = load_briefs(project, ["uitstel", "antwoord"])
    assert [doctype_of(brief).kamervragen_step(brief.meta) for brief in briefs] == [
        ("postpones", "2024Z21910"), ("answers", "2024Z21910"),
    ]
    clock = clocks(repository, briefs, dt.date(2025, 3, 1))["2024Z21910"]
    assert (clock.status, clock.deadline, clock.answer.brief) == ("beantwoord", dt.date(2025, 1, 31), "antwoord")


# --- located errors ------------------------------------------------------------------------------


def errors(project, name, front_matter, body):
    write_brief(project, name, front_matter, body)
    return [(str(d.location), d.code) for d in check(project, [name])]


@pytest.mark.parametrize(
    "body, expected",
    [
        (ANSWERS.replace("# 4\n\nVoor de zomer.\n", ""), [("briefs/a.md:3:14", "unanswered-question")]),
        (ANSWERS + "\n# 5\n\nTe veel.\n", [("briefs/a.md:21:1", "unknown-question")]),
        (ANSWERS + "\n# Tot slot\n\nDank.\n", [("briefs/a.md:21:1", "unknown-question")]),
        (ANSWERS + "\n# 3, 4\n\nNog eens.\n", [("briefs/a.md:21:1", "answered-twice"), ("briefs/a.md:21:1", "answered-twice")]),
        (ANSWERS.replace("Voor de zomer.", ""), [("briefs/a.md:17:1", "empty-answer")]),
        (ANSWERS.replace("# 2 en 3", "# 2").replace("# 1\n", "# 1, 3\n"), [("briefs/a.md:9:1", "answer-group")]),
        (ANSWERS.replace("@vraag-2", "@vraag-9"), [("briefs/a.md:11:14", "unknown-id")]),
        (ANSWERS.replace("@vraag-2", "[@vraag-2]"), [("briefs/a.md:11:14", "not-citable")]),
    ],
    ids=["unanswered", "unknown-number", "not-numbers", "twice", "empty", "apart", "unknown-reference", "footnote-reference"],
)
def test_answer_errors_are_located(project, kamervragen, body, expected):
    assert errors(project, "a", ANTWOORD, body) == expected


def test_an_answer_to_questions_apart_says_how_to_write_it(project, kamervragen):
    write_brief(project, "a", ANTWOORD, ANSWERS.replace("# 2 en 3", "# 2").replace("# 1\n", "# 1, 3\n"))
    assert [str(d) for d in check(project, ["a"])] == [
        "briefs/a.md:9:1: error: '# 1, 3' answers questions that do not follow each other (1 and 3):"
        " answer 3 under its own heading and refer back, e.g. 'Zie @vraag-1.' [answer-group]"
    ]


def test_messages_say_what_the_set_has(project, kamervragen):
    write_brief(project, "a", ANTWOORD, ANSWERS.replace("# 4\n\nVoor de zomer.", "# 5\n\nTe veel.").replace("@vraag-2", "@vraag-9"))
    line = line_of(kamervragen, "text: Wanneer")
    assert [str(d) for d in check(project, ["a"])] == [
        f"briefs/a.md:3:14: error: question 4 of Kamervragen 2024Z21910 has no answer (asked at data/kamervragen/2024Z21910.yaml:{line}:11);"
        " add a '# 4' section [unanswered-question]",
        "briefs/a.md:11:14: error: unknown id 'vraag-9' (did you mean 'vraag-4'?) [unknown-id]",
        "briefs/a.md:17:1: error: question 5 is not in Kamervragen 2024Z21910: the set has questions 1–4 [unknown-question]",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("kamervragen: 2024Z21910", "kamervragen: 2024Z21901",
         "briefs/a.md:3:14: error: unknown set of Kamervragen '2024Z21901' (did you mean '2024Z21910'?) [unknown-id]"),
        # (in the answer, @vraag-2 then names nothing either: that is reported too)
        ("[minister-bzk-uitermark]", "[minister-bzk-uitermark, minister-bzk-plasterk]",
         "briefs/a.md:6:14: error: 'minister-bzk-plasterk' was not asked: Kamervragen 2024Z21910 were put to"
         " 'minister-bzk-uitermark' [not-asked]"),
        ("[minister-bzk-uitermark]", "[]", "briefs/a.md:6:14: error: the answer needs a signatory: the bewindspersoon who answers [signatory]"),
    ],
    ids=["unknown-set", "not-asked", "no-signatory"],
)
@pytest.mark.parametrize("front_matter, body", [(ANTWOORD, ANSWERS), (UITSTEL, "")], ids=["antwoord", "uitstel"])
def test_front_matter_errors_are_located(project, kamervragen, front_matter, body, old, new, expected):
    write_brief(project, "a", front_matter.replace(old, new), body)
    found = [str(d) for d in check(project, ["a"])]
    # Plasterk's term as minister ended in 2017: signing in 2025 is a true warning of its own.
    terms = [f for f in found if f.endswith("[appointment-dates]")]
    assert len(terms) == ("plasterk" in new)
    found = [f for f in found if f not in terms]
    assert found[0] == expected
    assert found[1:] == (["briefs/a.md:11:14: error: unknown id 'vraag-2' [unknown-id]"] if "2024Z21901" in new and body else [])


def test_mededeling_needs_a_reason(project, kamervragen):
    assert errors(project, "a", UITSTEL.replace("reason: Voor de beantwoording is afstemming met andere departementen nodig.\n", ""), "") == [
        ("briefs/a.md:2:1", "missing-field")
    ]
    assert errors(project, "a", UITSTEL.replace("Voor de beantwoording is afstemming met andere departementen nodig.", '" "'), "") == [
        ("briefs/a.md:8:9", "missing-field")
    ]


def test_cli_check_exits_1_and_build_2_writing_nothing(project, kamervragen):
    write_brief(project, "a", ANTWOORD, ANSWERS + "\n# 4\n\nNog eens.\n")
    checked = run_cli("check", "a", cwd=project.root)
    assert checked.returncode == 1
    assert "briefs/a.md:21:1: error: question 4 is answered twice (first on line 17) [answered-twice]" in checked.stdout + checked.stderr
    built_ = run_cli("build", "a", cwd=project.root)
    assert built_.returncode == 2 and "Traceback" not in built_.stderr
    assert not (project.out_dir / "a.docx").exists() and not (project.out_dir / "a-aanbiedingsbrief.docx").exists()
