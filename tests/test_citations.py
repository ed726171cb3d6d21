"""The citation syntax: what is a citation, what is not, and how data is escaped."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build
from builder.body import find_citations

from .conftest import MINIMAL_FRONT_MATTER, footnotes, write_brief


def keys(text: str) -> list[tuple[str, list[str]]]:
    citations, problems = find_citations(text, "b.md", 1)
    assert problems == []
    return [(c.form, [p.key for p in c.parts]) for c in citations]


def test_forms_of_citation():
    assert keys("Zie [@a] en [Zie @b, p. 3; @c] en @d en @e:text.") == [
        ("note", ["a"]),
        ("note", ["b", "c"]),
        ("inline", ["d"]),
        ("text", ["e"]),
    ]


def test_things_that_are_not_citations():
    text = (
        "Mail info@example.org, a [link](https://social.example/@x), <https://x.nl/@y>, `code @y`, \\@z, "
        "<!-- @hidden -->\n\n```\n[@fenced]\n```\n"
    )
    assert keys(text) == []


def test_trailing_punctuation_is_not_part_of_an_id():
    assert keys("Zie @kst-30950-433.") == [("inline", ["kst-30950-433"])]


def test_positions_are_file_lines_and_columns():
    citations, _ = find_citations("regel een\nen twee [@x]\n", "briefs/a.md", 10)
    assert str(citations[0].location) == "briefs/a.md:11:9"


def test_a_field_the_syntax_lacks_is_located_rather_than_printed():
    citations, problems = find_citations("Over @per-racisme-a:inline en @b:shrot, om 12:30 en @c: klaar.\n", "b.md", 1)
    assert [str(p) for p in problems] == [
        "b.md:1:20: error: unknown citation field ':inline' of @per-racisme-a; write @per-racisme-a for its name,"
        " or :text or :short [citation-field]",
        "b.md:1:33: error: unknown citation field ':shrot' of @b (did you mean 'short'?); write @b for its name,"
        " or :text or :short [citation-field]",
    ]
    assert [c.parts[0].key for c in citations] == ["per-racisme-a", "b", "c"]


def test_a_footnote_cannot_hold_a_footnote():
    _, problems = find_citations("Tekst.^[Noot met [@x].]\n", "b.md", 1)
    assert [str(p) for p in problems] == [
        "b.md:1:18: error: a citation in a footnote cannot make another footnote; write @id instead [nested-citation]"
    ]


def test_several_sources_share_one_footnote_in_leidraad_style(project):
    write_brief(project, "notes", MINIMAL_FRONT_MATTER, "Tekst.[@kst-30950-433; @kst-35741-F, p. 2] Meer.[@h-tk-20212022-73]\n")
    result = build(project, ["notes"])
    assert result.diagnostics == ()
    assert footnotes(result.written[0]) == [
        "Kamerstukken II 2024/25, 30 950, nr. 433; Kamerstukken I 2023/24, 35 741, F, p. 2.",
        "Handelingen II 2021/22, nr. 73.",
    ]


def test_data_text_is_escaped_not_interpreted(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "      De rijksbrede klachtencommissie"
    path.write_text(text.replace(marker, "      *Geen* [link](http://x) <b>html</b> $x$ #kop " + marker.strip(), 1), encoding="utf-8")
    write_brief(project, "escaped", MINIMAL_FRONT_MATTER, "Tekst: @per-racisme-a:text\n\n{{ commitments['per-racisme-a'].text }}\n")
    result = build(project, ["escaped"])
    assert result.diagnostics == ()
    paragraphs = [p for p in docx.Document(result.written[0]).paragraphs if "Geen" in p.text]
    assert len(paragraphs) == 2
    for paragraph in paragraphs:
        assert "*Geen* [link](http://x) <b>html</b> $x$ #kop" in paragraph.text
        assert not any(run.italic for run in paragraph.runs)


def test_motion_without_number_cannot_be_footnoted(project):
    write_brief(project, "motie", MINIMAL_FRONT_MATTER, "Tekst.[@motie-bamenga]\n")
    result = build(project, ["motie"])
    assert [str(d) for d in result.diagnostics] == [
        "briefs/motie.md:10:7: error: motion 'motie-bamenga' has no Kamerstuk number to cite; add 'number' in the data [not-citable]"
    ]


def test_citations_back_to_back_are_a_footnote_each():
    assert keys("Zie [@a][@b; @c] en [@d] [@e].") == [
        ("note", ["a"]), ("note", ["b", "c"]), ("note", ["d"]), ("note", ["e"]),
    ]


def test_reference_links_stay_as_they_are():
    """'[tekst][label]' is a reference link to pandoc: its brackets are no footnote."""
    assert keys("[tekst][@b] en [@a][label] en [@a][@b](https://x.nl) en [@a][]") == [
        ("inline", ["b"]), ("inline", ["a"]), ("inline", ["a"]), ("inline", ["b"]), ("inline", ["a"]),
    ]


@pytest.mark.parametrize(
    "cited, notes",
    [
        ("[@kst-30950-433][@kst-35741-F]", ["Kamerstukken II 2024/25, 30 950, nr. 433.", "Kamerstukken I 2023/24, 35 741, F."]),
        ("[@kst-30950-433] [@kst-35741-F]", ["Kamerstukken II 2024/25, 30 950, nr. 433.", "Kamerstukken I 2023/24, 35 741, F."]),
        ("[@kst-30950-433][@kst-30950-433]", ["Kamerstukken II 2024/25, 30 950, nr. 433."] * 2),
    ],
    ids=["adjacent", "with-a-space", "the-same-twice"],
)
def test_two_bracketed_citations_make_two_footnotes_in_the_document(project, cited, notes):
    write_brief(project, "noten", MINIMAL_FRONT_MATTER, f"Tekst.{cited} Meer.\n")
    result = build(project, ["noten"])
    assert result.diagnostics == ()
    assert footnotes(result.written[0]) == notes
    body = " ".join(p.text for p in docx.Document(result.written[0]).paragraphs)
    assert "[" not in body and "Kamerstuk" not in body
