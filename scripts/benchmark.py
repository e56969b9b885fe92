"""Measure a round's build on this machine, in one run, and print seconds and ratios.

Usage: .venv/bin/python scripts/benchmark.py [--agencies N] [--no-pdf] [--round-only] [--root DIR] [--json PATH]
(or `make bench`; `make bench ROUND=100` measures only the round of 100, see --round-only). It copies the content of ROOT (default: this repository) into a temporary
project, generates a round of N agencies (default 20) from the example definitions in agencies/
with varied goals, ratings and languages (deterministic), and measures: our own stages (load,
validate, plan, assemble) against the rendering they feed; bare `mkdocs build` on the same staged
tree; `--jobs 1` against `--jobs 2` on the round; a rebuild with nothing changed; after one
definition changed (against a forced build of that agency alone); after one module changed; peak
memory; and the machine's PDF limit (total PDF pages / (pages per second per core x cores)).
Nothing in dist/ changes. Ratios are what to compare across machines; seconds are for this one.
With --round-only (for a large round, e.g. 100 agencies) it measures one forced `build --all` with
one process per core: its time, peak memory and its ratio to the machine's PDF limit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = ("agencies", "data", "docs", "exercises", "modules")


def timed(results: dict, label: str, action):
    """Run action, record its wall time under label, print it, return its value."""
    started = time.perf_counter()
    value = action()
    results[label] = round(time.perf_counter() - started, 3)
    print(f"  {label:<28} {results[label]:8.2f} s", flush=True)
    return value


def generate_round(root: Path, count: int) -> list[Path]:
    """Replace agencies/ with a round of count definitions derived from the examples; return their files."""
    examples = sorted((root / "agencies").glob("*.yml"))
    bases = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in examples]
    vocabulary = yaml.safe_load((root / "data/themes.yml").read_text(encoding="utf-8"))
    themes = [t["id"] for t in (vocabulary if isinstance(vocabulary, list) else vocabulary["themes"])]
    for path in examples:
        path.unlink()
    # A new round: the examples' cohort secret and letters go with them.
    from mentorkit.load.round import round_path

    round_path(root).unlink(missing_ok=True)
    rng = random.Random(2026)  # the same round every run
    files = []
    for number in range(1, count + 1):
        data = json.loads(json.dumps(bases[(number - 1) % len(bases)], default=str))
        data["id"] = f"{data['id']}-{number}"
        data["name"] = {lang: f"{text} {number}" for lang, text in _text(data["name"]).items()}
        if number % 4 == 0:
            data["languages"] = data["languages"][:1]
        current = data.get("current_state") or {}
        ratings, disagreement = current.get("ratings") or {}, current.get("disagreement") or {}
        for dimension in ratings:
            # Where the group disagreed, its rating stays within the range the members gave.
            spread = disagreement.get(dimension) or {"low": 1, "high": 5}
            ratings[dimension] = rng.randint(spread["low"], spread["high"])
        for goal in data["goals"]:
            goal["themes"] = rng.sample(themes, rng.randint(1, 2))
        if data.get("schedule"):
            # Scheduled modules must be selected: add them by hand, whatever the goals now select.
            modules = data.setdefault("modules", {})
            scheduled = [session["module"] for session in data["schedule"]]
            modules["add"] = sorted(set(modules.get("add", [])) | set(scheduled))
            modules["omit"] = [m for m in modules.get("omit", []) if m not in scheduled]
            if not modules["omit"]:
                del modules["omit"]
        path = root / "agencies" / f"{data['id']}.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def copy_round(source: Path, root: Path, *, count: int) -> tuple[Path, list[Path]]:
    """Copy the content of source into root and generate a round of count agencies there; return root and their files."""
    for name in CONTENT:
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name)
    return root, generate_round(root, count)


def _text(value) -> dict[str, str]:
    return value if isinstance(value, dict) else {"fi": value, "en": value}


def build(root: Path, dist: Path, *args: str) -> tuple[float, list[str]]:
    """Run `mentorkit build --all` in a process; return its wall time and the outputs it rendered."""
    command = [sys.executable, "-m", "mentorkit", "build", "--all", "--root", str(root), "--dist", str(dist), *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed:\n{result.stderr}")
    return round(seconds, 3), re.findall(r"^Rendered (.+) \(\d+/\d+\)$", result.stderr, flags=re.M)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=20, help="agencies in the round (default 20)")
    parser.add_argument("--no-pdf", action="store_true", help="sites only (the PDF limit is then not measured)")
    parser.add_argument("--root", type=Path, default=REPO, help="project whose content to copy (default: this repository)")
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench.json", help="where to write the figures")
    parser.add_argument("--round-only", action="store_true", help="measure only one forced build of the round: time, peak memory, ratio to the PDF limit")
    options = parser.parse_args(argv)
    if options.round_only:
        return measure_round(options)

    from mentorkit.assemble.staging import assemble_site
    from mentorkit.plan.documents import plan_documents
    from mentorkit.plan.manifest import plan_agency, plan_base
    from mentorkit.render.site import render_site
    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library

    pdf = not options.no_pdf
    flags = () if pdf else ("--no-pdf",)
    seconds: dict[str, float] = {}
    counts: dict[str, object] = {"agencies": options.agencies, "pdf": pdf, "cores": os.cpu_count() or 1}
    with tempfile.TemporaryDirectory(prefix="mentorkit-bench-") as tmp:
        root, files = copy_round(options.root, Path(tmp) / "project", count=options.agencies)
        print(f"Round: {len(files)} agencies + the base site, {'with' if pdf else 'without'} PDFs, in {root}")

        print("Our own stages (in this process):")
        library = timed(seconds, "load + validate content", lambda: load_library(root))
        agencies = timed(seconds, "validate definitions", lambda: load_agencies(files, library=library, root=root))
        manifests = timed(seconds, "plan", lambda: [plan_base(library), *(plan_agency(library, a) for a in agencies)])
        stage = Path(tmp) / "stage"

        staged = {}

        def assemble_all():
            for manifest, agency in zip(manifests, [None, *agencies]):
                documents = plan_documents(manifest) if pdf else ()
                staged[manifest.variant.name] = assemble_site(library, manifest, agency=agency, staging=stage / manifest.variant.name, documents=documents)

        timed(seconds, "assemble", assemble_all)
        seconds["own stages"] = round(sum(seconds[k] for k in ("load + validate content", "validate definitions", "plan", "assemble")), 3)
        counts["outputs"] = len(manifests) + sum(len(plan_documents(m)) for m in manifests) * pdf

        print("Rendering the base site's staged tree:")
        base = staged["base"]
        timed(seconds, "mentorkit render_site", lambda: render_site(base, site_dir=Path(tmp) / "rendered"))

        def bare_builds():
            # Each language project as a user would build it by hand, the default language first.
            for project in base.projects:
                target = Path(tmp) / "bare" / project.folder
                bare = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project.config), "-d", str(target)]
                subprocess.run(bare, check=True, cwd=project.config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

        timed(seconds, "bare mkdocs build", bare_builds)

        print("The round (mentorkit build --all, separate processes):")
        timed(seconds, "startup", lambda: _run([sys.executable, "-m", "mentorkit", "--version"]))
        seconds["jobs 1"], _ = build(root, Path(tmp) / "dist1", "--jobs", "1", "--force", *flags)
        print(f"  {'--jobs 1':<28} {seconds['jobs 1']:8.2f} s", flush=True)
        dist = Path(tmp) / "dist"
        seconds["jobs 2"], _ = build(root, dist, "--jobs", "2", "--force", *flags)
        print(f"  {'--jobs 2':<28} {seconds['jobs 2']:8.2f} s", flush=True)
        seconds["no change"], rebuilt = build(root, dist, "--jobs", "2", *flags)
        counts["no change outputs"] = len(rebuilt)
        print(f"  {'rebuild, nothing changed':<28} {seconds['no change']:8.2f} s  ({len(rebuilt)} outputs rendered)", flush=True)

        changed = files[len(files) // 2]
        definition = yaml.safe_load(changed.read_text(encoding="utf-8"))
        definition["goals"][0]["title"] = {lang: f"{text} (b)" for lang, text in _text(definition["goals"][0]["title"]).items()}
        changed.write_text(yaml.safe_dump(definition, allow_unicode=True, sort_keys=False), encoding="utf-8")
        seconds["definition changed"], rebuilt = build(root, dist, "--jobs", "2", *flags)
        counts["definition changed outputs"] = len(rebuilt)
        print(f"  {'one definition changed':<28} {seconds['definition changed']:8.2f} s  ({len(rebuilt)} outputs rendered)", flush=True)
        alone = [sys.executable, "-m", "mentorkit", "build", "--agency", str(changed), "--root", str(root), "--dist", str(Path(tmp) / "alone"), "--jobs", "2", *flags]
        timed(seconds, "that agency alone, forced", lambda: _run(alone))

        module = _least_selected_module(library, manifests)
        text = next(m for m in library.modules if m.id == module)
        path = root / "modules" / text.track.value / module / "fi.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nLisätty kappale.\n", encoding="utf-8")
        seconds["module changed"], rebuilt = build(root, dist, "--jobs", "2", *flags)
        counts["module changed"] = module
        counts["module changed outputs"] = len(rebuilt)
        print(f"  {'one module changed':<28} {seconds['module changed']:8.2f} s  ({len(rebuilt)} outputs rendered, {module})", flush=True)

        limit = None
        seconds["pdf limit"] = counts["pdf pages"] = counts["pages per second per core"] = None
        if pdf:
            pages = count_pdf_pages(dist)
            counts["pdf pages"] = pages
            sample = max((p for p in (Path(tmp) / "dist1").rglob("agencies/*/pdf/*mentor-handbook-fi.pdf")), key=lambda p: p.stat().st_size)
            per_second = _pages_per_second(library, agencies, sample)
            counts["pages per second per core"] = round(per_second, 2)
            limit = round(pages / (per_second * counts["cores"]), 3)
            seconds["pdf limit"] = limit
            print(f"  {'PDF limit of this machine':<28} {limit:8.2f} s  ({pages} pages, {per_second:.1f} pages/s per core, {counts['cores']} cores)")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        counts["peak memory MB"] = round(max(usage) / 1024, 1)

    render = seconds["jobs 1"] - seconds["startup"] - seconds["own stages"]
    ratios = {
        "own stages / rendering": seconds["own stages"] / render if render > 0 else None,
        "render_site / bare mkdocs": seconds["mentorkit render_site"] / seconds["bare mkdocs build"],
        "jobs 1 / jobs 2": seconds["jobs 1"] / seconds["jobs 2"],
        "no change / jobs 2": seconds["no change"] / seconds["jobs 2"],
        "definition changed / agency alone": seconds["definition changed"] / seconds["that agency alone, forced"],
        "jobs 2 / pdf limit": seconds["jobs 2"] / limit if limit else None,
    }
    ratios = {k: None if v is None else round(v, 3) for k, v in ratios.items()}
    print("\nRatios:")
    for label, value in ratios.items():
        print(f"  {label:<36} {'n/a' if value is None else f'{value:8.2f}'}")
    print(f"  {'peak memory (largest process)':<36} {counts['peak memory MB']:8.1f} MB")
    targets = judge_targets(seconds, ratios, counts)
    print(f"\nTargets (issue 13; set for 20 agencies with PDFs on 2 cores; this run: {options.agencies} agencies, {'with' if pdf else 'without'} PDFs, {counts['cores']} cores):")
    for label, verdict in targets.items():
        shown = "n/a" if verdict["value"] is None else f"{verdict['value']:.2f}"
        state = "n/a" if verdict["met"] is None else ("met" if verdict["met"] else "NOT MET")
        print(f"  {label:<36} {shown:>8}  {verdict['target']:<8} {state}")
    options.json.parent.mkdir(parents=True, exist_ok=True)
    figures = {"seconds": seconds, "ratios": ratios, "counts": counts, "targets": targets}
    options.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {options.json}")
    return 0


def measure_round(options: argparse.Namespace) -> int:
    """Build a generated round once (forced, one process per core) and print its time, peak memory and ratio to the machine's PDF limit."""
    from mentorkit.pipeline import default_jobs
    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library

    pdf = not options.no_pdf
    cores = default_jobs()
    figures: dict[str, object] = {"agencies": options.agencies, "pdf": pdf, "cores": cores}
    with tempfile.TemporaryDirectory(prefix="mentorkit-bench-") as tmp:
        root, files = copy_round(options.root, Path(tmp) / "project", count=options.agencies)
        print(f"Round: {len(files)} agencies + the base site, {'with' if pdf else 'without'} PDFs, {cores} cores, in {root}")
        dist = Path(tmp) / "dist"
        figures["seconds"], rendered = build(root, dist, "--jobs", str(cores), "--force", *(() if pdf else ("--no-pdf",)))
        figures["outputs"] = len(rendered)
        print(f"  {'the round, --jobs ' + str(cores):<28} {figures['seconds']:8.2f} s  ({len(rendered)} outputs)", flush=True)
        figures["peak memory MB"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        print(f"  {'peak memory (largest process)':<28} {figures['peak memory MB']:8.1f} MB")
        figures["pdf limit"] = figures["round / pdf limit"] = None
        if pdf:
            library = load_library(root)
            agencies = load_agencies(files, library=library, root=root)
            pages = count_pdf_pages(dist)
            sample = max(dist.glob("agencies/*/pdf/*mentor-handbook-fi.pdf"), key=lambda p: p.stat().st_size)
            per_second = _pages_per_second(library, agencies, sample)
            limit = pages / (per_second * cores)
            figures.update({"pdf pages": pages, "pages per second per core": round(per_second, 2), "pdf limit": round(limit, 3), "round / pdf limit": round(float(figures["seconds"]) / limit, 3)})  # type: ignore[arg-type]
            print(f"  {'PDF limit of this machine':<28} {limit:8.2f} s  ({pages} pages, {per_second:.1f} pages/s per core)")
            print(f"  {'round / PDF limit':<28} {figures['round / pdf limit']:8.2f}   (target for 20 agencies: <= 1.25)")
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps({"round only": figures}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {options.json}")
    return 0


TARGETS = {
    "own stages / rendering": ("ratio", "<= 0.10", lambda v: v <= 0.10),
    "jobs 1 / jobs 2": ("ratio", ">= 1.80", lambda v: v >= 1.80),
    "rebuild, nothing changed (s)": ("no change", "<= 1.00", lambda v: v <= 1.0),
    "definition changed / agency alone": ("ratio", "<= 1.25", lambda v: v <= 1.25),
    "jobs 2 / pdf limit": ("ratio", "<= 1.25", lambda v: v <= 1.25),
    "peak memory (MB)": ("memory", "< 1024", lambda v: v < 1024),
}
"""Each target of the issue: where its figure is, the target as shown, and the test of it ("about one agency's build" read as at most 1.25)."""


def judge_targets(seconds: dict, ratios: dict, counts: dict) -> dict[str, dict]:
    """Return each target with its measured value and whether it is met (None where it was not measured)."""
    judged = {}
    for label, (where, shown, test) in TARGETS.items():
        value = {"ratio": ratios.get(label), "no change": seconds["no change"], "memory": counts["peak memory MB"]}[where]
        judged[label] = {"value": value, "target": shown, "met": None if value is None else bool(test(value))}
    return judged


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def _least_selected_module(library, manifests) -> str:
    """Return the module in the fewest agency variants but at least one (ties: the first in order)."""
    uses = {m.id: sum(m.id in x.module_ids for x in manifests[1:]) for m in library.modules}
    return min((m for m in uses if uses[m]), key=lambda m: uses[m])


def count_pdf_pages(dist: Path) -> int:
    """Return the pages of every PDF the round published: the base site's and each agency's documents and decks, each file once.

    A site also publishes copies of some of them (site/pdf/, site/slides/ of an agency); a copy is
    not rendered again, so it is not counted again.
    """
    from pypdf import PdfReader

    from mentorkit.plan.documents import DECK_FOLDER, PDF_FOLDER

    files = [path for folder in (PDF_FOLDER, DECK_FOLDER) for path in (*dist.glob(f"site/{folder}/*.pdf"), *dist.glob(f"agencies/*/{folder}/*.pdf"))]
    return sum(len(PdfReader(path).pages) for path in files)


def _pages_per_second(library, agencies, sample: Path) -> float:
    """Render one handbook again in this process (one core, warm) and return its pages per second."""
    from pypdf import PdfReader

    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.printdoc import compose_document
    from mentorkit.plan.documents import plan_documents
    from mentorkit.plan.manifest import plan_agency
    from mentorkit.render.pdf import render_pdf  # imported before the clock starts: importing is not rendering

    pages = len(PdfReader(sample).pages)
    agency = next(a for a in agencies if sample.name.startswith(a.id + "-"))
    manifest = plan_agency(library, agency)
    document = next(d for d in plan_documents(manifest) if d.filename == sample.name)
    html = compose_document(context_for(library, manifest, agency=agency, lang=document.lang), document)
    with tempfile.TemporaryDirectory() as tmp:
        # The workers of a build are warm: the first rendering in a process also loads fonts and
        # compiles the library's bindings, so only the second is timed.
        render_pdf(html, str(Path(tmp) / "warm.pdf"))
        started = time.perf_counter()
        render_pdf(html, str(Path(tmp) / sample.name))
        seconds = time.perf_counter() - started
    return pages / seconds


if __name__ == "__main__":
    sys.exit(main())
