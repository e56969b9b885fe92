"""Measure where build time goes, in one run on this machine, and print ratios between the stages.

Usage: .venv/bin/python scripts/benchmark.py   (or `make bench`). Builds into a temporary folder;
nothing in dist/ changes. Ratios are what to compare across machines; seconds are for this one.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, action, results: dict):
    started = time.perf_counter()
    value = action()
    results[label] = time.perf_counter() - started
    print(f"{label:<42} {results[label]:7.2f} s", flush=True)
    return value


def main() -> int:
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.printdoc import compose_document
    from mentorkit.model import Edition
    from mentorkit.pipeline import stage_variant
    from mentorkit.plan.documents import Document, Kind
    from mentorkit.render.pdf import render_pdf
    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library
    from mentorkit.render.site import render_site

    results: dict[str, float] = {}
    agency_file = ROOT / "agencies" / "pohjolan-lupavirasto.yml"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        library = timed("load + validate all content", lambda: load_library(ROOT), results)
        agency = timed("load + validate one agency definition", lambda: load_agencies([agency_file], library=library, root=ROOT)[0], results)
        base = timed("assemble base staging tree (fi + en)", lambda: stage_variant(root=ROOT, agency_file=None, staging=tmp / "base", library=library), results)
        timed("render base site (MkDocs + Pagefind)", lambda: render_site(base.config, site_dir=tmp / "site"), results)
        staged = timed("assemble agency staging tree", lambda: stage_variant(root=ROOT, agency_file=agency_file, staging=tmp / "agency", library=library), results)
        manifest = staged.manifest
        timed("render agency site", lambda: render_site(staged.config, site_dir=tmp / "agency-site"), results)
        document = Document(Kind.MENTOR_HANDBOOK, "fi", "handbook.pdf", Edition.MENTOR)
        html = timed("compose mentor handbook HTML (fi)", lambda: compose_document(context_for(library, manifest, agency=agency, lang="fi"), document), results)
        timed("render mentor handbook PDF (fi)", lambda: render_pdf(html, str(tmp / "handbook.pdf")), results)
        pages = len(__import__("pypdf").PdfReader(tmp / "handbook.pdf").pages)
    site = results["render base site (MkDocs + Pagefind)"] + results["assemble base staging tree (fi + en)"]
    agency_site = results["render agency site"] + results["assemble agency staging tree"]
    pdf = results["render mentor handbook PDF (fi)"]
    print()
    print(f"agency site / base site build             {agency_site / site:7.2f}  ({len(manifest.selected)} of {len(library.modules)} modules, {len(manifest.languages)} languages)")
    print(f"one handbook PDF / base site build        {pdf / site:7.2f}  ({pages} A4 pages, {pdf / pages * 1000:.0f} ms per page)")
    print(f"validation / base site build              {results['load + validate all content'] / site:7.2f}")
    print(f"assembly / rendering (base site)          {results['assemble base staging tree (fi + en)'] / results['render base site (MkDocs + Pagefind)']:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
