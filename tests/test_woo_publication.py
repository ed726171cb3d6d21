"""`brief woo`: the Woo version of each example nota has none of its withheld texts left, in the
PDF's text or in any part of the DOCX; boxes carry their grounds; the inventory and the DiWoo
metadata match it. A name planted in a copy (marked once, said plainly and in a footnote) is
gone everywhere; a ground the Woo does not have is a located error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from builder.assemble import load_repository
from builder.briefs import load_briefs, load_companions
from builder.doctypes import doctype_of
from builder.pipeline import Project, build, check
from builder.woo.metadata import tree_of_xml
from builder.woo.publish import publish
from builder.woo.redact import Withheld, normalised, redact_docx

from .conftest import EXAMPLES, REPO, W, require_tool, run_cli

NOTAS = [name for name in EXAMPLES if re.search(r"^type: nota$", (REPO / "briefs" / f"{name}.md").read_text(encoding="utf-8"), re.M)]
PLANTED = "nota-geplant"
PLANTED_NAME = "Jan de Vries"
PLANTED_VIEW = "het interne standpunt van de directie"
XSD_DIR = REPO / "tests" / "fixtures" / "diwoo"
FILES = ("{}.docx", "{}.pdf", "{}-inventaris.csv", "{}-metadata.xml", "{}-metadata.json")


def _plant(root: Path, name: str = PLANTED, ground: str = "5.1.2e") -> None:
    """A copy of seed 002's nota with a name marked once, said plainly and in a footnote, and a
    passage withheld on another ground."""
    text = (root / "briefs" / "nota-focusgroepenonderzoek-racisme.md").read_text(encoding="utf-8")
    text = text.replace(
        "wordt aangeboden aan de Eerste en Tweede Kamer.",
        f'wordt aangeboden aan de Eerste en Tweede Kamer. Het rapport is besproken met [{PLANTED_NAME}]{{.lak grond="{ground}"}}.',
        1,
    )
    text = text.replace(
        "## Communicatie",
        f"- Ook jan  de vries las het rapport, en [{PLANTED_VIEW}]{{.lak grond=\"5.2\"}} is bekend."
        f"^[Volgens {PLANTED_NAME.upper()} zelf.]\n\n## Communicatie",
    )
    (root / "briefs" / f"{name}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Project:
    require_tool("soffice", "libreoffice-writer")
    require_tool("pdftotext", "poppler-utils")
    root = tmp_path_factory.mktemp("woo")
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, root / name)
    _plant(root)
    project = Project(root)
    result = publish(project, [*NOTAS, PLANTED])
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return project


def _withheld(project: Project, name: str) -> list[str]:
    """What the nota's type calls personal, and for the planted copy what it marks."""
    repository, _ = load_repository(project)
    briefs, _ = load_briefs(project, [name])
    letters, _ = load_companions(project, briefs)
    publication = doctype_of(briefs[0]).woo_publication(briefs[0], repository, letters)
    texts = [text for _, text in publication.personal]
    return texts + ([PLANTED_NAME, PLANTED_VIEW] if name == PLANTED else [])


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _parts(docx: Path) -> dict[str, str]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith((".xml", ".rels"))}


