"""`brief status`: the coordinators' view, as table, CSV and a self-contained HTML page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import html

from .conftest import run_cli
from .test_check import reopen
from .test_dashboard import open_page, visible_ids  # noqa: F401 (fixtures)

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
    assert rows["per-racisme-j"]["brieven"].startswith("reden: Volgens seed 000 opgenomen")
    assert rows["tk-2022-discriminatie"]["brieven"] == "sociale-veiligheid-rijksoverheid (verzonden 2022-06-27)"
    assert rows["motie-bamenga"]["soort"] == "motie"
    assert rows["motie-bamenga"]["brieven"] == (
        "eerste-brief-racisme (verzonden 2025-01-27); voortgang-aanpak-racisme (verzonden 2025-04-14)"
    )
    assert (rows["T03545"]["kamer"], rows["T03545"]["gedaan op"], rows["T03545"]["uiterlijk"]) == ("EK", "2022-12-20", "2024-07-01")
    # The examples' true findings: a) was reported 26 days late, T01970 is only partly done past its deadline.
    assert {key: row["signalen"] for key, row in rows.items() if row["signalen"]} == {
        "per-racisme-a": "te laat beantwoord", "T01970": "over tijd",
    }
    assert (rows["per-racisme-m"]["status"], rows["per-racisme-m"]["uiterlijk"]) == ("lopend", "2026-12-31")
    assert rows["T01970"]["status"] == "deels voldaan"


def test_filters_and_flags(project):
    reopen(project, "per-racisme-k")
    rows = rows_of_csv(status(project, "--format", "csv", "--open").stdout)
    assert [(row["id"], row["signalen"]) for row in rows] == [  # the page's words
        ("per-racisme-k", "over tijd"), ("per-racisme-m", ""), ("T01970", "over tijd"),
    ]
    overdue = rows_of_csv(status(project, "--format", "csv", "--overdue").stdout)
    assert [row["id"] for row in overdue] == ["per-racisme-k", "T01970"]
    ek = rows_of_csv(status(project, "--format", "csv", "--kamer", "EK").stdout)
    assert [row["id"] for row in ek] == ["T03545", "T01970"]
    by = rows_of_csv(status(project, "--format", "csv", "--by", "minister-bzk-bruins-slot").stdout)
    assert [row["id"] for row in by] == ["T03545", "tk-2022-sociale-veiligheid", "tk-2022-discriminatie"]


def test_fail_on_overdue_gates_ci(project):
    assert status(project, "--fail-on", "overdue", "--kamer", "TK").returncode == 0
    reopen(project, "per-racisme-k")
    assert status(project, "--fail-on", "overdue", "--kamer", "TK").returncode == 1
    # Filters first: the Tweede Kamer's items only, and the Eerste Kamer's T01970 is overdue.
    assert status(project, "--fail-on", "overdue", "--by", "minister-bzk-bruins-slot").returncode == 0
    assert status(project, "--fail-on", "overdue", "--kamer", "EK").returncode == 1


EVIL = '=HYPERLINK("http://evil.example","klik")'


def test_csv_cells_read_back_as_text_never_as_a_formula(project):
    commitments = project.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_text(text.replace(
        "      Rijksbrede klachtencommissie", f"      {EVIL} Rijksbrede klachtencommissie", 1
    ), encoding="utf-8")
    motions = project.data_dir / "motions.yaml"
    text = motions.read_text(encoding="utf-8")
    motions.write_text(text.replace(
        "subject: over de rijksbrede klachtencommissie per 1 januari 2025 in werking laten treden",
        'subject: "-12 procent klachten"', 1,
    ), encoding="utf-8")
    result = status(project, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert f'"\'{EVIL.replace(chr(34), chr(34) * 2)} Rijksbrede' in result.stdout
    rows = {row["id"]: row for row in rows_of_csv(result.stdout)}
    assert rows["per-racisme-a"]["tekst"].startswith(f"'{EVIL} Rijksbrede")
    assert rows["motie-rajkowski"]["tekst"] == "'-12 procent klachten"  # a number-like text alike
    assert result.stdout.startswith('"id","soort","tekst","kamer",')  # every cell quoted, as OWASP advises


def test_terminal_table_and_bad_arguments(project):
    result = status(project)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "soort", "tekst", "kamer", "gedaan", "op", "uiterlijk", "status", "brieven", "signalen"]
    assert any(line.startswith("per-racisme-b ") and "eerste-brief-racisme (verzonden 2025-01-27)" in line for line in lines)
    bad = status(project, "--by", "minister-bzk-uitermak")
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "data/organisation.yaml:1:1: error: --by: unknown bewindspersoon 'minister-bzk-uitermak'"
        " (did you mean 'minister-bzk-uitermark'?) [unknown-id]",
        "1 error(s), 0 warning(s)",
    ]


def test_html_is_one_escaped_page_without_network(project):
    path = project.data_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      Rijksbrede klachtencommissie", "      <script>alert(1)</script> Rijksbrede klachtencommissie", 1
    ), encoding="utf-8")
    result = status(project, "--format", "html", "--output", "out/status.html")
    assert result.returncode == 0
    page = (project.out_dir / "status.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch
    assert page.count("<script>") == 1  # only the sorting script


def test_json_for_tools(project):
    reopen(project, "per-racisme-k")
    result = status(project, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["as_of"] == AS_OF and document["counts"]["overdue"] == 2  # and T01970
    items = {item["id"]: item for item in document["items"]}
    assert len(items) == 22  # 15 toezeggingen, 3 moties, 1 set of Kamervragen … and the toezegging made in its answers
    overdue = items["per-racisme-k"]
    assert (overdue["status"], overdue["due"], overdue["flags"]) == ("open", "2025-01-31", ["overdue"])
    assert overdue["days_to_due"] == -661 and overdue["by_name"] == "J.J.M. Uitermark"
    (letter,) = items["tk-2022-discriminatie"]["letters"]
    assert (letter["name"], letter["document"], letter["date"]) == (
        "sociale-veiligheid-rijksoverheid", "out/sociale-veiligheid-rijksoverheid.docx", "2022-06-27",
    )


def test_due_within_days_counts_from_as_of_and_keeps_the_overdue(project):
    reopen(project, "per-racisme-k")  # due 2025-01-31

    def due_within(days: str, as_of: str) -> list[str]:
        result = run_cli("status", "--as-of", as_of, "--due-within", days, "--format", "csv", cwd=project.root)
        assert result.returncode == 0, result.stderr
        return [row["id"] for row in rows_of_csv(result.stdout)]

    # Before the first letter of 27 January 2025, all that was due on 31 January was still open.
    # a) was due on 1 January; the toezegging made in the answers to 2024Z18656 was due at the end of January.
    before_the_first_letter = [*(f"per-racisme-{c}" for c in "abcdefghik"), "kv-brandbrief-reactie"]
    assert due_within("21", "2025-01-10") == before_the_first_letter  # the due date itself is within
    assert due_within("20", "2025-01-10") == ["per-racisme-a"]  # already overdue
    assert due_within("0", AS_OF) == ["per-racisme-k", "T01970"]  # overdue: the first thing to chase
    bad = run_cli("status", "--due-within", "-3", cwd=project.root)
    assert bad.returncode == 2 and "'-3' is not a number of days" in bad.stderr


def test_the_page_links_letters_from_where_it_is_written(project):
    (project.root / "verslagen").mkdir()
    letter = "//tr[@data-id='tk-2022-discriminatie']/td[9]//a/@href"
    for where, expected in (("out/status.html", "sociale-veiligheid-rijksoverheid.docx"),
                            ("verslagen/status.html", "../out/sociale-veiligheid-rijksoverheid.docx")):
        assert status(project, "--format", "html", "-o", where).returncode == 0
        page = html.fromstring((project.root / where).read_text(encoding="utf-8"))
        assert page.xpath(letter) == [expected]
    printed = html.fromstring(status(project, "--format", "html").stdout)  # standard output: from here
    assert printed.xpath(letter) == ["out/sociale-veiligheid-rijksoverheid.docx"]


def test_the_page_in_chromium_filters_and_sorts_the_example_repository(project, open_page):
    reopen(project, "per-racisme-k")
    status(project, "--format", "html", "--output", "out/status.html")
    tab = open_page(project.out_dir / "status.html")
    headers = tab.locator("#coverage thead th").all_text_contents()
    assert [header.rstrip(" ↕") for header in headers] == [
        "id", "soort", "tekst", "kamer", "bewindspersoon", "gedaan op", "uiterlijk", "status", "brieven", "signalen",
    ]
    # toezeggingen a)-m), T03545, T01970, two from 2022, one made in answers; three moties; one set of Kamervragen
    assert len(visible_ids(tab)) == 13 + 5 + 3 + 1
    assert visible_ids(tab)[0] == "per-racisme-k"  # overdue first
    assert tab.locator("tr[data-id='per-racisme-k'] td").nth(9).text_content() == "over tijd"
    tab.get_by_role("button", name="2 over tijd").click()
    assert visible_ids(tab) == ["per-racisme-k", "T01970"]
    tab.get_by_role("button", name="2 over tijd").click()
    tab.get_by_role("columnheader", name="uiterlijk").get_by_role("button").click()
    tab.get_by_role("columnheader", name="uiterlijk").get_by_role("button").click()
    dues = tab.eval_on_selector_all("#coverage tbody tr", "rows => rows.map(row => row.cells[6].dataset.sort)")
    assert dues[0] == "9999-12-31" and dues[-1] == "2022-07-01"  # descending: no due date sorts as latest


def test_the_readme_shows_the_json_as_it_prints(project):
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### JSON for tools", 1)[1]
    command = section.split("```sh\n", 1)[1].split("\n```", 1)[0]
    shown = section.split("```json\n", 1)[1].split("```", 1)[0]
    assert command == "brief status --as-of 2026-11-23 --kamer EK --format json"
    assert run_cli(*command.split()[1:], cwd=project.root).stdout == shown


# --- Kamervragen next to the toezeggingen ---------------------------------------------------------


def status_in_process(project, capsys, *args: str) -> tuple[int, str]:
    """`brief status` in this process: the test's own document type is registered here only."""
    from builder.commands import main

    from .test_kamervragen_clock import step_type_registered

    with step_type_registered():
        code = main(["--root", str(project.root), "status", "--as-of", "2025-02-20", *args])
    return code, capsys.readouterr().out


