"""Who sends a brief: several directorates and ministries in data/organisation.yaml, ``from:``,
a bewindspersoon's ministry, and the logo the ministry supplies."""

from __future__ import annotations

import zipfile

import docx

from builder.pipeline import build, check

from .conftest import MINIMAL_FRONT_MATTER, REPO, W, write_brief

BZK_PEOPLE = """
bewindspersonen:
  - id: minister-bzk-uitermark
    role: De Minister van Binnenlandse Zaken en Koninkrijksrelaties
    short: de minister van BZK
    name: J.J.M. Uitermark
    ministry: bzk
  - id: minister-bzk-bruins-slot
    role: De Minister van Binnenlandse Zaken en Koninkrijksrelaties
    name: H.G.J. Bruins Slot
    ministry: bzk
  - id: minister-bzk-plasterk
    role: De Minister van Binnenlandse Zaken en Koninkrijksrelaties
    name: R.H.A. Plasterk
    ministry: bzk
  - id: staatssecretaris-bzk-van-huffelen
    role: De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties
    short: de staatssecretaris van BZK
    name: Alexandra C. van Huffelen
    ministry: bzk
"""

DGDOO = """
      - id: dgdoo
        name: Directoraat-Generaal Digitalisering en Overheidsorganisatie
        short: DGDOO{default}
        visiting_address: [Turfmarkt 147, 2511 DP  Den Haag]
        postal_address: [Postbus 20011, 2500 EA  Den Haag]
        website: www.rijksoverheid.nl
      - id: dgbel
        name: Directoraat-Generaal Openbaar Bestuur en Democratische Rechtsstaat
        short: DGOBDR
        visiting_address: [Turfmarkt 147, 2511 DP  Den Haag]
        postal_address: [Postbus 20011, 2500 EA  Den Haag]
        contact: [T 070 426 6426]
"""


def organisation(default: str = "\n        default: true", logo: str = "") -> str:
    """Two ministries: BZK with two directorates (DGDOO the default unless told), BZ with one."""
    return (
        "ministries:\n  - id: bzk\n    name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties\n"
        f"    short: BZK\n{logo}    directorates:{DGDOO.format(default=default)}"
        "  - id: bz\n    name: Ministerie van Buitenlandse Zaken\n    short: BZ\n    directorates:\n"
        "      - id: dio\n        name: Directie Integratie Europa\n"
        "        visiting_address: [Rijnstraat 8, 2515 XP  Den Haag]\n        postal_address: [Postbus 20061, 2500 EB  Den Haag]\n"
        + BZK_PEOPLE
        + "  - id: minister-bz-veldkamp\n    role: De Minister van Buitenlandse Zaken\n    name: C.C.J. Veldkamp\n    ministry: bz\n"
    )


def set_organisation(project, text: str) -> None:
    (project.data_dir / "organisation.yaml").write_text(text, encoding="utf-8")


def letter(project, name: str, extra: str = "", signatories: str = "[minister-bzk-uitermark]") -> None:
    front = MINIMAL_FRONT_MATTER.replace("signatories: [minister-bzk-uitermark]", f"signatories: {signatories}")
    write_brief(project, name, front + extra, "Geachte tekst.\n")


def first_header(path) -> list[str]:
    return [p.text for p in docx.Document(path).sections[0].first_page_header.paragraphs]


def only_letters(project, *keep: str) -> None:
    """The example briefs sign with the example's people and need no sender: leave them out."""
    for path in project.briefs_dir.glob("*.md"):
        if path.stem not in keep:
            path.unlink()


def test_two_directorates_each_brief_its_own_sender_column(project):
    set_organisation(project, organisation())
    only_letters(project)
    letter(project, "van-dgdoo")
    letter(project, "van-dgbel", "from: dgbel\n")
    result = build(project, ["van-dgdoo", "van-dgbel"])
    assert result.ok, result.diagnostics
    dgdoo = first_header(project.out_dir / "van-dgdoo.docx")
    dgbel = first_header(project.out_dir / "van-dgbel.docx")
    # Without from: the default; with it, the one named, with its own contact line.
    assert dgdoo[1] == "Directoraat-Generaal Digitalisering en Overheidsorganisatie"
    assert "www.rijksoverheid.nl" in dgdoo and "T 070 426 6426" not in dgdoo
    assert dgbel[1] == "Directoraat-Generaal Openbaar Bestuur en Democratische Rechtsstaat"
    assert "T 070 426 6426" in dgbel and "www.rijksoverheid.nl" not in dgbel
    assert dgbel[0] == "Ministerie van Binnenlandse Zaken en\nKoninkrijksrelaties"
    author = docx.Document(project.out_dir / "van-dgbel.docx").core_properties.author
    assert author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties, Directoraat-Generaal Openbaar Bestuur en Democratische Rechtsstaat"


