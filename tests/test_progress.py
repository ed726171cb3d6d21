"""A long build shows where it is on a terminal, and streams each "wrote" line as its brief is done; on a pipe only the lines."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

from builder import pipeline, rendering

from .conftest import EXAMPLE_OUTPUTS, EXAMPLES


def _on_a_terminal(project, *args: str, ci: bool = False, columns: int = 120) -> str:
    """Everything `brief` prints with stdout and stderr on a pseudo-terminal of a real size."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    environment = {key: value for key, value in os.environ.items() if key != "CI"} | {"TERM": "xterm"}
    if ci:
        environment["CI"] = "true"
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", *args], cwd=project.root, stdin=slave, stdout=slave, stderr=slave,
        env=environment, close_fds=True,
    )
    os.close(slave)
    output = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=120)
    os.close(master)
    assert process.returncode == 0, output.decode("utf-8", "replace")
    return output.decode("utf-8", "replace")


def test_on_a_terminal_a_bar_shows_done_of_total_and_the_brief_at_work(project):
    shown = _on_a_terminal(project, "build", "--force")
    total = len(EXAMPLES)
    assert f"0/{total} " in shown and f"{total - 1}/{total} " in shown
    assert f"0/{total} {EXAMPLES[0]}" in shown  # the brief at work, by name
    assert "<" in shown and "[00:" in shown  # elapsed<remaining
    lines = [line.strip("\r") for line in shown.split("\n")]
    written = [line.rsplit("\r", 1)[-1] for line in lines if "wrote out/" in line]
    assert written == [f"wrote out/{name}.docx" for name in _in_build_order()]


def test_on_a_pipe_only_the_lines_and_the_findings(project):
    done = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build", "--force"], cwd=project.root, capture_output=True, text=True,
        timeout=120, env={key: value for key, value in os.environ.items() if key != "CI"} | {"TERM": "xterm"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"wrote out/{name}.docx" for name in _in_build_order()]
    assert "\r" not in done.stdout + done.stderr and "/9" not in done.stderr


def test_in_ci_a_terminal_gets_only_the_lines(project):
    shown = _on_a_terminal(project, "build", "--force", ci=True)
    assert "0/" not in shown and "wrote out/" in shown


def test_each_brief_is_reported_as_soon_as_it_is_written_not_at_the_end(project, monkeypatch):
    events: list[str] = []
    render = rendering.render_brief

    def recorded(brief, inputs):
        events.append(f"render {brief.name}")
        return render(brief, inputs)

    class Recorder:
        def starting(self, names):
            events.append(f"starting {len(names)}")

        def finished(self, name, written):
            assert all(path.is_file() for path in written)  # on disk when it is said
            events.append(f"finished {name}")

    monkeypatch.setattr(pipeline, "render_brief", recorded)
    pipeline.build(project, force=True, progress=Recorder())
    assert events[0] == f"starting {len(EXAMPLES)}"
    # Render, finish, render, finish: each brief reported before the next is rendered.
    assert events[1:] == [event for name in EXAMPLES for event in (f"render {name}", f"finished {name}")]


def _in_build_order() -> list[str]:
    """The documents in the order a serial build writes them: each brief, then its extra documents."""
    return [output for name in EXAMPLES for output in EXAMPLE_OUTPUTS if output == name or output.startswith(f"{name}-aanbiedingsbrief")]
