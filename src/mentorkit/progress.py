"""Progress of long work: a bar on a terminal, one plain line per finished output otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

log = logging.getLogger(__name__)


@contextmanager
def progress_of(total: int, *, stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:
    """Yield a function to call with each finished output's name; show a bar when stream is a terminal."""
    stream = stream or sys.stderr
    if total and stream.isatty():
        from tqdm import tqdm
        from tqdm.contrib.logging import logging_redirect_tqdm

        # Log records (warnings, errors) are written above the bar, never over it or hidden by it.
        with tqdm(total=total, file=stream, desc="Rendering", unit=" outputs", dynamic_ncols=True) as bar, logging_redirect_tqdm(tqdm_class=tqdm):

            def advance(name: str) -> None:
                bar.set_postfix_str(name, refresh=False)
                bar.update(1)

            yield advance
        return
    done = 0

    def report(name: str) -> None:
        nonlocal done
        done += 1
        log.info("Rendered %s (%d/%d)", name, done, total)

    yield report
