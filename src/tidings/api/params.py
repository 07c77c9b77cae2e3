"""One check of every route's parameters before any handler sees them.

Each route declares its own parameters, and FastAPI checks their types; what no
declaration says is checked here once for all routes, so a new route is covered
without a line of its own:

- no parameter (query or path, name or value) holds a control character: NUL
  breaks SQLite's full-text queries and PostgreSQL's text, and no id, word,
  language or place has one;
- a whole number fits in a signed 64-bit integer, what both stores hold (a larger
  `offset` or story id overflowed in the driver: a 500).

A failure is a 400 naming the parameter and the problem, like FastAPI's own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

MAX_INT64 = 2**63 - 1
MIN_INT64 = -(2**63)
# Control characters a value may still carry: tabs and line ends (a pasted search).
ALLOWED_CONTROLS = frozenset("\t\n\r")


async def checked_parameters(request: Request) -> None:
    """FastAPI dependency of the whole app: 400 for a parameter no route should get."""
    pairs = [*request.query_params.multi_items(), *request.path_params.items()]
    for name, value in pairs:
        for text, what in ((name, "name"), (value, "value")):
            problem = control_character(str(text))
            if problem:
                raise HTTPException(400, f"parameter {name!r}: its {what} holds {problem}")
    route = request.scope.get("route")
    if isinstance(route, APIRoute):
        integers = integer_parameters(route)
        for name, value in pairs:
            if name in integers:
                _check_int64(name, str(value))


def control_character(text: str) -> str | None:
    """Which control character `text` holds, said for a message; None if none."""
    for char in text:
        if char not in ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
            return f"the control character U+{ord(char):04X}"
    return None


def integer_parameters(route: APIRoute) -> frozenset[str]:
    """The names of the route's parameters (its dependencies' too) declared as integers.
    (Walked at each request: a handful of fields, and routes are not hashable.)"""
    return frozenset(_integers(route.dependant))


def _integers(dependant: Dependant) -> Iterable[str]:
    for field in (*dependant.query_params, *dependant.path_params):
        if field.field_info.annotation in (int, int | None):
            yield field.alias
    for sub in dependant.dependencies:
        yield from _integers(sub)


def _check_int64(name: str, value: str) -> None:
    text = value.strip()
    try:
        number = int(text)
    except ValueError:  # not a number, or too long for Python to parse as one
        if len(text) <= 20:
            return  # FastAPI's own check says what is wrong
        number = MAX_INT64 + 1
    if not MIN_INT64 <= number <= MAX_INT64:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise HTTPException(
            400, f"parameter {name!r}: {shown} is not a number within ±{MAX_INT64:,}"
        )
