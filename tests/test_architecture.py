"""The layout the README promises: each module documented, listed, and the document types kept apart."""

from __future__ import annotations

import ast
import re

from builder.doctypes import front_matter_types

from .conftest import REPO

MODULES = sorted(path for path in (REPO / "builder").rglob("*.py") if "__pycache__" not in path.parts)


def _readme_layout() -> list[str]:
    """The paths the README's "How it is built" block names, as builder/… paths."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How it is built", 1)[1].split("```", 2)[1]
    paths, folders = [], []
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+)", line)
        if not match:
            continue
        depth, name = len(match.group(1)) // 2, match.group(2)
        folders = folders[:depth]
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
        else:
            paths.append("/".join([*folders, name]))
    return paths


def test_every_module_has_a_docstring_that_says_its_job():
    missing = [str(path.relative_to(REPO)) for path in MODULES if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert missing == []


def test_the_readme_lists_every_module_and_no_other():
    listed = {path for path in _readme_layout() if path.startswith("builder/") and path.endswith(".py")}
    actual = {path.relative_to(REPO).as_posix() for path in MODULES}
    # A package's __init__.py is listed only when it does more than hold the package together.
    unlisted_inits = {p for p in actual - listed if p.endswith("__init__.py")}
    assert sorted(actual - listed - unlisted_inits) == []
    assert sorted(listed - actual) == []


def test_no_code_outside_the_document_types_branches_on_a_front_matter():
    """The stages ask a brief's document type; only builder/doctypes/ knows the types apart."""
    front_matters = {cls.__name__ for cls in front_matter_types().values()} | {"LetterFrontMatter"}
    offenders = []
    for path in sorted((REPO / "builder").rglob("*.py")):
        if "doctypes" in path.relative_to(REPO / "builder").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Name) and node.id in front_matters:
                offenders.append(f"{where}: names {node.id}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr"):
                target = ast.unparse(node.args[0]) if node.args else ""
                if target.endswith("meta"):
                    offenders.append(f"{where}: {ast.unparse(node)}")
            if isinstance(node, ast.Compare) and ast.unparse(node.left).endswith("meta.type"):
                offenders.append(f"{where}: {ast.unparse(node)}")
    assert offenders == []
