"""Read YAML and Markdown front matter while remembering the line of every key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mentorkit.errors import Problem

KeyPath = tuple[str | int, ...]


MAX_FILE_BYTES = 1_000_000
"""The largest file we read: ten times the largest real one, small enough to answer at once."""

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


class _Refused(yaml.MarkedYAMLError):
    """A construct we do not accept (an anchor or alias), located at its mark."""


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, refuses anchors and aliases and remembers comments.

    PyYAML turns `2023-02-30` into an exception without a line number; as text, the schema's
    date format reports it with its key and line like any other mistake. Aliases are refused
    because nothing here needs them and expanding them is how a 9-line file fills the memory.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        # (line, column) of each comment's '#', and the comment's text, for text cut short by one.
        self.comments: dict[tuple[int, int], str] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _Refused(
                problem=f"the {'alias' if sign == '*' else 'anchor'} {sign}{event.anchor} is not supported",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def scan_to_next_token(self) -> None:
        # PyYAML's own loop, except that each comment's place and text are kept.
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        found = False
        while not found:
            while self.peek() == " ":
                self.forward()
            if self.peek() == "#":
                start, text = (self.line, self.column), []
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    text.append(self.peek())
                    self.forward()
                self.comments[start] = "".join(text)
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True


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
    words: dict[KeyPath, str] = field(default_factory=dict)
    """The word as written of each value YAML read as true or false from yes, no, on or off, and of each number."""

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
    """Parse YAML text; raise ProblemFound listing every syntax error, alias, duplicate key or cut text."""
    if len(text) > MAX_FILE_BYTES:
        raise ProblemFound(Problem(file, None, "", f"is {len(text):,} characters long; expected at most {MAX_FILE_BYTES:,} characters of YAML"))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as error:
        mark = error.problem_mark
        raise ProblemFound(
            Problem(file, mark.line + 1 + line_offset if mark else None, "", f"{error.problem}; expected the value written out in full (anchors and aliases are not used here)")
        ) from None
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
    walk = _Walk(file=file, text=text, offset=line_offset, comments=loader.comments)
    if node is not None:
        walk.visit(node, ())
    if walk.problems:
        raise ProblemFound(*walk.problems)
    return Source(file, data, walk.lines, first_line=1 + line_offset, words=walk.words)


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
    """Read a UTF-8 text file, reporting a missing, unreadable, oversized or undecodable one as a problem."""
    name = relative(path, root)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ProblemFound(Problem(name, None, "", "is a folder; expected a file"))
        if size > MAX_FILE_BYTES:
            raise ProblemFound(Problem(name, None, "", f"is {size:,} bytes; expected a text file of at most {MAX_FILE_BYTES:,} bytes"))
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProblemFound(Problem(name, None, "", f"not UTF-8 text ({error.reason}); expected a UTF-8 file")) from None
    except OSError as error:
        raise ProblemFound(Problem(name, None, "", f"cannot be read ({error.strerror}); expected a readable file")) from None


def relative(path: Path, root: Path) -> str:
    """Return the path as the user knows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class ProblemFound(Exception):
    """Problems that make the rest of a file unreadable; `problem` is the first of `problems`."""

    def __init__(self, problem: Problem, *more: Problem):
        super().__init__(str(problem))
        self.problem = problem
        self.problems = (problem, *more)


@dataclass
class _Walk:
    """One pass over the composed nodes: key lines, and what YAML read differently from what was meant."""

    file: str
    text: str
    offset: int
    comments: dict[tuple[int, int], str]
    lines: dict[KeyPath, int] = field(default_factory=dict)
    words: dict[KeyPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def add(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(node), format_path(path), message))

    def visit(self, node: yaml.Node, path: KeyPath) -> None:
        """Record the line of every key path below node, and each surprise YAML would hide."""
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            previous: tuple[yaml.Node, yaml.Node] | None = None
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                if key in seen:
                    self.add(key_node, path + (key,), f"key '{key}' appears twice, on lines {seen[key]} and {self.line(key_node)}; expected each key once (the second would silently replace the first)")
                else:
                    seen[key] = self.line(key_node)
                    self.lines[path + (key,)] = self.line(key_node)
                if node.flow_style and previous and self._split_by_comma(key_node, value_node):
                    self._report_comma(path, previous, key_node)
                    previous = None
                    continue
                self.visit(value_node, path + (key,))
                previous = key_node, value_node
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines[path + (index,)] = self.line(item)
                self.visit(item, path + (index,))
        elif isinstance(node, yaml.ScalarNode) and node.style is None:
            self._check_plain(node, path)

    def _check_plain(self, node: yaml.ScalarNode, path: KeyPath) -> None:
        if node.tag == _BOOL_TAG and node.value.lower() not in ("true", "false") or node.tag in (_INT_TAG, _FLOAT_TAG):
            self.words[path] = node.value
        end = node.end_mark
        comment = self.comments.get((end.line, end.column + 1))
        # `title: Tavoite #1 parempi`: a '#' right after one space ends plain text; a '#' that is
        # followed by a space is taken as a deliberate comment (`value # why`).
        if node.tag == _STR_TAG and comment and len(comment) > 1 and not comment[1].isspace():
            self.add(node, path, f"the text ends at '{node.value}': YAML read the rest of the line, '{comment}', as a comment; expected the whole text in quotes, e.g. \"{node.value} {comment}\"")

    def _split_by_comma(self, key_node: yaml.Node, value_node: yaml.Node) -> bool:
        """Tell whether a flow-mapping entry is a key without ':' and value: text cut at a comma."""
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.style is None and key_node.tag == _STR_TAG):
            return False
        if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL_TAG and value_node.value == ""):
            return False
        return not self.text[key_node.end_mark.index:].lstrip(" \t\r\n").startswith(":")

    def _report_comma(self, path: KeyPath, previous: tuple[yaml.Node, yaml.Node], key_node: yaml.Node) -> None:
        before_key, before_value = previous
        if isinstance(before_value, yaml.ScalarNode):
            whole = f"{before_value.value}, {key_node.value}"
            self.problems.append(Problem(
                self.file, self.line(key_node), format_path(path + (before_key.value,)),
                f"the text ends at '{before_value.value}': after the comma, YAML read '{key_node.value}' as another key; expected text with a comma in quotes, e.g. {before_key.value}: \"{whole}\"",
            ))
        else:
            self.add(key_node, path, f"'{key_node.value}' is a key without a value; expected text with a comma in quotes, e.g. \"a, b\"")
