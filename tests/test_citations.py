"""The citation syntax: what is a citation, what is not, and how data is escaped."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build, check
from builder.body import find_citations

from .conftest import MINIMAL_FRONT_MATTER, W, footnotes, part, texts_of, write_brief


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
    marker = "      Rijksbrede klachtencommissie"
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
        ("@ah-tk-20242025-1205:short", "'@ah-tk-20242025-1205:short' needs a commitment, a motion, a regulation, a ruling "
         "or an EU act; 'ah-tk-20242025-1205' is of kind aanhangsel"),
        ("@ah-tk-20242025-1205:text", "'@ah-tk-20242025-1205:text' needs a title; document 'ah-tk-20242025-1205' has none"),
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


# --- regulations, rulings, EU acts and web pages (issue 18) ---

SOURCES = """
  - id: stb-2021-499
    kind: staatsblad
    year: 2021
    number: 499
    title: Wet open overheid
    citeertitel: true

  - id: stb-2013-465
    kind: staatsblad
    year: 2013
    number: 465
    date: 2013-11-11
    title: Besluit
    subject: houdende milieukwaliteitseisen

  - id: stcrt-2010-13134
    kind: staatscourant
    year: 2010
    number: 13134
    date: 2010-08-17
    title: Min. reg.

  - id: hr-urgenda
    kind: rechtspraak
    court: HR
    date: 2019-12-20
    ecli: ECLI:NL:HR:2019:2006

  - id: avg
    kind: eu
    year: 2016
    oj: L 119
    title: Verordening (EU) 2016/679 van het Europees Parlement en de Raad van 27 april 2016 betreffende de bescherming van natuurlijke personen in verband met de verwerking van persoonsgegevens en betreffende het vrije verkeer van die gegevens en tot intrekking van Richtlijn 95/46/EG (algemene verordening gegevensbescherming)

  - id: web-rechtspraak
    kind: web
    title: Uitspraken zoeken
    publisher: de Rechtspraak
    url: https://uitspraken.rechtspraak.nl
    consulted: 2025-03-03