def test_a_second_ministrys_bewindspersoon_signs_under_its_woordmerk(project):
    set_organisation(project, organisation())
    only_letters(project)
    letter(project, "bz", "from: dio\n", signatories="[minister-bz-veldkamp]")
    result = build(project, ["bz"])
    assert result.ok, result.diagnostics
    path = project.out_dir / "bz.docx"
    header = first_header(path)
    assert header[:2] == ["Ministerie van Buitenlandse Zaken", "Directie Integratie Europa"]
    assert "Postbus 20061" in header
    document = docx.Document(path)
    assert document.paragraphs[0].text == "> Retouradres Postbus 20061 2500 EB  Den Haag"
    signature = [p.text for p in document.paragraphs if p.style.name == "Signature"]
    assert signature == ["De Minister van Buitenlandse Zaken,", "C.C.J. Veldkamp"]


def test_the_single_ministry_format_still_loads_and_sends(project):
    """A repository written before several directorates: top-level directorate and addresses."""
    text = (REPO / "data" / "organisation.yaml").read_text(encoding="utf-8")
    head = (
        "ministry: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties\nministry_short: BZK\n"
        "directorate: Directoraat-Generaal Digitalisering en Overheidsorganisatie\ndirectorate_short: DGDOO\n"
        "visiting_address: [Turfmarkt 147, 2511 DP  Den Haag]\npostal_address: [Postbus 20011, 2500 EA  Den Haag]\n"
    )
    set_organisation(project, head + text[text.index("bewindspersonen:"):])
    only_letters(project, "sociale-veiligheid-rijksoverheid")
    letter(project, "van-dgdoo", "from: dgdoo\n")  # its one directorate is named after its short name
    result = build(project)
    assert result.ok, result.diagnostics
    assert first_header(project.out_dir / "van-dgdoo.docx")[1] == "Directoraat-Generaal Digitalisering en Overheidsorganisatie"


def test_an_unknown_from_is_located_with_a_did_you_mean(project):
    set_organisation(project, organisation())
    only_letters(project)
    letter(project, "onbekend", "from: dgbell\n")
    problems = check(project, ["onbekend"])
    shown = [str(d) for d in problems]
    assert shown == ["briefs/onbekend.md:9:7: error: unknown directorate 'dgbell' (did you mean 'dgbel'?) [unknown-id]"], shown


def test_several_directorates_without_a_default_need_from(project):
    set_organisation(project, organisation(default=""))
    only_letters(project)
    letter(project, "zonder")
    letter(project, "met", "from: dgdoo\n")
    problems = check(project, ["zonder", "met"])
    assert [(d.location.path, d.location.line, d.code) for d in problems] == [("briefs/zonder.md", 2, "no-sender")]
    assert "say which one sends this brief with 'from:' (one of dgdoo, dgbel, dio)" in problems[0].message


def test_two_defaults_and_an_unknown_ministry_are_located_in_the_organisation_file(project):
    text = organisation().replace("short: DGOBDR", "short: DGOBDR\n        default: true").replace("ministry: bz\n", "ministry: bzz\n")
    set_organisation(project, text)
    problems = check(project)
    found = {(d.location.path, d.code) for d in problems}
    assert ("data/organisation.yaml", "organisation") in found and ("data/organisation.yaml", "unknown-id") in found
    messages = " ".join(d.message for d in problems)
    assert "'dgdoo' and 'dgbel' are both marked 'default: true'" in messages
    assert "unknown ministry 'bzz' (did you mean 'bz'?)" in messages


