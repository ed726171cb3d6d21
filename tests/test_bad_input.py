"""Bad input gets a located message and exit status 2, never a traceback or a half-written file."""

from __future__ import annotations

import os
import re

import pytest

from builder.load import compose_yaml

from .conftest import EXAMPLE_OUTPUTS, MINIMAL_FRONT_MATTER, run_cli, write_brief

LOCATED = re.compile(r"^[^:\s]+:\d+:\d+: error: .+ \[[a-z-]+\]$")
CODE = re.compile(r" \[[a-z-]+\]$")


def build_fails(project, *names):
    """The located error lines of a failed build, without their [code] (test_check asserts codes)."""
    result = run_cli("build", *names, cwd=project.root)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines and all(LOCATED.match(line) for line in lines), result.stderr
    return [CODE.sub("", line) for line in lines]


def line_of(path, text):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_unknown_field_in_data_is_located_with_did_you_mean(project):
    path = project.data_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    status: voldaan", "    statsu: voldaan", 1), encoding="utf-8")
    line = line_of(path, "statsu:")
    errors = build_fails(project)
    assert f"data/commitments.yaml:{line}:5: error: unknown field 'statsu' in commitment 'per-racisme-j' (did you mean 'status'?)" in errors
    assert not project.out_dir.exists()  # bad data: nothing is written


def test_dangling_id_in_a_brief_is_located(project):
    write_brief(project, "dangling", MINIMAL_FRONT_MATTER, "Eerste alinea.\n\nZie de brief.[@kst-30950-43]\n")
    errors = build_fails(project, "dangling")
    assert errors == [
        "briefs/dangling.md:12:14: error: unknown id 'kst-30950-43' (did you mean 'kst-30950-433'?)"
    ]
    assert not (project.out_dir / "dangling.docx").exists()


def test_broken_yaml_is_located(project):
    (project.data_dir / "motions.yaml").write_text("motions:\n  - id: [motie-x\n    kamer: TK\n", encoding="utf-8")
    errors = build_fails(project)
    assert len(errors) == 1 and errors[0].startswith("data/motions.yaml:3:") and "invalid YAML" in errors[0]


def test_missing_front_matter(project):
    (project.briefs_dir / "bare.md").write_text("Geachte voorzitter,\n", encoding="utf-8")
    assert build_fails(project, "bare") == [
        "briefs/bare.md:1:1: error: missing YAML front matter: a brief starts with a '---' line"
    ]


def test_unclosed_front_matter(project):
    (project.briefs_dir / "open.md").write_text("---\ntype: kamerbrief\nTekst.\n", encoding="utf-8")
    assert build_fails(project, "open") == ["briefs/open.md:1:1: error: front matter is not closed: add a '---' line after it"]


def test_every_problem_in_front_matter_is_reported_at_once(project):
    front = MINIMAL_FRONT_MATTER.replace("date: 2025-04-14", "date: 2025-02-30").replace(
        "signatories: [minister-bzk-uitermark]", "signatories: minister-bzk-uitermark"
    ).replace("addressee: TK", "addressee: TK\nadressee: EK")
    write_brief(project, "many", front, "Tekst.\n")
    errors = build_fails(project, "many")
    assert errors == [
        "briefs/many.md:3:7: error: bad date '2025-02-30' in field 'date' of front matter: write a real date as YYYY-MM-DD",
        "briefs/many.md:7:1: error: unknown field 'adressee' in front matter (did you mean 'addressee'?)",
        "briefs/many.md:8:14: error: expected a list in field 'signatories' of front matter, got a value",
    ]


def test_wrong_choice_gets_did_you_mean(project):
    write_brief(project, "choice", MINIMAL_FRONT_MATTER.replace("status: verzonden", "status: verzondn"), "Tekst.\n")
    (error,) = build_fails(project, "choice")
    assert error == (
        "briefs/choice.md:8:9: error: 'verzondn' is not allowed in field 'status' of front matter; "
        "use one of 'concept', 'verzonden' (did you mean 'verzonden'?)"
    )


def test_duplicate_ids_across_data(project):
    path = project.data_dir / "documents.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: kst-30950-433\n    kind: web\n    url: https://example.org\n", encoding="utf-8")
    first = line_of(path, "id: kst-30950-433")
    (error,) = build_fails(project)
    assert f"error: duplicate id 'kst-30950-433' (first defined at data/documents.yaml:{first}:" in error


def test_duplicate_key_in_front_matter(project):
    write_brief(project, "twice", MINIMAL_FRONT_MATTER + "kenmerk: 2025-2\n", "Tekst.\n")
    assert build_fails(project, "twice") == ["briefs/twice.md:9:1: error: duplicate key 'kenmerk' (first set on line 4)"]


