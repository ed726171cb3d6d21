"""``brief redline``: a brief's document built at two commits, the changes tracked for Word.

One history serves most tests: the examples committed, then a second commit by another
author that inserts a word, deletes a sentence (and the footnote it carried), changes a
footnote, the Kenmerk and a commitment's wording in data/. The redline is checked on its
XML, by accepting and rejecting every change and comparing with each revision's own build,
with openxml-audit, and in LibreOffice.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.pipeline import Project
from builder.redline import build_document, redline
from builder.version import Stamp

from .conftest import REPO, W, git, run_cli

NAME = "voortgang-aanpak-racisme"
AUTHOR, WHEN = "Redacteur Tweede", "2025-05-02T09:30:00+02:00"
WHEN_UTC = "2025-05-02T07:30:00Z"
DELETED_SENTENCE = "De eerste brief heb ik u op 27 januari jl. gestuurd."
EPOCH = "1656280800"  # 2022-06-27, the builds' dates: reproducible


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def second_draft(root: Path) -> None:
    """The changes of the second commit: in the brief, and in a commitment it prints."""
    brief = root / "briefs" / f"{NAME}.md"
    edit(brief, "kenmerk: 2025-0000123456", "kenmerk: 2025-0000123457")
    edit(brief, "heb ik aangekondigd", "heb ik eerder aangekondigd")
    edit(brief, " De eerste brief\nheb ik u op 27 januari jl. gestuurd.[@kst-30950-433]", "")
    edit(brief, "[Zie @kst-30950-433]", "[Zie ook @kst-30950-433]")
    edit(root / "data" / "commitments.yaml", "verplicht maken voor departementen", "wettelijk verplicht maken voor departementen")


def make_history(root: Path) -> None:
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "examples")
    second_draft(root)
    git(root, "commit", "-q", "-am", "second draft", f"--author={AUTHOR} <r2@example.org>", f"--date={WHEN}")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    """The two-commit history, its redline, and the brief built at each commit."""
    root = tmp_path_factory.mktemp("history")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        make_history(root)
        project = Project(root)
        result, problems = redline(project, NAME, "HEAD~1", "HEAD")
        assert result is not None and [d for d in problems if d.severity == "error"] == [], problems
        stamp = Stamp(git(root, "rev-parse", "--short=7", "HEAD").strip())  # REV2's, as the redline's builds carry
        after, _ = build_document(project, NAME, stamp)
        git(root, "checkout", "-q", "HEAD~1")
        before, _ = build_document(project, NAME, stamp)
        git(root, "checkout", "-q", "main")
    assert before and after
    return {"root": root, "result": result, "path": result.path, "before": before, "after": after}


def part_of(document: Path | bytes, name: str) -> etree._Element:
    source = document if isinstance(document, Path) else io.BytesIO(document)
    with zipfile.ZipFile(source) as archive:
        return etree.fromstring(archive.read(name))


def part_names(document: Path | bytes, prefix: str) -> list[str]:
    source = document if isinstance(document, Path) else io.BytesIO(document)
    with zipfile.ZipFile(source) as archive:
        return sorted(n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".xml"))


def marked(root: etree._Element, kind: str) -> list[etree._Element]:
    """The run-level insertions or deletions (not the marks on a paragraph's or row's end)."""
    return [element for element in root.iter(f"{W}{kind}") if element.getparent().tag not in (f"{W}rPr", f"{W}trPr")]


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))


def deleted_runs(root: etree._Element) -> str:
    """The deleted text of each paragraph, consecutive deletions joined."""
    return "\n".join("".join(text_of(d) for d in marked(p, "del")) for p in root.iter(f"{W}p"))


# --- the changes, where they belong -----------------------------------------------------------


def test_the_redline_is_named_by_both_commits_in_out(history):
    root = history["root"]
    first, second = git(root, "rev-parse", "--short=7", "HEAD~1").strip(), git(root, "rev-parse", "--short=7", "HEAD").strip()
    assert history["path"] == root / "out" / f"{NAME}-redline-{first}-{second}.docx"
    assert sorted(p.name for p in (root / "out").iterdir()) == [history["path"].name]  # no temporary left


def test_an_inserted_word_is_an_insertion_in_the_body(history):
    body = part_of(history["path"], "word/document.xml")
    assert "eerder" in [text_of(i).strip() for i in marked(body, "ins")]


def test_a_deleted_sentence_is_a_deletion_in_the_body_with_its_footnote_reference(history):
    body = part_of(history["path"], "word/document.xml")
    assert DELETED_SENTENCE in deleted_runs(body)
    assert any(d.find(f".//{W}footnoteReference") is not None for d in marked(body, "del"))


def test_a_commitments_changed_wording_from_data_is_an_insertion(history):
    body = part_of(history["path"], "word/document.xml")
    (inserted,) = [i for i in marked(body, "ins") if text_of(i).strip() == "wettelijk"]
    paragraph = next(inserted.iterancestors(f"{W}p"))
    assert "verplicht maken voor departementen" in text_of(paragraph)


def test_a_changed_footnote_is_an_insertion_in_the_footnotes_and_the_removed_one_is_deleted(history):
    notes = part_of(history["path"], "word/footnotes.xml")
    assert "ook" in [text_of(i).strip() for i in marked(notes, "ins")]
    assert "Kamerstukken II 2024/25, 30 950, nr. 433." in deleted_runs(notes)


def test_a_changed_kenmerk_is_tracked_in_the_sender_column(history):
    for name in part_names(history["path"], "word/header"):
        header = part_of(history["path"], name)
        if "Kenmerk" not in text_of(header):
            continue
        assert "2025-0000123457" in [text_of(i).strip() for i in marked(header, "ins")]
        assert "2025-0000123456" in deleted_runs(header)
        break
    else:
        pytest.fail("no header holds the Kenmerk")


def test_the_document_properties_are_the_later_builds(history):
    """Docxodus keeps the earlier document's: the Kenmerk in the keywords would be the old one."""
    for name in ("docProps/core.xml", "docProps/custom.xml", "docProps/app.xml"):
        assert etree.tostring(part_of(history["path"], name)) == etree.tostring(part_of(history["after"], name)), name
    assert "2025-0000123457" in etree.tostring(part_of(history["path"], "docProps/core.xml")).decode()


