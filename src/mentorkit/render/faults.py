"""Tell a tool's crash for lack of a resource (disk, memory, files) from a real failure, by its last words.

MkDocs and Pagefind run in processes of their own: an OSError there reaches us only as the text
of a traceback. Its last line names the error number and the files, which is all a message needs.
"""

from __future__ import annotations

import re

from mentorkit.errors import MachineFault, machine_fault

PYTHON_ERROR = re.compile(r"(?P<kind>\w+Error): \[Errno (?P<number>\d+)\] (?P<reason>[^:]+)(?:: '(?P<file>[^']*)'(?: -> '(?P<file2>[^']*)')?)?")
"""The last line of a Python traceback for an OSError, e.g. OSError: [Errno 28] No space left on device: 'a' -> 'b'."""


def tool_fault(output: str, *, doing: str) -> MachineFault | None:
    """Return the machine fault a tool's output ends with, or None when it failed for another reason."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if last == "MemoryError" or last.startswith("MemoryError:"):
        return machine_fault(MemoryError(), doing=doing)
    found = PYTHON_ERROR.fullmatch(last)
    if found:
        error = OSError(int(found["number"]), found["reason"], found["file"], None, found["file2"])
        return machine_fault(error, doing=doing)
    lowered = output.lower()
    if "no space left on device" in lowered:  # Pagefind (Rust) words it without a number
        return machine_fault(OSError(28, "No space left on device"), doing=doing)
    return None