def test_yaml_tags_never_construct_objects(project):
    (project.data_dir / "motions.yaml").write_text("motions: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    (error,) = build_fails(project)
    assert error == "data/motions.yaml:1:10: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    assert not (project.root / "pwned").exists()


def test_only_the_plain_yaml_tags_pass_when_written_out():
    # Untagged nodes share the resolver's tags and skip the tag check; written-out tags
    # are new Tag objects and must still be looked at.
    text = "a: !!str 12\nb: !!int 3\nc: !local x\nd: !!binary aGk=\ne: [R&D]\n"
    _, problems = compose_yaml(text, "t.yaml")
    assert [str(p) for p in problems] == [
        "t.yaml:3:4: error: YAML tag '!local' is not allowed [yaml-tag]",
        "t.yaml:4:4: error: YAML tag 'tag:yaml.org,2002:binary' is not allowed [yaml-tag]",
    ]


def test_template_cannot_reach_python_internals(project):
    write_brief(project, "sandbox", MINIMAL_FRONT_MATTER, "Tekst.\n\n{{ ''.__class__.__mro__ }}\n")
    (error,) = build_fails(project, "sandbox")
    assert error.startswith("briefs/sandbox.md:12:1: error: template error: ")
    assert "__class__" in error


LOOP = "{% for n in range(5) %}\nRegel {{ n }}\n{% endfor %}\n"  # five lines of output from three


def test_a_control_character_in_a_template_string_is_located_on_its_line(project):
    path = write_brief(project, "esc", MINIMAL_FRONT_MATTER, f"Tekst.\n\n{LOOP}Einde {{{{ '\\x1b' }}}}.\n")
    assert build_fails(project, "esc") == [
        f"briefs/esc.md:{line_of(path, 'Einde')}:1: error: template error: a string in the template holds a control character U+001B"
    ]


def test_a_control_character_written_at_run_time_is_located_on_the_line_writing_it(project):
    writes = "{% for c in [27] %}{{ '%c' | format(c) }}{% endfor %}"
    path = write_brief(project, "esc", MINIMAL_FRONT_MATTER, f"Tekst.\n\n{LOOP}Einde {writes}.\n")
    assert build_fails(project, "esc") == [
        f"briefs/esc.md:{line_of(path, 'Einde')}:1: error: template error: the template writes a control character U+001B"
    ]


def test_template_asking_for_an_unknown_id(project):
    write_brief(project, "template", MINIMAL_FRONT_MATTER, "{{ commitments['T0354'].text }}\n")
    assert build_fails(project, "template") == [
        "briefs/template.md:10:1: error: template error: unknown commitment 'T0354' (did you mean 'T03545'?)"
    ]


def test_unknown_answer_and_signatory(project):
    front = MINIMAL_FRONT_MATTER.replace("minister-bzk-uitermark", "minister-bzk-uitermak") + "answers: [per-racisme-z]\n"
    write_brief(project, "who", front, "Tekst.\n")
    errors = build_fails(project, "who")
    assert "briefs/who.md:7:14: error: unknown bewindspersoon 'minister-bzk-uitermak' (did you mean 'minister-bzk-uitermark'?)" in errors
    assert any(e.startswith("briefs/who.md:9:10: error: unknown commitment or motion 'per-racisme-z'") for e in errors)


def test_file_that_is_not_utf8(project):
    (project.briefs_dir / "latin1.md").write_bytes("---\ntype: kamerbrief\n---\nCaf\xe9\n".encode("latin-1"))
    assert build_fails(project, "latin1") == ["briefs/latin1.md:4:4: error: file is not valid UTF-8 text"]


@pytest.mark.parametrize("name", ["nope", "../data/commitments"])
def test_unknown_or_unsafe_brief_names(project, name):
    errors = build_fails(project, name)
    assert len(errors) == 1 and ("no such brief 'nope'" in errors[0] or "invalid brief name" in errors[0])


def test_good_briefs_are_still_built_beside_a_bad_one(project):
    write_brief(project, "broken", MINIMAL_FRONT_MATTER, "[@nergens]\n")
    result = run_cli("build", cwd=project.root)
    assert result.returncode == 2
    assert sorted(p.stem for p in project.out_dir.glob("*.docx")) == EXAMPLE_OUTPUTS
    assert not list(project.out_dir.glob(".*.tmp"))


def test_check_reports_without_building(project):
    write_brief(project, "broken", MINIMAL_FRONT_MATTER, "[@nergens]\n")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1
    assert "briefs/broken.md:10:1: error: unknown id 'nergens'" in result.stderr
    assert not project.out_dir.exists()


def test_unwritable_output_is_reported_not_raised(project):
    project.out_dir.mkdir()
    (project.out_dir / "voortgang-aanpak-racisme.docx").mkdir()  # a directory where the file must go
    errors = build_fails(project, "voortgang-aanpak-racisme")
    assert errors == ["out/voortgang-aanpak-racisme.docx:1:1: error: cannot write the document: Is a directory"]


def test_a_bug_of_ours_is_one_line_and_a_saved_traceback(project, monkeypatch, capsys, tmp_path):
    import tempfile

    from builder import cli, pipeline

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "build", crash)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the crash log lands here, not in /tmp
    assert cli.main(["--root", str(project.root), "build"]) == cli.EXIT_INTERNAL_ERROR
    first, second = capsys.readouterr().err.splitlines()
    assert first == "brief: internal error: RuntimeError: boom"
    log = re.search(r"the traceback is in (\S+);", second).group(1)
    assert log.startswith(str(tmp_path))
    saved = open(log, encoding="utf-8").read()
    assert saved.startswith("brief ") and "Traceback" in saved and "RuntimeError: boom" in saved


