"""Every diagnostic code is defined once, with its severity; a repository may reconfigure the rules' codes."""

from __future__ import annotations

import ast

import pytest

from builder.codes import CODES, CODES_TABLE
from builder.model import TEXT_RULES
from builder.pipeline import build, check
from builder.rules import RULES

from .conftest import MINIMAL_FRONT_MATTER, REPO, write_brief


def _reported_codes() -> dict[str, list[str]]:
    """Code -> where a ``finding(…, "code")`` call in builder/ reports it."""
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "builder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "finding":
                if len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                    found.setdefault(node.args[2].value, []).append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_each_code_is_defined_once():
    assert len(CODES) == len(CODES_TABLE)


def test_every_reported_code_is_in_the_table():
    assert sorted(set(_reported_codes()) - set(CODES)) == []


def test_every_code_in_the_table_is_reported_somewhere():
    """Each code is written somewhere in builder/ besides the table (some pass through a
    helper, as the registry import's warnings do; the converter's are its fields' names)."""
    literals: set[str] = set(TEXT_RULES)
    for path in sorted((REPO / "builder").rglob("*.py")):
        if path.name != "codes.py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            literals |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert sorted(set(CODES) - literals) == []


def test_no_code_outside_the_table_fixes_its_own_severity():
    """Only codes and diagnostics make a Diagnostic; every stage reports through ``finding``."""
    makers = []
    for path in sorted((REPO / "builder").rglob("*.py")):
        if path.name in ("codes.py", "diagnostics.py", "severities.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Diagnostic", "error", "warning"):
                makers.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert makers == []


def test_every_rule_names_codes_of_the_table():
    for rule in RULES:
        assert set(rule.codes) <= set(CODES), rule.name


def test_the_rules_codes_are_of_stage_check_or_guard_what_is_built():
    for rule in RULES:
        for code in rule.codes:
            assert CODES[code].stage in ("check", "resolve", "load"), (rule.name, code)


# --- a repository's own severities ---------------------------------------------------------------

UNADDRESSED = MINIMAL_FRONT_MATTER + "answers: [per-racisme-a]\n"


def test_without_rules_yaml_an_unaddressed_answer_is_an_error_and_nothing_is_built(project):
    write_brief(project, "x", UNADDRESSED, "Geen verwijzing.\n")
    assert [(p.code, p.severity) for p in check(project, ["x"])] == [("answer-not-addressed", "error")]
    assert build(project, ["x"]).written == ()


def test_rules_yaml_lowers_a_rule_to_a_warning_in_check_and_build_alike(project):
    (project.data_dir / "rules.yaml").write_text("answer-not-addressed: warning\n", encoding="utf-8")
    write_brief(project, "x", UNADDRESSED, "Geen verwijzing.\n")
    assert [(p.code, p.severity) for p in check(project, ["x"])] == [("answer-not-addressed", "warning")]
    result = build(project, ["x"])
    assert [p.severity for p in result.diagnostics] == ["warning"]
    assert [path.name for path in result.written] == ["x.docx"]


def test_rules_yaml_turns_a_rule_off_or_raises_it(project):
    (project.data_dir / "rules.yaml").write_text("late-reply: error\nunused-document: off\n", encoding="utf-8")
    found = [(p.code, p.severity) for p in check(project)]
    assert ("late-reply", "error") in found
    assert all(code != "unused-document" for code, _ in found)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("unused-documnt: off\n", 1, "is not a rule's code: set one of the codes 'brief check --help' lists (did you mean 'unused-document'?)"),
        ("overdue: warning\nyaml: off\n", 2, "'yaml' cannot be changed"),
        ("overdue: warnig\n", 1, "severity of 'overdue' must be error, warning or off (did you mean 'warning'?)"),
    ],
)
def test_a_bad_rules_yaml_is_a_located_error(project, text, line, expected):
    (project.data_dir / "rules.yaml").write_text(text, encoding="utf-8")
    problems = [p for p in check(project, ["voortgang-aanpak-racisme"]) if p.code == "setting"]
    assert [(p.location.path, p.location.line) for p in problems] == [("data/rules.yaml", line)]
    assert expected in problems[0].message
    assert build(project, ["voortgang-aanpak-racisme"]).written == ()


def test_the_readme_shows_the_table():
    from builder.codes import codes_markdown

    assert codes_markdown() in (REPO / "README.md").read_text(encoding="utf-8")


def test_brief_check_help_lists_every_code_with_its_severity(tmp_path):
    from .conftest import run_cli

    done = run_cli("check", "--help", cwd=tmp_path)
    assert done.returncode == 0
    for code in CODES_TABLE:
        assert any(line.split()[:2] == [code.code, code.severity] for line in done.stdout.splitlines()), code.code


def test_a_rules_yaml_linked_out_of_the_repository_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "rules.yaml"
    outside.write_text("overdue: error\n", encoding="utf-8")
    (project.data_dir / "rules.yaml").symlink_to(outside)
    problems = [p for p in check(project, ["voortgang-aanpak-racisme"]) if p.code == "read"]
    assert [(p.location.path, p.severity) for p in problems] == [("data/rules.yaml", "error")]
    assert "outside the repository" in problems[0].message
    assert build(project, ["voortgang-aanpak-racisme"]).written == ()
