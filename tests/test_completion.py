"""Shell completion generated from the parser (shtab): commands, options, types and briefs as files complete in bash; zsh's script is valid."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import run_cli


def _script(shell: str, cwd) -> str:
    done = run_cli("completion", shell, cwd=cwd)  # needs no repository
    assert done.returncode == 0, done.stderr
    return done.stdout


def _complete(script_path, line: str, cwd) -> list[str]:
    """What bash offers for ``line`` (completing its last word), as the script's function answers."""
    words = line.split(" ")
    program = f"""
source {script_path}
COMP_WORDS=({' '.join(repr(word) for word in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={line!r}
COMP_POINT={len(line)}
_shtab_brief
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", program], cwd=cwd, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


@pytest.fixture
def bash_script(project, tmp_path):
    path = tmp_path / "brief.bash"
    path.write_text(_script("bash", tmp_path), encoding="utf-8")
    return path


def test_commands_options_and_document_types_complete(project, bash_script):
    root = project.root
    assert _complete(bash_script, "brief bu", root) == ["build"]
    assert set(_complete(bash_script, "brief re", root)) == {"reconcile", "redline"}
    assert _complete(bash_script, "brief build --fo", root) == ["--force"]
    assert _complete(bash_script, "brief new ", root) == sorted(
        ["kamerbrief", "nota", "so-beantwoording", "kamervragen-antwoord", "kamervragen-uitstel"]
    )


def test_a_brief_completes_as_its_file(project, bash_script):
    assert _complete(bash_script, "brief build briefs/voortgang", project.root) == ["briefs/voortgang-aanpak-racisme.md"]


def test_the_zsh_script_is_one_zsh_reads():
    from builder.commands import build_parser

    script = _script("zsh", ".")
    assert script.startswith("#compdef brief")
    for name in ("build", "check", "new", "redline", "completion"):
        assert name in script
    assert build_parser()  # the script was made from this parser
    if shutil.which("zsh"):
        done = subprocess.run(["zsh", "-n"], input=script, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_an_unknown_shell_is_a_usage_error(tmp_path):
    done = run_cli("completion", "fish", cwd=tmp_path)
    assert done.returncode == 2 and "invalid choice: 'fish'" in done.stderr