def kamervragen_project(project):
    """Two sets: 2024Z21910 postponed late and answered late; 2025Z00042 open and past its deadline."""
    from .test_kamervragen_clock import add_commitment, write_step
    from .test_kamervragen_data import SET, write_set

    write_set(project)
    other = SET.replace("2024Z21910", "2025Z00042").replace("ingezonden: 2024-12-20", "ingezonden: 2025-01-06")
    write_set(project, other.replace("member: Erkens", "member: Van Baarle").replace("fractie: VVD", "fractie: DENK"), "2025Z00042")
    write_step(project, "uitstel-erkens", "postpones", "2025-01-14")
    write_step(project, "antwoord-erkens", "answers", "2025-02-03")
    add_commitment(project)
    return project


def test_kamervragen_rows_in_csv_with_the_commitments(project, capsys):
    kamervragen_project(project)
    code, text = status_in_process(project, capsys, "--format", "csv")
    assert code == 0
    rows = {row["id"]: row for row in rows_of_csv(text)}
    assert list(rows)[-2:] == ["2024Z21910", "2025Z00042"]  # after the commitments and motions
    assert rows["2024Z21910"] == {
        "id": "2024Z21910", "soort": "Kamervragen",
        "tekst": "Vragen van het lid Erkens (VVD) over het bericht 'Discriminatie bij sollicitaties'",
        "kamer": "TK", "gedaan op": "2024-12-20", "uiterlijk": "2025-01-31", "status": "beantwoord",
        "brieven": "uitstel-erkens (verzonden 2025-01-14); antwoord-erkens (verzonden 2025-02-03)",
        "signalen": "te laat beantwoord, te laat, zonder tijdig uitstel",
    }
    assert (rows["2025Z00042"]["status"], rows["2025Z00042"]["uiterlijk"], rows["2025Z00042"]["signalen"]) == (
        "open", "2025-01-27", "te laat zonder uitstel",
    )


