"""Reviewers' remarks in the source: Word comments in a concept build, none in a verzonden one."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from builder.pipeline import build, check
from builder.remarks import find_remarks, remarks_markdown

from .conftest import EXAMPLES, MINIMAL_FRONT_MATTER, REPO, W, footnotes, part, texts_of, write_brief

CONCEPT = MINIMAL_FRONT_MATTER.replace("status: verzonden", "status: concept")
REMARK = '[€ 10 miljoen per jaar]{.opmerking auteur="P. de Vries" tekst="Klopt dit bedrag?" datum="2026-11-30"}'
BODY = f"Het budget is {REMARK} en meer.\n"


def built_docx(project, name: str, front_matter: str, body: str):
    write_brief(project, name, front_matter, body)
    result = build(project, [name])
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (path,) = result.written
    return path


def comments(path) -> list[tuple[str, str, str | None, str]]:
    """(id, author, date, text) of each comment in word/comments.xml."""
    with zipfile.ZipFile(path) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
    root = part(path, "word/comments.xml")
    return [(c.get(f"{W}id"), c.get(f"{W}author"), c.get(f"{W}date"), texts_of(c)) for c in root.iter(f"{W}comment")]


def anchored(path, part_name: str = "word/document.xml") -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    root = part(path, part_name)
    open_ranges: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for element in root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
        if element.tag == f"{W}commentRangeStart":
            open_ranges[element.get(f"{W}id")] = []
        elif element.tag == f"{W}commentRangeEnd":
            found[element.get(f"{W}id")] = "".join(open_ranges.pop(element.get(f"{W}id")))
        else:
            for pieces in open_ranges.values():
                pieces.append(element.text or "")
    return found


def all_text(path) -> str:
    """Every XML part of the archive, as text: where a leaked remark would stand."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels")))


# --- a concept build ---------------------------------------------------------------------------


def test_a_concept_build_makes_each_remark_a_word_comment_on_its_anchored_text(project):
    path = built_docx(project, "x", CONCEPT, BODY)
    assert comments(path) == [("1", "P. de Vries", "2026-11-30T00:00:00Z", "Klopt dit bedrag?")]
    assert anchored(path) == {"1": "€ 10 miljoen per jaar"}
    document = part(path, "word/document.xml")
    assert len(list(document.iter(f"{W}commentReference"))) == 1
    body_text = texts_of(document)
    assert "Het budget is € 10 miljoen per jaar en meer." in body_text
    assert "opmerking" not in all_text(path) and "Klopt dit" not in body_text


def test_remarks_in_a_list_item_a_heading_and_a_footnote_are_comments_too(project):
    body = (
        "# Kern [van de zaak]{.opmerking auteur=\"A. Bakker\" tekst=\"Kop te lang\"}\n\n"
        "- een [lijstje]{.opmerking auteur=\"B. Smit\" tekst=\"Is dit volledig?\"} hier\n"
        "- tweede\n\n"
        "Tekst.^[Een [noot]{.opmerking auteur=\"C. Jong\" tekst=\"Bron?\"} erbij.]\n"
    )
    path = built_docx(project, "x", CONCEPT, body)
    assert [(author, text) for _, author, _, text in comments(path)] == [
        ("A. Bakker", "Kop te lang"), ("B. Smit", "Is dit volledig?"), ("C. Jong", "Bron?"),
    ]
    assert anchored(path) == {"1": "van de zaak", "2": "lijstje"}
    assert anchored(path, "word/footnotes.xml") == {"3": "noot"}
    assert footnotes(path) == ["Een noot erbij."]


def test_nested_remarks_and_a_remark_at_a_point(project):
    body = (
        '[Een [lange]{.opmerking auteur="A" tekst="binnen"} zin]{.opmerking auteur="B" tekst="buiten"}'
        ' en hier[]{.opmerking auteur="C" tekst="punt"}.\n'
    )
    path = built_docx(project, "x", CONCEPT, body)
    by_text = {text: number for number, _, _, text in comments(path)}
    ranges = anchored(path)
    assert ranges[by_text["buiten"]] == "Een lange zin"
    assert ranges[by_text["binnen"]] == "lange"
    assert ranges[by_text["punt"]] == ""
    assert "Een lange zin en hier." in texts_of(part(path, "word/document.xml"))


def test_a_remark_is_data_its_markup_characters_and_quotes_are_printed_as_written(project):
    body = '[bedrag]{.opmerking auteur="J. \\\\ K." tekst="Is *dit* [echt] <b>goed</b> & 100% `zo`?"}.\n'
    path = built_docx(project, "x", CONCEPT, body)
    ((_, author, date, text),) = comments(path)
    assert (author, date, text) == ("J. \\\\ K.", None, "Is *dit* [echt] <b>goed</b> & 100% `zo`?")


def test_a_citation_written_in_a_remark_is_its_text_not_a_citation(project):
    body = '[bedrag]{.opmerking auteur="P. de Vries" tekst="Zie [@kst-30950-433] en @geen-bestaand-id"}.\n'
    write_brief(project, "x", CONCEPT, body)
    assert [d for d in check(project, ["x"]) if d.location.path == "briefs/x.md"] == []
    path = built_docx(project, "x", CONCEPT, body)
    ((_, _, _, text),) = comments(path)
    assert text == "Zie [@kst-30950-433] en @geen-bestaand-id"
    assert footnotes(path) == []  # no footnote was made of it


