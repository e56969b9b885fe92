"""Validate parsed YAML against our JSON schemas and explain each failure in words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import KeyPath, Source

SCHEMA_FILES = ("common", "module", "module-text", "exercise", "exercise-text", "page-text", "slides-text", "data", "agency", "training-plans")
TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


def check_schema(source: Source, schema_ref: str, *, fact_keys: tuple[str, ...] = (), facts_file: str = "") -> list[Problem]:
    """Return a problem for every way the source breaks the schema."""
    validator = _validator(schema_ref)
    problems: list[Problem] = []
    for error in validator.iter_errors(source.data):
        problems.extend(_explain(error, source=source, root=validator.schema, fact_keys=fact_keys, facts_file=facts_file))
    return problems


def matches_schema(value: Any, schema_ref: str) -> bool:
    """Return whether a value meets a schema definition, e.g. matches_schema("x", "common#/$defs/slug")."""
    return _validator(schema_ref).is_valid(value)


def _whole_pattern(validator, pattern: str, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """Check a `pattern` as JSON Schema means it (ECMA 262): `$` is the end of the text.

    Python's `$` also matches before a final newline, so `^[a-z]+$` would pass 'x\\n'; a pattern
    anchored at both ends must match the whole text instead. An unanchored pattern (\\S) is searched.
    """
    if not isinstance(instance, str):
        return
    compiled = _compiled(pattern)
    whole = pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$")
    if not (compiled.fullmatch(instance) if whole else compiled.search(instance)):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


WholePatternValidator = validators.extend(Draft202012Validator, {"pattern": _whole_pattern})
"""Draft 2020-12 with `pattern` matched whole (the one place a schema's pattern is read)."""


@cache
def _registry() -> Registry:
    registry = Registry()
    for name in SCHEMA_FILES:
        text = resources.files("mentorkit.schemas").joinpath(f"{name}.yml").read_text(encoding="utf-8")
        registry = registry.with_resource(name, Resource.from_contents(yaml.safe_load(text), default_specification=_spec()))
    return registry


def _spec():
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


@cache
def _validator(schema_ref: str) -> Draft202012Validator:
    name, _, pointer = schema_ref.partition("#")
    schema = _registry().contents(name)
    if pointer:
        schema = {"$ref": schema_ref}
    return WholePatternValidator(schema, registry=_registry(), format_checker=FormatChecker(formats=["date"]))


def _explain(error: ValidationError, *, source: Source, root: dict, fact_keys, facts_file) -> Iterator[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if isinstance(instance, bool) and path in source.words:
        word = source.words[path]
        expected, _ = _annotations(root, path)
        yield source.problem(path, f"'{word}' was read as {str(instance).lower()} (YAML reads yes, no, on and off as true and false); expected {expected}, with the word in quotes, e.g. \"{word}\"")
        return
    if kind in ("oneOf", "anyOf"):
        branch_errors = _errors_of_matching_branch(error)
        if branch_errors:
            for sub in branch_errors:
                yield from _explain(sub, source=source, root=root, fact_keys=fact_keys, facts_file=facts_file)
            return
    if kind == "required":
        match = re.match(r"^'(.+)' is a required property", error.message)
        key = match.group(1) if match else str(error.validator_value)
        where = path + (key,)
        expected, example = _annotations(root, where)
        problem = source.problem(where, f"missing; expected {expected}" + (f", e.g. {key}: {example}" if example else ""))
        yield problem
        return
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        properties = error.schema.get("properties") or {}
        # Metadata keys (a translation's source_hash) are allowed but not offered as text keys.
        listed = [key for key, spec in properties.items() if not spec.get("x-metadata")]
        for key in instance:
            if key in properties:
                continue
            yield source.problem(path + (key,), _unknown_key(str(key), listed, list(properties), fact_keys, facts_file))
        return
    expected, example = _annotations(root, path)
    shown = _show(instance)
    written = source.words.get(path, instance if isinstance(instance, str) else None)
    rewritten = _rewritten(written, _schema_at(root, path)) if written is not None and kind in ("type", "pattern", "format") else None
    if rewritten is not None:
        if path in source.words:
            what = f"'{written}' was read as the number {instance}"
        else:
            what = f"{shown} is not a real {error.validator_value}" if kind == "format" else f"{shown} is not in the right form"
        # YAML reads 12:00 unquoted as a number of minutes: a time needs its quotes.
        yield source.problem(path, f"{what}; expected {expected}, e.g. " + (f'"{rewritten}"' if ":" in rewritten else rewritten))
        return
    if "propertyNames" in error.relative_schema_path:
        hint = " (text with a comma or a colon needs quotes, e.g. fi: \"a, b\")" if " " in str(instance) else ""
        shown = "null (an empty key)" if instance is None else shown
        yield source.problem(path, f"key {shown} is not valid{hint}; expected keys that are {_resolve(error.schema).get('x-expected', 'ids')}")
        return
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        what = f"{shown} is not " + " or ".join(TYPE_WORDS.get(str(t), str(t)) for t in wanted)
    elif kind == "enum":
        what = f"{shown} is not one of the allowed values"
    elif kind == "const":
        what = f"{shown} is not supported"
    elif kind == "pattern":
        what = "is empty" if isinstance(instance, str) and not instance.strip() else f"{shown} is not in the right form"
    elif kind == "format":
        what = f"{shown} is not a real {error.validator_value}"
    elif kind == "minimum":
        what = f"{shown} is below {error.validator_value}"
    elif kind == "maximum":
        what = f"{shown} is above {error.validator_value}"
    elif kind == "minItems":
        what = f"has {_count(len(instance), 'item')}, at least {error.validator_value} needed"
    elif kind == "maxItems":
        what = f"has {_count(len(instance), 'item')}, at most {error.validator_value} allowed"
    elif kind == "uniqueItems":
        what = "lists the same item twice"
    elif kind in ("minLength", "minProperties"):
        what = "is empty"
    elif kind == "maxLength":
        what = f"is longer than {error.validator_value} characters"
    elif kind == "propertyNames":
        what = f"{shown} is not a valid key"
    else:
        what = f"{shown} is not valid"
    yield source.problem(path, f"{what}; expected {expected}" + (f", e.g. {example}" if example else ""))


def _unknown_key(key: str, listed: list[str], allowed: list[str], fact_keys, facts_file) -> str:
    keys = ", ".join(listed)
    if key in fact_keys:
        return (
            f"'{key}' is a fact, not text: state it once in {facts_file}; "
            f"expected only text keys in a translation, e.g. one of: {keys}"
        )
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"unknown key '{key}'{hint}; expected one of: {keys}"


def _errors_of_matching_branch(error: ValidationError) -> list[ValidationError]:
    """Return the errors of the oneOf branch whose type fits the value, if exactly one does."""
    instance = error.instance
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = []
    for index, branch in enumerate(error.validator_value):
        wanted = _resolve(branch).get("type")
        if wanted and _fits(instance, wanted):
            fitting.append(index)
    if len(fitting) == 1 and by_branch.get(fitting[0]):
        # The branch's own type check failed only because the value took the other branch.
        return [e for e in by_branch[fitting[0]] if not (e.validator == "type" and not e.relative_path)]
    return []


def _fits(instance: Any, wanted: str | list) -> bool:
    names = wanted if isinstance(wanted, list) else [wanted]
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return any(checks.get(name, lambda v: False)(instance) for name in names)


def _annotations(root: dict, path: KeyPath) -> tuple[str, str]:
    """Return (what is expected, an example) for the schema at a key path."""
    merged = _schema_at(root, path)
    expected = merged.get("x-expected") or TYPE_WORDS.get(str(merged.get("type")), "a valid value")
    examples = merged.get("examples")
    example = _flow(examples[0]) if examples else ""
    return expected, example


def _rewritten(written: str, schema: dict) -> str | None:
    """Return the value as the schema wants it, when what was written is an unambiguous Finnish form of it.

    A time 9, 9.00 or 9:00 becomes "09:00"; a date 6.10.2026 becomes 2026-10-06. The schema decides
    whether the rewritten value is valid, so no rule about times or dates is stated twice.
    """
    candidates = []
    time = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?", written.strip())
    if time:
        candidates.append(f"{int(time.group(1)):02}:{time.group(2) or '00'}")
    day = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", written.strip())
    if day:
        candidates.append(f"{day.group(3)}-{int(day.group(2)):02}-{int(day.group(1)):02}")
    validator = WholePatternValidator(schema, registry=_registry(), format_checker=FormatChecker(formats=["date"]))
    return next((c for c in candidates if c != written and validator.is_valid(c)), None)


def _schema_at(root: dict, path: KeyPath) -> dict:
    """Return the schema of the value at a key path, its annotations merged in."""
    schema, outer = root, {}
    for part in path:
        schema = _resolve(schema)
        if isinstance(part, int):
            nxt = schema.get("items")
        else:
            nxt = (schema.get("properties") or {}).get(part)
            if nxt is None and isinstance(schema.get("additionalProperties"), dict):
                nxt = schema["additionalProperties"]
        if nxt is None:
            for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
                resolved = _resolve(branch)
                if ("items" in resolved) == isinstance(part, int) and resolved.get("type") in ("array", "object"):
                    return _schema_at(resolved, (part,))
            break
        schema, outer = nxt, nxt
    return {**_resolve(schema), **{k: v for k, v in outer.items() if k != "$ref"}}


def _resolve(schema: dict) -> dict:
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        name, _, pointer = ref.partition("#")
        target = _registry().contents(name)
        for part in filter(None, pointer.split("/")):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _flow(value: Any) -> str:
    if isinstance(value, str) and not re.search(r"[:#{}\[\],&*!|>'\"%@`]|^\s|\s$", value):
        return value
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1000).strip().removesuffix("\n...").strip()


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...") if isinstance(value, str) else text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
