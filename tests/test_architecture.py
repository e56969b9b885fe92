"""The shape of the code: imports flow one way through the stages, and nothing imports in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from mentorkit.assemble.generated import GENERATORS, LEAD_GENERATORS
from mentorkit.model import PageKind
import yaml

SRC = Path(__file__).resolve().parent.parent / "src" / "mentorkit"
STAGES = ("load", "validate", "plan", "assemble", "render", "publish")
"""In pipeline order: a stage may import an earlier one, never a later one."""
CORE = ("errors", "model", "selection", "dialect", "command")
"""Below every stage: the model and the rules and dialect all stages share."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Return every mentorkit module and the mentorkit modules it imports (anywhere in it, lazy ones too)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = module_name(path)
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mentorkit"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}".replace(".", "/") in _module_paths())
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("mentorkit"))
        found.discard(name)
    return graph


def _module_paths() -> set[str]:
    return {module_name(p).replace(".", "/") for p in SRC.rglob("*.py")}


def rank(module: str) -> int | None:
    """Return a module's place in the pipeline: core below every stage; None for commands on top."""
    part = module.split(".")[1] if module.count(".") else ""
    if part in CORE:
        return -1
    if part in STAGES:
        return STAGES.index(part)
    return None


def test_no_stage_imports_a_later_one():
    """load → validate → plan → assemble → render → publish: every import points back down the pipeline."""
    wrong = [
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target in targets
        if rank(module) is not None and (rank(target) is None or rank(target) > rank(module))
    ]
    assert wrong == []


def test_import_graph_has_no_cycle():
    """No module imports itself through others (a lazy import inside a function counts too)."""
    graph = {m: {t for t in ts if t in imports_known()} for m, ts in imports().items()}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]) if target in path else f"{module} -> {target}")
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def imports_known() -> set[str]:
    return {module_name(p) for p in SRC.rglob("*.py")}


def test_every_page_kind_has_a_generator_and_the_schema_lists_it():
    """data/site.yml's `generated` values, the PageKind enum and the generator registries name the same kinds."""
    schema = yaml.safe_load((SRC / "schemas" / "data.yml").read_text(encoding="utf-8"))
    pages = schema["$defs"]["site"]["properties"]["pages"]["items"]["properties"]["generated"]["enum"]
    assert sorted(pages) == sorted(kind.value for kind in PageKind) == sorted(kind.value for kind in {*GENERATORS, *LEAD_GENERATORS})


def test_every_module_stays_under_the_size_limit():
    """A module over about 400 lines is split by what it holds (the owners' standard), e.g. model/plans.py out of model/library.py."""
    long = {str(path.relative_to(SRC)): n for path in sorted(SRC.rglob("*.py")) if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
