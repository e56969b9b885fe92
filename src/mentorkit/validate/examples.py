"""Warn while data/site.yml still names the example publisher (addresses at example domains)."""

from __future__ import annotations

from mentorkit.load.yamlsource import Source

# The publisher's addresses in data/site.yml, as key paths.
ADDRESSES = (("site_url",), ("owner", "email"), ("accessibility", "feedback_email"), ("privacy", "email"))
# Domains reserved for examples (RFC 2606) and the example programme's own.
EXAMPLE_DOMAINS = ("example.fi", "example.com", "example.org", "example.net", "example")


def example_warnings(site: Source) -> tuple[str, ...]:
    """Return a warning for each publisher address in data/site.yml (as read) that is still an example."""
    warnings = []
    for path in ADDRESSES:
        value = site.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        host = value.rpartition("@")[2].split("//")[-1].split("/")[0].lower()
        if any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS):
            warnings.append(str(site.problem(path, (
                f"'{value}' is an example address; expected the publisher's real address before the site is "
                "published (an agency that hosts its own copy can name itself with `publisher` in its definition)"
            ))))
    return tuple(warnings)
