"""The citation syntax: what is a citation, what is not, and how data is escaped."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build, check
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


# --- the Aanhangsel van de Handelingen, and a set of Kamervragen by its number ---

AANHANGSELS = """
  - id: ah-tk-20242025-1205
    kind: aanhangsel
    kamer: II
    vergaderjaar: 2024/25
    number: 1205

  - id: ah-ek-20142015-12
    kind: aanhangsel
    kamer: I
    vergaderjaar: 2014/15
    number: 12
"""

KAMERVRAGEN = """\
id: 2024Z21910
kamer: TK
indieners:
  - member: Erkens
    fractie: VVD
aan: [minister-bzk-uitermark]
ingezonden: 2024-12-20
subject: overbodige functies, adviesorganen en doublures bij de Rijksoverheid
vragen:
  - number: 1
    text: Deelt u de mening dat het aantal functies omlaag kan?
"""

ERKENS = "Vragen van het lid Erkens (VVD) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over overbodige functies, adviesorganen en doublures bij de Rijksoverheid"


@pytest.fixture
def cited_data(project):
    with (project.data_dir / "documents.yaml").open("a", encoding="utf-8") as documents:
        documents.write(AANHANGSELS)
    project.kamervragen_dir.mkdir(exist_ok=True)
    (project.kamervragen_dir / "2024Z21910.yaml").write_text(KAMERVRAGEN, encoding="utf-8")
    return project


def built_with(project, body: str, style: str):
    write_brief(project, "citeert", MINIMAL_FRONT_MATTER + f"citation_style: {style}\n", body)
    result = build(project, ["citeert"])
    assert result.diagnostics == ()
    paragraphs = [p.text for p in docx.Document(result.written[0]).paragraphs]
    return footnotes(result.written[0]), next(p for p in paragraphs if p.startswith("Zie"))


@pytest.mark.parametrize(
    "style, tk, ek",
    [
        ("leidraad", "Aanhangsel Handelingen II 2024/25, nr. 1205", "Aanhangsel Handelingen I 2014/15, nr. 12"),
        ("kamer", "Aanhangsel Handelingen, vergaderjaar 2024\u20132025, nr. 1205",
         "Aanhangsel Handelingen I, vergaderjaar 2014\u20132015, nr. 12"),
    ],
)
def test_an_aanhangsel_in_a_footnote_and_in_running_text(cited_data, style, tk, ek):
    notes, text = built_with(cited_data, "Zie @ah-tk-20242025-1205 en verder.[@ah-tk-20242025-1205; @ah-ek-20142015-12]\n", style)
    assert notes == [f"{tk}; {ek}."]
    assert text == f"Zie {tk} en verder."


@pytest.mark.parametrize(
    "style, note",
    [
        ("leidraad", f"{ERKENS} (ingezonden 20 december 2024), 2024Z21910."),
        ("kamer", f"{ERKENS} (2024Z21910, ingezonden 20 december 2024)."),
    ],
)
def test_a_set_of_kamervragen_by_its_number_in_every_form(cited_data, style, note):
    body = "Zie @2024Z21910; kort: @2024Z21910:short; over: @2024Z21910:text.[@2024Z21910]\n"
    notes, text = built_with(cited_data, body, style)
    assert notes == [note]
    assert text == (
        "Zie de vragen van het lid Erkens (VVD) over overbodige functies, adviesorganen en doublures bij de "
        "Rijksoverheid (2024Z21910); kort: de vragen van het lid Erkens (VVD); over: overbodige functies, "
        "adviesorganen en doublures bij de Rijksoverheid."
    )


def test_several_indieners_and_bewindspersonen_in_the_footnote(cited_data):
    path = cited_data.kamervragen_dir / "2024Z21910.yaml"
    text = KAMERVRAGEN.replace("    fractie: VVD\n", "    fractie: VVD\n  - member: Van Baarle\n    fractie: DENK\n")
    path.write_text(text.replace("aan: [minister-bzk-uitermark]", "aan: [minister-bzk-uitermark, staatssecretaris-bzk-van-huffelen]"), encoding="utf-8")
    notes, _ = built_with(cited_data, "Zie tekst.[@2024Z21910]\n", "leidraad")
    assert notes == [
        "Vragen van de leden Erkens (VVD) en Van Baarle (DENK) aan de Minister en Staatssecretaris van Binnenlandse "
        "Zaken en Koninkrijksrelaties over overbodige functies, adviesorganen en doublures bij de Rijksoverheid "
        "(ingezonden 20 december 2024), 2024Z21910."
    ]


def test_check_counts_both_as_cited_and_hints_at_a_mistyped_number(cited_data):
    write_brief(cited_data, "citeert", MINIMAL_FRONT_MATTER, "Zie @2024Z21910 en @ah-ek-20142015-12.[@ah-tk-20242025-1205]\n")
    findings = check(cited_data)
    assert not [d for d in findings if d.severity == "error" or d.code == "unused-document"], findings
    write_brief(cited_data, "citeert", MINIMAL_FRONT_MATTER, "Zie @2024Z21901.\n")
    assert [str(d) for d in check(cited_data, ["citeert"])] == [
        "briefs/citeert.md:10:5: error: unknown id '2024Z21901' (did you mean '2024Z21910'?) [unknown-id]"
    ]


@pytest.mark.parametrize(
    "body, message",
    [
        ("@ah-tk-20242025-1205:short", "'@ah-tk-20242025-1205:short' needs a commitment or motion; 'ah-tk-20242025-1205' is a document"),
        ("@ah-tk-20242025-1205:text", "'@ah-tk-20242025-1205:text' needs a commitment or motion; 'ah-tk-20242025-1205' is a document"),
    ],
)
def test_an_aanhangsel_has_no_short_name_or_text(cited_data, body, message):
    write_brief(cited_data, "citeert", MINIMAL_FRONT_MATTER, f"Zie {body}.\n")
    assert [str(d) for d in check(cited_data, ["citeert"])] == [f"briefs/citeert.md:10:5: error: {message} [not-citable]"]


@pytest.mark.parametrize(
    "drop, message",
    [
        ("    kamer: II\n", "missing field 'kamer' in document 'ah-tk-20242025-1205': an Aanhangsel is of the Handelingen "
         "of the Eerste (I) or Tweede (II) Kamer"),
        ("    vergaderjaar: 2024/25\n", "missing field 'vergaderjaar' in document 'ah-tk-20242025-1205': the Aanhangsel is "
         "numbered per vergaderjaar (2024/25)"),
        ("    number: 1205\n", "missing field 'number' in document 'ah-tk-20242025-1205': an Aanhangsel is cited by its "
         "number (nr. 1205)"),
    ],
    ids=["kamer", "vergaderjaar", "number"],
)
def test_an_aanhangsel_lacking_a_field_is_located(project, drop, message):
    path = project.data_dir / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + AANHANGSELS.replace(drop, "", 1), encoding="utf-8")
    line = text.count("\n") + 2  # the entry's '- id:' line, after the blank line
    write_brief(project, "citeert", MINIMAL_FRONT_MATTER, "Zie @ah-tk-20242025-1205.\n")
    assert [str(d) for d in check(project, ["citeert"])] == [f"data/documents.yaml:{line}:5: error: {message} [document-fields]"]
