"""The ``brief`` command: a thin layer over :mod:`builder.pipeline`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import Diagnostic, has_errors

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_BAD_INPUT
    from .pipeline import Project

    return args.run(Project(args.root.resolve()), args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brief", description="Build Kamerbrieven from YAML data and Markdown briefs.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: current directory)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = commands.add_parser("build", help="build briefs into out/NAME.docx")
    build.add_argument("names", nargs="*", metavar="NAME", help="briefs to build (default: all in briefs/)")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="validate data and briefs without building")
    check.add_argument("names", nargs="*", metavar="NAME", help="briefs to check (default: all)")
    check.set_defaults(run=_check)
    return parser


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _build(project, args) -> int:
    from .pipeline import build

    result = build(project, args.names)
    _report(result.diagnostics)
    for path in result.written:
        print(f"wrote {project.shown(path)}")
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def _check(project, args) -> int:
    from .pipeline import check

    diagnostics = check(project, args.names)
    _report(diagnostics)
    return EXIT_FINDINGS if has_errors(diagnostics) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
