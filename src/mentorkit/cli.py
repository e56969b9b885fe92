"""The command line: the only place that prints and chooses the exit status."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from mentorkit.command import COMMAND
from mentorkit.errors import InvalidInput, MentorkitError, machine_fault
from mentorkit.render import ENGINES

log = logging.getLogger("mentorkit")

ROOT_HELP = "Project folder holding modules/, exercises/, docs/ and data/ (default: the current folder)."
ROOT = click.Path(exists=True, file_okay=False, path_type=Path)


class OncePerRun(logging.Filter):
    """Let each warning through once a run: the preview checks the content again on every save."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        """Return whether to show the record: anything below a warning, and a warning not yet shown."""
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if message in self.shown:
            return False
        self.shown.add(message)
        return True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mentorkit", prog_name="mentorkit")
@click.option("-v", "--verbose", is_flag=True, help="Show every step, and a traceback on internal errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Build the learning-mentor course kit: the multilingual site, agency variants and PDF handbooks."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.addFilter(OncePerRun())
    # WeasyPrint and fontTools narrate every step at INFO; only their warnings matter to a user.
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    ctx.obj = {"verbose": verbose}


@cli.command()
@click.option("--agency", "agency_files", multiple=True, type=click.Path(path_type=Path), help="Build this agency's variant (repeatable).")
@click.option("--all", "build_all", is_flag=True, help="Build the base site and every agencies/*.yml.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF handbooks.")
@click.option("--bundle", is_flag=True, help="Also write each site as a zip that opens from disk (dist/site.zip, dist/agencies/<id>/<id>-site.zip).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Render in N processes at once (default: one per core; 1: serially).")
@click.option("--force", is_flag=True, help="Rebuild every output, even those the cache shows unchanged.")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="mkdocs", show_default=True, help="The static site generator that builds each language's site (zensical: `make zensical` installs it; see the README).")
@click.option("--shard", metavar="K/N", default=None, help="Build only the agencies of agencies/*.yml in shard K of N (by a stable hash of their ids), and the shard's shard.json: one CI job of N.")
@click.option("--merge", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path), help="With --all: first take the agencies of these shard folders (each a --dist of --shard K/N, or a folder of them); what they hold intact and current is not built again.")
@click.option("--root", type=ROOT, default=Path("."), help=ROOT_HELP)
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: ROOT/dist).")
@click.argument("more_files", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def build(ctx, agency_files, build_all, no_pdf, bundle, jobs, force, engine, shard, merge, root, dist, more_files):
    """Build the base site into dist/site/, or agency variants into dist/agencies/<id>/.

    \b
    ./mentorkit build                        the base site
    ./mentorkit build --agency FILE [FILE…]  agency variants
    ./mentorkit build --all                  the base site and every agencies/*.yml
    ./mentorkit build --shard 2/3 --dist shards/2   one CI job's share of the agencies
    ./mentorkit build --all --merge shards   the shards taken in, the rest built

    Each output folder gets a .mentorkit-output marker; a build replaces only folders that have one.
    """
    from mentorkit import pipeline
    from mentorkit.shards import parse_shard

    files = _agency_files(agency_files, more_files)
    if shard and (build_all or files or merge):
        raise click.UsageError("--shard builds its share of agencies/*.yml; it takes no --all, --agency or --merge (the final `build --all --merge` adds the rest)")
    if merge and not build_all:
        raise click.UsageError("--merge takes the shards into a whole round: use it with --all, e.g. build --all --merge shards")
    if build_all:
        files += pipeline.round_definitions(root)
    files = _unique_files(files)

    def run():
        started = time.perf_counter()
        options = pipeline.BuildOptions(pdf=not no_pdf, bundle=bundle, jobs=jobs, force=force, engine=engine)
        waiting = lambda: click.echo(f"Waiting for another build of {root.resolve()} to finish (build/.lock)…", err=True)
        pipeline.build_project(
            root=root, dist=dist or root / "dist", files=files, build_all=build_all, options=options, shard=parse_shard(shard) if shard else None, merge=merge, on_wait=waiting
        )
        log.info("Done in %.1f s", time.perf_counter() - started)

    with _signals_interrupt():
        _run(ctx, run)


def _unique_files(files: list[Path]) -> list[Path]:
    """Drop a definition named twice (`--all --agency agencies/x.yml`), keeping the first spelling."""
    seen: set[Path] = set()
    unique = []
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


class Terminated(KeyboardInterrupt):
    """The process was asked to stop by a signal (SIGTERM from CI or systemd, SIGINT from Ctrl-C)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Handle SIGTERM like Ctrl-C: stop the PDF workers at once, clean up, exit 128 + the signal."""
    main = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != main:  # a forked PDF worker: its parent cleans up
            os._exit(128 + signum)
        # The build's workers watch for its stop (render/jobs.py) and end with what they run.
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


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
            from mentorkit.validate.translations import check_translations

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
    ./mentorkit stamp-translation modules/mentor/mt-psych-safety/en.md
    ./mentorkit stamp-translation modules/*/*/en.md exercises/*/en.md docs/en/*.md
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
        click.echo(f"Wrote {path}. Fill it in, then: {COMMAND} check --agency {path}")

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
    except KeyboardInterrupt as error:
        signum = error.signum if isinstance(error, Terminated) else signal.SIGINT
        name = signal.Signals(signum).name
        click.echo(f"Interrupted ({name}); the previous output is untouched.", err=True)
        sys.exit(128 + signum)
    except (OSError, MemoryError) as error:  # the machine ran out of something: say what and where
        fault = machine_fault(error)
        if fault is None:
            _internal(ctx, error)
        click.echo(f"Error: {fault}", err=True)
        sys.exit(fault.exit_status)
    except Exception as error:
        _internal(ctx, error)


def _internal(ctx: click.Context, error: BaseException) -> NoReturn:
    """Report an internal failure briefly (the traceback only on request) and exit 1."""
    if ctx.obj and ctx.obj.get("verbose"):
        raise error
    click.echo(f"Internal error: {type(error).__name__}: {error} (run with --verbose for the traceback)", err=True)
    sys.exit(1)


def _echo_problems(error: InvalidInput) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)


def main() -> None:
    """Run the command line."""
    cli(prog_name=COMMAND)
