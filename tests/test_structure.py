"""Structure inside a letter (issue 18): numbered sections, @sec- and @fig- references, figures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from lxml import etree

from builder.house_style import build_reference, pandoc_default_reference
from builder.pipeline import build

from .conftest import MINIMAL_FRONT_MATTER, REPO, W, part, run_cli, write_brief
from .test_render_check import soffice_to_pdf

FIGURE = REPO / "tests" / "fixtures" / "figuur.png"

BODY = """
Zie @sec-klacht en @fig-org; de inleiding staat in @sec-inleiding.

# Inleiding {#sec-inleiding}

Tekst.

## Klachtencommissie {#sec-klacht}

De commissie.

![Organisatie van de commissie](figuren/organisatie.png){#fig-org}

### Werkwijze

Zo werkt zij.

## Vervolg {-}

Niet genummerd.

# Tot slot

Slot.
"""


def said(done: subprocess.CompletedProcess) -> str:
    return done.stdout + done.stderr


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs]


def with_figure(project) -> None:
    (project.briefs_dir / "figuren").mkdir()
    shutil.copyfile(FIGURE, project.briefs_dir / "figuren" / "organisatie.png")


def built_one(project, name: str) -> Path:
    result = build(project, [name])
    assert result.ok, [str(d) for d in result.diagnostics]
    return project.out_dir / f"{name}.docx"


def test_numbered_sections_and_a_cross_reference(project):
    with_figure(project)
    write_brief(project, "genummerd", MINIMAL_FRONT_MATTER + "numbered: true\n", BODY)
    path = built_one(project, "genummerd")
    found = paragraphs(path)
    headings = [(style, text) for style, text in found if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "1. Inleiding"),
        ("Heading 2", "1.1 Klachtencommissie"),
        ("Heading 3", "1.1.1 Werkwijze"),
        ("Heading 2", "Vervolg"),  # {-}: left out, as pandoc leaves it out
        ("Heading 1", "2. Tot slot"),
    ]
    assert "Zie paragraaf 1.1 en figuur 1; de inleiding staat in paragraaf 1." in [text for _, text in found]
    document = part(path, "word/document.xml")
    links = {link.get(f"{W}anchor"): "".join(link.itertext()) for link in document.iter(f"{W}hyperlink")}
    assert links == {"sec-klacht": "paragraaf 1.1", "fig-org": "figuur 1", "sec-inleiding": "paragraaf 1"}
    bookmarks = {b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")}
    assert {"sec-klacht", "fig-org", "sec-inleiding"} <= bookmarks


def test_number_depth_numbers_only_the_levels_asked_for(project):
    with_figure(project)
    write_brief(project, "diepte", MINIMAL_FRONT_MATTER + "numbered: true\nnumber_depth: 1\n", BODY)
    headings = [text for style, text in paragraphs(built_one(project, "diepte")) if style.startswith("Heading")]
    assert headings == ["1. Inleiding", "Klachtencommissie", "Werkwijze", "Vervolg", "2. Tot slot"]


def test_without_numbering_a_reference_names_the_section_by_its_title(project):
    with_figure(project)
    write_brief(project, "ongenummerd", MINIMAL_FRONT_MATTER, BODY)
    found = paragraphs(built_one(project, "ongenummerd"))
    assert ("Heading 2", "Klachtencommissie") in found
    assert "Zie paragraaf \u201cKlachtencommissie\u201d en figuur 1; de inleiding staat in paragraaf \u201cInleiding\u201d." in [
        text for _, text in found
    ]


def test_an_unknown_section_is_a_located_error_with_a_did_you_mean(project):
    with_figure(project)
    write_brief(project, "fout", MINIMAL_FRONT_MATTER + "numbered: true\n", BODY.replace("Zie @sec-klacht", "Zie @sec-klach"))
    done = run_cli("check", "fout", cwd=project.root)
    assert done.returncode == 1
    assert "briefs/fout.md:12:5: error: unknown id 'sec-klach' (did you mean 'sec-klacht'?) [unknown-id]" in said(done)
    assert not build(project, ["fout"]).ok


def test_a_section_in_a_footnote_is_refused(project):
    write_brief(project, "noot", MINIMAL_FRONT_MATTER, "Zie hier.[@sec-a]\n\n# Een {#sec-a}\n\nTekst.\n")
    done = run_cli("check", "noot", cwd=project.root)
    assert "briefs/noot.md:10:10: error: a section is named, not cited: write @sec-a for" in said(done)


def test_two_sections_with_one_id_and_a_depth_without_numbering_are_errors(project):
    body = "# Een {#sec-a}\n\nTekst.\n\n# Twee {#sec-a}\n\nTekst.\n"
    write_brief(project, "dubbel", MINIMAL_FRONT_MATTER + "number_depth: 2\n", body)
    done = run_cli("check", "dubbel", cwd=project.root)
    assert "briefs/dubbel.md:15:1: error: '#sec-a' is the id of two sections (first at briefs/dubbel.md:11:1): rename one [duplicate-target]" in said(done)
    assert "briefs/dubbel.md:9:15: error: 'number_depth' without 'numbered: true' numbers nothing" in said(done)


def test_a_reply_has_no_numbering(project):
    """A reply's level-1 headings name the questions it answers: there is nothing to number."""
    source = (project.briefs_dir / "so-per-racisme-ek.md")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("---\n", "---\nnumbered: true\n", 1), encoding="utf-8")
    done = run_cli("check", "so-per-racisme-ek", cwd=project.root)
    assert "unknown field 'numbered'" in said(done)


