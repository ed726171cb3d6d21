"""brief diff and brief log on a temporary git repository; brief textconv as git's diff driver."""

from __future__ import annotations

import json
import os
import re
import subprocess
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
    edit(repo, "set", "per-racisme-a", "text=Rijksbrede klachtencommissie in werking per 1 maart 2025.")
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
    assert "text of per-racisme-a changed: Rijksbrede klachtencommissie in werking per 1 [-januari-] {+maart+} 2025." in lines
    assert "new motion motie-test: over" not in lines  # no subject given: the summary is not invented
    assert "new motion motie-test" in lines
    assert any(line.startswith("removed document kst-30950-280: ") for line in lines)
    assert "voortgang-aanpak-racisme now answers motie-test" in lines
    affected = result.stdout.split("Briefs affected:\n")[1].splitlines()
    # The nota lists every commitment of the debate (made_on): the pipeline's own reading
    # of the bodies finds it, not a search for ids. Its Kern is the writer's own words, each
    # item marked with what it answers, so a motion the letter gains is not in it.
    assert "  nota-voortgang-aanpak-racisme: per-racisme-a" in affected
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
    edit(repo, "set", "per-racisme-j", "status=open")
    commit(repo, "on the branch")
    edit(repo, "set", "per-racisme-k", "status=open")  # not committed yet
    result = run_cli("diff", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    main = git(repo.root, "rev-parse", "--short=7", "main").strip()
    assert result.stdout.startswith(f"Data changes from {main} to working tree:")
    assert "per-racisme-j: status voldaan → open" in result.stdout
    assert "per-racisme-k: status voldaan → open" in result.stdout


def test_diff_word_diff_in_markdown_marks_deletions_and_insertions(repo):
    edit(repo, "set", "per-racisme-a", "text=Landelijke klachtencommissie in werking per 1 januari 2025.")
    result = run_cli("diff", "--format", "markdown", cwd=repo.root)
    assert "- text of `per-racisme-a` changed: ~~Rijksbrede~~ **Landelijke** klachtencommissie" in result.stdout


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
    assert "no commitment, motion, document, set of Kamervragen or schriftelijk overleg 'T0354' in the history (did you mean 'T03545'?) [unknown-id]" in result.stderr


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


# --- hostile history (issue 14) ----------------------------------------------------------------


def run_within(seconds: float, *arguments: str, cwd) -> subprocess.CompletedProcess:
    """The CLI, killed (and the test failed) when it runs longer than ``seconds``."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *arguments], cwd=cwd, capture_output=True, text=True, timeout=seconds
    )


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def short_head(repo, rev: str = "HEAD") -> str:
    return git(repo.root, "rev-parse", "--short=7", rev).strip()


def assert_no_crash(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 70 and "Traceback" not in result.stderr and "internal error" not in result.stderr


PER_RACISME_A_TEXT = "Rijksbrede klachtencommissie in werking per 1 januari 2025."
HOSTILE = "[klik](http://evil.example) ![x](http://evil.example/i.png) @team <img src=x> http://evil.example"


def rendered(markdown: str) -> str:
    """The HTML a CommonMark renderer with GitHub's tables and strikethrough makes."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def test_markdown_diff_shows_links_images_mentions_and_html_from_data_as_plain_text(repo):
    commitments = repo.data_dir / "commitments.yaml"
    replace_in(commitments, PER_RACISME_A_TEXT, json.dumps(f"{HOSTILE} www.evil.example #12 ~~x~~ **y**"))
    replace_in(commitments, "due: voor eind januari 2025", f"due: {json.dumps('`x` ' + HOSTILE)}")
    result = run_cli("diff", "--format", "markdown", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    html = rendered(result.stdout)
    assert "<a" not in html and "<img" not in html and "<del>x</del>" not in html
    # The value of a field that is not prose is shown as code, literally, whatever backticks it holds.
    assert f"<code>`x` {HOSTILE}</code>".replace("<img src=x>", "&lt;img src=x&gt;") in html
    # GitHub makes mentions, issue references and bare URLs from the text it renders.
    prose = re.sub(r"<code>.*?</code>", "", html)
    assert "klik" in prose and "evil.example" in prose and "team" in prose
    for linked in (r"@\w", "://", r"www\.", r"#\d"):
        assert not re.search(linked, prose), linked


BILLION_LAUGHS = "".join(
    f"l{level}: &l{level} [{', '.join([f'*l{level - 1}' if level else 'lol'] * 9)}]\n" for level in range(9)
)


def test_an_alias_bomb_in_history_is_reported_and_skipped_quickly(repo):
    commitments = repo.data_dir / "commitments.yaml"
    bomb_line = commitments.read_text(encoding="utf-8").split("\ncommitments:\n")[0].count("\n") + 3
    replace_in(commitments, "commitments:\n", BILLION_LAUGHS + "commitments:\n")
    replace_in(commitments, f"    text: >-\n      {PER_RACISME_A_TEXT}", "    text: *l8")
    commit(repo, "bomb")
    # l0 is written on the line where 'commitments:' was
    for command in (["diff", "HEAD~1..HEAD"], ["log", "T03545"], ["log", "per-racisme-a"]):
        result = run_within(30, *command, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert f"{short_head(repo)}:data/commitments.yaml:{bomb_line}:" in result.stderr
        assert "warning: skipped at this revision: YAML anchors and aliases are not supported" in result.stderr
        assert "removed" not in result.stdout
    # New in the first commit (and the first letter answers it); nothing since.
    assert result.stdout.count("per-racisme-a") == 3


def test_deep_nesting_in_history_is_reported_and_skipped(repo):
    commitments = repo.data_dir / "commitments.yaml"
    replace_in(commitments, f"      {PER_RACISME_A_TEXT}", "      " + "[" * 5000 + "]" * 5000)
    replace_in(commitments, "    text: >-\n      [", "    text:\n      [")
    commit(repo, "deep")
    for command in (["diff", "HEAD~1..HEAD"], ["log", "per-racisme-a"], ["diff", "--format", "markdown"]):
        result = run_within(30, *command, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert re.search(r"nested more than \d+ levels deep", result.stderr)
        assert "removed" not in result.stdout


def test_impossible_dates_in_history_are_located_warnings_and_the_rest_still_works(repo):
    commitments = repo.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    first = text.index("      date: 2024-09-12\n")
    first_line = text[:first].count("\n") + 1
    second_line = text[: text.index("      date: 2024-09-12\n", first + 1)].count("\n") + 1
    replace_in(commitments, "      date: 2024-09-12\n", "      date: 2022-02-30\n")
    replace_in(commitments, "      date: 2024-09-12\n", "      date: 2024-09-12T25:61:00\n")
    commit(repo, "impossible dates")
    head = short_head(repo)
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "per-racisme-a: made.date 2024-09-12 → 2022-02-30" in result.stdout
    assert "per-racisme-b: made.date 2024-09-12 → 2024-09-12T25:61:00" in result.stdout
    assert (
        f"{head}:data/commitments.yaml:{first_line}:13: warning: impossible date or time '2022-02-30' "
        "(day is out of range for month); shown as written [date]"
    ) in result.stderr.splitlines()
    assert f"{head}:data/commitments.yaml:{second_line}:13: warning: impossible date or time '2024-09-12T25:61:00'" in result.stderr
    for ident in ("T03545", "per-racisme-a"):
        result = run_cli("log", ident, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert result.stderr.count("'2022-02-30'") == 1  # once, at the commit that wrote it


def test_an_unquoted_numeric_id_is_an_id_in_history(repo):
    commitments = repo.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    start = text.index("  - id: per-racisme-b")
    record = text[start : text.index("  - id:", start + 1)].replace("id: per-racisme-b", "id: 12345")
    commitments.write_text(text + record, encoding="utf-8")
    commit(repo, "numeric id")
    result = run_cli("log", "12345", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2].startswith("    new commitment 12345: de toezegging over onderzoek")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert "  new commitment 12345: de toezegging over onderzoek naar de doorzettingsmacht" in result.stdout


def test_log_and_diff_without_commits_or_on_an_orphan_branch_are_clear_errors(project, repo, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q", "-b", "main")
    git(repo.root, "checkout", "-q", "--orphan", "elsewhere")
    for root in (empty, repo.root):
        for command in (["log", "T03545"], ["diff"]):
            result = run_cli(*command, cwd=root)
            assert result.returncode == 2, result.stderr
            assert "error: HEAD has no commits yet (a new repository or an orphan branch)" in result.stderr
            assert_no_crash(result)


def test_a_bare_repository_is_a_clear_error(tmp_path):
    git(tmp_path, "init", "-q", "--bare", "-b", "main")
    for command in (["diff"], ["log", "T03545"]):
        result = run_cli("--root", str(tmp_path), *command, cwd=tmp_path)
        assert result.returncode == 2
        assert "error: a bare git repository: brief diff and brief log need its working tree [git]" in result.stderr


def test_a_revision_missing_from_a_shallow_clone_says_the_clone_is_shallow(repo, tmp_path):
    edit(repo, "set", "T03545", "status=open")
    commit(repo, "second")
    clone = tmp_path / "clone"
    git(repo.root, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    result = run_cli("diff", "HEAD~1..HEAD", cwd=clone)
    assert result.returncode == 2
    assert "error: unknown revision 'HEAD~1' (this clone is shallow and may not hold it: " in result.stderr
    result = run_cli("log", "T03545", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert "warning: this clone is shallow: the history before its oldest commit is not in it" in result.stderr


def test_data_committed_as_a_file_is_skipped_with_a_warning(repo):
    git(repo.root, "rm", "-q", "-r", "data")
    (repo.root / "data").write_text("not a folder\n", encoding="utf-8")
    commit(repo, "data as a file")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    skipped = "data:1:1: warning: skipped at this revision: 'data' is a file, not a folder [history]"
    assert f"{short_head(repo)}:{skipped}" in result.stderr
    assert "removed commitment" not in result.stdout
    result = run_cli("diff", "HEAD~1", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert f"working tree:{skipped}" in result.stderr
    assert "removed commitment" not in result.stdout
    result = run_cli("log", "T03545", cwd=repo.root)
    assert result.returncode == 0, result.stderr


def test_a_committed_symbolic_link_is_skipped_and_never_followed(repo):
    os.symlink("/etc/passwd", repo.briefs_dir / "x.md")
    os.symlink("missing.yaml", repo.overleggen_dir / "gone.yaml")
    commit(repo, "links")
    head = short_head(repo)
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    link = "1:1: warning: skipped at this revision: a symbolic link, not a file [history]"
    assert f"{head}:briefs/x.md:{link}" in result.stderr
    assert f"{head}:data/overleggen/gone.yaml:{link}" in result.stderr
    for command in (["diff"], ["log", "T03545"]):
        result = run_cli(*command, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert "root:" not in result.stdout + result.stderr
    assert "working tree:briefs/x.md:1:1: warning: skipped: a symbolic link, not a file [history]" in result.stderr


def test_a_folder_named_like_a_brief_is_skipped_with_a_warning(repo):
    (repo.briefs_dir / "x.md").mkdir()
    (repo.briefs_dir / "x.md" / "inside.md").write_text("---\nanswers: [T03545]\n---\n", encoding="utf-8")
    commit(repo, "a folder x.md")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    folder = "briefs/x.md:1:1: warning: skipped at this revision: a folder, not a file [history]"
    assert f"{short_head(repo)}:{folder}" in result.stderr
    for command in (["diff"], ["log", "T03545"]):
        result = run_cli(*command, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert_no_crash(result)


def test_a_data_file_that_is_not_text_at_a_revision_is_not_every_record_removed(repo):
    commitments = repo.data_dir / "commitments.yaml"
    text = commitments.read_text(encoding="utf-8")
    commitments.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe" + bytes(range(256)))
    commit(repo, "binary")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    not_text = "data/commitments.yaml:1:1: warning: skipped at this revision: file is not valid UTF-8 text [encoding]"
    assert f"{short_head(repo)}:{not_text}" in result.stderr
    assert "removed commitment" not in result.stdout
    commitments.write_text(text.replace("status: voldaan", "status: open", 1), encoding="utf-8")
    commit(repo, "text again")
    result = run_cli("log", "per-racisme-j", cwd=repo.root)  # the first typed 'voldaan'
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        f"2025-05-01  {short_head(repo, 'HEAD~2')}  Beleidsmedewerker  (examples)",
        "    new commitment per-racisme-j: de toezegging over omstanderstrainingen",
        f"2025-05-01  {short_head(repo)}  Beleidsmedewerker  (text again)",
        "    per-racisme-j: status voldaan → open",
    ]


def test_a_tag_that_names_a_file_is_not_an_unknown_revision(repo):
    git(repo.root, "tag", "v1", "HEAD:data/commitments.yaml")
    git(repo.root, "tag", "v2", "HEAD:data")
    result = run_cli("diff", "v1..HEAD", cwd=repo.root)
    assert result.returncode == 2
    assert "error: 'v1' names a file (blob), not a commit [git]" in result.stderr
    result = run_cli("diff", "v2", cwd=repo.root)
    assert "error: 'v2' names a folder (tree), not a commit [git]" in result.stderr


def test_control_characters_from_data_and_commits_reach_the_terminal_escaped(repo):
    commitments = repo.data_dir / "commitments.yaml"
    replace_in(commitments, f"    text: >-\n      {PER_RACISME_A_TEXT}", '    text: "\\e[2Jweg"')
    commit(repo, "\x1b[31mrood")
    for command in (["diff", "HEAD~1..HEAD"], ["log", "per-racisme-a"]):
        result = run_cli(*command, cwd=repo.root)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert "\\x1b[2Jweg" in result.stdout
    assert "(\\x1b[31mrood)" in result.stdout


# --- Kamervragen and schriftelijk overleg: one record a file ------------------------------------

KAMERVRAGEN = "2024Z18656"
VRAAG_3 = "Wat zegt het volgens u over het functioneren van de overheid als werkgever dat"
VRAAG_11 = """  - number: 11
    text: >-
      Hoe wilt u de genoemde «cirkel van uitsluiting» doorbreken, en hoe zorgt u ervoor dat
      de Rijksoverheid écht het goede voorbeeld geeft in de strijd tegen racisme en
      discriminatie?
"""


def kamervragen_file(repo, ident: str = KAMERVRAGEN):
    return repo.kamervragen_dir / f"{ident}.yaml"


def test_diff_names_a_changed_field_and_a_changed_question_of_a_set_of_kamervragen(repo):
    replace_in(kamervragen_file(repo), "ingezonden: 2024-11-18", "ingezonden: 2024-11-19")
    replace_in(kamervragen_file(repo), VRAAG_3, VRAAG_3.replace("volgens u", "naar uw oordeel"))
    commit(repo, "vragen bijgewerkt")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[1].splitlines() == [
        "Kamervragen:",
        f"  {KAMERVRAGEN}: ingezonden 2024-11-18 → 2024-11-19",
        f"  vraag 3 of {KAMERVRAGEN} changed: Wat zegt het [-volgens u-] {{+naar uw oordeel+}} over het functioneren van de overheid …",
    ]
    # The answer and the Mededeling name the set in their front matter: both are affected.
    affected = result.stdout.split("Briefs affected:\n")[1].splitlines()
    assert affected == [f"  antwoord-vragen-chakor-brandbrief: {KAMERVRAGEN}", f"  uitstel-vragen-chakor-brandbrief: {KAMERVRAGEN}"]


def test_diff_names_a_question_added_and_one_removed_not_their_fields(repo):
    replace_in(kamervragen_file(repo), VRAAG_11, "  - number: 12\n    text: Bent u bereid deze vragen te beantwoorden?\n")
    result = run_cli("diff", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2:5] == [
        "Kamervragen:",
        f"  vraag 11 removed from {KAMERVRAGEN}: Hoe wilt u de genoemde «cirkel van uitsluiting» doorbreken, "
        "en hoe zorgt u ervoor dat de Rijksoverheid écht het goede voorbeeld geeft in de strijd tegen racisme en discriminatie?",
        f"  vraag 12 added to {KAMERVRAGEN}: Bent u bereid deze vragen te beantwoorden?",
    ]
    assert "number" not in result.stdout


def test_diff_names_a_new_and_a_removed_set_of_kamervragen(repo):
    text = kamervragen_file(repo).read_text(encoding="utf-8").replace(f"id: {KAMERVRAGEN}", "id: 2025Z00001")
    kamervragen_file(repo, "2025Z00001").write_text(text.replace("het artikel «Brandbrief", "het bericht «Brandbrief"), encoding="utf-8")
    commit(repo, "nieuwe vragen")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "  new set of Kamervragen 2025Z00001: het bericht «Brandbrief over racisme bij de Rijksoverheid: " in result.stdout
    assert "Briefs affected" not in result.stdout  # no brief names the new set
    git(repo.root, "rm", "-q", "data/kamervragen/2025Z00001.yaml")
    commit(repo, "toch niet")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:4] == [
        "Kamervragen:",
        "  removed set of Kamervragen 2025Z00001: het bericht «Brandbrief over racisme bij de Rijksoverheid: "
        "«Medewerkers van kleur lijken systematisch doelwit te worden»»",
    ]


def test_log_of_a_set_of_kamervragen_names_its_answer_and_its_mededeling(repo):
    replace_in(kamervragen_file(repo), "ingezonden: 2024-11-18", "ingezonden: 2024-11-19")
    commit(repo, "ingezonden op de 19e")
    replace_in(repo.briefs_dir / "antwoord-vragen-chakor-brandbrief.md", "status: verzonden", "status: concept")
    commit(repo, "antwoord terug naar concept")
    replace_in(repo.briefs_dir / "uitstel-vragen-chakor-brandbrief.md", f"kamervragen: {KAMERVRAGEN}", "kamervragen: 2024Z99999")
    result = run_cli("log", KAMERVRAGEN, cwd=repo.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"History of {KAMERVRAGEN}:"
    assert lines[1] == f"2025-05-01  {short_head(repo, 'HEAD~2')}  Beleidsmedewerker  (examples)"
    assert lines[2].startswith(f"    new set of Kamervragen {KAMERVRAGEN}: het artikel «Brandbrief over racisme")
    assert lines[3:5] == [
        f"    antwoord-vragen-chakor-brandbrief now answers {KAMERVRAGEN}",
        f"    uitstel-vragen-chakor-brandbrief now postpones {KAMERVRAGEN}",
    ]
    assert lines[5:] == [
        f"2025-05-01  {short_head(repo, 'HEAD~1')}  Beleidsmedewerker  (ingezonden op de 19e)",
        f"    {KAMERVRAGEN}: ingezonden 2024-11-18 → 2024-11-19",
        f"2025-05-01  {short_head(repo)}  Beleidsmedewerker  (antwoord terug naar concept)",
        "    antwoord-vragen-chakor-brandbrief: status verzonden → concept",
        "            working tree  (not committed)",
        f"    uitstel-vragen-chakor-brandbrief no longer postpones {KAMERVRAGEN}",
    ]


def test_diff_of_a_set_of_kamervragen_as_markdown(repo):
    replace_in(kamervragen_file(repo), "ingezonden: 2024-11-18", "ingezonden: 2024-11-19")
    replace_in(kamervragen_file(repo), VRAAG_3, VRAAG_3.replace("volgens u", "naar uw oordeel"))
    result = run_cli("diff", "--format", "markdown", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:6] == [
        "**Kamervragen**",
        "",
        f"- `{KAMERVRAGEN}`: ingezonden `2024-11-18` → `2024-11-19`",
        f"- vraag 3 of `{KAMERVRAGEN}` changed: Wat zegt het ~~volgens u~~ **naar uw oordeel** over het functioneren van de overheid …",
    ]


def test_diff_names_a_changed_question_of_a_schriftelijk_overleg(repo):
    overleg = repo.overleggen_dir / "ek-35741-per-racisme.yaml"
    replace_in(overleg, "wat dit betekent voor de voorbeeldfunctie", "wat dit betekent voor de rol")
    result = run_cli("diff", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:4] == [
        "Schriftelijke overleggen:",
        "  vraag GLPvdA-3 of ek-35741-per-racisme changed: … vragen wat dit betekent voor de"
        " [-voorbeeldfunctie-] {+rol+} van de politieke top en verzoeken u hierop te reflecteren.",
    ]


def test_a_kamervragen_folder_committed_as_a_file_is_skipped_not_every_set_removed(repo):
    git(repo.root, "rm", "-q", "-r", "data/kamervragen")
    (repo.kamervragen_dir).write_text("not a folder\n", encoding="utf-8")
    commit(repo, "kamervragen as a file")
    result = run_cli("diff", "HEAD~1..HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    warning = "data/kamervragen:1:1: warning: skipped at this revision: 'data/kamervragen' is a file, not a folder [history]"
    assert f"{short_head(repo)}:{warning}" in result.stderr
    assert "removed set of Kamervragen" not in result.stdout
    result = run_cli("log", KAMERVRAGEN, cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "removed" not in result.stdout
