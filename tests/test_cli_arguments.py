"""Arguments that are not text, and a crash whose report itself holds such text (issue 14, defect 15)."""

from __future__ import annotations

import re
import subprocess
import sys

from builder import cli, pipeline


def test_an_argument_that_is_not_utf8_is_a_usage_error(project):
    commitments = project.data_dir / "commitments.yaml"
    before = commitments.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "set", "T03545", b"notes=\xff"],
        cwd=project.root, capture_output=True, timeout=120,
    )
    assert result.returncode == cli.EXIT_BAD_INPUT
    assert result.stderr.decode("ascii").splitlines() == [
        r"brief: error: argument 3 is not valid UTF-8: 'notes=\xff'"
    ]
    assert commitments.read_bytes() == before


def test_the_usage_error_escapes_control_characters_around_the_bad_bytes(capsys):
    # What a shell hands over for b"\x1b[2J\xfe": the ESC as it is, 0xfe as a lone surrogate.
    assert cli.main(["--root", "\x1b[2J\udcfe", "check"]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "brief: error: argument 2 is not valid UTF-8: '\\x1b[2J\\xfe'\n"


def _crash_with(message: str):
    def crash(*args, **kwargs):
        raise RuntimeError(message)

    return crash


def test_a_crash_whose_message_cannot_be_encoded_is_still_one_line_and_a_log(project, monkeypatch, capsys, tmp_path):
    import tempfile

    monkeypatch.setattr(pipeline, "check", _crash_with("kapot \udcff\nbrief: forged second line"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cli.main(["--root", str(project.root), "check", "é"]) == cli.EXIT_INTERNAL_ERROR
    first, second = capsys.readouterr().err.splitlines()
    assert first == r"brief: internal error: RuntimeError: kapot \udcff\nbrief: forged second line"
    log = re.search(r"the traceback is in (\S+);", second).group(1)
    saved = open(log, encoding="utf-8").read()
    assert saved.startswith(f"brief --root {project.root} check 'é'\n")  # as a shell would need it
    assert "RuntimeError: kapot \\udcff" in saved


def test_a_crash_log_that_cannot_be_written_still_gives_one_line(project, monkeypatch, capsys, tmp_path):
    import tempfile

    monkeypatch.setattr(pipeline, "check", _crash_with("boom"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-directory"))
    assert cli.main(["--root", str(project.root), "check"]) == cli.EXIT_INTERNAL_ERROR
    assert capsys.readouterr().err.splitlines() == [
        "brief: internal error: RuntimeError: boom",
        "brief: the traceback could not be saved; please report this with the command you ran",
    ]


def test_version_prints_brief_and_pandoc_and_agrees_with_the_package(tmp_path):
    import tomllib

    from .conftest import REPO, run_cli

    done = run_cli("--version", cwd=tmp_path)  # needs no repository
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(rf"brief {re.escape(declared)} \(Python 3\.\d+\.\d+\S*, pandoc \d+(\.\d+)+\)\n", done.stdout)


def test_every_command_has_a_sentence_examples_and_exit_codes_in_its_help():
    import argparse
    import shlex

    from builder.commands import build_parser
    from builder.commands.help import HELP

    parser = build_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert set(subparsers.choices) == set(HELP), "every command needs an entry in builder/commands/help.py"
    for name, command in subparsers.choices.items():
        text = command.format_help()
        assert HELP[name].sentence in text and HELP[name].sentence.endswith(".")
        assert "examples:\n  " in text and "exit codes:\n  0   done" in text, name
        assert "  2   " in text and "  70  internal error" in text, name
        assert ("  1   " in text) == (HELP[name].findings is not None), name
        for example in HELP[name].examples:
            words = shlex.split(example)
            words = words[: words.index(">")] if ">" in words else words  # the shell's redirection
            if words[0] == "brief":  # an example must at least be a command line the parser takes
                assert parser.parse_args(words[1:]).run is not None, example


def test_help_on_the_command_line_shows_the_exit_codes(tmp_path):
    from .conftest import run_cli

    done = run_cli("build", "--help", cwd=tmp_path)  # help needs no repository
    assert done.returncode == 0
    assert done.stdout.splitlines()[-5:] == [
        "exit codes:",
        "  0   done",
        "  2   bad input or usage: a located error in the data, a brief or an argument",
        "  70  internal error: a bug of ours, its traceback saved for a report",
        "  130 stopped by Ctrl-C (143: by SIGTERM); nothing is left half-written",
    ]
