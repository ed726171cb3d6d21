"""A repository's own severities for the consistency rules, from ``data/rules.yaml``.

The file is optional and maps codes of stage ``check`` (``brief check --help``
lists them) to ``error``, ``warning`` or ``off``::

    overdue: error          # CI fails on an overdue commitment
    unused-document: off

Check and build apply the same severities, so that what check accepts, build
builds. The codes of the other stages guard what can be read and built and
cannot be changed.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ruamel.yaml.nodes import MappingNode, ScalarNode

from .codes import CODES, finding
from .diagnostics import Diagnostic, did_you_mean
from .load import load_yaml_file
from .project import Project, link_problem

FILE = "rules.yaml"
LEVELS = ("error", "warning", "off")
Severities = Mapping[str, str]


def configurable_codes() -> list[str]:
    return [code.code for code in CODES.values() if code.stage == "check"]


def read_severities(project: Project) -> tuple[Severities, list[Diagnostic]]:
    """The severities ``data/rules.yaml`` sets (none when there is no such file), and its problems.
    It is read as every input is: a link out of the repository, a pipe or a huge file is refused."""
    path = project.data_dir / FILE
    link = link_problem(project, path)
    if link is not None:
        return {}, [link]
    if not path.exists():
        return {}, []
    document, problems = load_yaml_file(path, project.shown(path))
    if problems or document.root is None:
        return {}, problems
    if not isinstance(document.root, MappingNode):
        return {}, [finding(document.location(document.root), "expected a mapping of code: error|warning|off", "setting")]
    severities: dict[str, str] = {}
    allowed = configurable_codes()
    for key, value in document.root.value:
        code = key.value if isinstance(key, ScalarNode) else None
        level = value.value if isinstance(value, ScalarNode) else None
        if code not in allowed:
            shown_code = code if code is not None else "(not a code)"
            reason = "cannot be changed" if code in CODES else "is not a rule's code"
            message = f"'{shown_code}' {reason}: set one of the codes 'brief check --help' lists{did_you_mean(str(code), allowed)}"
            problems.append(finding(document.location(key), message, "setting"))
        elif level not in LEVELS:
            message = f"severity of '{code}' must be error, warning or off{did_you_mean(str(level), LEVELS)}"
            problems.append(finding(document.location(value), message, "setting"))
        else:
            severities[code] = level
    return severities, problems


def apply_severities(diagnostics: Iterable[Diagnostic], severities: Severities) -> list[Diagnostic]:
    """The diagnostics as the repository wants them: reconfigured, and those turned off left out."""
    result = []
    for diagnostic in diagnostics:
        level = severities.get(diagnostic.code)
        if level is None:
            result.append(diagnostic)
        elif level != "off":
            result.append(Diagnostic(diagnostic.location, diagnostic.message, level, diagnostic.code))  # type: ignore[arg-type]
    return result

