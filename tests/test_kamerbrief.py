"""Build the example Kamerbrieven and read the DOCX back: text, footnotes, fields, furniture."""

from __future__ import annotations

import docx
import pytest

from builder.pipeline import build
from builder.render import markdown
from builder.render.furniture import MAX_PROPERTY_LENGTH, property_text

from .conftest import MINIMAL_FRONT_MATTER, W, footnotes, part, parts_named, texts_of, write_brief


def test_seed_004_letter_body_and_footnotes(built):
    path = built["sociale-veiligheid-rijksoverheid"]
    document = docx.Document(path)
    body = [p.text for p in document.paragraphs]
    assert body[0] == "> Retouradres Postbus 20011 2500 EA  Den Haag"
    assert body[1:5] == ["De Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"]
    assert "Datum\t27 juni 2022" in body
    assert "Betreft\tSociale veiligheid en veilig werken binnen de Rijksoverheid" in body
    assert body[body.index("Geachte voorzitter,") + 1].startswith(
        "Tijdens het commissiedebat integriteit in het openbaar bestuur in uw Kamer op 10 maart jl. "
        "(Kamerstuk 28 844, nr. 237) heb ik toegezegd"
    )
    assert "(Handelingen II 2021/22, nr. 73, Tweeminutendebat over Integriteit openbaar bestuur)" in "\n".join(body)
    notes = footnotes(path)
    assert len(notes) == 14  # as many as the published letter
    assert notes[0] == "Kamerstuk 30 950, nr. 280."
    assert notes[1].startswith("Hier wordt verwezen naar de masterclass «The power of psychological safety»")
    assert notes[2].startswith("Zie de Personeelsenquête Rijk (PER), https://www.rijksoverheid.nl/documenten/rapporten/")
    assert notes[6] == "https://www.bureauncdr.nl."
    assert notes[12] == "Dit programma heette eerder: «Loyale tegenspraak». Zie https://loyaletegenspraak.nl/."


def test_headings_and_styles_come_from_the_house_style(built):
    document = docx.Document(built["sociale-veiligheid-rijksoverheid"])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. Sociale veiligheid binnen de Rijksoverheid", "2. Veilig werken en weerbaarheidsscan"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.size.pt == 9
    styles = part(built["sociale-veiligheid-rijksoverheid"], "word/styles.xml")
    default_fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default_fonts.get(f"{W}ascii") == "DejaVu Sans"
    assert not [f for f in styles.iter(f"{W}rFonts") if f.get(f"{W}asciiTheme")]  # no theme (Aptos) fonts left


def test_footer_has_page_and_numpages_fields(built):
    path = built["sociale-veiligheid-rijksoverheid"]
    for name in parts_named(path, "word/footer"):
        footer = part(path, name)
        instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert texts_of(footer).startswith("Pagina 1 van 1")  # cached results; Word recalculates


def test_sender_column_on_first_page_and_short_column_after(built):
    document = docx.Document(built["sociale-veiligheid-rijksoverheid"])
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first = [p.text for p in section.first_page_header.paragraphs]
    assert first[0] == "Ministerie van Binnenlandse Zaken en\nKoninkrijksrelaties"
    assert first[1] == "Directoraat-Generaal Digitalisering en Overheidsorganisatie"
    for label, value in (("Kenmerk", "2022-0000312345"), ("Bijlage(n)", "1")):
        assert first[first.index(label) + 1] == value
    assert "Turfmarkt 147" in first and "Postbus 20011" in first
    later = [p.text for p in section.header.paragraphs]
    assert later[later.index("Datum") + 1] == "27 juni 2022"
    assert later[later.index("Kenmerk") + 1] == "2022-0000312345"
    frames = [p._p.pPr.find(f"{W}framePr") for p in section.first_page_header.paragraphs if p.text]
    assert all(f is not None and f.get(f"{W}hAnchor") == "page" for f in frames)


def test_signature_block(built):
    document = docx.Document(built["sociale-veiligheid-rijksoverheid"])
    tail = [(p.style.name, p.text) for p in document.paragraphs[-3:]]
    assert tail == [
        ("Closing", "Hoogachtend,"),
        ("Signature", "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,"),
        ("Signature", "H.G.J. Bruins Slot"),
    ]