def test_the_logo_stands_in_the_first_page_header_instead_of_the_woordmerk(project):
    (project.root / "templates" / "logo-bzk.png").write_bytes((REPO / "tests" / "fixtures" / "figuur.png").read_bytes())
    set_organisation(project, organisation(logo="    logo: templates/logo-bzk.png\n"))
    only_letters(project)
    letter(project, "met-logo")
    letter(project, "zonder-logo", "from: dio\n", signatories="[minister-bz-veldkamp]")
    write_brief(
        project, "nota", "type: nota\nter: informatie\ndate: 2025-04-14\nonze_referentie: 2025-1\nactief_openbaar: false\n"
        "opgesteld_door: X\naan: minister-bzk-uitermark\ntitle: Nota\nstatus: verzonden\nfrom: dgbel\n",
        "# Aanleiding\n\nA.\n\n# Geadviseerd besluit\n\nB.\n\n# Kern\n\nC.\n\n# Toelichting\n\nD.\n",
    )
    result = build(project, ["met-logo", "zonder-logo", "nota"])
    assert result.ok, result.diagnostics
    for name in ("met-logo", "nota"):
        path = project.out_dir / f"{name}.docx"
        document = docx.Document(path)
        header = document.sections[0].first_page_header
        assert not any("Ministerie" in p.text for p in header.paragraphs)  # the logo instead of the text
        drawings = [p for p in header.paragraphs if p._p.findall(f".//{W}drawing")]
        assert len(drawings) == 1 and drawings[0]._p.pPr.find(f"{W}framePr") is not None
        with zipfile.ZipFile(path) as archive:
            media = [n for n in archive.namelist() if n.startswith("word/media/")]
            assert [archive.read(n) for n in media] == [(REPO / "tests" / "fixtures" / "figuur.png").read_bytes()]
        # Later pages have no logo, as they have no woordmerk.
        assert not document.sections[0].header._element.findall(f".//{W}drawing")
    nota = docx.Document(project.out_dir / "nota.docx")
    assert "Van DGOBDR" in [p.text for p in nota.paragraphs[:3]]
    # BZ supplied no logo: its woordmerk stands in text, and no image is in the document.
    path = project.out_dir / "zonder-logo.docx"
    assert first_header(path)[0] == "Ministerie van Buitenlandse Zaken"
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
    assert not docx.Document(path).sections[0].first_page_header._element.findall(f".//{W}drawing")


def test_a_missing_or_unreadable_logo_is_located_at_the_organisation_file(project):
    set_organisation(project, organisation(logo="    logo: templates/logo-bkz.png\n"))
    (project.root / "templates" / "logo-bzk.png").write_bytes((REPO / "tests" / "fixtures" / "figuur.png").read_bytes())
    problems = check(project)
    shown = [str(d) for d in problems if d.code == "logo"]
    assert shown == [
        "data/organisation.yaml:5:11: error: no logo 'templates/logo-bkz.png' in the repository (did you mean 'logo-bzk.png'?) [logo]"
    ], shown
    (project.root / "templates" / "logo-bkz.png").write_text("geen plaatje", encoding="utf-8")
    problems = check(project)
    assert [d.message for d in problems if d.code == "logo"] == ["logo 'templates/logo-bkz.png' is not a PNG, JPEG or GIF image"]


def test_a_changed_logo_rebuilds_the_documents(project):
    logo = project.root / "huisstijl" / "logo-bzk.png"  # outside templates/: named only in the data
    logo.parent.mkdir()
    logo.write_bytes((REPO / "tests" / "fixtures" / "figuur.png").read_bytes())
    set_organisation(project, organisation(logo="    logo: huisstijl/logo-bzk.png\n"))
    only_letters(project)
    letter(project, "met-logo")
    assert build(project, ["met-logo"]).ok
    assert build(project, ["met-logo"]).up_to_date == ("met-logo",)
    logo.write_bytes(logo.read_bytes() + b"\0")
    assert [path.stem for path in build(project, ["met-logo"]).written] == ["met-logo"]


# One person, two appointments in turn: BZK's minister until 4 September 2023, BZ's from the 5th.
MOVED = """
people:
  - id: bruins-slot
    name: H.G.J. Bruins Slot
"""


