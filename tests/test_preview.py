"""The live preview (builder/preview/): the page of each example against its DOCX, citations with
what they cite, findings at their place, escaping, the server's bounds, and in real headless
Chromium: an edit of the brief and of data/ shows on the open page without a reload, and the DOCX
is rebuilt."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from lxml import html

from builder.dutch import long_date
from builder.pipeline import load_briefs
from builder.preview.html import mark_findings
from builder.preview.server import HOST, EventHub, PreviewServer
from builder.preview.session import Session

from .conftest import EXAMPLES, footnotes, run_cli

LETTER = "voortgang-aanpak-racisme"


def content(project, name: str):
    page = html.fromstring(f"<main>{Session(project, name).update().html}</main>")
    for line_break in page.iter("br"):  # a line break is a space between words, as in the DOCX's text
        line_break.tail = " " + (line_break.tail or "")
    return page


def squeezed(text: str) -> str:
    return " ".join(text.split())


def texts(root, xpath: str) -> list[str]:
    return [squeezed(element.text_content()) for element in root.xpath(xpath)]


# --- the page against the DOCX ------------------------------------------------------------------------


def test_each_example_has_the_furniture_and_footnotes_of_its_docx(project, built):
    for name in EXAMPLES:
        page = content(project, name)
        document = Document(str(built[name]))
        header = [p for p in document.sections[0].first_page_header.paragraphs if p.text.strip()]
        woordmerk, column = header[0], header[1:]
        # The reference column holds the very lines of the DOCX's, in order: one source for both.
        assert texts(page, "//aside[@class='column']/p[normalize-space()]") == [squeezed(p.text) for p in column], name
        assert texts(page, "//div[contains(@class, 'woordmerk')]") == [squeezed(woordmerk.text)], name
        docx_text = squeezed(" ".join(p.text for p in document.paragraphs))
        properties = document.core_properties
        shown = squeezed(page.text_content())
        assert properties.identifier in texts(page, "//aside[@class='column']/p"), name  # Kenmerk, Onze referentie
        brief = load_briefs(project, [name])[0][0]
        for value in (properties.title, long_date(brief.meta.date)):  # Betreft or title, Datum
            if value in docx_text or value in [squeezed(p.text) for p in column]:
                assert value in shown, f"{name}: {value}"
        # Footnotes numbered at the foot as in the DOCX, with the same text.
        notes = [squeezed(note.replace("\u21a9\ufe0e", "")) for note in texts(page, "//section[@id='footnotes']/ol/li")]
        assert notes == [squeezed(note) for note in footnotes(built[name])], name


def test_a_letter_shows_addressee_datum_betreft_and_signature(project):
    page = content(project, LETTER)
    opening = texts(page, "//div[@class='opening']/p")
    assert opening[1:5] == ["De Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018", "2500 EA DEN HAAG"]
    assert "Datum 14 april 2025" in opening
    assert "Betreft Voortgang aanpak racisme en discriminatie binnen de Rijksoverheid" in opening
    assert texts(page, "//div[@class='signature']/p") == [
        "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,", "J.J.M. Uitermark",
    ]
    assert "Hoogachtend," in texts(page, "//div[@class='closing']/p")


def test_a_nota_shows_its_bijlagen_table(project):
    page = content(project, "nota-voortgang-aanpak-racisme")
    assert texts(page, "//table[@class='furniture']//th") == ["Volgnummer", "Naam", "Informatie"]
    assert texts(page, "//table[@class='furniture']/tbody/tr[1]/td")[0] == "1"


# --- citations show what they cite --------------------------------------------------------------------


def test_a_citation_carries_the_record_it_cites_on_hover(project):
    page = content(project, LETTER)
    note = page.xpath("//span[contains(@class, 'cite')][.//a[@href='#fn1']]")[0]
    assert note.get("title").startswith("kst-30950-433: Kamerstukken II 2024/25, 30 950, nr. 433")
    motion = page.xpath("//span[contains(@class, 'cite')][normalize-space()='de motie van het lid Bamenga']")[0]
    assert motion.get("title").startswith("motie motie-bamenga (de motie van het lid Bamenga): ")
    assert "verzoekt de regering om in functieomschrijvingen" in motion.get("title")
    commitment = page.xpath("//span[contains(@class, 'cite')][starts-with(normalize-space(), 'de toezegging over de verantwoordelijkheid')]")[0]
    assert commitment.get("title").startswith("toezegging per-racisme-h (de toezegging over de verantwoordelijkheid")


# --- findings at their place ----------------------------------------------------------------------------


def plant(project, name: str, old: str, new: str) -> None:
    path = project.briefs_dir / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_finding_stands_in_the_paragraph_it_points_at(project):
    plant(project, LETTER, "rapporteren over hun aanpak", "rapporteren (zie @kst-bestaat-niet) over hun aanpak")
    page = content(project, LETTER)
    paragraph = page.xpath("//div[@class='body']//p[contains(., 'In de brief van 27 januari')]")[0]
    finding = paragraph.xpath(".//*[contains(@class, 'finding')]")
    assert len(finding) == 1 and "error" in finding[0].get("class")
    assert re.search(r"briefs/voortgang-aanpak-racisme\.md:\d+:\d+: error: .*kst-bestaat-niet.*\[unknown-id\]", finding[0].text_content())
    unresolved = paragraph.xpath(".//span[@class='cite unresolved']")[0]
    assert unresolved.text_content() == "@kst-bestaat-niet" and unresolved.get("title") == "kst-bestaat-niet: onbekend"
    assert page.xpath("//section[@class='findings']") == []  # every finding found its place


def test_a_finding_of_the_front_matter_stands_above_the_page(project):
    plant(project, LETTER, "signatories: [minister-bzk-uitermark]", "signatories: [minister-bzk-onbekend]")
    page = content(project, LETTER)
    top = texts(page, "//section[@class='findings']//*[contains(@class, 'finding')]")
    assert any("minister-bzk-onbekend" in text and "[unknown-id]" in text for text in top)
    assert "Kenmerk" in texts(page, "//aside[@class='column']/p")  # the page is still shown, but for the signature
    assert page.xpath("//div[@class='signature']") == []


def test_markers_go_where_pandoc_keeps_the_block_whole():
    body = "# Kop\n\nTekst\nregel twee\n\n- item\n  vervolg\n\n```\ncode\n```\n"
    located = [finding_at(line) for line in (1, 4, 7, 10)]
    marked, markers = mark_findings(body, 1, located)
    assert marked.split("\n") == [
        "# Kop", "", '::: {.finding-marker data-finding="3"}', ":::", "",
        "",
        '[]{.finding-marker data-finding="2"}Tekst', "regel twee", "",
        '- []{.finding-marker data-finding="1"}item', "  vervolg", "",
        "", '::: {.finding-marker data-finding="0"}', ":::", "", "```", "code", "```", "",
    ]
    assert {number: [f.location.line for f in found] for number, found in markers.items()} == {0: [10], 1: [7], 2: [4], 3: [1]}


def finding_at(line: int):
    from builder.codes import finding
    from builder.diagnostics import Location

    return finding(Location("briefs/x.md", line), "planted", "unknown-id")


# --- nothing from a brief or the data is markup -------------------------------------------------------------

EVIL = "<script>alert(1)</script><b onmouseover=x>vet</b>"


def test_html_in_a_brief_and_in_data_shows_as_text(project):
    plant(project, LETTER, "betreft: Voortgang aanpak", f"betreft: '{EVIL} Voortgang aanpak")
    plant(project, LETTER, "Rijksoverheid\naddressee", "Rijksoverheid'\naddressee")
    plant(project, LETTER, "Met deze tweede brief", f"{EVIL} Met deze tweede brief")
    commitments = project.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_text(text.replace("      Het ontwikkelen van een model", f"      {EVIL} Het ontwikkelen van een model", 1), encoding="utf-8")
    raw = Session(project, LETTER).update().html
    page = html.fromstring(f"<main>{raw}</main>")
    assert page.xpath("//script | //b | //*[@onmouseover]") == []
    shown = page.text_content()
    assert shown.count(EVIL) == 3  # in Betreft, in the body, and in the list the template makes from the data
    assert "&lt;script&gt;" in raw


def test_html_in_a_cited_record_shows_as_text_on_hover(project):
    commitments = project.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_text(re.sub("short: de toezegging over de verantwoordelijkheid.*", f'short: "{EVIL}"', text, count=1), encoding="utf-8")
    page = content(project, LETTER)
    assert page.xpath("//script | //b") == []
    assert any(EVIL in (span.get("title") or "") for span in page.xpath("//span[contains(@class, 'cite')]"))


# --- the server --------------------------------------------------------------------------------------------


@pytest.fixture
def server():
    hub = EventHub()
    hub.publish("page", {"html": "<p>inhoud</p>", "status": "", "version": 1})
    served = PreviewServer(hub, lambda: "<!DOCTYPE html><p>pagina</p>", "p {}", "// script", port=0)
    served.start()
    yield served
    served.stop()


def get(served: PreviewServer, path: str, host: str | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, served.server_address[1], timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"{HOST}:{served.server_address[1]}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8") if path != "/events" else response.readline().decode("utf-8")
    connection.close()
    return response.status, body


def test_the_server_listens_on_127_0_0_1_and_serves_only_the_preview(server, project):
    assert server.server_address[0] == "127.0.0.1"
    assert get(server, "/") == (200, "<!DOCTYPE html><p>pagina</p>")
    assert get(server, "/preview.js") == (200, "// script")
    assert get(server, "/preview.css")[0] == 200
    for path in ("/../data/commitments.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/briefs/voortgang-aanpak-racisme.md", "/data/",
                 "//etc/passwd", "/preview.js/../../README.md"):
        assert get(server, path)[0] == 404, path
    assert get(server, "/", host="evil.example:80")[0] == 421  # a page elsewhere that rebinds its name to 127.0.0.1


def test_the_event_stream_starts_with_the_page_as_it_is(server):
    connection = http.client.HTTPConnection(HOST, server.server_address[1], timeout=10)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    lines = [response.readline().decode("utf-8").rstrip("\n") for _ in range(5)]
    assert lines[0] == "retry: 500"
    assert lines[3:5] == ["event: page", 'data: {"html": "<p>inhoud</p>", "status": "", "version": 1}']
    connection.close()


# --- the command ------------------------------------------------------------------------------------------


def test_an_unknown_brief_is_a_located_error_with_a_hint(project):
    done = run_cli("preview", "voortgang-aanpak-racism", "--no-browser", cwd=project.root)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "briefs/voortgang-aanpak-racism.md:1:1: error: no such brief 'voortgang-aanpak-racism'"
        " (did you mean 'voortgang-aanpak-racisme'?) [brief-name]"
    )


def test_a_port_in_use_is_a_located_error(project, server):
    port = server.server_address[1]
    done = run_cli("preview", LETTER, "--no-browser", "--port", str(port), cwd=project.root)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith(f"127.0.0.1:{port}:1:1: error: cannot serve the preview on port {port}: ")
    assert done.stderr.splitlines()[0].endswith("[listen]")


class Preview:
    """`brief preview NAME` as a writer runs it, in its own process."""

    def __init__(self, root: Path, name: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", "preview", f"briefs/{name}.md", "--no-browser"],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.first_line = self.process.stdout.readline()
        match = re.fullmatch(rf"preview of briefs/{name}\.md at (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C stops\)\n", self.first_line)
        assert match, self.first_line + self.process.stderr.read()
        self.url, self.port = match.group(1), int(match.group(2))

    def stop(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out, err


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP socket listens on at ``port``, from Linux's /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)) if len(address) == 8 else address)
    return found


def wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def docx_text(path: Path) -> str:
    try:
        return " ".join(p.text for p in Document(str(path)).paragraphs)
    except Exception:  # noqa: BLE001 -- not there yet
        return ""


def test_the_page_follows_each_save_in_chromium_and_the_docx_is_rebuilt(browser, project):
    if Path("/proc/net/tcp").exists() is False:
        pytest.skip("reads /proc/net/tcp")
    preview = Preview(project.root, LETTER)
    out = project.out_dir / f"{LETTER}.docx"
    try:
        assert listening_addresses(preview.port) == {"127.0.0.1"}
        context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL")
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.on("request", lambda request: None if request.url.startswith(preview.url) else errors.append(request.url))
        tab.goto(preview.url)
        assert tab.locator("aside.column").inner_text().split("\n")[0] == "Directoraat-Generaal Digitalisering en Overheidsorganisatie"
        tab.locator("#build", has_text=f"DOCX gebouwd: out/{LETTER}.docx").wait_for(timeout=60_000)  # the first background build
        tab.evaluate("window.notReloaded = true")
        assert wait_until(lambda: "Daarnaast ga ik in op" in docx_text(out))

        # The writer changes a sentence of the brief and saves.
        plant(project, LETTER, "Daarnaast ga ik in op", "Verder behandel ik")
        tab.locator("text=Verder behandel ik").wait_for(timeout=30_000)
        assert tab.locator("text=Daarnaast ga ik in op").count() == 0

        # A commitment's text the brief's list prints from data/ changes.
        commitments = project.data_dir / "commitments.yaml"
        text = commitments.read_text(encoding="utf-8")
        commitments.write_text(text.replace("Het ontwikkelen van een model", "Het samen ontwerpen van een model", 1), encoding="utf-8")
        tab.locator("text=Het samen ontwerpen van een model").wait_for(timeout=30_000)

        assert tab.evaluate("window.notReloaded") is True  # swapped in, not reloaded
        cited = tab.locator("span.cite", has=tab.locator("a[href='#fn1']"))
        assert cited.get_attribute("title").startswith("kst-30950-433: Kamerstukken II 2024/25, 30 950, nr. 433")
        # The DOCX in out/ follows in the background.
        assert wait_until(lambda: "Het samen ontwerpen van een model" in docx_text(out) and "Verder behandel ik" in docx_text(out))
        context.close()
        assert errors == []
    finally:
        code, printed, said = preview.stop()
    assert code == 128 + signal.SIGINT
    assert said.splitlines()[-1] == "brief: interrupted"
    assert printed.splitlines()[:1] == [f"wrote out/{LETTER}.docx"]
    assert set(printed.splitlines()) == {f"wrote out/{LETTER}.docx"}
