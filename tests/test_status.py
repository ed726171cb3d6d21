"""`brief status`: the coordinators' view, as table, CSV and a self-contained HTML page."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from lxml import html

from .conftest import run_cli
from .test_check import reopen

AS_OF = "2026-11-23"


def status(project, *args: str):
    result = run_cli("status", "--as-of", AS_OF, *args, cwd=project.root)
    assert "Traceback" not in result.stderr
    return result


def rows_of_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_seed_000_toezeggingen_with_the_letters_that_answer_them(project):
    result = status(project, "--format", "csv")
    assert result.returncode == 0
    rows = {row["id"]: row for row in rows_of_csv(result.stdout)}
    assert [key for key in rows if key.startswith("per-racisme-")] == [f"per-racisme-{c}" for c in "abcdefghijklm"]
    # Postponed by the first letter, answered by the second.
    assert rows["per-racisme-c"]["brieven"] == (
        "eerste-brief-racisme (verzonden 2025-01-27); voortgang-aanpak-racisme (verzonden 2025-04-14)"
    )
    assert rows["per-racisme-b"]["brieven"] == "eerste-brief-racisme (verzonden 2025-01-27)"
    assert rows["per-racisme-c"]["status"] == "voldaan"
    assert rows["per-racisme-a"]["brieven"].startswith("reden: Stand van zaken gegeven in Kamerstuk 30 950, nr. 433")
    assert rows["tk-2022-discriminatie"]["brieven"] == "sociale-veiligheid-rijksoverheid (verzonden 2022-06-27)"
    assert rows["motie-bamenga"]["soort"] == "motie"
    assert rows["motie-bamenga"]["brieven"] == "voortgang-aanpak-racisme (verzonden 2025-04-14)"
    assert (rows["T03545"]["kamer"], rows["T03545"]["gedaan op"], rows["T03545"]["uiterlijk"]) == ("EK", "2022-12-20", "2024-07-01")
    assert all(row["signalen"] == "" for row in rows.values())


def test_filters_and_flags(project):
    reopen(project, "per-racisme-k")
    rows = rows_of_csv(status(project, "--format", "csv", "--open").stdout)
    assert [(row["id"], row["signalen"]) for row in rows] == [("per-racisme-k", "over tijd")]
    assert [row["id"] for row in rows_of_csv(status(project, "--format", "csv", "--overdue").stdout)] == ["per-racisme-k"]
    ek = rows_of_csv(status(project, "--format", "csv", "--kamer", "EK").stdout)
    assert [row["id"] for row in ek] == ["T03545"]
    by = rows_of_csv(status(project, "--format", "csv", "--by", "minister-bzk-bruins-slot").stdout)
    assert [row["id"] for row in by] == ["T03545", "tk-2022-sociale-veiligheid", "tk-2022-discriminatie"]


def test_fail_on_overdue_gates_ci(project):
    assert status(project, "--fail-on", "overdue").returncode == 0
    reopen(project, "per-racisme-k")
    assert status(project, "--fail-on", "overdue").returncode == 1
    assert status(project, "--fail-on", "overdue", "--kamer", "EK").returncode == 0  # filters first


EVIL = '=HYPERLINK("http://evil.example","klik")'


def test_csv_cells_read_back_as_text_never_as_a_formula(project):
    commitments = project.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_text(text.replace(
        "      De rijksbrede klachtencommissie", f"      {EVIL} De rijksbrede klachtencommissie", 1
    ), encoding="utf-8")
    motions = project.data_dir / "motions.yaml"
    text = motions.read_text(encoding="utf-8")
    motions.write_text(text.replace(
        "subject: over de rijksbrede klachtencommissie per 1 januari 2025 in werking laten treden",
        'subject: "-12 procent klachten"', 1,
    ), encoding="utf-8")
    result = status(project, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert f'"\'{EVIL.replace(chr(34), chr(34) * 2)} De rijksbrede' in result.stdout
    rows = {row["id"]: row for row in rows_of_csv(result.stdout)}
    assert rows["per-racisme-a"]["tekst"].startswith(f"'{EVIL} De rijksbrede")
    assert rows["motie-rajkowski"]["tekst"] == "'-12 procent klachten"  # a number-like text alike
    assert result.stdout.startswith('"id","soort","tekst","kamer",')  # every cell quoted, as OWASP advises


def test_terminal_table_and_bad_arguments(project):
    result = status(project)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "soort", "tekst", "kamer", "gedaan", "op", "uiterlijk", "status", "brieven", "signalen"]
    assert any(line.startswith("per-racisme-b ") and "eerste-brief-racisme (verzonden 2025-01-27)" in line for line in lines)
    bad = status(project, "--by", "minister-bzk")
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "data/organisation.yaml:1:1: error: --by: unknown bewindspersoon 'minister-bzk'"
        " (did you mean 'minister-bzk-uitermark'?) [unknown-id]",
        "1 error(s), 0 warning(s)",
    ]


def test_html_is_one_escaped_page_without_network(project):
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      De rijksbrede klachtencommissie", "      <script>alert(1)</script> De rijksbrede klachtencommissie", 1
    ), encoding="utf-8")
    result = status(project, "--format", "html", "--output", "out/status.html")
    assert result.returncode == 0
    page = (project.out_dir / "status.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch
    assert page.count("<script>") == 1  # only the sorting script


CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by `make test`")
def test_html_renders_and_sorts_in_headless_chromium(project, tmp_path):
    reopen(project, "per-racisme-k")
    status(project, "--format", "html", "--output", "out/status.html")
    page = project.out_dir / "status.html"

    def dom(fragment: str = ""):
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
             "--dump-dom", page.as_uri() + fragment],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return html.fromstring(result.stdout)

    rendered = dom()
    header = [th.text_content().strip() for th in rendered.xpath("//table[@id='coverage']/thead//th")]
    assert header == ["id", "soort", "tekst", "kamer", "gedaan op", "uiterlijk", "status", "brieven", "signalen"]
    rows = rendered.xpath("//table[@id='coverage']/tbody/tr")
    assert len(rows) == 13 + 3 + 3  # toezeggingen a)-m), T03545, two from 2022; three moties
    overdue = rendered.xpath("//tr[contains(@class, 'overdue')]")
    assert [row.get("data-id") for row in overdue] == ["per-racisme-k"]
    assert overdue[0].xpath("string(td[9])").strip() == "over tijd"
    # The inline script ran: "#sort=-5" sorts on the due date, latest first.
    by_due = dom("#sort=-5")
    dues = [row.xpath("string(td[6])") for row in by_due.xpath("//table[@id='coverage']/tbody/tr")]
    assert dues[0] == "" and dues[-1] == "2022-07-01"  # no due date sorts as latest
    assert by_due.xpath("//th[@data-column='5']/@aria-sort") == ["descending"]