def test_diagnostics_quote_untrusted_text_on_one_line():
    from builder.codes import finding
    from builder.diagnostics import Location

    forged = finding(Location("briefs/a\nb.md", 3, 4), "unknown id 'x\x1b[2J\x00'", "unknown-id")
    assert str(forged) == "briefs/a\\nb.md:3:4: error: unknown id 'x\\x1b[2J\\x00' [unknown-id]"


@pytest.mark.parametrize("command", [["check"], ["build"], ["status"]])
def test_a_data_file_that_is_a_pipe_is_refused_not_waited_on(project, command):
    path = project.data_dir / "motions.yaml"
    path.unlink()
    os.mkfifo(path)  # nobody ever writes to it: reading it would wait for ever
    result = run_cli(*command, cwd=project.root)
    assert result.returncode in (1, 2), result.stderr
    assert "data/motions.yaml:1:1: error: cannot read file: not a regular file (a pipe, socket or device) [read]" in result.stderr


def test_a_brief_that_is_a_pipe_is_refused_not_waited_on(project):
    os.mkfifo(project.briefs_dir / "pipe.md")
    errors = build_fails(project, "pipe")
    assert errors == ["briefs/pipe.md:1:1: error: cannot read file: not a regular file (a pipe, socket or device)"]


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_link_out_of_the_repository_is_not_read(project, target):
    (project.briefs_dir / "x.md").symlink_to(target)
    (project.overleggen_dir / "x.yaml").symlink_to(target)
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for shown in ("briefs/x.md", "data/overleggen/x.yaml"):
        assert f"{shown}:1:1: error: cannot read file: a symbolic link to '{target}', outside the repository; copy the file in instead [read]" in result.stderr


def test_a_dangling_link_is_said_to_dangle(project):
    (project.overleggen_dir / "gone.yaml").symlink_to(project.root / "nowhere.yaml")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1
    assert f"data/overleggen/gone.yaml:1:1: error: cannot read file: a symbolic link to '{project.root / 'nowhere.yaml'}', which does not exist [read]" in result.stderr


def test_a_link_inside_the_repository_is_read(project):
    shared = project.root / "shared"
    shared.mkdir()
    (project.data_dir / "motions.yaml").rename(shared / "motions.yaml")
    (project.data_dir / "motions.yaml").symlink_to("../shared/motions.yaml")
    assert run_cli("check", cwd=project.root).returncode == 0


def test_yaml_nested_past_any_composer_is_refused_not_a_crash(project):
    path = project.data_dir / "motions.yaml"
    path.write_text("motions:" + " [" * 50_000 + " ]" * 50_000 + "\n", encoding="utf-8")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1, result.stderr  # a segmentation fault was -11
    assert "data/motions.yaml:1:" in result.stderr and "nested more than 100 levels deep" in result.stderr


def test_a_file_past_the_size_bound_is_refused(tmp_path):
    from builder.load import read_text

    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 2048)
    text, problems = read_text(path, "big.yaml", limit=1024)
    assert text is None and [p.code for p in problems] == ["read"] and "larger than" in problems[0].message


def test_a_bug_met_on_one_brief_fails_that_brief_only(project, monkeypatch):
    from builder import pipeline, rendering

    real = rendering._render_unguarded

    def failing_on_one(brief, inputs):
        if brief.name == "voortgang-aanpak-racisme":
            raise RuntimeError("a bug of ours")
        return real(brief, inputs)

    monkeypatch.setattr(rendering, "_render_unguarded", failing_on_one)
    result = pipeline.build(project)
    (internal,) = [d for d in result.diagnostics if d.code == "internal"]
    assert internal.location.path == "briefs/voortgang-aanpak-racisme.md"
    assert "internal error while building this brief: RuntimeError: a bug of ours" in internal.message
    written = sorted(path.stem for path in result.written)
    assert "voortgang-aanpak-racisme" not in written and len(written) == len(EXAMPLE_OUTPUTS) - 1
