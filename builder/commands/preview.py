"""``brief preview NAME``: the brief as a page in the browser, made again on every save."""

from __future__ import annotations

import argparse
import os
import sys

from .arguments import brief_names
from .report import Report


def add_preview(commands) -> None:
    preview = commands.add_parser(
        "preview", help="the brief as a page in the browser, made again on every save; its DOCX rebuilt",
    )
    preview.add_argument("name", metavar="NAME", help="the brief, by name or path (briefs/NAME.md)")
    preview.add_argument("--port", type=_port, default=0, metavar="N", help="serve on port N (default: a free one)")
    preview.add_argument("--no-browser", action="store_true", help="do not open the page in a browser")
    preview.set_defaults(run=run_preview)


COMMANDS = {"preview": add_preview}


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: write a number from 1 to 65535 (0: a free one)")
    return int(text)


def run_preview(project, args, report: Report) -> None:
    from ..codes import finding
    from ..diagnostics import Location
    from ..pipeline import load_briefs
    from ..preview.server import HOST
    from ..preview.watch import LivePreview
    from ..project import brief_names as names_in

    [name] = brief_names(project, [args.name])
    if name not in names_in(project):
        _, problems = load_briefs(project, [name])
        report.problems(problems)
        report.bad_input()
        return
    try:
        live = LivePreview(project, name, args.port, built=_say_built)
    except OSError as exc:
        message = f"cannot serve the preview on port {args.port}: {exc.strerror}; give another --port, or none for a free one"
        report.problems([finding(Location(f"{HOST}:{args.port}"), message, "listen")])
        report.bad_input()
        return
    live.start()
    try:
        print(f"preview of {live.title} at {live.url} (Ctrl-C stops)", flush=True)
        if not args.no_browser:
            _open_in_browser(live.url)
        live.wait()
    finally:
        live.stop()


def _say_built(built) -> None:
    """Each background build as ``brief build`` says it: its files on stdout, its findings on stderr."""
    for path in built.wrote:
        print(f"wrote {path}", flush=True)
    for diagnostic in built.findings:
        print(diagnostic, file=sys.stderr, flush=True)


def _open_in_browser(url: str) -> None:
    """The page in the desktop's browser, when there is one. A text browser (lynx, w3m), which
    the webbrowser module falls back to without a display, would take over the terminal."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return
    if type(browser) is webbrowser.GenericBrowser and "BROWSER" not in os.environ:
        return
    browser.open(url)
