"""brief diff and brief log on a temporary git repository; brief textconv as git's diff driver."""

from __future__ import annotations

import sys

from .conftest import git, run_cli


def commit(repo, message: str) -> None:
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", message)


def edit(repo, *arguments: str) -> None:
    result = run_cli(*arguments, cwd=repo.root)
    assert result.returncode == 0, result.stderr


def test_diff_between_two_commits_names_each_kind_of_change(repo):
    edit(repo, "set", "T03545", "status=open")
    edit(repo, "set", "per-racisme-a", "text=De rijksbrede klachtencommissie per 1 maart 2025 in werking laten treden.")
    edit(repo, "add", "motion", "motie-test", "kamer=TK", "dossier=30950", "date=2025-03-05",
         "submitters=De Vries (VVD)", "vote=aangenomen", "dictum=verzoekt de regering een meldcode te maken")
    edit(repo, "link", "motie-test", "voortgang-aanpak-racisme")
    documents = repo.data_dir / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    start = text.index("  - id: kst-30950-280")
    end = text.index("  - id:", start + 1)
    documents.write_text(text[:start] + text[end:], encoding="utf-8")
    commit(repo, "changes")

    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    head = git(repo.root, "rev-parse", "--short=7", "HEAD").strip()
    base = git(repo.root, "rev-parse", "--short=7", "HEAD~1").strip()
    assert result.stdout.splitlines()[0] == f"Data changes from {base} to {head}:"
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "T03545: status voldaan → open" in lines
    assert "text of per-racisme-a changed: De rijksbrede klachtencommissie per 1 [-januari-] {+maart+} 2025 in werking laten treden." in lines
    assert "new motion motie-test: over" not in lines  # no subject given: the summary is not invented
    assert "new motion motie-test" in lines
    assert any(line.startswith("removed document kst-30950-280: ") for line in lines)
    assert "voortgang-aanpak-racisme now answers motie-test" in lines
    affected = result.stdout.split("Briefs affected:\n")[1].splitlines()
    # The nota lists every commitment of the debate (made_on) and the letter's answers:
    # the pipeline's own reading of the bodies finds it, not a search for ids.
    assert "  nota-voortgang-aanpak-racisme: motie-test, per-racisme-a" in affected
    assert "  voortgang-aanpak-racisme: motie-test" in affected
    assert "  sociale-veiligheid-rijksoverheid: kst-30950-280" in affected


def test_diff_as_markdown_for_a_pull_request(repo):
    edit(repo, "set", "T03545", "status=open")
    result = run_cli("diff", "--format", "markdown", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        f"### Data changes from `{git(repo.root, 'rev-parse', '--short=7', 'HEAD').strip()}` to working tree",
        "",
        "**Commitments**",
        "",
        "- `T03545`: status `voldaan` → `open`",
    ]


def test_diff_defaults_to_the_merge_base_with_main_and_the_working_tree(repo):
    git(repo.root, "checkout", "-q", "-b", "feature")
    edit(repo, "set", "per-racisme-b", "status=open")
    commit(repo, "on the branch")
    edit(repo, "set", "per-racisme-d", "status=open")  # not committed yet
    result = run_cli("diff", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    main = git(repo.root, "rev-parse", "--short=7", "main").strip()
    assert result.stdout.startswith(f"Data changes from {main} to working tree:")
    assert "per-racisme-b: status voldaan → open" in result.stdout
    assert "per-racisme-d: status voldaan → open" in result.stdout


def test_diff_word_diff_in_markdown_marks_deletions_and_insertions(repo):
    edit(repo, "set", "per-racisme-a", "text=De landelijke klachtencommissie per 1 januari 2025 in werking laten treden.")
    result = run_cli("diff", "--format", "markdown", cwd=repo.root)
    assert "- text of `per-racisme-a` changed: De ~~rijksbrede~~ **landelijke** klachtencommissie" in result.stdout


def test_diff_without_changes_says_so(repo):
    result = run_cli("diff", cwd=repo.root)
    assert result.returncode == 0
    assert result.stdout.endswith("to working tree: none\n")


def test_diff_and_log_outside_git_or_with_a_bad_revision_are_located_errors(project, repo):
    result = run_cli("diff", "nope..HEAD", cwd=repo.root)
    assert result.returncode == 2
    assert "error: unknown revision 'nope' [git]" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_a_git_repository(project):
    for command in (["diff"], ["log", "T03545"]):
        result = run_cli(*command, cwd=project.root)
        assert result.returncode == 2
        assert "error: not a git repository: brief diff and brief log read the history [git]" in result.stderr


def test_log_tells_the_history_of_one_commitment(repo):
    edit(repo, "set", "T03545", "status=open", "reason=")
    commit(repo, "T03545 heropend")
    edit(repo, "link", "T03545", "so-per-racisme-ek")
    commit(repo, "T03545 beantwoord in de reactie")
    edit(repo, "set", "T03545", "due=2026-01-01")
    result = run_cli("log", "T03545", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "History of T03545:"
    assert lines[1].startswith("2025-05-01  ") and lines[1].endswith("Beleidsmedewerker  (examples)")
    assert lines[2].startswith("    new commitment T03545: de toezegging over het delen")
    assert lines[3].endswith("Beleidsmedewerker  (T03545 heropend)")
    assert lines[4:6] == ["    T03545: status voldaan → open", "    T03545: reason removed (was Beantwoord met de brief van 9 februari 2024 (Kamerstukken I 2023/24, 35 741, F).)"]
    assert lines[6].endswith("(T03545 beantwoord in de reactie)")
    assert lines[7] == "    so-per-racisme-ek now answers T03545"
    assert lines[8:] == ["            working tree  (not committed)", "    T03545: due 2024-07-01 → 2026-01-01"]


def test_log_of_an_unknown_id_suggests_one(repo):
    result = run_cli("log", "T0354", cwd=repo.root)
    assert result.returncode == 2
    assert "no commitment, motion or document 'T0354' in the history (did you mean 'T03545'?) [unknown-id]" in result.stderr


def test_textconv_makes_git_diff_of_a_docx_show_the_changed_sentence(repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1656280800")
    (repo.root / ".gitattributes").write_text("*.docx diff=docx\n", encoding="utf-8")
    git(repo.root, "config", "diff.docx.textconv", f"{sys.executable} -m builder.cli textconv")
    edit(repo, "build", "sociale-veiligheid-rijksoverheid")
    git(repo.root, "add", "-f", "out/sociale-veiligheid-rijksoverheid.docx", ".gitattributes")
    git(repo.root, "commit", "-q", "-m", "built")
    brief = repo.briefs_dir / "sociale-veiligheid-rijksoverheid.md"
    text = brief.read_text(encoding="utf-8")
    assert "heeft twee kanten" in text
    brief.write_text(text.replace("heeft twee kanten", "kent twee kanten"), encoding="utf-8")
    edit(repo, "build", "sociale-veiligheid-rijksoverheid")
    diff = git(repo.root, "diff", "-U0", "--no-color", "--", "out/sociale-veiligheid-rijksoverheid.docx")
    body = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(body) == 2  # one paragraph changed: one line out, one line in
    assert "heeft twee kanten" in body[0] and "kent twee kanten" in body[1]
