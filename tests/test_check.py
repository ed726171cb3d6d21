"""`brief check`: each finding, made to happen in a scratch copy of the example repository.

Every test asserts the exact located line, with its [code], and the exit status.
"""

from __future__ import annotations

import json

import pytest

from .conftest import MINIMAL_FRONT_MATTER, run_cli, write_brief

LATE_REPLY = (
    "briefs/so-per-racisme-ek.md:9:7: warning: the reply is dated 14 days after the committee's deadline "
    "of 1 mei 2024 [late-reply]"
)
AS_OF = "2026-11-23"
# The examples' other true findings: the first PER letter reported on the klachtencommissie 26
# days after its date, and the Eerste Kamer's T01970 is only partly done, past its deadline.
ANSWERED_LATE = (
    "briefs/eerste-brief-racisme.md:20:3: warning: commitment 'per-racisme-a' was answered 26 days late by "
    "eerste-brief-racisme (27 januari 2025): it was due 1 januari 2025 [answered-late]"
)
OVERDUE_T01970 = (
    "data/commitments.yaml:315:10: warning: commitment 'T01970' is deels voldaan and was due 1 juli 2025 "
    "(510 days ago) [overdue]"
)
TRUE_WARNINGS = [ANSWERED_LATE, LATE_REPLY, OVERDUE_T01970]