# --- figures -------------------------------------------------------------------------------


def test_a_figure_is_embedded_numbered_and_captioned_below_it(project, tmp_path_factory):
    with_figure(project)
    write_brief(project, "figuur", MINIMAL_FRONT_MATTER, BODY)
    # Run from another folder: the image's path is relative to the brief, not to the shell.
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    done = run_cli("--root", str(project.root), "build", "figuur", cwd=elsewhere)
    assert done.returncode == 0, said(done)
    path = project.out_dir / "figuur.docx"
    import zipfile

    with zipfile.ZipFile(path) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert [archive.read(name) for name in media] == [FIGURE.read_bytes()]
    found = paragraphs(path)
    figure = found.index(("Captioned Figure", ""))
    assert found[figure + 1] == ("Image Caption", "Figuur 1: Organisatie van de commissie")


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("figuren/ontbreekt.png", "no image 'figuren/ontbreekt.png' beside the brief (looked for briefs/figuren/ontbreekt.png)"),
        ("../../buiten.png", "image '../../buiten.png' leads out of the repository: copy the image into it"),
        ("/etc/hostname", "image '/etc/hostname' is an absolute path: write the path relative to the brief's own file"),
        ("https://example.org/a.png", "image 'https://example.org/a.png' is an address: save the image in the repository"),
        ("../data/commitments.yaml", "'../data/commitments.yaml' is not a PNG, JPEG or GIF image"),
    ],
)
def test_a_figure_that_cannot_be_embedded_is_a_located_error_in_check_and_build(project, image, message):
    (project.root.parent / "buiten.png").write_bytes(FIGURE.read_bytes())
    write_brief(project, "kapot", MINIMAL_FRONT_MATTER, f"Tekst.\n\n![Bijschrift]({image}){{#fig-x}}\n\nMeer.\n")
    checked = run_cli("check", "kapot", cwd=project.root)
    built = run_cli("build", "kapot", cwd=project.root)
    line = f"briefs/kapot.md:12:1: error: {message}"
    assert (checked.returncode, built.returncode) == (1, 2)  # build's exit status for a brief not built
    assert line in said(checked) and line in said(built), said(checked)
    assert "[image]" in said(checked)
    assert not (project.out_dir / "kapot.docx").exists()


def test_a_figure_linked_out_of_the_repository_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "geheim.png"
    outside.write_bytes(FIGURE.read_bytes())
    os.symlink(outside, project.briefs_dir / "link.png")
    write_brief(project, "link", MINIMAL_FRONT_MATTER, "![Bijschrift](link.png)\n")
    done = run_cli("check", "link", cwd=project.root)
    assert "briefs/link.md:10:1: error: image 'link.png' leads out of the repository: copy the image into it [image]" in said(done)


