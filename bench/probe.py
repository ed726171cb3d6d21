"""In-process timings for bench/run.py; prints one JSON object on stdout.

Usage: python bench/probe.py load|pandoc ROOT RUNS

Run with PYTHONPATH pointing at the builder tree under test, so that the
library measured is the one the CLI measurements use.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def probe_load(root: Path, runs: int) -> dict:
    """What `brief check` does before and while checking, without process start-up."""
    started = time.perf_counter()
    from builder import pipeline

    imports = time.perf_counter() - started
    project = pipeline.Project(root)
    options = pipeline.LoadOptions(freeze_loaded=True)  # as the `brief` command loads
    times: dict[str, list[float]] = {"load_cold": [], "load_repository": [], "load_briefs": [], "check": []}
    data_cache = Path(os.environ["XDG_CACHE_HOME"]) / "briefbouwer"  # bench/run.py's own
    for _ in range(runs):
        shutil.rmtree(data_cache, ignore_errors=True)
        times["load_cold"].append(timed(lambda: pipeline.load_repository(project, options=options))[0])
        seconds, (repository, problems) = timed(lambda: pipeline.load_repository(project, options=options))
        if repository is None:
            raise SystemExit("\n".join(map(str, problems)))
        times["load_repository"].append(seconds)
        times["load_briefs"].append(timed(lambda: pipeline.load_briefs(project))[0])
        times["check"].append(timed(lambda: pipeline.check(project, options=options))[0])
    return {"import_pipeline": imports, **{key: statistics.median(value) for key, value in times.items()}}


def pipeline_markdown(root: Path) -> tuple[list[tuple[str, str]], float, Path, str]:
    """The exact Markdown render() hands to pandoc, per brief, and the time it took to make."""
    from builder import pipeline
    from builder.doctypes import doctype_of
    from builder.render.markdown import PANDOC_FORMAT, body_markdown

    project = pipeline.Project(root)
    repository, problems = pipeline.load_repository(project)
    briefs, found = pipeline.load_briefs(project)
    letters, more = pipeline.load_companions(project, briefs)
    everything = problems + found + more
    if repository is None or any(problem.severity == "error" for problem in everything):
        raise SystemExit("\n".join(map(str, everything)))
    started = time.perf_counter()
    documents = []
    for brief in briefs:
        markdown, problems = body_markdown(brief, repository, letters)
        if markdown is None:
            raise SystemExit("\n".join(map(str, problems)))
        markdown = doctype_of(brief).compose(markdown, brief, repository)
        documents.append((brief.name, markdown))
    return documents, time.perf_counter() - started, project.reference_docx, PANDOC_FORMAT


def probe_pandoc(root: Path, runs: int) -> dict:
    """pandoc alone on the pipeline's Markdown: pypandoc with the same reference doc and input format.

    ``verify_format=False`` leaves out the two extra pandoc processes (``--list-input-formats``,
    ``--list-output-formats``) that pypandoc starts on every call to validate the formats.
    """
    import pypandoc

    documents, markdown_seconds, reference, input_format = pipeline_markdown(root)
    totals, verified = [], []
    with tempfile.TemporaryDirectory(prefix="bench-pandoc-") as scratch:
        target = str(Path(scratch) / "out.docx")

        def convert(markdown: str, verify: bool) -> None:
            pypandoc.convert_text(
                markdown, "docx", format=input_format, outputfile=target,
                extra_args=[f"--reference-doc={reference}"], verify_format=verify,
            )

        for _ in range(runs):
            totals.append(timed(lambda: [convert(markdown, False) for _, markdown in documents])[0])
        sample = documents[:: max(1, len(documents) // 30)]
        verified.append(timed(lambda: [convert(markdown, True) for _, markdown in sample])[0] / len(sample))
    return {
        "briefs": len(documents),
        "markdown_seconds": markdown_seconds,
        "markdown_bytes": sum(len(markdown.encode()) for _, markdown in documents),
        "pandoc_total": statistics.median(totals),
        "pandoc_per_brief": statistics.median(totals) / len(documents),
        "pypandoc_verified_per_brief": verified[0],
        "pandoc_version": pypandoc.get_pandoc_version(),
    }


def main(argv: list[str]) -> int:
    kind, root, runs = argv[0], Path(argv[1]), int(argv[2])
    probe = {"load": probe_load, "pandoc": probe_pandoc}[kind]
    json.dump(probe(root, runs), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