def check(project, *args: str):
    result = run_cli("check", "--as-of", AS_OF, *args, cwd=project.root)
    assert "Traceback" not in result.stderr
    findings = [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    return result.returncode, findings, result


def replace(path, old: str, new: str) -> int:
    """Edit a file in place; returns the 1-based line where the edit starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def findings_other_than_late_reply(findings):
    """The findings a test made happen: the examples' true warnings left out, wherever an edit
    above them moved them."""
    true = {warning.split(": warning: ", 1)[1] for warning in TRUE_WARNINGS}
    return [f for f in findings if f.split(": ", 2)[-1].removeprefix("warning: ") not in true]


def test_examples_pass_with_three_true_warnings_and_a_summary(project):
    status, findings, result = check(project)
    assert (status, findings) == (0, TRUE_WARNINGS)
    assert result.stderr.splitlines()[-1] == "0 error(s), 3 warning(s)"


def test_strict_fails_on_warnings(project):
    assert check(project, "--strict")[0] == 1


def test_json_and_github_formats(project):
    status, _, result = check(project, "--format", "json")
    assert status == 0
    assert json.loads(result.stdout)[1] == {
        "path": "briefs/so-per-racisme-ek.md", "line": 9, "column": 7, "severity": "warning", "code": "late-reply",
        "message": "the reply is dated 14 days after the committee's deadline of 1 mei 2024",
    }
    assert [finding["code"] for finding in json.loads(result.stdout)] == ["answered-late", "late-reply", "overdue"]
    _, _, result = check(project, "--format", "github")
    assert result.stdout.splitlines()[1] == (
        "::warning file=briefs/so-per-racisme-ek.md,line=9,col=7,title=brief check [late-reply]::"
        "the reply is dated 14 days after the committee's deadline of 1 mei 2024"
    )


def test_unresolved_reference_with_did_you_mean(project):
    write_brief(project, "dangling", MINIMAL_FRONT_MATTER, "Zie de brief.[@kst-30950-43]\n")
    status, findings, _ = check(project)
    assert status == 1
    assert "briefs/dangling.md:10:14: error: unknown id 'kst-30950-43' (did you mean 'kst-30950-433'?) [unknown-id]" in findings


def test_an_answer_listed_but_never_addressed(project):
    write_brief(project, "vergeten", MINIMAL_FRONT_MATTER + "answers: [per-racisme-j]\n", "Alleen tekst.\n")
    status, findings, _ = check(project, "vergeten")
    assert status == 1
    assert findings == [
        "briefs/vergeten.md:9:10: error: 'per-racisme-j' is listed in 'answers:' but the body never addresses it: "
        'cite @per-racisme-j, or mark the section that answers it with {answers="per-racisme-j"} [answer-not-addressed]'
    ]


@pytest.mark.parametrize(
    "body",
    ["Over @per-racisme-j het volgende.\n", '# Omstanders {answers="per-racisme-j"}\n\nTekst.\n',
     "{% for c in answered_commitments %}- {{ c.text }}\n{% endfor %}"],
    ids=["cited", "heading-attribute", "template"],
)
def test_an_answer_is_addressed_by_citation_heading_or_template(project, body):
    write_brief(project, "beantwoord", MINIMAL_FRONT_MATTER + "answers: [per-racisme-j]\n", body)
    assert check(project, "beantwoord")[:2] == (0, [])


def test_a_section_that_answers_what_answers_does_not_list(project):
    write_brief(project, "extra", MINIMAL_FRONT_MATTER, '# Omstanders {answers="per-racisme-j"}\n\nTekst.\n')
    assert check(project, "extra")[:2] == (1, [
        "briefs/extra.md:10:1: error: this section answers 'per-racisme-j', which is not listed in 'answers:' or 'partly_answers:' [not-in-answers]"
    ])


def test_closed_items_need_a_sent_letter_or_a_reason(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: per-racisme-j")
    reason = text.index("    reason:", start)
    end = text.index("\n", reason) + 1
    path.write_text(text[:reason] + text[end:], encoding="utf-8")
    line = text[:reason].count("\n")  # the status line, just above the removed reason
    status, findings, _ = check(project)
    assert status == 1
    assert findings_other_than_late_reply(findings) == [
        f"data/commitments.yaml:{line}:13: error: commitment 'per-racisme-j' is voldaan but no sent letter answers it; "
        "list it in a letter's 'answers:' or give a 'reason' [closed-unanswered]"
    ]


def test_answered_by_a_sent_letter_but_still_open(project):
    path = project.data_dir / "motions.yaml"
    line = replace(path, "    status: uitgevoerd\n    notes: >-\n      Dictum as quoted in seed 000", "    status: open\n    notes: >-\n      Dictum as quoted in seed 000")
    status, findings, _ = check(project)
    assert status == 0
    assert findings_other_than_late_reply(findings) == [
        f"data/motions.yaml:{line}:13: warning: motion 'motie-bamenga' is answered by sent letter "
        "voortgang-aanpak-racisme but its status says open; remove 'status:' to let the letters decide [answered-still-open]"
    ]


def reopen(project, ident: str) -> int:
    """Set a voldaan commitment back to open (dropping its reason); returns the line of its due date."""
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {ident}")
    status_at = text.index("    status: voldaan", start)
    reason_end = text.index("\n", text.index("    reason:", start)) + 1
    path.write_text(text[:status_at] + "    status: open\n" + text[reason_end:], encoding="utf-8")
    return text[: text.index("    due:", start)].count("\n") + 1


def test_open_commitment_past_its_due_date(project):
    due_line = reopen(project, "per-racisme-k")
    status, findings, _ = check(project)
    assert status == 0  # a warning: gate CI on it with --strict or `brief status --fail-on overdue`
    assert findings_other_than_late_reply(findings) == [
        f"data/commitments.yaml:{due_line}:10: warning: commitment 'per-racisme-k' is open and was due "
        "31 januari 2025 (661 days ago) [overdue]"
    ]


def test_due_dates_are_judged_as_of_the_given_day(project):
    reopen(project, "per-racisme-k")
    result = run_cli("check", "--as-of", "2025-01-15", cwd=project.root)
    overdue = [line for line in result.stderr.splitlines() if line.endswith("[overdue]")]
    assert result.returncode == 0 and not any("'per-racisme-k'" in line for line in overdue)
    # a) was due on 1 January, in the kerstreces, and the letter that answered it came on 27 January.
    assert overdue == [
        "data/commitments.yaml:47:10: warning: commitment 'per-racisme-a' is open and was due 1 januari 2025,"
        " in the kerstreces 2024 (14 days ago) [overdue]"
    ]


def test_data_to_data_references_and_duplicates(project):
    path = project.data_dir / "documents.yaml"
    original = _line_of_id(project, "kst-30950-433")
    line = replace(path, "  - id: kst-30950-325", "  - id: kst-30950-433")
    status, findings, _ = check(project)
    assert status == 1
    assert findings == [
        f"data/documents.yaml:{original}:9: error: duplicate id 'kst-30950-433' "
        f"(first defined at data/documents.yaml:{line}:9) [duplicate-id]"
    ]
    replace(path, "  - id: kst-30950-433", "  - id: kst-30950-325")
    source = replace(project.data_dir / "commitments.yaml", "    source: h-ek-20222023-14", "    source: h-ek-20222023-41")
    assert check(project)[1] == [
        f"data/commitments.yaml:{source}:15: error: unknown document 'h-ek-20222023-41' "
        "(did you mean 'h-ek-20222023-14'?) [unknown-id]"
    ]


def test_vergaderjaar_must_fit_the_date(project):
    path = project.data_dir / "documents.yaml"
    line = replace(path, "    date: 2023-01-25\n", "    date: 2023-01-25\n    vergaderjaar: 2023/24\n") + 1
    status, findings, _ = check(project)
    assert status == 1
    assert f"data/documents.yaml:{line}:19: error: vergaderjaar '2023/24' does not fit the date 2023-01-25, which falls in 2022/23 [vergaderjaar]" in findings


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Op 1 april a.s. start de pilot.", "'1 april a.s.' means 1 april 2026, too far from the brief's date 14 april 2025: write the year, or check the date"),
        ("Op 14 april jl. sprak ik de Kamer.", "'14 april jl.' means 14 april 2024, too far from the brief's date 14 april 2025: write the year, or check the date"),
        ("Op maandag 3 maart jl. sprak ik de Kamer.", "'maandag 3 maart jl.': 3 maart 2025 is a maandag"),
    ],
    ids=["stale-as", "same-day-jl", "weekday"],
)
def test_relative_dates_must_fit_the_brief_date(project, sentence, expected):
    write_brief(project, "datum", MINIMAL_FRONT_MATTER, f"{sentence}\n")
    status, findings, _ = check(project, "datum")
    if "is a maandag" in expected:  # 3 maart 2025 was a Monday: no finding
        assert (status, findings) == (0, [])
        write_brief(project, "datum", MINIMAL_FRONT_MATTER, "Op dinsdag 3 maart jl. sprak ik de Kamer.\n")
        assert check(project, "datum")[1] == [
            "briefs/datum.md:10:4: warning: 'dinsdag 3 maart jl.': 3 maart 2025 is a maandag [relative-date]"
        ]
        return
    assert (status, findings) == (0, [f"briefs/datum.md:10:4: warning: {expected} [relative-date]"])


def test_late_reply_is_flagged(project):
    status, findings, _ = check(project, "so-per-racisme-ek")
    assert (status, findings) == (0, [LATE_REPLY])


def test_nota_bijlagen_and_references_agree(project):
    path = project.briefs_dir / "nota-focusgroepenonderzoek-racisme.md"
    replace(path, " (@maatregelen-diversiteit)", "")
    line = replace(path, "(@rapport-focusgroepen)", "(@rapport-focusgroep)")
    status, findings, _ = check(project, "nota-focusgroepenonderzoek-racisme")
    assert status == 1
    assert findings == [
        "briefs/nota-focusgroepenonderzoek-racisme.md:18:9: warning: bijlage 1 ('maatregelen-diversiteit') is never "
        "referred to in the text [bijlage-unreferenced]",
        "briefs/nota-focusgroepenonderzoek-racisme.md:23:9: warning: bijlage 2 ('rapport-focusgroepen') is never "
        "referred to in the text [bijlage-unreferenced]",
        f"briefs/nota-focusgroepenonderzoek-racisme.md:{line}:16: error: unknown id 'rapport-focusgroep' "
        "(did you mean 'rapport-focusgroepen'?) [unknown-id]",
    ]


def test_documents_nobody_cites(project):
    replace(project.briefs_dir / "so-per-racisme-ek.md", "[@kst-31490-327]", "")
    status, findings, _ = check(project)
    assert status == 0
    assert findings_other_than_late_reply(findings) == [
        f"data/documents.yaml:{_line_of_id(project, 'kst-31490-327')}:9: warning: document 'kst-31490-327' "
        "is never cited [unused-document]"
    ]


def _line_of_id(project, ident):
    lines = (project.data_dir / "documents.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"- id: {ident}")


def test_check_reports_a_template_error_in_any_brief_type(project):
    path = project.briefs_dir / "nota-voortgang-aanpak-racisme.md"
    line = replace(path, 'made_on("2024-09-12")', 'made_on("2024-13-12")')
    status, findings, _ = check(project, "nota-voortgang-aanpak-racisme")
    assert status == 1
    assert findings == [
        f"briefs/nota-voortgang-aanpak-racisme.md:{line}:1: error: template error: month must be in 1..12 [template]"
    ]


# --- what check passes, build builds -----------------------------------------------------------


def check_and_build(project, name: str):
    """(check's findings, build's exit status and stderr) for one brief: both must refuse it cleanly."""
    status, findings, _ = check(project, name)
    built = run_cli("build", name, cwd=project.root)
    assert "Traceback" not in built.stderr and "internal error" not in built.stderr
    assert not (project.out_dir / f"{name}.docx").exists()
    return status, findings, built.returncode


def test_an_overleg_without_fracties_is_an_error_not_a_crash(project):
    path = project.data_dir / "overleggen" / "ek-35741-per-racisme.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("fracties:")] + "fracties: []\n", encoding="utf-8")
    line = text[: text.index("fracties:")].count("\n") + 1
    reply = project.briefs_dir / "so-per-racisme-ek.md"
    reply_text = reply.read_text(encoding="utf-8")
    reply.write_text(reply_text[: reply_text.index("\n---\n") + 5] + "\nDank voor de vragen.\n", encoding="utf-8")
    status, findings, built = check_and_build(project, "so-per-racisme-ek")
    assert (status, built) == (1, 2)
    assert findings == [
        f"data/overleggen/ek-35741-per-racisme.yaml:{line}:11: error: schriftelijk overleg 'ek-35741-per-racisme' "
        "has no fracties and so no questions [empty-overleg]"
    ]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Tekst " + "[" * 7 + "x" + "]" * 7 + ".\n", "10:13: error: brackets nested more than 6 deep"),
        ("Tekst " + "![" * 20 + "x\n", "10:20: error: brackets nested more than 6 deep"),
        ("{% for i in range(9) %}[{% endfor %}x\n", "10:7: error: brackets nested more than 6 deep"),
    ],
    ids=["balanced", "unclosed-images", "from-a-template"],
)
def test_brackets_nested_too_deep_for_pandoc_are_an_error(project, body, expected):
    write_brief(project, "haken", MINIMAL_FRONT_MATTER, body)
    status, findings, built = check_and_build(project, "haken")
    assert (status, built) == (1, 2)
    assert len(findings) == 1 and findings[0].startswith(f"briefs/haken.md:{expected}") and findings[0].endswith("[nesting]")


def test_brackets_in_code_and_separate_paragraphs_are_not_nested(project):
    body = "Zie [een [@kst-30950-433]].\n\n" + "[a] " * 10 + "\n\n`" + "[" * 10 + "`\n\n" + "[\n\n" * 10
    write_brief(project, "haken", MINIMAL_FRONT_MATTER, body)
    assert check(project, "haken")[:2] == (0, [])


@pytest.mark.parametrize(
    "body, message",
    [
        ('{{ cite("kst-30950-43") }}\n', "unknown id 'kst-30950-43' (did you mean 'kst-30950-433'?) [unknown-id]"),
        ('{{ datum("2024-02-30") }}\n', "template error: day is out of range for month [template]"),
        ("{{ datum(5) }}\n", "template error: datum() needs a date or text YYYY-MM-DD, not int [template]"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n", "template error: a macro calls itself without end [template]"),
        ('{{ "a\\ud800b" }}\n', "template error: a string in the template holds the lone surrogate U+D800 [template]"),
        ('{{ "x"|center(2000000) }}\n',
         "template error: a number above 1,000,000 passed to filter 'center' is too large for a brief [template]"),
        ('{{ "%1000000000d" % 3 }}\n',
         "template error: a format with a number of seven digits or more could make a value too large for a brief [template]"),
        ('{{ "{:>1000000000}".format(3) }}\n',
         "template error: a format with a number of seven digits or more could make a value too large for a brief [template]"),
    ],
    ids=["generated-citation", "impossible-date", "datum-of-a-number", "recursion", "lone-surrogate", "filter-size",
         "percent-width", "format-width"],
)
def test_template_problems_that_only_the_build_met_are_check_findings(project, body, message):
    write_brief(project, "sjabloon", MINIMAL_FRONT_MATTER, body)
    status, findings, built = check_and_build(project, "sjabloon")
    assert (status, built) == (1, 2)
    assert findings == [f"briefs/sjabloon.md:10:1: error: {message}"]


def test_a_generated_citation_that_resolves_builds(project):
    write_brief(project, "sjabloon", MINIMAL_FRONT_MATTER, 'Zie {{ cite("kst-30950-433") }} en {{ datum("2024-09-12") }}.\n')
    assert check(project, "sjabloon")[:2] == (0, [])
    assert run_cli("build", "sjabloon", cwd=project.root).returncode == 0