def test_every_change_has_the_commits_author_and_date_and_an_id_of_its_own(history):
    ids = []
    for name in [*part_names(history["path"], "word/")]:
        for change in part_of(history["path"], name).iter(f"{W}ins", f"{W}del"):
            assert (change.get(f"{W}author"), change.get(f"{W}date")) == (AUTHOR, WHEN_UTC)
            ids.append(change.get(f"{W}id"))
    assert len(ids) > 8 and len(ids) == len(set(ids))


def test_the_document_keeps_its_styles(history):
    def styles(document) -> list[str]:
        return sorted(s.get(f"{W}styleId") for s in part_of(document, "word/styles.xml").iter(f"{W}style"))

    assert styles(history["path"]) == styles(history["after"])
    body = part_of(history["path"], "word/document.xml")
    built = part_of(history["after"], "word/document.xml")
    # No paragraph was added or removed in the body: each keeps the style it was built with.
    assert [s.get(f"{W}val") for s in body.iter(f"{W}pStyle")] == [s.get(f"{W}val") for s in built.iter(f"{W}pStyle")]


# --- accept all, reject all ------------------------------------------------------------------


def resolved(root: etree._Element, accept: bool) -> etree._Element:
    """The part with every change accepted (or rejected), as Word would do it."""
    root = copy.deepcopy(root)
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    for change in list(root.iter(drop)):
        holder = change.getparent()
        if holder.tag == f"{W}rPr":  # the paragraph's end: it joins the next paragraph
            holder.getparent().getparent().set("joined", "1")
        elif holder.tag == f"{W}trPr":
            holder.getparent().set("gone", "1")
        else:
            holder.remove(change)
    for change in list(root.iter(keep)):
        holder = change.getparent()
        if holder.tag in (f"{W}rPr", f"{W}trPr"):
            holder.remove(change)
            continue
        at = holder.index(change)
        for child in list(change):
            holder.insert(at, child)
            at += 1
        holder.remove(change)
    for row in [row for row in root.iter(f"{W}tr") if row.get("gone")]:
        row.getparent().remove(row)
    for deleted in root.iter(f"{W}delText"):
        deleted.tag = f"{W}t"
    return root


def paragraph_texts(root: etree._Element) -> list[str]:
    texts, joined = [], ""
    for paragraph in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        if paragraph.get("joined"):
            joined += text
        else:
            texts.append(joined + text)
            joined = ""
    return texts


