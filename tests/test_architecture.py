"""The package's shape, read from its source with ``ast``: layers, no cycles, imports at the top.

One pipeline: YAML -> load -> pure engine -> Assessment -> renderers; every front end (command
line, terminal app) goes through the application layer (``assess.pipeline``), and nothing but
``__main__`` imports the command line. A function-local import is allowed only with a
``# lazy: why`` comment on its line (start-up cost: textual, WeasyPrint, the report stack).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assess"

# What each layer may import from the package (a prefix matches the module and its submodules).
LAYERS: dict[str, tuple[str, ...]] = {
    "assess.models": ("assess.models", "assess.conditions"),
    "assess.engine": (
        "assess.engine",
        "assess.models",
        "assess.conditions",
        "assess.diagnostics",
        "assess.words",
    ),
    "assess.report": (
        "assess.report",
        "assess.words",
        "assess.models",
        "assess.engine",
        "assess.errors",
        "assess.diagnostics",
        "assess.printable",
        "assess.resources",
    ),
    "assess.pipeline": (
        "assess.pipeline",
        "assess.words",
        "assess.models",
        "assess.engine",
        "assess.report",
        "assess.errors",
        "assess.diagnostics",
        "assess.files",
        "assess.loading",
        "assess.checks",
        "assess.catalog",
        "assess.printable",
        "assess.resources",
        "assess.schema",
        "assess.template",
    ),
}
FRONT_ENDS = ("assess.cli", "assess.tui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, here: str) -> list[str]:
    """The package modules an import statement names."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "assess"]
    base = node.module or ""
    if node.level:
        anchor = here.split(".")
        anchor = anchor[: len(anchor) - node.level + (1 if MODULES[here].name == "__init__.py" else 0)]
        base = ".".join([*anchor, *([base] if base else [])])
    if base.split(".")[0] != "assess":
        return []
    found = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
    return found or [base]


def top_level_imports(name: str) -> set[str]:
    """Imports that run when the module is imported (not under TYPE_CHECKING, not in functions)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.update(_targets(node, name))
            elif isinstance(node, ast.If) and not _type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, ast.ClassDef):
                visit(node.body)

    visit(tree.body)
    return found - {name}


def local_imports(name: str) -> list[tuple[int, str]]:
    """(line, text) of every import inside a function."""
    source = MODULES[name].read_text(encoding="utf-8")
    lines = source.splitlines()
    out = []
    for fn in ast.walk(ast.parse(source)):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    out.append(
                        (node.lineno, lines[node.end_lineno - 1 if node.end_lineno else node.lineno - 1])
                    )
    return out


def every_import(name: str) -> set[str]:
    """Every import the module can run, in functions too (only TYPE_CHECKING blocks are left out)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking(node)
        for n in ast.walk(node)
    }
    return {
        target
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped
        for target in _targets(node, name)
    } - {name}


GRAPH = {name: top_level_imports(name) for name in MODULES}  # what runs on import
EVERY = {name: every_import(name) for name in MODULES}


def test_only_main_imports_the_command_line() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, targets in EVERY.items()
        if not name.startswith("assess.cli") and name != "assess.__main__"
        for target in targets
        if target.startswith("assess.cli")
    ]
    assert offenders == []


def test_front_ends_do_not_import_each_other() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, targets in EVERY.items()
        for front in FRONT_ENDS
        if name.startswith(front + ".") or name == front
        for target in targets
        for other in FRONT_ENDS
        if other != front
        and (target == other or target.startswith(other + "."))
        and not (front == "assess.cli" and target == "assess.tui.app")  # `assess tui` starts the app
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_imports_only_what_is_below_it(layer: str) -> None:
    allowed = LAYERS[layer]
    offenders = [
        f"{name} imports {target}"
        for name, targets in EVERY.items()
        if name == layer or name.startswith(layer + ".")
        for target in targets
        if target != "assess" and not any(target == a or target.startswith(a + ".") for a in allowed)
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    """Not even through function-local imports, which is how cycles usually hide."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(EVERY.get(node, ())):
            if nxt not in EVERY:
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(EVERY):
        if name not in state:
            visit(name)
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles)


def test_function_local_imports_say_why_they_are_lazy() -> None:
    undocumented = [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{line}: {text.strip()}"
        for name in MODULES
        for line, text in local_imports(name)
        if "# lazy:" not in text
    ]
    assert undocumented == []


def test_the_checks_themselves_see_imports() -> None:
    """Guard against a walker that finds nothing (and so passes everything)."""
    assert "assess.pipeline.team" in GRAPH["assess.cli.score"]
    assert "assess.models.common" in GRAPH["assess.models.answers"]
    assert any("weasyprint" in text for _, text in local_imports("assess.report.pdf"))
