"""`make bench` runs: a tiny round (the fixture library, two agencies, no PDFs) writes every figure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO, copy_library, write_agencies

pytestmark = pytest.mark.slow

SECONDS = {
    "load + validate content", "validate definitions", "plan", "assemble", "own stages", "mentorkit render_site", "bare mkdocs build",
    "startup", "jobs 1", "jobs 2", "no change", "definition changed", "that agency alone, forced", "module changed", "pdf limit",
}
RATIOS = {"own stages / rendering", "render_site / bare mkdocs", "jobs 1 / jobs 2", "no change / jobs 2", "definition changed / agency alone", "jobs 2 / pdf limit"}
COUNTS = {
    "agencies", "pdf", "cores", "outputs", "no change outputs", "definition changed outputs", "module changed", "module changed outputs",
    "pdf pages", "pages per second per core", "peak memory MB",
}


def test_benchmark_writes_every_figure(tmp_path):
    """Two agencies without PDFs: the table is printed and the JSON holds every key; a rebuild with nothing changed renders nothing."""
    root = copy_library(tmp_path / "library")
    write_agencies(root)
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--root", str(root), "--agencies", "2", "--no-pdf", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ratios:" in result.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures) == {"seconds", "ratios", "counts", "targets"}
    assert "Targets (issue 13; set for 20 agencies with PDFs on 2 cores; this run: 2 agencies, without PDFs," in result.stdout
    targets = figures["targets"]
    assert targets["rebuild, nothing changed (s)"]["met"] is (figures["seconds"]["no change"] <= 1.0)
    assert targets["jobs 2 / pdf limit"] == {"value": None, "target": "<= 1.25", "met": None}, "no PDFs, no PDF limit"
    assert set(figures["seconds"]) == SECONDS
    assert set(figures["ratios"]) == RATIOS
    assert set(figures["counts"]) == COUNTS
    counts = figures["counts"]
    assert (counts["agencies"], counts["pdf"], counts["outputs"]) == (2, False, 3)
    assert counts["no change outputs"] == 0
    assert counts["definition changed outputs"] == 1, "one changed definition rebuilds that agency's site only"
    assert 1 <= counts["module changed outputs"] <= 3
    assert figures["seconds"]["pdf limit"] is None and counts["peak memory MB"] > 0
    assert all(isinstance(figures["seconds"][k], float) for k in SECONDS - {"pdf limit"})


def test_generated_round_of_the_examples_is_valid(tmp_path):
    """The round `make bench` generates from a fresh clone's examples passes validation: 20 distinct, valid agencies."""
    import importlib.util
    import shutil

    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library

    spec = importlib.util.spec_from_file_location("benchmark", REPO / "scripts/benchmark.py")
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    root = tmp_path / "project"
    for name in benchmark.CONTENT:
        shutil.copytree(REPO / name, root / name)
    files = benchmark.generate_round(root, 20)
    agencies = load_agencies(files, library=load_library(root), root=root)
    assert len({a.id for a in agencies}) == 20
    assert sorted(p.name for p in (root / "agencies").iterdir()) == sorted(p.name for p in files)


def test_benchmark_runs_on_the_repository_content(tmp_path):
    """`make bench` on a fresh clone's own content and examples (one agency, sites only, to keep the suite short) writes its figures."""
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--agencies", "1", "--no-pdf", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = json.loads(out.read_text(encoding="utf-8"))["counts"]
    assert (counts["agencies"], counts["outputs"], counts["no change outputs"]) == (1, 2, 0)
    assert counts["definition changed outputs"] == 1


def test_round_only_builds_the_round_once(tmp_path):
    """`make bench ROUND=N` measures one forced build of the round: its time, its outputs and peak memory (no PDF limit without PDFs)."""
    root = copy_library(tmp_path / "library")
    write_agencies(root)
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--root", str(root), "--agencies", "2", "--no-pdf", "--round-only", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))["round only"]
    assert (figures["agencies"], figures["pdf"], figures["outputs"]) == (2, False, 3), "the base site and two agencies' sites"
    assert figures["seconds"] > 0 and figures["peak memory MB"] > 0
    assert figures["round / pdf limit"] is None
    assert "Round: 2 agencies + the base site, without PDFs" in result.stdout


def test_pdf_limit_counts_every_published_pdf_once(tmp_path):
    """The PDF limit's pages are the documents and the decks (pdf/, slides/) of the base site and each agency; a site's copies are not counted again."""
    from pypdf import PdfWriter

    def write_pdf(path, pages):
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(width=595, height=842)
        writer.write(path)

    write_pdf(tmp_path / "site/pdf/trainer-guide-fi.pdf", 5)
    write_pdf(tmp_path / "site/slides/mt-one-fi.pdf", 3)
    write_pdf(tmp_path / "agencies/a/pdf/a-mentor-handbook-fi.pdf", 7)
    write_pdf(tmp_path / "agencies/a/slides/a-mt-one-handout-fi.pdf", 2)
    write_pdf(tmp_path / "agencies/a/site/pdf/a-mentor-handbook-fi.pdf", 7)
    write_pdf(tmp_path / "agencies/a/site/slides/a-mt-one-fi.pdf", 3)
    assert _load_benchmark().count_pdf_pages(tmp_path) == 5 + 3 + 7 + 2


def _load_benchmark():
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmark", REPO / "scripts/benchmark.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    return benchmark
