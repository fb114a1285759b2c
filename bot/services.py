"""What the handlers ask of the database: each call is one transaction, begun and ended here.

Handlers never open a session. A chat's stored preferences are read once per update, before
any handler runs (`bot.app.resolve_chat`); a command that changes them makes one write.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import queries, search
from storage.items import ActorInfo, IncidentRecord, Item, PlaceInfo, SourceStatus, Subscriber, Tally
from storage.search import SearchPage

Maker = async_sessionmaker[AsyncSession]


class Store:
    """The bot's reads and writes; a new chat starts with the configured time zone and digest hour."""

    def __init__(self, sessionmaker: Maker, *, timezone: str, digest_time: time) -> None:
        self.sessionmaker, self.timezone, self.digest_time = sessionmaker, timezone, digest_time

    async def chat(self, chat_id: int) -> Subscriber | None:
        """A chat's stored preferences, if any."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.get_subscriber(chat_id, session=session)

    async def save(self, chat_id: int, *, reads: str, **fields: Any) -> Subscriber:
        """Create or update a chat's preferences; a new chat keeps the language it `reads` now."""
        async with self.sessionmaker() as session, session.begin():
            return await self._save(chat_id, session, reads, fields)

    async def _save(self, chat_id: int, session: AsyncSession, reads: str, fields: dict[str, Any]) -> Subscriber:
        if await queries.get_subscriber(chat_id, session=session) is None:
            fields = {"language": reads, "timezone": self.timezone, "digest_time": self.digest_time} | fields
        return await queries.upsert_subscriber(chat_id, session=session, **fields)

    async def set_active(self, chat_id: int, *, active: bool) -> None:
        """A chat blocked or unblocked the bot."""
        async with self.sessionmaker() as session, session.begin():
            await queries.upsert_subscriber(chat_id, session=session, active=active)

    async def follow(self, chat_id: int, actor_id: int, *, reads: str, on: bool) -> bool:
        """Follow or unfollow an actor, saving the chat first if new; False when there was nothing to unfollow."""
        async with self.sessionmaker() as session, session.begin():
            await self._save(chat_id, session, reads, {})
            if on:
                await queries.follow(chat_id, actor_id, session=session)
                return True
            return await queries.unfollow(chat_id, actor_id, session=session)

    async def latest(self, *, limit: int, offset: int = 0) -> list[Item]:
        """The newest incidents and statements."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.latest_items(session=session, limit=limit, offset=offset)

    async def statements(self, name: str, *, limit: int) -> list[Item] | None:
        """The newest statements, or those of the actor a name best matches; None when it matches no one."""
        async with self.sessionmaker() as session, session.begin():
            if not name:  # the newest statements among the newest items of both kinds
                items = await queries.latest_items(session=session, limit=limit * 6)
                return [i for i in items if i.kind == "statement"][:limit]
            found = await queries.search_actors(name, session=session, limit=1)
            if not found:
                return None
            return await queries.actor_items(found[0][0].id, session=session, limit=limit, kind="statement")

    async def find_actors(self, name: str) -> tuple[list[tuple[ActorInfo, float]], list[ActorInfo]]:
        """Actors a name matches with their scores; when none, close names to suggest."""
        async with self.sessionmaker() as session, session.begin():
            matches = await queries.search_actors(name, session=session)
            return matches, [] if matches else await queries.suggest_actors(name, session=session)

    async def actor_page(self, actor_id: int, *, limit: int, offset: int = 0) -> tuple[ActorInfo | None, list[Item]]:
        """An actor and a page of their items."""
        async with self.sessionmaker() as session, session.begin():
            info = await queries.get_actor(actor_id, session=session)
            return info, await queries.actor_items(actor_id, session=session, limit=limit, offset=offset)

    async def actors(self, ids: tuple[int, ...]) -> list[ActorInfo]:
        """The actors with these ids that still exist, in order."""
        async with self.sessionmaker() as session, session.begin():
            return [a for a in [await queries.get_actor(i, session=session) for i in ids] if a]

    async def find_places(self, name: str) -> list[tuple[PlaceInfo, float]]:
        """Places a name matches, best first."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.search_places(name, session=session)

    async def place_page(self, place_id: int, *, limit: int, offset: int = 0) -> tuple[PlaceInfo | None, list[Item]]:
        """A place and a page of what happened there."""
        async with self.sessionmaker() as session, session.begin():
            info = await queries.get_place(place_id, session=session)
            return info, await queries.place_items(place_id, session=session, limit=limit, offset=offset)

    async def since(self, day: date, *, kind: str, limit: int) -> list[Item]:
        """Items of a kind that happened since a day, newest first."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.items_since(day, session=session, kind=kind, limit=limit)

    async def incident_records(self, since: date, until: date, *, limit: int) -> list[IncidentRecord]:
        """Incidents that happened between two days, newest first, with what an export shows."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.incident_records(since, until, session=session, limit=limit)

    async def tally(self, since: date, until: date) -> Tally:
        """Incidents per day and type, the busiest places and actors, between two days (both included)."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.tally(since, until, session=session)

    async def stats(self) -> dict[str, int]:
        """Counts of what is stored."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.stats(session=session)

    async def source_statuses(self) -> list[SourceStatus]:
        """How each source has fared."""
        async with self.sessionmaker() as session, session.begin():
            return await queries.source_statuses(session=session)

    async def search(self, query: str) -> SearchPage | None:
        """The first page of items holding every word of `query`, saved for paging."""
        return await search.search(self.sessionmaker, query)

    async def search_page(self, query_id: int, page: int) -> SearchPage | None:
        """Page `page` of a saved search."""
        return await search.search_page(self.sessionmaker, query_id, page)
