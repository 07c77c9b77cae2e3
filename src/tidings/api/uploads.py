"""What a write request sends, made into the inputs the readers take.

A JSON body becomes one JSON Lines input, a multipart upload one input a file.
What a client sends is bounded before any work is queued for it: a JSON body
nested deeper than `MAX_JSON_DEPTH` (no article record is; Python's parser and
every walk of the value recurse, and a body a thousand levels deep overflowed
the stack: a 500) and more records than the server takes in one request.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_DEPTH = 64


class BadUpload(ValueError):
    """What the client sent cannot be read: a 400 (413 when `too_large`) with the reason."""

    def __init__(self, reason: str, too_large: bool = False):
        super().__init__(reason)
        self.too_large = too_large


def json_records(body: bytes) -> list[Any]:
    """The records of a JSON body: an array, or `{"articles": [...]}`."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadUpload(f"request body is not JSON: {error}") from None
    except RecursionError:
        raise BadUpload(_too_deep()) from None
    if depth_over(data, MAX_JSON_DEPTH):
        raise BadUpload(_too_deep())
    records = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(records, list) or not records:
        raise BadUpload('send a non-empty array of articles, or {"articles": [...]}')
    return records


def jsonl_input(records: list[Any]) -> tuple[str, bytes]:
    """Records as the JSON Lines input the CLI would read. ASCII escapes: a lone
    surrogate in a record stays a JSON escape here (UTF-8 cannot encode it) and fails
    that record alone, named, when it is read."""
    lines = "\n".join(json.dumps(r) for r in records)
    return ("request.jsonl", lines.encode("utf-8"))


def depth_over(value: Any, limit: int) -> bool:
    """Whether `value` nests lists and objects more than `limit` deep (walked without
    recursion, so that the walk itself cannot overflow)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in children)
    return False


def _too_deep() -> str:
    return f"request body is nested deeper than {MAX_JSON_DEPTH} levels; no article record is"
