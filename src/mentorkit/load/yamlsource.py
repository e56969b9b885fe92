"""Read YAML and Markdown front matter while remembering the line of every key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mentorkit.errors import Problem

KeyPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates and times as text, so that we validate them ourselves.

    PyYAML turns `2023-02-30` into an exception without a line number; as text, the schema's
    date format reports it with its key and line like any other mistake.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Source:
    """Parsed YAML with the line of each key path, for messages that point at the right line."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: KeyPath) -> int:
        """Return the line of the nearest existing key on the path."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return self.first_line

    def problem(self, path: KeyPath, message: str) -> Problem:
        """Return a problem located at the key path."""
        return Problem(self.file, self.line_of(path), format_path(path), message)


def format_path(path: KeyPath) -> str:
    """Return a key path as users write it, e.g. goals[0].themes[1]."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, *, file: str, line_offset: int = 0) -> Source:
    """Parse YAML text; raise ProblemFound with line and column on a syntax error."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # The context mark is where the unfinished construct began (an unclosed quote or bracket):
        # that is the line to fix; the problem mark is where the parser noticed.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        where = f"column {mark.column + 1}: " if mark else ""
        what = error.problem or "unreadable"
        if error.context:
            what = f"{error.context} here, {what}"
            if error.problem_mark and error.context_mark and error.problem_mark.line != error.context_mark.line:
                what += f" on line {error.problem_mark.line + 1 + line_offset}"
        raise ProblemFound(
            Problem(file, line, "", f"invalid YAML at {where}{what}; expected YAML syntax, e.g. key: value, with quotes around text that contains ': '")
        ) from None
    except yaml.YAMLError as error:
        raise ProblemFound(Problem(file, None, "", f"invalid YAML: {error}")) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _collect_lines(node, (), lines, line_offset)
    return Source(file, data, lines, first_line=1 + line_offset)


def read_yaml(path: Path, *, root: Path) -> Source:
    """Read and parse a YAML file."""
    return parse_yaml(read_text(path, root=root), file=relative(path, root))


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and its body."""

    meta: Source
    body: str
    body_line: int


def read_document(path: Path, *, root: Path) -> Document:
    """Read a Markdown file with YAML front matter."""
    text = read_text(path, root=root)
    file = relative(path, root)
    match = FRONT_MATTER.match(text)
    if not match:
        raise ProblemFound(
            Problem(file, 1, "", "no front matter; expected the file to start with ---, e.g. ---\\ntitle: …\\n---")
        )
    meta = parse_yaml(match.group(1) or "", file=file, line_offset=1)
    body_line = text[: match.end()].count("\n") + 1
    return Document(meta, text[match.end():], body_line)


def read_text(path: Path, *, root: Path) -> str:
    """Read a UTF-8 text file, reporting undecodable bytes as a problem."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProblemFound(
            Problem(relative(path, root), None, "", f"not UTF-8 text ({error.reason}); expected a UTF-8 file")
        ) from None


def relative(path: Path, root: Path) -> str:
    """Return the path as the user knows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class ProblemFound(Exception):
    """A problem that makes the rest of a file unreadable."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _collect_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            lines[path + (key,)] = key_node.start_mark.line + 1 + offset
            _collect_lines(value_node, path + (key,), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _collect_lines(item, path + (index,), lines, offset)