def test_document_properties_carry_title_author_date_and_version(built):
    properties = docx.Document(built["sociale-veiligheid-rijksoverheid"]).core_properties
    assert properties.title == "Sociale veiligheid en veilig werken binnen de Rijksoverheid"
    assert properties.author.startswith("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties")
    assert properties.created.isoformat() == "2022-06-26T22:00:00+00:00"
    assert properties.identifier == "2022-0000312345"
    assert properties.content_status == "verzonden"
    assert properties.version  # the tmp copy is no git repository: "onbekend"


def test_concept_is_stamped_in_the_footer(built):
    path = built["nota-voortgang-aanpak-racisme"]
    document = docx.Document(path)
    stamps = [p.text for p in document.sections[0].footer.paragraphs if p.style.name == "Version Stamp"]
    assert stamps == ["Concept — versie onbekend (geen git-repository)"]
    assert document.core_properties.content_status == "concept"


def test_leidraad_example_lists_its_answers_from_data(built):
    path = built["voortgang-aanpak-racisme"]
    document = docx.Document(path)
    items = [p.text for p in document.paragraphs if p.style.name == "Compact"]
    assert items[0].startswith("Het ontwikkelen van een model voor een beleids- en effectrapportage")
    assert len(items) == 5  # c), f), g), h), i)
    assert footnotes(path) == [
        "Kamerstukken II 2024/25, 30 950, nr. 433.",
        "Zie Kamerstukken II 2024/25, 30 950, nr. 433.",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Daarnaast ga ik in op de motie van het lid Bamenga, en daarmee op de toezegging over" in text
    assert "Reviewers" not in text  # HTML comments are for reviewers, not for the Kamer


def test_bullets_are_house_font_characters_and_a_list_is_followed_by_a_blank_line(built):
    path = built["voortgang-aanpak-racisme"]
    # pandoc's continuation levels (a blank mark, for an item's second paragraph) print nothing.
    bullet_levels = [
        level for level in part(path, "word/numbering.xml").iter(f"{W}lvl")
        if level.find(f"{W}numFmt").get(f"{W}val") == "bullet" and level.find(f"{W}lvlText").get(f"{W}val").strip()
    ]
    assert bullet_levels
    for level in bullet_levels:
        assert level.find(f"{W}lvlText").get(f"{W}val") in ("\u2022", "\u2013", "\u25aa")
        assert {fonts.get(f"{W}ascii") for fonts in level.iter(f"{W}rFonts")} == {"DejaVu Sans"}
    paragraphs = docx.Document(path).paragraphs
    items = [i for i, p in enumerate(paragraphs) if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert paragraphs[items[-1] + 1].text.startswith("Daarnaast ga ik in op de motie")
    assert paragraphs[items[-1]].paragraph_format.space_after.pt == 12
    assert all(paragraphs[i].paragraph_format.space_after is None for i in items[:-1])


def test_footnotes_are_numbered_through_not_per_section(built):
    # pandoc's reference restarts numbering per section; LibreOffice took that as per heading.
    document = part(built["sociale-veiligheid-rijksoverheid"], "word/document.xml")
    assert not list(document.iter(f"{W}numRestart"))


def test_long_names_and_titles_are_cut_in_the_properties_not_fatal(project, monkeypatch):
    """python-docx refuses a property over 255 characters: a long betreft or brief name crashed every build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")
    name = "brief-" + "a" * 94  # the longest name a brief may have: 100 characters
    betreft = "Voortgang " + "aanpak racisme en discriminatie " * 10
    write_brief(project, name, MINIMAL_FRONT_MATTER.replace("betreft: Testbrief", f"betreft: {betreft}"), "Tekst.\n")
    result = build(project, [name, "sociale-veiligheid-rijksoverheid"])
    assert result.ok, result.diagnostics
    assert sorted(path.stem for path in result.written) == sorted([name, "sociale-veiligheid-rijksoverheid"])
    properties = docx.Document(project.out_dir / f"{name}.docx").core_properties
    assert len(properties.title) == 255 and properties.title == betreft[:254] + "…"
    assert properties.comments.startswith(f"Gebouwd door Briefbouwer uit briefs/{name}.md, versie ")
    too_long = "brief-" + "a" * 224
    write_brief(project, too_long, MINIMAL_FRONT_MATTER, "Tekst.\n")
    refused = build(project, [too_long, "voortgang-aanpak-racisme"])
    assert [d.code for d in refused.diagnostics] == ["brief-name"]
    assert [path.stem for path in refused.written] == ["voortgang-aanpak-racisme"]


@pytest.mark.parametrize(
    "head, tail, kept",
    [
        (253, "e\u0301\u0302", ""),  # an e with two combining accents: cut before the e, not in its accents
        (253, "\U0001F1F3\U0001F1F1", ""),  # a flag is two regional indicators: both or neither
        (251, "\U0001F1F3\U0001F1F1\U0001F1E7\U0001F1EA", "\U0001F1F3\U0001F1F1"),  # the first of two flags fits
        (253, "\U0001F469\u200d\U0001F4BB", ""),  # a woman technologist: one character joined from two
        (253, "\u270c\ufe0f", ""),  # a variation selector stays with its character
        (253, "\U0001F44D\U0001F3FD", ""),  # a skin-tone modifier stays with its hand
        (252, "\u270c\ufe0f", "\u270c\ufe0f"),  # whole, it fits
    ],
    ids=["combining-marks", "flag", "two-flags", "zero-width-joiner", "variation-selector", "skin-tone", "fits"],
)
def test_a_property_is_cut_between_whole_characters(head, tail, kept):
    cut = property_text("x" * head + tail + "y" * 10)
    assert cut == "x" * head + kept + "…"
    assert len(cut) <= MAX_PROPERTY_LENGTH


def test_a_property_that_fits_is_kept_whole():
    assert property_text("kort") == "kort"
    assert property_text("x" * MAX_PROPERTY_LENGTH) == "x" * MAX_PROPERTY_LENGTH


def test_a_body_pandoc_cannot_finish_is_located_and_the_others_build(project, monkeypatch):
    """pandoc is quadratic in unmatched quotes within a paragraph; a build reports that brief instead of hanging."""
    monkeypatch.setattr(markdown, "PANDOC_TIMEOUT_SECONDS", 1)
    write_brief(project, "traag", MINIMAL_FRONT_MATTER, "'a " * 3000 + "\n")
    result = build(project, ["traag", "sociale-veiligheid-rijksoverheid"])
    assert [str(d) for d in result.diagnostics] == [
        "briefs/traag.md:10:1: error: pandoc did not finish converting the body within 1 s; simplify its markup "
        "(many unmatched quotes or brackets in one paragraph) [pandoc]"
    ]
    assert [path.stem for path in result.written] == ["sociale-veiligheid-rijksoverheid"]


@pytest.mark.parametrize("takes_runtime_options, expected", [(True, ("+RTS", "-M2g", "-RTS")), (False, ())])
def test_pandoc_gets_a_heap_bound_only_when_it_takes_one(tmp_path, monkeypatch, takes_runtime_options, expected):
    import pypandoc

    fake = tmp_path / "pandoc"
    refuse = "" if takes_runtime_options else '[ "$1" = "+RTS" ] && exit 1\n'
    fake.write_text(f"#!/bin/sh\n{refuse}exit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pypandoc, "get_pandoc_path", lambda: str(fake))
    markdown._pandoc.cache_clear()
    try:
        assert markdown._pandoc() == (str(fake), *expected)
    finally:
        markdown._pandoc.cache_clear()


def _bullet_texts(path) -> list[tuple[int, str]]:
    """(depth, the mark Word shows) for every list paragraph of the body, in order."""
    numbering = part(path, "word/numbering.xml")
    abstract = {
        num.get(f"{W}numId"): num.find(f"{W}abstractNumId").get(f"{W}val") for num in numbering.iter(f"{W}num")
    }
    marks = {
        (definition.get(f"{W}abstractNumId"), level.get(f"{W}ilvl")): level.find(f"{W}lvlText").get(f"{W}val")
        for definition in numbering.iter(f"{W}abstractNum")
        for level in definition.iter(f"{W}lvl")
    }
    found = []
    for properties in part(path, "word/document.xml").iter(f"{W}numPr"):
        depth = properties.find(f"{W}ilvl").get(f"{W}val")
        found.append((int(depth), marks[(abstract[properties.find(f"{W}numId").get(f"{W}val")], depth)]))
    return found


LIST_WITH_CONTINUATIONS = """Tekst.

- Eerste punt.

  Vervolg van het eerste punt, zonder eigen opsommingsteken.

- Tweede punt.

  - Genest punt.

    Vervolg van het geneste punt.

  - Tweede genest punt.

Einde.
"""


def test_a_list_items_second_paragraph_carries_no_bullet_of_its_own(project):
    """pandoc numbers a continuation paragraph with a blank mark; the house bullets kept
    overwriting that blank, and every item with two paragraphs showed two bullets."""
    write_brief(project, "lijst", MINIMAL_FRONT_MATTER, LIST_WITH_CONTINUATIONS)
    result = build(project, ["lijst"])
    assert result.ok, result.diagnostics
    path = project.out_dir / "lijst.docx"
    assert _bullet_texts(path) == [(0, "\u2022"), (0, " "), (0, "\u2022"), (1, "\u2013"), (1, " "), (1, "\u2013")]
    # The continuation stands where its item's text stands: the same indent, no hanging mark.
    numbering = part(path, "word/numbering.xml")
    indents = {
        (level.find(f"{W}lvlText").get(f"{W}val") == " ", level.get(f"{W}ilvl")): level.find(f"{W}pPr/{W}ind").get(f"{W}left")
        for level in numbering.iter(f"{W}lvl")
        if level.find(f"{W}numFmt").get(f"{W}val") == "bullet"
    }
    assert indents[(True, "0")] == indents[(False, "0")] and indents[(True, "1")] == indents[(False, "1")]


MOTIE_CS = """
  - id: motie-ellian
    kamer: TK
    dossier: "30950"
    date: 2024-09-12
    submitters:
      - member: Ellian
        fractie: VVD
    cs: true
    subject: over een proef
    vote: aangenomen
"""


def test_a_citation_ending_in_a_full_stop_ends_the_sentence_with_one(project):
    """'@motie-ellian.' gave "Ellian c.s.." at a sentence's end; mid-sentence "c.s." stays."""
    motions = project.root / "data" / "motions.yaml"
    motions.write_text(motions.read_text(encoding="utf-8").rstrip("\n") + "\n" + MOTIE_CS, encoding="utf-8")
    write_brief(
        project, "cs", MINIMAL_FRONT_MATTER,
        "Ik ga in op @motie-ellian. Daarna volgt @motie-ellian en de rest.\n\nDe slotzin noemt @motie-ellian.\n",
    )
    result = build(project, ["cs"])
    assert result.ok, result.diagnostics
    text = "\n".join(p.text for p in docx.Document(project.out_dir / "cs.docx").paragraphs)
    assert "Ik ga in op de motie van het lid Ellian c.s. Daarna volgt de motie van het lid Ellian c.s. en de rest." in text
    assert "De slotzin noemt de motie van het lid Ellian c.s.\n" in text
    assert "c.s.." not in text


def test_links_print_plain_in_footnotes_and_text(built):
    """pandoc's Hyperlink style made URLs blue; the house style prints them as the text around them."""
    document = docx.Document(built["sociale-veiligheid-rijksoverheid"])
    font = document.styles["Hyperlink"].font
    assert font.color.rgb == docx.shared.RGBColor(0, 0, 0) and font.color.theme_color is None
    assert font.underline is False
    linked = [
        run for run in part(built["sociale-veiligheid-rijksoverheid"], "word/footnotes.xml").iter(f"{W}r")
        if run.getparent().tag == f"{W}hyperlink"
    ]
    assert linked and all(run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink" for run in linked)
    assert not [run for run in linked if run.find(f"{W}rPr/{W}color") is not None]  # nothing overrides the style


def test_later_pages_start_near_the_top_and_page_one_below_the_woordmerk(built):
    """One top margin served every page, page one's: later pages began 45 mm down."""
    from docx.shared import Mm

    from builder.house_style import FIRST_PAGE_TOP, HEADER_DISTANCE, MARGIN_TOP

    document = docx.Document(built["sociale-veiligheid-rijksoverheid"])
    section = document.sections[0]
    assert section.top_margin == pytest.approx(MARGIN_TOP, abs=Mm(0.1)) and MARGIN_TOP <= Mm(30)
    assert FIRST_PAGE_TOP == Mm(45)
    # Page one's header is as tall as the space above its text; the later pages' is one line.
    first, later = section.first_page_header.paragraphs[-1], section.header.paragraphs[-1]
    assert first.paragraph_format.line_spacing == pytest.approx(FIRST_PAGE_TOP - HEADER_DISTANCE, abs=Mm(0.1))
    assert later.paragraph_format.line_spacing is None

    def column_top(header) -> int:
        frames = [p._p.pPr.find(f"{W}framePr") for p in header.paragraphs if p._p.pPr is not None]
        return min(int(f.get(f"{W}y")) for f in frames if f is not None and int(f.get(f"{W}x")) == Mm(150).twips)

    # Page one's column starts level with the addressee (below the return address: 9 + 9 pt),
    # the later pages' level with the text.
    assert column_top(section.first_page_header) == round(Mm(45).twips + 18 * 20)
    assert column_top(section.header) == round(MARGIN_TOP.twips)