def test_the_filters_apply_to_kamervragen(project, capsys):
    kamervragen_project(project)

    def ids(*args: str) -> list[str]:
        code, text = status_in_process(project, capsys, "--format", "csv", *args)
        assert code == 0
        return [row["id"] for row in rows_of_csv(text)]

    assert ids("--kind", "Kamervragen") == ["2024Z18656", "2024Z21910", "2025Z00042"]  # the example's set, and the test's
    assert ids("--kind", "kamervragen", "--open") == ["2025Z00042"]
    assert "2025Z00042" in ids("--overdue") and "2024Z21910" not in ids("--overdue")
    assert ids("--by", "minister-bzk-uitermark", "--kind", "kamervragen") == ["2024Z18656", "2024Z21910", "2025Z00042"]
    assert ids("--by", "minister-bzk-bruins-slot", "--kind", "kamervragen") == []
    assert ids("--kamer", "EK", "--kind", "kamervragen") == []
    assert ids("--kind", "kamervragen", "--due-within", "0") == ["2025Z00042"]  # overdue: the first to chase
    # Only the open set past its deadline fails the gate; the answered one is history.
    assert status_in_process(project, capsys, "--kind", "kamervragen", "--fail-on", "overdue")[0] == 1
    assert status_in_process(project, capsys, "--kind", "kamervragen", "--fail-on", "overdue", "--as-of", "2025-01-27")[0] == 0


