"""The command line: the only place that prints and chooses the exit status."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from mentorkit.errors import InvalidInput, MentorkitError

log = logging.getLogger("mentorkit")

ROOT_HELP = "Project folder holding modules/, exercises/, docs/ and data/ (default: the current folder)."
ROOT = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mentorkit")
@click.option("-v", "--verbose", is_flag=True, help="Show every step, and a traceback on internal errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Build the learning-mentor course kit: the bilingual site, agency variants and PDF handbooks."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(message)s", stream=sys.stderr)
    # WeasyPrint and fontTools narrate every step at INFO; only their warnings matter to a user.
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    ctx.obj = {"verbose": verbose}


@cli.command()
@click.option("--agency", "agency_files", multiple=True, type=click.Path(path_type=Path), help="Build this agency's variant (repeatable).")
@click.option("--all", "build_all", is_flag=True, help="Build the base site and every agencies/*.yml.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF handbooks.")
@click.option("--bundle", is_flag=True, help="Also write each site as a zip that opens from disk (dist/site.zip, dist/agencies/<id>/<id>-site.zip).")
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: ROOT/dist).")
@click.argument("more_files", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def build(ctx, agency_files, build_all, no_pdf, bundle, root, dist, more_files):
    """Build the base site into dist/site/, or agency variants into dist/agencies/<id>/.

    \b
    mentorkit build                        the base site
    mentorkit build --agency FILE [FILE…]  agency variants
    mentorkit build --all                  the base site and every agencies/*.yml
    """
    from mentorkit import pipeline

    dist = dist or root / "dist"
    files = _agency_files(agency_files, more_files)
    if build_all:
        files += sorted((root / "agencies").glob("*.yml"))

    def run():
        started = time.perf_counter()
        library, agencies = pipeline.check(root=root, agency_files=files)
        if build_all or not files:
            target = pipeline.build_base(library, root=root, dist=dist, pdf=not no_pdf, bundle=bundle)
            log.info("Built %s", target)
        for agency in agencies:
            target = pipeline.build_agency(library, agency, root=root, dist=dist, pdf=not no_pdf, bundle=bundle)
            log.info("Built %s", target)
        log.info("Done in %.1f s", time.perf_counter() - started)

    _run(ctx, run)


@cli.command()
@click.option("--agency", "agency_files", multiple=True, type=click.Path(path_type=Path), help="Also check this goal definition (repeatable).")
@click.option("--translations", is_flag=True, help="Also compare the languages: structure must match; list drifted translations.")
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.argument("more_files", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def check(ctx, agency_files, translations, root, more_files):
    """Validate the content (and definitions) and report every problem; write nothing."""
    from mentorkit import pipeline

    files = _agency_files(agency_files, more_files)

    def run():
        library, agencies = pipeline.check(root=root, agency_files=files)
        if translations:
            from mentorkit.load.translations import check_translations

            for line in check_translations(library):
                click.echo(line)
        count = len(library.modules), len(library.exercises), len(library.pages)
        definitions = "agency definition" if len(agencies) == 1 else "agency definitions"
        click.echo(f"OK: {count[0]} modules, {count[1]} exercises, {count[2]} pages, {len(agencies)} {definitions}")

    _run(ctx, run)


@cli.command("stamp-translation")
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path))
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.pass_context
def stamp_translation(ctx, files, root):
    """Record that each translation FILE says what its Finnish source says now (sets source_hash).

    \b
    mentorkit stamp-translation modules/mentor/mt-psych-safety/en.md
    mentorkit stamp-translation modules/*/*/en.md exercises/*/en.md docs/en/*.md
    """
    from mentorkit.stamp import stamp_translations

    def run():
        for stamp in stamp_translations(list(files), root=root):
            state = "stamped" if stamp.changed else "already stamped"
            click.echo(f"{stamp.file}: {state} source_hash {stamp.source_hash}")

    _run(ctx, run)


@cli.command()
@click.option("--agency", "agency_file", type=click.Path(path_type=Path), default=None, help="Preview this agency's variant instead of the base site.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port on 127.0.0.1.")
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.pass_context
def serve(ctx, agency_file, port, root):
    """Preview with live reload: editing content re-assembles the staging tree and refreshes the page.

    Invalid content is reported and the last valid version stays on view. There is no search in
    the preview (Pagefind indexes a built site).
    """
    from mentorkit.serve import serve_preview

    def report(error: InvalidInput) -> None:
        _echo_problems(error)
        click.echo(f"{error.summary()}; still showing the last valid version. Fix them and save again.", err=True)

    _run(ctx, lambda: serve_preview(root=root, agency_file=agency_file, port=port, report=report))


@cli.command("new-agency")
@click.argument("agency_id")
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.option("--force", is_flag=True, help="Overwrite an existing definition.")
@click.pass_context
def new_agency(ctx, agency_id, root, force):
    """Write agencies/AGENCY_ID.yml from a template whose comments explain every key."""
    from mentorkit.template import write_template

    def run():
        path = write_template(agency_id, root=root, force=force)
        click.echo(f"Wrote {path}. Fill it in, then: mentorkit check --agency {path}")

    _run(ctx, run)


def _agency_files(options: tuple[Path, ...], extra: tuple[Path, ...]) -> list[Path]:
    """Accept both `--agency a.yml --agency b.yml` and `--agency a.yml b.yml`."""
    if extra and not options:
        raise click.UsageError(f"unexpected argument {extra[0]}; agency definitions follow --agency, e.g. --agency {extra[0]}")
    return [*options, *extra]


def _run(ctx: click.Context, action) -> None:
    try:
        action()
    except InvalidInput as error:
        _echo_problems(error)
        click.echo(f"Aborted with {error.summary()}; nothing was written.", err=True)
        sys.exit(2)
    except MentorkitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_status)
    except KeyboardInterrupt:
        click.echo("Interrupted; the previous output is untouched.", err=True)
        sys.exit(130)
    except Exception as error:  # an internal failure: say so briefly, traceback only on request
        if ctx.obj and ctx.obj.get("verbose"):
            raise
        click.echo(f"Internal error: {type(error).__name__}: {error} (run with --verbose for the traceback)", err=True)
        sys.exit(1)


def _echo_problems(error: InvalidInput) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)


def main() -> None:
    """Run the command line."""
    cli(prog_name="mentorkit")
