"""The store sits below the layers that read it: it imports none of them."""

import ast
from pathlib import Path

import tidings.store

STORE = Path(tidings.store.__file__).parent
UPPER_LAYERS = ("tidings.explore", "tidings.api", "tidings.web", "tidings.cli", "tidings.app")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_store_module_imports_an_upper_layer():
    modules = sorted(STORE.glob("*.py"))
    assert len(modules) > 10  # the store's modules were found
    reaching_up = {
        f"{path.name}: {name}"
        for path in modules
        for name in _imports(path)
        if name.startswith(UPPER_LAYERS)
    }
    assert reaching_up == set()
