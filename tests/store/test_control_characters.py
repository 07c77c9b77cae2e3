"""The same input stored alike by SQLite and PostgreSQL (issue 13, D3b): PostgreSQL
refuses NUL in text, SQLite keeps it, so NUL and the other control characters are
removed from text at reading, and an id holding one is refused, on both."""

from __future__ import annotations

import json

import pytest

import tidings

pytestmark = pytest.mark.slow  # the real bundled model, and PostgreSQL

TEXT = "The coast guard rescued forty people off the coast of Zuwara on Thursday night."


def test_nul_in_input_is_stored_alike_by_both_stores(location, tmp_path):
    path = tmp_path / "nul.jsonl"
    records = [
        {"id": "n1", "title": "Res\u0000cue", "text": f"{TEXT}\u0000 Ten\x01 were children."},
        {"id": "n2\u0000", "text": TEXT + " Again."},
        {"id": "n3", "text": TEXT + " More.", "note": "a\u0000b"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with tidings.open(location) as app:
        report = app.ingest([str(path)])
        stored = {a.id: a for a in app.articles()}
    assert sorted(stored) == ["n1", "n3"]
    assert [str(f) for f in report.failures] == [
        f"{path}:2: field 'id' holds the control character U+0000, not text"
    ]
    assert stored["n1"].title == "Rescue"
    assert stored["n1"].raw == f"{TEXT} Ten were children."
    assert stored["n3"].extras["record"] == {"note": "ab"}
