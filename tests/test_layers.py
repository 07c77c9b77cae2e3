"""The front ends' layering (issue 16, part 4): the JSON API and the web pages share
`tidings.serve` for their readers and filters and do not reach into each other."""

from __future__ import annotations

import ast
from pathlib import Path

import tidings

SRC = Path(tidings.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_web_does_not_import_the_api():
    for path in (SRC / "web").rglob("*.py"):
        assert not {m for m in _imports(path) if m.startswith("tidings.api")}, path


def test_the_api_imports_the_web_only_to_mount_its_pages():
    for path in (SRC / "api").rglob("*.py"):
        web = {m for m in _imports(path) if m.startswith("tidings.web")}
        allowed = {"tidings.web", "tidings.web.views"} if path.name == "app.py" else set()
        assert web <= allowed, (path, web)


def test_api_and_web_take_their_reader_and_filters_from_serve():
    for path in (SRC / "api" / "routes.py", SRC / "web" / "views.py"):
        imported = _imports(path)
        assert {"tidings.serve.requests.Filters", "tidings.serve.requests.Reader"} <= imported