"""

AVG = (
    "Verordening (EU) 2016/679 van het Europees Parlement en de Raad van 27 april 2016 betreffende de bescherming"
    " van natuurlijke personen in verband met de verwerking van persoonsgegevens en betreffende het vrije verkeer"
    " van die gegevens en tot intrekking van Richtlijn 95/46/EG (algemene verordening gegevensbescherming)"
)
CITED = ["stb-2021-499", "stb-2013-465", "stcrt-2010-13134", "hr-urgenda", "avg", "web-rechtspraak"]
BOTH = {
    "hr-urgenda": "HR 20 december 2019, ECLI:NL:HR:2019:2006",
    "web-rechtspraak": "Uitspraken zoeken, de Rechtspraak, https://uitspraken.rechtspraak.nl, geraadpleegd op 3 maart 2025",
}
FORMS = {
    "leidraad": {
        "stb-2021-499": "Wet open overheid",
        "stb-2013-465": "Besluit van 11 november 2013, houdende milieukwaliteitseisen (Stb. 2013, 465)",
        "stcrt-2010-13134": "Min. reg. van 17 augustus 2010 (Stcrt. 2010, 13134)",
        "avg": f"{AVG} (PbEU 2016, L 119)",
        **BOTH,
    },
    "kamer": {
        "stb-2021-499": "Wet open overheid (Stb. 2021, 499)",
        "stb-2013-465": "Besluit van 11 november 2013, houdende milieukwaliteitseisen (Stb. 2013, 465)",
        "stcrt-2010-13134": "Min. reg. van 17 augustus 2010 (Stcrt. 2010, 13134)",
        "avg": f"{AVG} (PbEU 2016, L 119)",
        **BOTH,
    },
}


@pytest.fixture
def sources(project):
    with (project.data_dir / "documents.yaml").open("a", encoding="utf-8") as documents:
        documents.write(SOURCES)
    return project


def italic_in_footnotes(path) -> list[str]:
    """The italic runs of the footnotes, in order."""
    root = part(path, "word/footnotes.xml")
    return [
        texts_of(run) for run in root.iter(f"{W}r")
        if run.find(f"{W}rPr/{W}i") is not None and texts_of(run).strip()
    ]


@pytest.mark.parametrize("style", ["leidraad", "kamer"])
def test_each_new_kind_in_a_footnote_and_in_running_text(sources, style):
    notes = "".join(f"[@{key}]" for key in CITED)
    inline = "; ".join(f"(@{key})" for key in CITED)
    write_brief(sources, "citeert", MINIMAL_FRONT_MATTER + f"citation_style: {style}\n", f"Zie {inline}.{notes}\n")
    result = build(sources, ["citeert"])
    assert result.diagnostics == ()
    forms = FORMS[style]
    assert footnotes(result.written[0]) == [f"{forms[key]}." for key in CITED]
    text = next(p.text for p in docx.Document(result.written[0]).paragraphs if p.text.startswith("Zie"))
    assert text == "Zie " + "; ".join(f"({forms[key]})" for key in CITED) + "."
    # The Leidraad sets the journals' abbreviations in italics; the Kamer's style does not.
    expected = ["Stb.", "Stcrt.", "PbEU"] if style == "leidraad" else []
    assert italic_in_footnotes(result.written[0]) == expected
    body = docx.Document(result.written[0]).paragraphs
    italic_body = [r.text for p in body if p.text.startswith("Zie") for r in p.runs if r.italic]
    assert italic_body == expected


def test_short_and_text_name_a_regulation_a_ruling_and_an_eu_act(sources):
    body = (
        "Zie @stb-2021-499:short, @stb-2013-465:short, @stcrt-2010-13134:text, @hr-urgenda:short, "
        "@avg:short en @kst-30950-433:text.\n"
    )
    _, text = built_with(sources, body, "leidraad")
    assert text == (
        "Zie Wet open overheid, Besluit van 11 november 2013, houdende milieukwaliteitseisen, Min. reg., "
        "HR 20 december 2019, Verordening (EU) 2016/679 en Integriteitsstelsel en aanpak discriminatie en racisme "
        "binnen de Rijksoverheid."
    )


@pytest.mark.parametrize(
    "body, message",
    [
        ("@hr-urgenda:text", "'@hr-urgenda:text' needs a title; document 'hr-urgenda' has none"),
        ("@web-rechtspraak:short", "'@web-rechtspraak:short' needs a commitment, a motion, a regulation, a ruling or an EU "
         "act; 'web-rechtspraak' is of kind web"),
    ],
)
def test_a_form_a_kind_has_not_is_located(sources, body, message):
    write_brief(sources, "citeert", MINIMAL_FRONT_MATTER, f"Zie {body}.\n")
    assert [str(d) for d in check(sources, ["citeert"])] == [f"briefs/citeert.md:10:5: error: {message} [not-citable]"]


def source_with(project, entry: str, old: str, new: str) -> int:
    """Append one SOURCES entry with ``old`` replaced; the line of its '- id:'."""
    start = SOURCES.index(f"  - id: {entry}\n")
    end = SOURCES.find("\n\n", start)
    block = SOURCES[start:end if end > 0 else None].rstrip("\n") + "\n"
    assert old in block, old
    path = project.data_dir / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + block.replace(old, new, 1), encoding="utf-8")
    write_brief(project, "citeert", MINIMAL_FRONT_MATTER, f"Zie @{entry}.\n")
    return text.count("\n") + 2


@pytest.mark.parametrize(
    "entry, drop, message",
    [
        ("stb-2021-499", "    year: 2021\n", "missing field 'year' in document 'stb-2021-499': a regulation is found by the "
         "year and number of its issue (Stb. 2011, 35)"),
        ("stb-2021-499", "    number: 499\n", "missing field 'number' in document 'stb-2021-499': a regulation is found by "
         "the year and number of its issue (Stb. 2011, 35)"),
        ("stb-2021-499", "    title: Wet open overheid\n", "missing field 'title' in document 'stb-2021-499': a regulation "
         "with a citeertitel is cited by that title (Wet open overheid)"),
        ("stb-2013-465", "    date: 2013-11-11\n", "missing field 'date' in document 'stb-2013-465': a regulation without a "
         "citeertitel is cited by its date (Besluit van 11 november 2013)"),
        ("stcrt-2010-13134", "    number: 13134\n", "missing field 'number' in document 'stcrt-2010-13134': a regulation is "
         "found by the year and number of its issue (Stcrt. 2011, 35)"),
        ("stcrt-2010-13134", "    title: Min. reg.\n", "missing field 'title' in document 'stcrt-2010-13134': a regulation "
         "without a citeertitel is named as its intitulé opens (Besluit, Regeling van de Minister van …)"),
        ("hr-urgenda", "    court: HR\n", "missing field 'court' in document 'hr-urgenda': a ruling is cited by its court "
         "as the Leidraad abbreviates it (HR, ABRvS, Rb. Den Haag)"),
        ("hr-urgenda", "    date: 2019-12-20\n", "missing field 'date' in document 'hr-urgenda': a ruling is cited by the "
         "date it was given (HR 20 december 2019)"),
        ("hr-urgenda", "    ecli: ECLI:NL:HR:2019:2006\n", "missing field 'ecli' in document 'hr-urgenda': a ruling is "
         "cited by its ECLI (ECLI:NL:HR:2019:2006)"),
        ("avg", "    year: 2016\n", "missing field 'year' in document 'avg': an EU act is found by the year and issue of "
         "the Publicatieblad (PbEU 2016, L 119)"),
        ("avg", "    oj: L 119\n", "missing field 'oj' in document 'avg': an EU act is found by the issue of the "
         "Publicatieblad: L or C and its number (L 119)"),
        ("web-rechtspraak", "    url: https://uitspraken.rechtspraak.nl\n", "missing field 'url' in document "
         "'web-rechtspraak': a web source is cited by its address"),
    ],
    ids=[
        "stb-year", "stb-number", "stb-citeertitel", "stb-date", "stcrt-number", "stcrt-title", "ruling-court",
        "ruling-date", "ruling-ecli", "eu-year", "eu-oj", "web-url",
    ],
)
def test_a_new_kind_lacking_a_field_is_located(project, entry, drop, message):
    line = source_with(project, entry, drop, "")
    assert [str(d) for d in check(project, ["citeert"])] == [
        f"data/documents.yaml:{line}:5: error: {message} [document-fields]"
    ]


@pytest.mark.parametrize(
    "entry, old, new, where, message",
    [
        ("hr-urgenda", "ECLI:NL:HR:2019:2006", "NL:HR:2019:2006", (5, 11), "bad ECLI 'NL:HR:2019:2006' of ruling "
         "'hr-urgenda': write ECLI:<country>:<court>:<year>:<number>, as in ECLI:NL:HR:2019:2006 [ecli]"),
        ("hr-urgenda", "ECLI:NL:HR:2019:2006", "ECLI:NL:HR:2019-2006", (5, 11), "bad ECLI 'ECLI:NL:HR:2019-2006' of "
         "ruling 'hr-urgenda': write ECLI:<country>:<court>:<year>:<number>, as in ECLI:NL:HR:2019:2006 [ecli]"),
        ("hr-urgenda", "ECLI:NL:HR:2019:2006", "ECLI:NL:HR:2018:2006", (5, 11), "ECLI 'ECLI:NL:HR:2018:2006' of ruling "
         "'hr-urgenda' is of 2018, but the ruling's date 2019-12-20 is of 2019 [ecli]"),
        ("avg", "oj: L 119", "oj: 119", (4, 9), "bad Publicatieblad issue '119' of EU act 'avg': write the series L or C "
         "and the number, as in 'L 119' or 'L 328/82' (with the page) [pbeu]"),
        ("avg", "title: Verordening (EU) 2016/679 van", "title: De verordening van", (5, 12), "the title of EU act 'avg' "
         "names no act number: write it as the Publicatieblad does, 'Verordening (EU) 2016/679 van …' or "
         "'Richtlijn 2006/123/EG van …' [document-fields]"),
    ],
    ids=["ecli-prefix", "ecli-separator", "ecli-year", "oj", "eu-title"],
)
def test_a_malformed_ecli_or_eu_reference_is_located(project, entry, old, new, where, message):
    line = source_with(project, entry, old, new)
    assert [str(d) for d in check(project, ["citeert"])] == [f"data/documents.yaml:{line + where[0] - 1}:{where[1]}: error: {message}"]


def test_an_unknown_kind_keeps_its_did_you_mean(project):
    line = source_with(project, "hr-urgenda", "kind: rechtspraak", "kind: rechtsprak")
    [problem] = [str(d) for d in check(project, ["citeert"]) if "rechtsprak" in str(d)]
    assert problem.startswith(f"data/documents.yaml:{line + 1}:11: error: ")
    assert "(did you mean 'rechtspraak'?)" in problem and problem.endswith("[choice]")


@pytest.mark.parametrize(
    "style, written",
    [("kamer", "(Kamerstuk 28 844, nr. 237)"), ("leidraad", "(Kamerstukken II 2021/22, 28 844, nr. 237)")],
)
def test_running_text_prints_the_brackets_the_writer_sets(project, style, written):
    """The Kamer's letters put a reference in running text between brackets: the writer writes them,
    so they are never doubled, and a bare @id is the bare reference (after "Zie", in a footnote)."""
    body = "Zie het verslag (@kst-28844-237) en @kst-28844-237.^[Zie @kst-28844-237.]\n"
    write_brief(project, "citeert", MINIMAL_FRONT_MATTER + f"citation_style: {style}\n", body)
    result = build(project, ["citeert"])
    assert result.diagnostics == ()
    text = next(p.text for p in docx.Document(result.written[0]).paragraphs if p.text.startswith("Zie"))
    assert text == f"Zie het verslag {written} en {written[1:-1]}."
    assert footnotes(result.written[0]) == [f"Zie {written[1:-1]}."]