def test_kamervragen_in_json_link_the_toezegging_made_in_the_answers(project, capsys):
    kamervragen_project(project)
    code, text = status_in_process(project, capsys, "--format", "json", "--kind", "kamervragen")
    assert code == 0
    document = json.loads(text)
    assert document["counts"]["overdue"] == 1 and document["counts"]["answered_late"] == 1
    example, answered, still_open = document["items"]
    assert (example["id"], example["status"], example["flags"]) == ("2024Z18656", "beantwoord", [])
    assert (answered["kind"], answered["text"], answered["indieners"], answered["asked"]) == (
        "Kamervragen", "het bericht 'Discriminatie bij sollicitaties'", "het lid Erkens (VVD)", ["minister-bzk-uitermark"],
    )
    assert answered["asked_names"] == ["J.J.M. Uitermark"] and answered["by"] is None
    assert (answered["made"], answered["first_due"], answered["due"], answered["closed_on"], answered["late_days"]) == (
        "2024-12-20", "2025-01-10", "2025-01-31", "2025-02-03", 3,
    )
    assert answered["flags"] == ["answered-late", "postponed-late"]
    assert [(letter["name"], letter["role"]) for letter in answered["letters"]] == [
        ("uitstel-erkens", "uitstel"), ("antwoord-erkens", "antwoord"),
    ]
    assert answered["commitments"] == ["kv-toezegging"]
    assert (still_open["days_to_due"], still_open["flags"]) == (-24, ["overdue-no-uitstel"])
    code, text = status_in_process(project, capsys, "--format", "json", "--kind", "toezegging")
    made = {item["id"]: item for item in json.loads(text)["items"]}["kv-toezegging"]
    assert (made["made_kind"], made["made_in"], made["made_source"]) == (
        "Kamervragen", "2024Z21910", "de vragen van het lid Erkens (VVD) (2024Z21910)",
    )


def test_the_page_links_a_set_and_the_toezegging_made_in_its_answers(project, capsys):
    kamervragen_project(project)
    code, text = status_in_process(project, capsys, "--format", "html")
    assert code == 0
    page = html.fromstring(text)
    (row,) = page.xpath("//tr[@data-id='2024Z21910']")
    assert (row.get("data-kind"), row.get("data-by"), row.get("data-status")) == (
        "Kamervragen", "minister-bzk-uitermark", "beantwoord",
    )
    assert row.xpath("string(td[3]/p[@class='key'])") == "Vragen van het lid Erkens (VVD) over het bericht 'Discriminatie bij sollicitaties'"
    assert row.xpath("string(td[5])") == "J.J.M. Uitermark (minister van BZK)"
    assert row.xpath("td[3]//a[@class='goto']/@href") == ["#item-kv-toezegging"]
    (made,) = page.xpath("//tr[@data-id='kv-toezegging']/td[3]/p[@class='made']")
    assert " ".join(made.text_content().split()) == (
        "gedaan op 3 februari 2025 · Kamervragen · aan het lid Erkens (VVD)"
        " · in de antwoorden op de vragen van het lid Erkens (VVD) (2024Z21910)"
    )
    assert made.xpath("a/@href") == ["#item-2024Z21910"]
    assert page.xpath("//select[@id='filter-kind']/option/text()") == ["alle", "toezegging", "motie", "Kamervragen"]
    assert "beantwoord" in page.xpath("//select[@id='filter-status']/option/text()")


@pytest.mark.parametrize("arguments", [("--kind", "kamervragen", "--as-of", "2024-12-20"), ("--kind", "kamervragen")])
def test_the_readme_shows_the_examples_kamervragen_as_they_print(project, arguments):
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split(f"$ brief status {' '.join(arguments)}\n", 1)[1]
    shown = shown.split("\n$ ", 1)[0].split("```", 1)[0].rstrip("\n") + "\n"
    assert run_cli("status", *arguments, cwd=project.root).stdout == shown
