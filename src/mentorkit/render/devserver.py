"""Run MkDocs' dev server so that it answers only requests addressed to itself.

A page the user visits elsewhere can point its own host name at 127.0.0.1 (DNS rebinding) and
then read the preview, an agency's unpublished variant among it, as if it were its own site. The
browser still names the attacker's host in the Host header, so a request for any host other than
127.0.0.1:PORT or localhost:PORT is refused. Run as `python -m mentorkit.render.devserver serve …`,
with MkDocs' own arguments.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

REFUSED = "421 Misdirected Request"


def own_hosts(port: int) -> frozenset[str]:
    """Return the Host header values that name the preview itself."""
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"})


def guard_host(serve_request: Callable) -> Callable:
    """Wrap a WSGI handler of LiveReloadServer so that it refuses requests for another host."""

    @functools.wraps(serve_request)
    def guarded(self: LiveReloadServer, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("HTTP_HOST", "").lower() not in own_hosts(self.server_address[1]):
            start_response(REFUSED, [("Content-Type", "text/plain; charset=utf-8")])
            return [b"This preview answers only http://127.0.0.1 and http://localhost on its own port.\n"]
        return serve_request(self, environ, start_response)

    return guarded


# Before the server is made: it binds its handler (set_app) when constructed.
LiveReloadServer.serve_request = guard_host(LiveReloadServer.serve_request)  # type: ignore[method-assign]

if __name__ == "__main__":
    cli(prog_name="mkdocs")
