"""Reads the bot needs that the storage query contract does not cover, written against its models."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m

_ID_COLUMNS = {"incident": m.Incident.id, "statement": m.Statement.id}


async def max_item_id(kind: str, *, session: AsyncSession) -> int:
    """The newest id of a kind, 0 when there is none: where follow alerts start."""
    return int((await session.execute(select(func.max(_ID_COLUMNS[kind])))).scalar() or 0)