def parts_compared(history) -> list[str]:
    return ["word/document.xml", "word/footnotes.xml", *part_names(history["after"], "word/header"), *part_names(history["after"], "word/footer")]


def test_accepting_every_change_gives_the_later_build(history):
    for name in parts_compared(history):
        accepted = resolved(part_of(history["path"], name), accept=True)
        assert paragraph_texts(accepted) == paragraph_texts(part_of(history["after"], name)), name


def test_rejecting_every_change_gives_the_earlier_build(history):
    for name in parts_compared(history):
        rejected = resolved(part_of(history["path"], name), accept=False)
        assert paragraph_texts(rejected) == paragraph_texts(part_of(history["before"], name)), name


def test_the_comparison_reads_the_builds_so_the_two_differ_where_the_changes_are(history):
    """Guards the two tests above: they would pass on a redline of two equal builds."""
    for name in ("word/document.xml", "word/footnotes.xml"):
        assert paragraph_texts(part_of(history["before"], name)) != paragraph_texts(part_of(history["after"], name))
    headers = part_names(history["after"], "word/header")
    assert any(paragraph_texts(part_of(history["before"], n)) != paragraph_texts(part_of(history["after"], n)) for n in headers)


# --- Word and LibreOffice --------------------------------------------------------------------


def audit(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", "from openxml_audit.cli import main; main()", "-f", "office2019", "-m", "0", "-o", "json", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    (report,) = json.loads(result.stdout)
    return report


def test_word_would_open_the_redline_cleanly(history):
    report = audit(history["path"])
    assert report["errors"] == [] and report["valid"], report


ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def libreoffice_changes(path: Path, scratch: Path) -> dict[str, list[tuple[str, str]]]:
    """The tracked changes LibreOffice reads in a document: (author, text) by kind
    (insertion, deletion), from the flat ODF it converts the document into."""
    profile = scratch / "profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "fodt", "--outdir", str(scratch), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    converted = scratch / f"{path.stem}.fodt"
    assert converted.is_file(), done.stderr
    root = etree.parse(str(converted)).getroot()
    kinds, authors = {}, {}
    for region in root.iter(f"{{{ODF_TEXT}}}changed-region"):
        change = region[0]
        ident = region.get(f"{{{ODF_TEXT}}}id")
        kinds[ident] = etree.QName(change).localname
        authors[ident] = change.findtext(f".//{{{DC}}}creator")
    texts = dict.fromkeys(kinds, "")
    open_ids: set[str] = set()

    def walk(element):
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name == "change-start":
            open_ids.add(element.get(f"{{{ODF_TEXT}}}change-id"))
        elif name == "change-end":
            open_ids.discard(element.get(f"{{{ODF_TEXT}}}change-id"))
        elif name == "changed-region":
            return  # the regions' own records, not the text
        if element.text and name not in ("change-start", "change-end"):
            for ident in open_ids:
                texts[ident] += element.text
        for child in element:
            walk(child)
            if child.tail:
                for ident in open_ids:
                    texts[ident] += child.tail

    walk(root.find(f"{{{ODF_OFFICE}}}body"))
    changes: dict[str, list[tuple[str, str]]] = {}
    for ident, kind in kinds.items():
        changes.setdefault(kind, []).append((authors[ident], " ".join(texts[ident].split())))
    return changes


@pytest.mark.render
def test_libreoffice_reads_the_changes_in_body_and_footnotes(history, tmp_path):
    """LibreOffice keeps no tracked changes in headers (Writer has none there), so the
    Kenmerk's change is checked on the XML above, and these in the body and footnotes."""
    changes = libreoffice_changes(history["path"], tmp_path)
    inserted = [text for author, text in changes["insertion"] if author == AUTHOR]
    deleted = [text for author, text in changes["deletion"] if author == AUTHOR]
    assert {"eerder", "wettelijk", "ook"} <= set(inserted)
    assert any(DELETED_SENTENCE in text for text in deleted)


# --- revisions and authors -------------------------------------------------------------------


def test_the_working_tree_is_the_default_and_its_changes_are_the_git_users_now(history, tmp_path, monkeypatch):
    root = tmp_path / "copy"
    shutil.copytree(history["root"], root, ignore=shutil.ignore_patterns("out"))
    git(root, "config", "user.name", "Werkmap Gebruiker")
    edit(root / "briefs" / f"{NAME}.md", "betreft: Voortgang aanpak", "betreft: Tweede voortgang aanpak")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748851200")  # 2025-06-02T08:00:00Z
    result, _ = redline(Project(root), NAME, "HEAD")
    assert result.path.name == f"{NAME}-redline-{git(root, 'rev-parse', '--short=7', 'HEAD').strip()}-werkmap.docx"
    changes = list(part_of(result.path, "word/document.xml").iter(f"{W}ins"))
    assert "Tweede" in [text_of(i).strip() for i in changes if i.getparent().tag != f"{W}rPr"]
    assert {(i.get(f"{W}author"), i.get(f"{W}date")) for i in changes} == {("Werkmap Gebruiker", "2025-06-02T08:00:00Z")}


def test_a_clean_working_tree_carries_the_last_commits_author(history, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(history["root"], root, ignore=shutil.ignore_patterns("out"))
    result, _ = redline(Project(root), NAME, "HEAD~1")
    assert (result.by.author, result.by.date.isoformat()) == (AUTHOR, "2025-05-02T07:30:00+00:00")
    assert result.changed["body"] >= 3 and result.changed["footnotes"] >= 1 and result.changed["headers"] >= 1


def test_a_table_row_added_is_a_tracked_row_word_accepts(repo, monkeypatch):
    """A bijlage added to a nota is a row of its table: Docxodus's row mark needs the repair."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    edit(
        repo.briefs_dir / "nota-voortgang-aanpak-racisme.md",
        "    informatie: Tekenexemplaar van de brief aan de Tweede Kamer\n",
        "    informatie: Tekenexemplaar van de brief aan de Tweede Kamer\n  - id: advies\n    naam: Advies\n    informatie: Het advies van DGDOO\n",
    )
    edit(repo.briefs_dir / "nota-voortgang-aanpak-racisme.md", "(@tekenexemplaar)", "(@tekenexemplaar, @advies)")
    result, problems = redline(repo, "nota-voortgang-aanpak-racisme", "HEAD")
    assert result is not None, problems
    rows = part_of(result.path, "word/document.xml").iter(f"{W}tr")
    added = [row for row in rows if row.find(f"{W}trPr/{W}ins") is not None]
    assert [text_of(row) for row in added] == ["2AdviesHet advies van DGDOO"]
    report = audit(result.path)
    assert report["errors"] == [] and report["valid"], report


# --- errors -----------------------------------------------------------------------------------


def test_an_unknown_brief_is_bad_input_with_a_did_you_mean(history):
    done = run_cli("redline", "voortgang-aanpak-racism", "HEAD~1", cwd=history["root"])
    assert done.returncode == 2
    assert "no such brief 'voortgang-aanpak-racism' in the working tree (did you mean 'voortgang-aanpak-racisme'?) [brief-name]" in done.stderr


def test_an_unknown_revision_is_bad_input(history):
    done = run_cli("redline", NAME, "HEAD~1", "v9.9", cwd=history["root"])
    assert (done.returncode, done.stdout) == (2, "")
    assert "error: unknown revision 'v9.9' [git]" in done.stderr


def test_a_brief_not_yet_written_at_rev1_is_bad_input(history, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(history["root"], root, ignore=shutil.ignore_patterns("out"))
    shutil.copy(root / "briefs" / f"{NAME}.md", root / "briefs" / "nieuwe-brief.md")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a new letter")
    done = run_cli("redline", "nieuwe-brief", "HEAD~1", "HEAD", cwd=root)
    first = git(root, "rev-parse", "--short=7", "HEAD~1").strip()
    assert done.returncode == 2
    assert f"{first}:briefs/nieuwe-brief.md:1:1: error: brief 'nieuwe-brief' is not in revision {first}" in done.stderr
    assert not (root / "out").exists()


def test_outside_a_git_repository_it_is_bad_input(project):
    done = run_cli("redline", NAME, "HEAD", cwd=project.root)
    assert done.returncode == 2
    assert "error: not a git repository: brief redline builds the brief at each revision from git [git]" in done.stderr


def test_the_command_says_what_it_wrote(history, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "copy"
    shutil.copytree(history["root"], root, ignore=shutil.ignore_patterns("out"))
    done = run_cli("redline", NAME, "HEAD~1", "HEAD", cwd=root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"wrote out/{history['path'].name}"
    assert lines[1].endswith(f"by {AUTHOR}, 2025-05-02 07:30 UTC")
    assert (root / "out" / history["path"].name).read_bytes() == history["path"].read_bytes()  # reproducible