def moved_organisation(bzk: str = "    person: bruins-slot\n", extra: str = "") -> str:
    """The two ministries with Bruins Slot's name written once, under ``people:``."""
    text = organisation().replace("    name: H.G.J. Bruins Slot\n    ministry: bzk\n", f"{bzk}    ministry: bzk\n    until: 2023-09-04\n")
    text = text.replace("\nbewindspersonen:\n", MOVED + "bewindspersonen:\n", 1)
    return text + (
        "  - id: minister-bz-bruins-slot\n    role: De Minister van Buitenlandse Zaken\n    person: bruins-slot\n"
        f"    ministry: bz\n    from: 2023-09-05\n    until: 2024-07-02\n{extra}"
    )


def signature(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.style.name == "Signature"]


def test_one_person_with_two_appointments_signs_each_post_under_one_name(project):
    set_organisation(project, moved_organisation())
    only_letters(project)
    letter(project, "bzk", "from: dgdoo\n", signatories="[minister-bzk-bruins-slot]")
    write_brief(
        project, "bz",
        MINIMAL_FRONT_MATTER.replace("date: 2025-04-14", "date: 2024-03-01")
        .replace("signatories: [minister-bzk-uitermark]", "signatories: [minister-bz-bruins-slot]") + "from: dio\n",
        "Geachte tekst.\n",
    )
    # The BZK letter is dated 2025: after that appointment ended, so a warning, still built.
    result = build(project, ["bzk", "bz"])
    assert result.ok, result.diagnostics
    assert signature(project.out_dir / "bzk.docx") == ["De Minister van Binnenlandse Zaken en Koninkrijksrelaties,", "H.G.J. Bruins Slot"]
    assert signature(project.out_dir / "bz.docx") == ["De Minister van Buitenlandse Zaken,", "H.G.J. Bruins Slot"]


def test_a_letter_signed_outside_the_appointments_dates_is_warned_at_its_signatories(project):
    set_organisation(project, moved_organisation())
    only_letters(project)
    letter(project, "te-laat", "from: dgdoo\n", signatories="[minister-bzk-uitermark, minister-bzk-bruins-slot]")
    shown = [str(d) for d in check(project, ["te-laat"])]
    assert shown == [
        "briefs/te-laat.md:7:14: warning: 'minister-bzk-bruins-slot' signs this letter of 2025-04-14, outside that "
        "appointment (… to 2023-09-04): who held the post that day? [appointment-dates]"
    ], shown
    # Within the dates (the last day counts), nothing.
    letter(project, "op-tijd", "from: dgdoo\n", signatories="[minister-bzk-bruins-slot]")
    path = project.briefs_dir / "op-tijd.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-04-14", "date: 2023-09-04"), encoding="utf-8")
    assert check(project, ["op-tijd"]) == []


def test_an_appointment_names_its_person_once_by_name_or_by_person(project):
    both = moved_organisation(bzk="    name: H.G.J. Bruins Slot\n    person: bruins-slot\n")
    set_organisation(project, both)
    problems = [d for d in check(project) if d.location.path == "data/organisation.yaml"]
    assert [(d.code, d.severity) for d in problems] == [("organisation", "error")], problems
    assert "bewindspersoon 'minister-bzk-bruins-slot' has both 'name:' and 'person:'" in problems[0].message
    assert both.splitlines()[problems[0].location.line - 1].strip() == "person: bruins-slot"

    set_organisation(project, moved_organisation(bzk=""))
    problems = [d for d in check(project) if d.location.path == "data/organisation.yaml"]
    assert [d.code for d in problems] == ["missing-field"], problems
    assert "bewindspersoon 'minister-bzk-bruins-slot' names nobody: add 'name:', or 'person:'" in problems[0].message


def test_an_unknown_person_is_located_with_a_did_you_mean(project):
    text = moved_organisation(bzk="    person: bruins-slott\n")
    set_organisation(project, text)
    problems = [d for d in check(project) if d.location.path == "data/organisation.yaml"]
    assert [str(d).split(": ", 1)[1] for d in problems] == [
        "error: unknown person 'bruins-slott' (did you mean 'bruins-slot'?) [unknown-id]"
    ], problems
    assert text.splitlines()[problems[0].location.line - 1].strip() == "person: bruins-slott"
