"""The store sits below the layers that read it: it imports none of them."""

import ast
import re
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


def _public(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


def test_the_stores_offer_what_the_protocol_says_and_little_else():
    from tidings.store.base import ArticleStore
    from tidings.store.postgres import PostgresStore
    from tidings.store.sqlite import SQLiteStore

    promised = _public(ArticleStore)
    assert {"story_revisions", "table_rows", "put_rows"} <= promised
    for store, own in (
        (SQLiteStore, {"open", "schema_version", "db", "placeholder"}),
        # the server store's own: its nearest-event index and the search benchmark's door
        (
            PostgresStore,
            {"open", "schema_version", "db", "placeholder", "nearest_events", "search"},
        ),
    ):
        assert promised <= _public(store), store
        assert _public(store) - promised == own, store


def test_code_outside_the_stores_never_reaches_for_a_store_connection():
    """`store.copy`, migrate, the tracker and the front ends use the protocol only."""
    src = STORE.parent
    outside = [p for p in src.rglob("*.py") if p.parent != STORE or p.name == "copy.py"]
    reaching = [
        str(path.relative_to(src))
        for path in outside
        if re.search(r"store\.db\b|\.placeholder\b|getattr\(store", path.read_text("utf-8"))
    ]
    assert reaching == []