def test_a_figure_amid_text_is_an_error(project):
    with_figure(project)
    write_brief(project, "midden", MINIMAL_FRONT_MATTER, "Tekst ![Bijschrift](figuren/organisatie.png){#fig-x} meer.\n")
    done = run_cli("check", "midden", cwd=project.root)
    assert "briefs/midden.md:10:7: error: figure '#fig-x' shares its paragraph with text" in said(done)


def test_jinja_comments_are_written_with_two_hashes(project):
    """"{#" opens pandoc's attributes, so a Jinja comment is "{## … ##}"."""
    write_brief(project, "jinja", MINIMAL_FRONT_MATTER, "{## weg ##}Tekst {{ 1 + 1 }}.\n\n# Kop {#sec-kop}\n\nZie @sec-kop.\n")
    found = [text for _, text in paragraphs(built_one(project, "jinja"))]
    assert "Tekst 2." in found and "Zie paragraaf \u201cKop\u201d." in found


# --- the house style: three heading levels that look different ------------------------------


HEADING_LOOKS = {"Heading 1": (11.0, True, False), "Heading 2": (9.0, True, False), "Heading 3": (9.0, False, True)}


def test_heading_levels_have_distinct_styles_in_the_reference_document():
    document = docx.Document(REPO / "templates" / "reference.docx")
    looks = {
        name: (document.styles[name].font.size.pt, document.styles[name].font.bold, document.styles[name].font.italic)
        for name in HEADING_LOOKS
    }
    assert looks == HEADING_LOOKS
    assert len(set(looks.values())) == 3
    # The committed reference document is what house_style.py makes of pandoc's own.
    regenerated = docx.Document(__import__("io").BytesIO(build_reference(pandoc_default_reference())))
    assert {n: regenerated.styles[n].font.size.pt for n in HEADING_LOOKS} == {n: v[0] for n, v in HEADING_LOOKS.items()}


def _text_fonts(pdf: Path) -> dict[str, tuple[float, str]]:
    """Each line of text in the PDF -> (font size, font name as pdffonts lists it).

    pdftohtml's XML tells each line's font by its subset ("CAAAAA+DejaVuSans"), without its
    face; pdffonts names the face of each subset ("CAAAAA+DejaVuSans-Bold")."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    faces = {name.split("+")[0]: name for name in re.findall(r"^(\S+\+\S+)", listed, re.M)}
    done = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, timeout=120, check=True)
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True))
    fonts = {f.get("id"): (float(f.get("size")), faces[f.get("family").split("+")[0]]) for f in root.iter("fontspec")}
    return {"".join(t.itertext()).strip(): fonts[t.get("font")] for t in root.iter("text")}


def test_render_check_three_heading_levels_are_distinguishable_in_the_pdf(project, tmp_path):
    with_figure(project)
    write_brief(project, "koppen", MINIMAL_FRONT_MATTER + "numbered: true\n", BODY)
    path = built_one(project, "koppen")
    done = soffice_to_pdf([path], tmp_path, tmp_path / "profile")
    pdf = tmp_path / "koppen.pdf"
    assert pdf.is_file(), done.stdout + done.stderr
    lines = _text_fonts(pdf)
    h1, h2, h3 = lines["1. Inleiding"], lines["1.1 Klachtencommissie"], lines["1.1.1 Werkwijze"]
    body = lines["De commissie."]
    assert h1[0] > h2[0] == h3[0] == body[0]  # a chapter larger, the rest at body size
    assert re.search("Bold", h1[1]) and re.search("Bold", h2[1]) and not re.search("Bold", h3[1])
    assert re.search("Oblique|Italic", h3[1]) and not re.search("Oblique|Italic|Bold", body[1])
    assert len({h1, h2, h3}) == 3
    # The word boxes show the sizes too: the chapter heading's words stand taller.
    words = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    heights = {
        m.group("word"): float(m.group("y1")) - float(m.group("y0"))
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="(?P<y0>[\d.]+)" xMax="[\d.]+" yMax="(?P<y1>[\d.]+)">(?P<word>[^<]+)</word>', words)
    }
    assert heights["Inleiding"] > heights["Klachtencommissie"] * 1.1