def test_word_would_open_a_concept_with_comments_cleanly(project):
    body = f"{BODY}\n- een [lijstje]{{.opmerking auteur=\"B\" tekst=\"lijst\"}}\n\nTekst.^[[noot]{{.opmerking auteur=\"C\" tekst=\"v\"}}]\n"
    path = built_docx(project, "x", CONCEPT, body)
    assert len(comments(path)) == 3
    result = subprocess.run(
        [sys.executable, "-c", "from openxml_audit.cli import main; main()",
         "-f", "office2019", "-m", "0", "-o", "json", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    (report,) = json.loads(result.stdout)
    assert report["errors"] == [] and report["valid"], report


def test_a_heading_named_elsewhere_is_named_without_its_remark(project):
    body = (
        "# Kern [van de zaak]{.opmerking auteur=\"A\" tekst=\"Kop?\"} {#sec-kern}\n\n"
        "Zie @sec-kern.\n"
    )
    path = built_docx(project, "x", CONCEPT, body)
    assert "Zie paragraaf \u201cKern van de zaak\u201d." in texts_of(part(path, "word/document.xml"))


# --- a verzonden build -------------------------------------------------------------------------


def test_a_verzonden_build_keeps_the_anchored_text_and_carries_no_comment(project):
    body = BODY + "\n- een [lijstje]{.opmerking auteur=\"B. Smit\" tekst=\"Volledig?\"} hier\n\nTekst.^[[noot]{.opmerking auteur=\"C\" tekst=\"Bron?\"}]\n"
    path = built_docx(project, "x", MINIMAL_FRONT_MATTER, body)
    assert comments(path) == []
    xml = all_text(path)
    for leaked in ("commentRangeStart", "commentReference", "P. de Vries", "Klopt dit", "Smit", "Volledig", "Bron?", "opmerking"):
        assert leaked not in xml
    assert "Het budget is € 10 miljoen per jaar en meer." in texts_of(part(path, "word/document.xml"))
    assert footnotes(path) == ["noot"]


def test_check_warns_of_a_remark_left_in_a_verzonden_letter_at_its_span(project):
    write_brief(project, "x", MINIMAL_FRONT_MATTER, "Eerste regel.\n\n" + BODY)
    problems = [p for p in check(project, ["x"]) if p.code == "open-comment"]
    assert [(p.location.path, p.location.line, p.location.col, p.severity) for p in problems] == [
        ("briefs/x.md", 12, 15, "warning")
    ]
    assert "P. de Vries" in problems[0].message and "Klopt dit bedrag?" in problems[0].message


def test_check_says_nothing_of_a_remark_in_a_concept(project):
    write_brief(project, "x", CONCEPT, BODY)
    assert [p.code for p in check(project, ["x"])] == []


# --- ill-formed remarks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ('[tekst]{.opmerking tekst="Klopt dit?"}', 'a remark without its reviewer: add auteur="naam" to the span'),
        ('[tekst]{.opmerking auteur=""  tekst="Klopt dit?"}', "a remark without its reviewer"),
        ('[tekst]{.opmerking auteur="P. de Vries"}', "a remark without its text"),
        ('[tekst]{.opmerking auteur="P" tekst="t" datum="30-11-2026"}', "datum='30-11-2026' is not a date YYYY-MM-DD"),
        ('[tekst]{.opmerking auteur="P" tekst="t" datum="2026-02-30"}', "is not a date"),
        ('[tekst]{.opmerkng auteur="P" tekst="t"}', "class '.opmerkng' (did you mean 'opmerking'?)"),
        ('[tekst]{auteur="P" tekst="t"}', "but no class"),
    ],
)
def test_an_ill_formed_remark_is_a_located_error_and_nothing_is_built(project, span, expected):
    write_brief(project, "x", CONCEPT, f"Eerste regel.\n\nHet is {span}.\n")
    problems = check(project, ["x"])
    assert [(p.code, p.severity, p.location.line, p.location.col) for p in problems] == [("remark", "error", 12, 8)]
    assert expected in problems[0].message
    assert build(project, ["x"]).written == ()


# --- the transformation itself -----------------------------------------------------------------


def test_the_markdown_of_a_remark_as_comment_and_dropped():
    assert remarks_markdown(BODY, as_comments=True) == (
        'Het budget is [Klopt dit bedrag?]{.comment-start id="1" author="P. de Vries" date="2026-11-30T00:00:00Z"}'
        '[€ 10 miljoen per jaar]{}[]{.comment-end id="1"} en meer.\n'
    )
    assert remarks_markdown(BODY, as_comments=False) == "Het budget is [€ 10 miljoen per jaar]{} en meer.\n"


def test_an_ill_formed_remark_never_reaches_pandoc_as_a_comment_nor_its_markup():
    text = '[a]{.opmerking tekst="geheim"} en `[b]{.opmerking auteur="X" tekst="code"}`\n'
    assert remarks_markdown(text, as_comments=True) == '[a]{} en `[b]{.opmerking auteur="X" tekst="code"}`\n'


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_briefs_hold_no_remark_and_their_markdown_is_unchanged(name):
    text = (REPO / "briefs" / f"{name}.md").read_text(encoding="utf-8")
    assert find_remarks(text, name, 1) == ([], [])
    assert remarks_markdown(text, as_comments=True) == text


def test_check_on_the_readme_example_prints_what_the_readme_says(project):
    from .conftest import run_cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Review comments in the source") :]
    body = section.split("```markdown\n")[2].split("```")[0]
    output = section.split("```\n$ brief check opm\n")[1].split("```")[0]
    write_brief(project, "opm", MINIMAL_FRONT_MATTER, body)
    done = run_cli("check", "opm", cwd=project.root)
    assert done.stdout + done.stderr == output
