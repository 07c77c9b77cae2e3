"""Analysts' corrections over HTTP: POST /api/corrections/{move,split,merge,lock}.

Each is a write, guarded like ingest (`require_write_access`: the token, or loopback
without one; refused when read-only), and runs on the writer thread. Bodies are JSON,
checked field by field (400 naming the field); an unknown id is a 404, a correction
that cannot be made a 400; the answer is the logged correction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tidings.api.security import require_write_access
from tidings.api.service import Service
from tidings.store.correction_queries import CorrectionRow
from tidings.stories.corrections import CorrectionError, Corrections, Target

router = APIRouter(prefix="/api/corrections", dependencies=[Depends(require_write_access)])

# Ids as the stores keep them (64-bit integers), text short enough to log.
Id = Annotated[int, Field(ge=1, le=2**62)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Note = Annotated[str, Field(max_length=2000)]
ArticleId = Annotated[str, Field(min_length=1, max_length=1000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    by: Name = "api"
    note: Note = ""

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """No NUL: PostgreSQL cannot keep it in text. (Pydantic refuses lone surrogates.)"""
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and "\x00" in text:
                raise ValueError("contains a NUL character")
        return value


class MoveBody(_Body):
    article: ArticleId
    to_event: Id | None = None
    to_story: Id | None = None
    new_event: bool = False
    new_story: bool = False


class SplitBody(_Body):
    event: Id
    articles: Annotated[list[ArticleId], Field(min_length=1, max_length=10_000)]


class MergeBody(_Body):
    story: Id
    other: Id


class LockBody(_Body):
    story: Id
    locked: bool = True


@router.post("/move", summary="Move an article to another event or story")
async def move(request: Request, body: MoveBody) -> dict[str, Any]:
    """Exactly one of `to_event`, `to_story` (a new event there), `new_event` (in its own
    story) or `new_story`."""
    target = Target(body.to_event, body.to_story, body.new_event, body.new_story)
    return await _correct(
        request, lambda c: c.move(body.article, target, by=body.by, note=body.note)
    )


@router.post("/split", summary="Split chosen articles of an event into a new event")
async def split(request: Request, body: SplitBody) -> dict[str, Any]:
    return await _correct(
        request, lambda c: c.split(body.event, body.articles, by=body.by, note=body.note)
    )


@router.post("/merge", summary="Merge two stories (the older id stays)")
async def merge(request: Request, body: MergeBody) -> dict[str, Any]:
    return await _correct(
        request, lambda c: c.merge(body.story, body.other, by=body.by, note=body.note)
    )


@router.post("/lock", summary="Lock a story (its articles change only by hand) or unlock it")
async def lock(request: Request, body: LockBody) -> dict[str, Any]:
    return await _correct(
        request, lambda c: c.lock(body.story, body.locked, by=body.by, note=body.note)
    )


async def _correct(request: Request, change: Callable[[Corrections], CorrectionRow]) -> dict:
    svc: Service = request.app.state.service
    try:
        row = await svc.write(_on_writer, svc, change)
    except LookupError as error:
        raise HTTPException(404, str(error.args[0])) from None
    except CorrectionError as error:
        raise HTTPException(400, str(error)) from None
    svc.forget()  # listings cached before the correction are stale
    return {"correction": row.to_dict()}


def _on_writer(svc: Service, change: Callable[[Corrections], CorrectionRow]) -> CorrectionRow:
    assert svc.writer_ is not None
    return change(svc.writer_.corrections())
