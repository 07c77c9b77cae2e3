"""Helpers for the story tests (the seeded database fixture is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import tidings


def by_seed(app: tidings.Tidings) -> dict[str, str]:
    """Seed number ("000".."004") -> stored article id."""
    return {Path(a.source).name[:3]: a.id for a in app.articles()}