def _texts_of_part(xml: str) -> list[str]:
    """A part's text three ways: its nodes joined, each paragraph's runs joined, and raw."""
    root = etree.fromstring(xml.encode("utf-8"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return ["".join(root.itertext()), *paragraphs, xml]


def _boxes(docx: Path) -> list[str]:
    """The text of every run in the 'Woo Lak' style, part by part."""
    found = []
    with zipfile.ZipFile(docx) as archive:
        for name in archive.namelist():
            if re.match(r"word/(document|footnotes|header\d*|footer\d*)\.xml$", name):
                root = etree.fromstring(archive.read(name))
                for run in root.iter(f"{W}r"):
                    style = run.find(f"{W}rPr/{W}rStyle")
                    if style is not None and style.get(f"{W}val") == "WooLak":
                        found.append("".join(t.text or "" for t in run.iter(f"{W}t")))
    return found


@pytest.mark.parametrize("name", [*NOTAS, PLANTED])
def test_no_withheld_text_is_left_in_the_pdf_or_any_part_of_the_docx(published, name):
    woo = published.out_dir / "woo"
    withheld = [normalised(text) for text in _withheld(published, name)]
    assert withheld, "every example nota names who drew it up"
    pdf_text = normalised(_pdf_text(woo / f"{name}.pdf"))
    assert "nota" in pdf_text and len(pdf_text) > 500  # the document is there, only the names are not
    for text in withheld:
        assert text not in pdf_text
        assert text.replace(" ", "") not in pdf_text.replace(" ", "")
    for part, xml in _parts(woo / f"{name}.docx").items():
        for seen in _texts_of_part(xml):
            for text in withheld:
                assert text not in normalised(seen), (part, text)
    for path in woo.iterdir():
        assert not any(text.replace(" ", "-") in path.name.lower() for text in withheld)


@pytest.mark.parametrize("name", NOTAS)
def test_the_column_shows_a_box_with_the_ground_where_the_author_stood(published, name):
    boxes = _boxes(published.out_dir / "woo" / f"{name}.docx")
    assert boxes and all(box.strip() == "5.1.2e" for box in boxes)
    assert "5.1.2e" in _pdf_text(published.out_dir / "woo" / f"{name}.pdf")


def test_the_planted_name_is_boxed_in_the_text_the_list_and_the_footnote(published):
    docx = published.out_dir / "woo" / f"{PLANTED}.docx"
    boxes = [box.strip() for box in _boxes(docx)]
    assert boxes.count("5.2") == 1
    # the column's two fields, the marked name, the plain one and the footnote's
    assert boxes.count("5.1.2e") == 5
    with zipfile.ZipFile(docx) as archive:
        footnotes = archive.read("word/footnotes.xml").decode("utf-8")
    assert "5.1.2e" in footnotes and "Volgens" in footnotes
    assert "5.2" in _pdf_text(published.out_dir / "woo" / f"{PLANTED}.pdf")


def test_a_normal_build_prints_the_marked_passage_without_its_braces(published):
    result = build(published, [PLANTED], force=True)
    assert result.ok, result.diagnostics
    with zipfile.ZipFile(published.out_dir / f"{PLANTED}.docx") as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(t.text or "" for t in document.iter(f"{W}t"))
    assert f"besproken met {PLANTED_NAME}." in text
    assert PLANTED_VIEW in text
    assert "{" not in text and ".lak" not in text and 'grond=' not in text


def test_the_inventory_lists_each_box_with_a_plausible_page_and_never_the_text(published):
    for name in [*NOTAS, PLANTED]:
        woo = published.out_dir / "woo"
        rows = list(__import__("csv").DictReader((woo / f"{name}-inventaris.csv").read_text(encoding="utf-8").splitlines()))
        boxes = [box.strip() for box in _boxes(woo / f"{name}.docx")]
        assert sorted(row["weigeringsgrond"] for row in rows) == sorted(boxes)
        assert [row["nummer"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
        pages = _pdf_text(woo / f"{name}.pdf").count("\f")
        for row in rows:
            assert 1 <= int(row["pagina"]) <= pages
            assert int(row["lengte (tekens)"]) > 0
        csv_text = normalised((woo / f"{name}-inventaris.csv").read_text(encoding="utf-8"))
        for text in _withheld(published, name):
            assert normalised(text) not in csv_text
    rows = list(__import__("csv").DictReader((published.out_dir / "woo" / f"{PLANTED}-inventaris.csv").read_text(encoding="utf-8").splitlines()))
    marked = [row for row in rows if row["lengte (tekens)"] == str(len(PLANTED_NAME)) and row["plaats"] == "tekst"]
    assert marked and marked[0]["pagina"] == "1"  # in the Aanleiding
    view = [row for row in rows if row["weigeringsgrond"] == "5.2"]
    assert len(view) == 1 and view[0]["lengte (tekens)"] == str(len(PLANTED_VIEW))
    assert view[0]["omschrijving"] == "persoonlijke beleidsopvattingen in documenten voor intern beraad"


def _schema() -> etree.XMLSchema:
    """DiWoo 0.9.8, offline: without the MDTO import (by URL) and the one choice that uses it."""
    xsd = etree.parse(str(XSD_DIR / "diwoo-metadata.xsd"))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for element in list(xsd.iter(f"{xs}import")):
        element.getparent().remove(element)
    for element in list(xsd.iter(f"{xs}element")):
        if element.get("ref") == "mdto:MDTO":
            element.getparent().remove(element)
    return etree.XMLSchema(etree.fromstring(etree.tostring(xsd), base_url=str(XSD_DIR) + "/"))


def test_the_metadata_validates_against_diwoo_and_the_json_agrees(published):
    schema = _schema()
    for name in [*NOTAS, PLANTED]:
        xml = (published.out_dir / "woo" / f"{name}-metadata.xml").read_bytes()
        document = etree.fromstring(xml)
        assert schema.validate(document), (name, schema.error_log)
        assert etree.QName(document).namespace == "https://standaarden.overheid.nl/diwoo/metadata/"
        assert tree_of_xml(xml) == json.loads((published.out_dir / "woo" / f"{name}-metadata.json").read_text(encoding="utf-8"))
        diwoo = json.loads((published.out_dir / "woo" / f"{name}-metadata.json").read_text(encoding="utf-8"))["Document"]["DiWoo"]
        assert diwoo["publisher"]["@resource"] == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034"
        assert diwoo["classificatiecollectie"]["documentsoorten"]["documentsoort"][0]["@resource"].endswith("c_2977c34f")
        assert diwoo["classificatiecollectie"]["informatiecategorieen"]["informatiecategorie"]
        assert diwoo["titelcollectie"]["officieleTitel"] and diwoo["creatiedatum"]
        assert diwoo["documenthandelingen"]["documenthandeling"][0]["soortHandeling"]["#text"] == "vaststelling"
        for text in _withheld(published, name):
            assert normalised(text) not in normalised(xml.decode("utf-8"))
    voortgang = json.loads((published.out_dir / "woo" / "nota-voortgang-aanpak-racisme-metadata.json").read_text(encoding="utf-8"))
    relation = voortgang["Document"]["DiWoo"]["documentrelaties"]["documentrelatie"][0]["relation"]
    # The nota names its Kamerbrief (kamerbrief: voortgang-aanpak-racisme), published as kst-30950-451.
    assert relation["@resource"] == "https://zoek.officielebekendmakingen.nl/kst-30950-451"


def test_the_files_are_written_together_and_nothing_temporary_is_left(published):
    woo = published.out_dir / "woo"
    for name in [*NOTAS, PLANTED]:
        assert all((woo / pattern.format(name)).is_file() for pattern in FILES)
    assert sorted(p.name for p in woo.iterdir() if p.name.startswith(".")) == []


def test_an_unknown_ground_is_a_located_error_with_did_you_mean_in_check_and_woo(project):
    _plant(project.root, ground="5.1.2.e")
    found = [d for d in check(project, [PLANTED]) if d.code == "woo-ground"]
    assert len(found) == 1
    line = next(n for n, text in enumerate((project.briefs_dir / f"{PLANTED}.md").read_text(encoding="utf-8").splitlines(), 1) if PLANTED_NAME in text and ".lak" in text)
    assert found[0].location.line == line and found[0].severity == "error"
    assert "unknown ground '5.1.2.e'" in found[0].message and "(did you mean '5.1.2e'?)" in found[0].message
    done = run_cli("woo", PLANTED, cwd=project.root)
    assert done.returncode == 2 and f"briefs/{PLANTED}.md:{line}:" in done.stderr and "[woo-ground]" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project.out_dir / "woo" / f"{PLANTED}.pdf").exists()


def test_a_marked_passage_without_a_ground_is_an_error(project):
    path = project.briefs_dir / "nota-tekenexemplaren-per-racisme.md"
    path.write_text(path.read_text(encoding="utf-8").replace("In de MR van 9/2", "In de [MR]{.lak} van 9/2"), encoding="utf-8")
    found = [d for d in check(project, ["nota-tekenexemplaren-per-racisme"]) if d.code == "woo-ground"]
    assert len(found) == 1 and "needs its ground" in found[0].message


def test_a_kamerbrief_is_not_published_this_way(project):
    done = run_cli("woo", "voortgang-aanpak-racisme", cwd=project.root)
    assert done.returncode == 2
    assert "briefs/voortgang-aanpak-racisme.md:1:1: error: 'voortgang-aanpak-racisme' is not published under the Woo" in done.stderr


def test_a_brief_whose_name_gives_the_withheld_name_away_is_refused(project):
    _plant(project.root, name="nota-jan-de-vries")
    done = run_cli("woo", "nota-jan-de-vries", cwd=project.root)
    assert done.returncode == 2 and "[woo-leak]" in done.stderr
    assert not (project.out_dir / "woo" / "nota-jan-de-vries.docx").exists()


def test_word_comments_are_removed_from_the_woo_version(built):
    """Review comments a concept may carry never reach a published document."""
    source = built["nota-tekenexemplaren-per-racisme"].read_bytes()
    with_comment = _with_comment(source, "Opmerking van Piet Jansen")
    redacted = redact_docx(with_comment, {}, [Withheld("[Redacted]", "5.1.2e")])
    archive = zipfile.ZipFile(BytesIO(redacted.docx))
    assert not [n for n in archive.namelist() if "comments" in n]
    everything = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith((".xml", ".rels")))
    assert "Piet Jansen" not in everything and "commentRangeStart" not in everything and "comments.xml" not in everything


def _with_comment(docx: bytes, text: str) -> bytes:
    """The DOCX with a comment anchored on a new first paragraph (pandoc writes an empty
    comments part and its relationship; the comment goes into it)."""
    source = zipfile.ZipFile(BytesIO(docx))
    assert "word/comments.xml" in source.namelist()
    out = BytesIO()
    comment = (f'<w:comments xmlns:w="{W[1:-1]}"><w:comment w:id="0" w:author="Piet Jansen">'
               f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>")
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:body>", b'<w:body><w:p><w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r>'
                                    b'<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>', 1)
            elif name == "word/comments.xml":
                data = comment.encode("utf-8")
            target.writestr(name, data)
    return out.getvalue()


def test_a_reviewers_remark_in_a_concept_nota_reaches_no_woo_output(project):
    """The same concept builds with the remark as a Word comment; its Woo version has none of it."""
    path = project.root / "briefs" / "nota-voortgang-aanpak-racisme.md"
    text = path.read_text(encoding="utf-8")
    assert "status: concept" in text
    path.write_text(
        text + '\nDe [planning]{.opmerking auteur="Piet Jansen" tekst="Klopt deze planning wel?"} blijft staan.\n',
        encoding="utf-8",
    )
    assert run_cli("build", "nota-voortgang-aanpak-racisme", cwd=project.root).returncode == 0
    concept = _parts(project.out_dir / "nota-voortgang-aanpak-racisme.docx")
    assert "Klopt deze planning wel?" in concept["word/comments.xml"]
    done = run_cli("woo", "nota-voortgang-aanpak-racisme", cwd=project.root)
    assert done.returncode == 0, done.stderr
    woo = project.out_dir / "woo"
    parts = _parts(woo / "nota-voortgang-aanpak-racisme.docx")
    everything = "".join(parts.values()) + _pdf_text(woo / "nota-voortgang-aanpak-racisme.pdf")
    assert "Piet Jansen" not in everything and "Klopt deze planning" not in everything
    assert "opmerking" not in everything and not [name for name in parts if "comments" in name]
    assert "De planning blijft staan." in " ".join(_texts_of_part(parts["word/document.xml"]))


def test_publishing_a_nota_still_marked_concept_is_warned_of_at_its_status(project):
    done = run_cli("woo", "nota-voortgang-aanpak-racisme", "nota-tekenexemplaren-per-racisme", cwd=project.root)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "[woo-concept]" in line]
    assert warnings == [
        "briefs/nota-voortgang-aanpak-racisme.md:20:9: warning: 'nota-voortgang-aanpak-racisme' is still marked concept:"
        " publish it once it is final (status: verzonden) [woo-concept]"
    ]
