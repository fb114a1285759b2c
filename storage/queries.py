"""Every query the bot needs. Each takes `*, session`, never commits, and returns plain items."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import Select, Table, bindparam, delete, func, literal, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.catalog import FOUND_SCORE, SUGGEST_SCORE, query_variants, rank, ranked_places
from storage.items import (
    ActorInfo,
    IncidentRecord,
    Item,
    Named,
    PlaceInfo,
    SourceLink,
    SourceStatus,
    Subscriber,
    Tally,
)

KINDS = ("incident", "statement")
DELIVERY_STATUSES = ("sending", "sent", "failed", "blocked")
SUBSCRIBER_FIELDS = frozenset({"language", "timezone", "digest_time", "active", "subscribed", "weekly"})


# -- building items ------------------------------------------------------------------------


def _actor_info(a: m.Actor) -> ActorInfo:
    return ActorInfo(id=a.id, name_en=a.name_en, name_ar=a.name_ar, kind=a.kind, role_en=a.role_en,
                     role_ar=a.role_ar)


def _place_info(p: m.Place) -> PlaceInfo:
    return PlaceInfo(id=p.id, name_en=p.name_en, name_ar=p.name_ar, kind=p.kind)


def _link(title: str, url: str | None, outlet: str | None, source: str | None) -> SourceLink:
    return SourceLink(title=title, url=url, outlet=outlet or source)


# Only the columns an Item shows: the ORM entities would drag in each article's full text.
_LINK_COLUMNS: tuple[Any, ...] = (m.Article.title, m.Article.url, m.Article.outlet, m.Source.name.label("source"))


_INCIDENT_COLUMNS: tuple[Any, ...] = (
    m.Incident.id, m.Incident.day, m.Incident.date_text, m.Incident.type, m.Incident.killed, m.Incident.injured,
    m.Incident.digest_ar, m.Incident.digest_en, m.Incident.first_seen, m.Incident.perpetrator_id,
    m.Actor.name_en.label("actor_en"), m.Actor.name_ar.label("actor_ar"), m.Incident.place_id,
    m.Place.name_en.label("place_en"), m.Place.name_ar.label("place_ar"))
_STATEMENT_COLUMNS: tuple[Any, ...] = (
    m.Statement.id, m.Statement.day, m.Statement.date_text, m.Statement.acts, m.Statement.digest_ar,
    m.Statement.digest_en, m.Statement.first_seen, m.Statement.speaker_id, m.Actor.name_en.label("actor_en"),
    m.Actor.name_ar.label("actor_ar"), *_LINK_COLUMNS)


def _incident_columns() -> Select[Any]:
    """An incident with its perpetrator's and place's names, one row each."""
    return (select(*_INCIDENT_COLUMNS)
            .outerjoin(m.Actor, m.Actor.id == m.Incident.perpetrator_id)
            .outerjoin(m.Place, m.Place.id == m.Incident.place_id))


def _statement_columns() -> Select[Any]:
    """A statement with its speaker's names and its one article's link."""
    return (select(*_STATEMENT_COLUMNS)
            .join(m.Actor, m.Actor.id == m.Statement.speaker_id)
            .join(m.Article, m.Article.id == m.Statement.article_id)
            .outerjoin(m.Source, m.Source.id == m.Article.source_id))


async def _incident_links(ids: Sequence[int], session: AsyncSession) -> dict[int, tuple[SourceLink, ...]]:
    """Every article behind each incident, oldest first, in one query for all of them."""
    if not ids:
        return {}
    query = (select(m.IncidentSource.incident_id, *_LINK_COLUMNS)
             .join(m.Article, m.Article.id == m.IncidentSource.article_id)
             .outerjoin(m.Source, m.Source.id == m.Article.source_id)
             .where(m.IncidentSource.incident_id.in_(ids))
             .order_by(m.IncidentSource.incident_id, m.Article.id))
    links: dict[int, list[SourceLink]] = {}
    for incident_id, title, url, outlet, source in (await session.execute(query)).all():
        links.setdefault(incident_id, []).append(_link(title, url, outlet, source))
    return {k: tuple(v) for k, v in links.items()}


def _incident_item(row: Any, links: tuple[SourceLink, ...]) -> Item:
    return Item(kind="incident", id=row.id, day=row.day, date_text=row.date_text, type=row.type, acts=(),
                actor_id=row.perpetrator_id, actor_en=row.actor_en, actor_ar=row.actor_ar, place_id=row.place_id,
                place_en=row.place_en, place_ar=row.place_ar, killed=row.killed, injured=row.injured,
                digest_ar=row.digest_ar, digest_en=row.digest_en, sources=links, first_seen=row.first_seen)


def _statement_item(row: Any) -> Item:
    return Item(kind="statement", id=row.id, day=row.day, date_text=row.date_text, type=None,
                acts=tuple(row.acts.split()), actor_id=row.speaker_id, actor_en=row.actor_en,
                actor_ar=row.actor_ar, place_id=None, place_en=None, place_ar=None, killed=None,
                injured=None, digest_ar=row.digest_ar, digest_en=row.digest_en,
                sources=(_link(row.title, row.url, row.outlet, row.source),), first_seen=row.first_seen)


async def _incidents(query: Select[Any], session: AsyncSession) -> list[Item]:
    rows = (await session.execute(query)).all()
    links = await _incident_links([r.id for r in rows], session)
    return [_incident_item(r, links.get(r.id, ())) for r in rows]


async def _statements(query: Select[Any], session: AsyncSession) -> list[Item]:
    return [_statement_item(r) for r in (await session.execute(query)).all()]


async def _by_keys(keys: Sequence[tuple[str, int]], session: AsyncSession) -> list[Item]:
    """Items for (kind, id) pairs, in that order."""
    inc_ids = [i for k, i in keys if k == "incident"]
    st_ids = [i for k, i in keys if k == "statement"]
    found: dict[tuple[str, int], Item] = {}
    if inc_ids:
        for item in await _incidents(_incident_columns().where(m.Incident.id.in_(inc_ids)), session):
            found[("incident", item.id)] = item
    if st_ids:
        for item in await _statements(_statement_columns().where(m.Statement.id.in_(st_ids)), session):
            found[("statement", item.id)] = item
    return [found[k] for k in keys if k in found]


async def items_by_keys(keys: Sequence[tuple[str, int]], *, session: AsyncSession) -> list[Item]:
    """Items for (kind, id) pairs, in that order; pairs no longer stored are left out."""
    return await _by_keys(keys, session)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


Where = tuple[Any, ...] | None  # the conditions on one kind's table, None to leave that kind out


def _newest(model: Any, kind: str, where: tuple[Any, ...], top: int | None) -> Select[Any]:
    """(kind, id, happened, seen) of one table, newest first; with `top`, only that many, read off an index."""
    query = select(literal(kind).label("kind"), model.id.label("id"), model.happened.label("happened"),
                   model.first_seen.label("seen")).where(*where)
    if top is None:
        return query
    return select(query.order_by(model.happened.desc(), model.first_seen.desc(), model.id.desc())
                  .limit(top).subquery())


async def _page(incidents: Where, statements: Where, *, session: AsyncSession, limit: int | None,
                offset: int = 0) -> list[Item]:
    """One page of both kinds, newest first by when they happened, then by when they were seen.

    Each kind gives only its newest `offset + limit` rows before they are merged: with an index
    on its conditions and `happened`, a page costs the same with a hundred rows or a million.
    """
    top = None if limit is None else offset + limit
    parts = [_newest(model, kind, where, top)
             for model, kind, where in ((m.Incident, "incident", incidents), (m.Statement, "statement", statements))
             if where is not None]
    both = union_all(*parts).subquery()
    query = (select(both.c.kind, both.c.id)
             .order_by(both.c.happened.desc(), both.c.seen.desc(), both.c.kind, both.c.id.desc()).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    keys = [(str(k), int(i)) for k, i in (await session.execute(query)).all()]
    return await _by_keys(keys, session)


def _parts(kind: str | None, incidents: tuple[Any, ...] = (), statements: tuple[Any, ...] = ()) -> tuple[Where, Where]:
    _check_kind(kind)
    return (incidents if kind in (None, "incident") else None,
            statements if kind in (None, "statement") else None)


def _since(model: Any, day: date | None) -> tuple[Any, ...]:
    return () if day is None else (model.happened >= day,)


# -- items ---------------------------------------------------------------------------------


async def latest_items(*, session: AsyncSession, limit: int = 10, offset: int = 0) -> list[Item]:
    """The newest incidents and statements, newest first."""
    return await _page(*_parts(None), session=session, limit=limit, offset=offset)


async def count_items(*, session: AsyncSession) -> int:
    """How many incidents and statements are stored."""
    incidents = (await session.execute(select(func.count()).select_from(m.Incident))).scalar_one()
    statements = (await session.execute(select(func.count()).select_from(m.Statement))).scalar_one()
    return int(incidents) + int(statements)


async def actor_items(actor_id: int, *, session: AsyncSession, limit: int = 10, offset: int = 0,
                      kind: str | None = None) -> list[Item]:
    """What an actor did or said, newest first."""
    return await _page(*_parts(kind, (m.Incident.perpetrator_id == actor_id,), (m.Statement.speaker_id == actor_id,)),
                       session=session, limit=limit, offset=offset)


async def place_items(place_id: int, *, session: AsyncSession, limit: int = 10,
                      offset: int = 0) -> list[Item]:
    """Incidents at a place, newest first."""
    return await _page((m.Incident.place_id == place_id,), None, session=session, limit=limit, offset=offset)


async def items_since(day: date, *, session: AsyncSession, kind: str | None = None, limit: int | None = None,
                      offset: int = 0) -> list[Item]:
    """Items that happened on `day` or later, newest first, however long ago they were loaded."""
    return await _page(*_parts(kind, _since(m.Incident, day), _since(m.Statement, day)),
                       session=session, limit=limit, offset=offset)


async def items_between(start: datetime, end: datetime, *, session: AsyncSession, kind: str | None = None,
                        happened_from: date | None = None) -> list[Item]:
    """Items first seen in [start, end), newest first: the daily digest of a day.

    With `happened_from`, only those that happened on that day or later: an archive loaded in
    the window is not news.
    """
    return await _page(*_parts(kind, (m.Incident.first_seen >= start, m.Incident.first_seen < end,
                                      *_since(m.Incident, happened_from)),
                               (m.Statement.first_seen >= start, m.Statement.first_seen < end,
                                *_since(m.Statement, happened_from))),
                       session=session, limit=None)


async def items_after(kind: str, last_id: int, *, session: AsyncSession, limit: int = 200,
                      happened_from: date | None = None) -> list[Item]:
    """Items of one kind with ids above `last_id`, oldest first: what follow alerts have not sent.

    With `happened_from`, only those that happened on that day or later.
    """
    _check_kind(kind)
    if kind == "incident":
        return await _incidents(_incident_columns().where(m.Incident.id > last_id, *_since(m.Incident, happened_from))
                                .order_by(m.Incident.id).limit(limit), session)
    return await _statements(_statement_columns().where(m.Statement.id > last_id,
                                                        *_since(m.Statement, happened_from))
                             .order_by(m.Statement.id).limit(limit), session)


_RECORD_COLUMNS: tuple[Any, ...] = (
    m.Incident.id, m.Incident.happened, m.Incident.date_text, m.Incident.type, m.Place.key.label("place_key"),
    m.Place.name_en.label("place_en"), m.Place.name_ar.label("place_ar"), m.Actor.name_en.label("perpetrator_en"),
    m.Actor.name_ar.label("perpetrator_ar"), m.Incident.target_en, m.Incident.target_ar, m.Incident.killed,
    m.Incident.injured, m.Incident.digest_en, m.Incident.digest_ar)


async def incident_records(since: date, until: date, *, session: AsyncSession,
                           limit: int | None = None) -> list[IncidentRecord]:
    """Incidents that happened from `since` to `until` (both days included), newest first, for export."""
    query = (select(*_RECORD_COLUMNS)
             .outerjoin(m.Actor, m.Actor.id == m.Incident.perpetrator_id)
             .outerjoin(m.Place, m.Place.id == m.Incident.place_id)
             .where(m.Incident.happened >= since, m.Incident.happened <= until)
             .order_by(m.Incident.happened.desc(), m.Incident.first_seen.desc(), m.Incident.id.desc())
             .limit(limit))
    rows = (await session.execute(query)).all()
    links = await _incident_links([r.id for r in rows], session)
    return [IncidentRecord(**r._asdict(), sources=links.get(r.id, ())) for r in rows]


async def tally(since: date, until: date, *, session: AsyncSession, top: int = 5) -> Tally:
    """Incidents per day and type, the busiest places and actors, from `since` to `until` (both included).

    An actor counts once for each incident they carried out or claimed and each statement they made.
    """
    incidents = (m.Incident.happened >= since, m.Incident.happened <= until)
    statements = (m.Statement.happened >= since, m.Statement.happened <= until)
    per_day = (await session.execute(
        select(m.Incident.happened, m.Incident.type, func.count()).where(*incidents)
        .group_by(m.Incident.happened, m.Incident.type).order_by(m.Incident.happened, m.Incident.type))).all()
    places = (await session.execute(
        select(m.Place.name_en, m.Place.name_ar, func.count().label("n"))
        .join(m.Incident, m.Incident.place_id == m.Place.id).where(*incidents)
        .group_by(m.Place.id, m.Place.name_en, m.Place.name_ar)
        .order_by(func.count().desc(), m.Place.name_en).limit(top))).all()
    acts = union_all(select(m.Incident.perpetrator_id.label("actor_id")).where(*incidents,
                                                                                m.Incident.perpetrator_id.is_not(None)),
                     select(m.Statement.speaker_id.label("actor_id")).where(*statements)).subquery()
    actors = (await session.execute(
        select(m.Actor.name_en, m.Actor.name_ar, func.count().label("n")).join(acts, acts.c.actor_id == m.Actor.id)
        .group_by(m.Actor.id, m.Actor.name_en, m.Actor.name_ar)
        .order_by(func.count().desc(), m.Actor.name_en).limit(top))).all()
    said = (await session.execute(select(func.count()).select_from(m.Statement).where(*statements))).scalar_one()
    killed, injured = (await session.execute(select(func.coalesce(func.sum(m.Incident.killed), 0),
                                                    func.coalesce(func.sum(m.Incident.injured), 0))
                                             .where(*incidents))).one()
    return Tally(since=since, until=until, per_day=tuple((d, str(t), int(n)) for d, t, n in per_day),
                 places=tuple(Named(name_en=e, name_ar=a, count=int(n)) for e, a, n in places),
                 actors=tuple(Named(name_en=e, name_ar=a, count=int(n)) for e, a, n in actors),
                 statements=int(said or 0), killed=int(killed or 0), injured=int(injured or 0))


# -- actors and places ---------------------------------------------------------------------


# A name is found by any word of any of its spellings: "Sudani", "al sudani", "كنعاني", a
# one-letter typo of a surname. Hand-written over rapidfuzz because the whole-name scorer
# compares a query with a whole alias, where a surname alone ("Sudani" against "mohammed
# shia al-sudani") scores like an unrelated name.
_WORD = re.compile(r"\w+")
ARTICLES = frozenset({"al", "el", "ال"})  # "al-Sudani", "al Sudani": the article alone is no word of a name
AR_ARTICLE = "ال"
WORD_WEIGHT = 0.95  # a name matched by its words ranks just behind one matched whole (as catalog's parts)
WORD_FLOOR = 50.0  # a query word scoring less than this against a name's word does not count
TYPO_MIN_LENGTH = 5  # words this long take one wrong, missing or extra letter as a typo...
TYPO_SCORE = 90.0  # ...scored so: found, but with room for a closer name above it


@dataclass(frozen=True, slots=True, kw_only=True)
class WordIndex:
    """Every word of every alias, pointing back at the aliases that hold it."""

    words: tuple[str, ...]
    holders: tuple[tuple[int, ...], ...]  # per word: positions in the alias index


def name_words(norm: str) -> set[str]:
    """The words of a normalized name, Arabic ones also without their article ("السوداني", "سوداني")."""
    out: set[str] = set()
    for word in _WORD.findall(norm):
        if word in ARTICLES:
            continue
        out.add(word)
        if word.startswith(AR_ARTICLE) and len(word) > len(AR_ARTICLE) + 2:
            out.add(word[len(AR_ARTICLE):])
    return out


def word_index(norms: Sequence[str]) -> WordIndex:
    """The words of these aliases."""
    holders: dict[str, list[int]] = {}
    for position, norm in enumerate(norms):
        for word in name_words(norm):
            holders.setdefault(word, []).append(position)
    return WordIndex(words=tuple(holders), holders=tuple(tuple(v) for v in holders.values()))


def _word_scores(query_word: str, index: WordIndex) -> dict[int, float]:
    """Word position -> how well `query_word` matches it (exact 100, a typo TYPO_SCORE, else the ratio)."""
    if len(query_word) < 4:  # short words only exactly: "ali" is no typo of "adil"
        hits = process.extract(query_word, index.words, scorer=fuzz.ratio, score_cutoff=100, limit=None)
        return {i: 100.0 for _w, _s, i in hits}
    scores = {i: float(score) for _w, score, i in process.extract(
        query_word, index.words, scorer=fuzz.ratio, score_cutoff=WORD_FLOOR, limit=None)}
    if len(query_word) >= TYPO_MIN_LENGTH:
        for _w, distance, i in process.extract(query_word, index.words, scorer=Levenshtein.distance,
                                                score_cutoff=1, limit=None):
            scores[i] = 100.0 if distance == 0 else max(scores.get(i, 0.0), TYPO_SCORE)
    return scores


def rank_words(query: str, index: WordIndex, owners: Sequence[int], cutoff: float) -> dict[int, float]:
    """Owner -> score of its best alias, by how well each query word matches one of the alias's words."""
    best: dict[int, float] = {}
    for variant in query_variants(query):
        words = list(dict.fromkeys(w for w in _WORD.findall(variant) if w not in ARTICLES))
        if not words:
            continue
        per_alias: dict[int, list[float]] = {}
        for n, word in enumerate(words):
            for position, score in _word_scores(word, index).items():
                for alias in index.holders[position]:
                    slots = per_alias.setdefault(alias, [0.0] * len(words))
                    slots[n] = max(slots[n], score)
        for alias, slots in per_alias.items():
            score = WORD_WEIGHT * sum(slots) / len(slots)
            if score >= cutoff and score > best.get(owners[alias], 0.0):
                best[owners[alias]] = score
    return best


@dataclass(frozen=True, slots=True, kw_only=True)
class _ActorNames:
    """Every actor alias, its owner and its words, as of one fingerprint (alias count, newest id)."""

    fingerprint: tuple[int, int]
    norms: tuple[str, ...]
    owners: tuple[int, ...]
    words: WordIndex


# One entry per database and schema (a PostgreSQL URL can serve several, each with its own
# aliases). The fingerprint is read on every search: one indexed query that notices aliases
# added by any process, as catalog does for its whole-name index.
_NAMES: dict[tuple[str, str | None], _ActorNames] = {}


async def _actor_names(session: AsyncSession) -> _ActorNames:
    """The actor aliases of this database, read again only when they changed."""
    row = (await session.execute(select(func.count(), func.max(m.ActorAlias.id)))).one()
    fingerprint = (int(row[0]), int(row[1] or 0))
    bind = session.get_bind()
    key = (bind.engine.url.render_as_string(hide_password=True), bind.dialect.default_schema_name)
    cached = _NAMES.get(key)
    if cached is None or cached.fingerprint != fingerprint:
        rows = (await session.execute(select(m.ActorAlias.norm, m.ActorAlias.actor_id))).all()
        norms = tuple(str(r[0]) for r in rows)
        cached = _NAMES[key] = _ActorNames(fingerprint=fingerprint, norms=norms, owners=tuple(int(r[1]) for r in rows),
                                           words=word_index(norms))
    return cached


async def _ranked_actors(name: str, session: AsyncSession, limit: int, cutoff: float) -> list[tuple[ActorInfo, float]]:
    """Actors by the better of two scores: the whole name, or its words."""
    names = await _actor_names(session)
    best = dict(rank(name, names.norms, names.owners, limit, cutoff))
    for owner, score in rank_words(name, names.words, names.owners, cutoff).items():
        best[owner] = max(best.get(owner, 0.0), score)
    top = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    rows = {a.id: a for a in (await session.execute(
        select(m.Actor).where(m.Actor.id.in_([i for i, _ in top])))).scalars()}
    return [(_actor_info(rows[i]), score) for i, score in top if i in rows]


async def search_actors(name: str, *, session: AsyncSession, limit: int = 5) -> list[tuple[ActorInfo, float]]:
    """Actors whose name in any spelling, or any word of it, is close to `name`, 0..100, best first."""
    return await _ranked_actors(name, session, limit, FOUND_SCORE)


async def suggest_actors(name: str, *, session: AsyncSession, limit: int = 5) -> list[ActorInfo]:
    """Loosely close names, for a "did you mean" when search finds nothing good."""
    return [a for a, _ in await _ranked_actors(name, session, limit, SUGGEST_SCORE)]


async def get_actor(actor_id: int, *, session: AsyncSession) -> ActorInfo | None:
    """One actor by id."""
    row = await session.get(m.Actor, actor_id)
    return _actor_info(row) if row else None


async def search_places(name: str, *, session: AsyncSession, limit: int = 5) -> list[tuple[PlaceInfo, float]]:
    """Places whose name in any spelling is close to `name`, best first."""
    ranked = await ranked_places(name, session=session, limit=limit, cutoff=FOUND_SCORE)
    return [(_place_info(p), score) for p, score in ranked]


async def get_place(place_id: int, *, session: AsyncSession) -> PlaceInfo | None:
    """One place by id."""
    row = await session.get(m.Place, place_id)
    return _place_info(row) if row else None


# -- subscribers ---------------------------------------------------------------------------


async def _subscribers(rows: Sequence[m.Subscriber], session: AsyncSession) -> list[Subscriber]:
    """Plain subscribers with what they follow, in one query for all of them."""
    followed: dict[int, list[int]] = {}
    if rows:
        query = (select(m.Follow.chat_id, m.Follow.actor_id)
                 .where(m.Follow.chat_id.in_([r.chat_id for r in rows])).order_by(m.Follow.actor_id))
        for chat_id, actor_id in (await session.execute(query)).all():
            followed.setdefault(chat_id, []).append(actor_id)
    return [Subscriber(chat_id=r.chat_id, language=r.language, timezone=r.timezone, digest_time=r.digest_time,
                       active=r.active, subscribed=r.subscribed, followed=tuple(followed.get(r.chat_id, ())),
                       weekly=r.weekly)
            for r in rows]


async def _subscriber(row: m.Subscriber, session: AsyncSession) -> Subscriber:
    return (await _subscribers([row], session))[0]


async def get_subscriber(chat_id: int, *, session: AsyncSession) -> Subscriber | None:
    """A chat's preferences, None for a chat never seen."""
    row = await session.get(m.Subscriber, chat_id)
    return await _subscriber(row, session) if row else None


async def upsert_subscriber(chat_id: int, *, session: AsyncSession, **fields: Any) -> Subscriber:
    """Create or update a chat; fields: language, timezone, digest_time, active, subscribed, weekly."""
    unknown = set(fields) - SUBSCRIBER_FIELDS
    if unknown:
        raise TypeError(f"unknown subscriber fields: {', '.join(sorted(unknown))}")
    if isinstance(fields.get("digest_time"), str):
        fields["digest_time"] = time.fromisoformat(fields["digest_time"])
    row = await session.get(m.Subscriber, chat_id)
    if row is None:
        row = m.Subscriber(chat_id=chat_id, language="ar", timezone="Asia/Baghdad", digest_time=time(8, 0),
                           active=True, subscribed=False, created=datetime.now(UTC))
        session.add(row)
    for key, value in fields.items():
        setattr(row, key, value)
    await session.flush()
    return await _subscriber(row, session)


async def follow(chat_id: int, actor_id: int, *, session: AsyncSession) -> None:
    """Follow an actor; following twice is harmless."""
    if await session.get(m.Subscriber, chat_id) is None:
        await upsert_subscriber(chat_id, session=session)
    if await session.get(m.Follow, (chat_id, actor_id)) is None:
        session.add(m.Follow(chat_id=chat_id, actor_id=actor_id))
        await session.flush()


async def unfollow(chat_id: int, actor_id: int, *, session: AsyncSession) -> bool:
    """Stop following an actor; False when the chat was not following them."""
    gone = await session.execute(delete(m.Follow).where(m.Follow.chat_id == chat_id, m.Follow.actor_id == actor_id)
                                 .returning(m.Follow.actor_id))
    return gone.first() is not None


async def subscribers(*, session: AsyncSession, active: bool = True,
                      subscribed: bool = True) -> list[Subscriber]:
    """Chats with these flags, by chat id."""
    rows = (await session.execute(select(m.Subscriber).where(m.Subscriber.active == active,
                                                             m.Subscriber.subscribed == subscribed)
                                  .order_by(m.Subscriber.chat_id))).scalars()
    return await _subscribers(list(rows), session)


async def recipients(*, session: AsyncSession) -> list[Subscriber]:
    """Active chats that take the daily digest, the weekly one or both, by chat id."""
    rows = (await session.execute(select(m.Subscriber).where(m.Subscriber.active.is_(True),
                                                             m.Subscriber.subscribed | m.Subscriber.weekly)
                                  .order_by(m.Subscriber.chat_id))).scalars()
    return await _subscribers(list(rows), session)


async def followers(actor_ids: Collection[int], *, session: AsyncSession) -> list[Subscriber]:
    """Active chats following any of these actors, by chat id."""
    if not actor_ids:
        return []
    query = (select(m.Subscriber).where(m.Subscriber.active.is_(True),
                                        m.Subscriber.chat_id.in_(select(m.Follow.chat_id)
                                                                 .where(m.Follow.actor_id.in_(list(actor_ids)))))
             .order_by(m.Subscriber.chat_id))
    return await _subscribers(list((await session.execute(query)).scalars()), session)


# -- the delivery ledger -------------------------------------------------------------------


def _insert(session: AsyncSession) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING."""
    name = session.get_bind().dialect.name
    return postgresql.insert if name == "postgresql" else sqlite.insert


DeliveryKey = tuple[int, date, str]  # (chat id, day, kind): one row of the ledger
LedgerRow = tuple[str, int]  # (status, parts Telegram confirmed)
_KEYS_PER_READ = 1000  # chat ids per IN (...): far under either database's limit on parameters


async def ledger_rows(keys: Collection[DeliveryKey], *, session: AsyncSession) -> dict[DeliveryKey, LedgerRow]:
    """The ledger's status and confirmed parts of these deliveries; keys never claimed are absent."""
    chats: dict[tuple[date, str], list[int]] = {}
    for chat_id, day, kind in keys:
        chats.setdefault((day, kind), []).append(chat_id)
    found: dict[DeliveryKey, LedgerRow] = {}
    for (day, kind), ids in chats.items():
        for start in range(0, len(ids), _KEYS_PER_READ):
            query = (select(m.Delivery.chat_id, m.Delivery.status, m.Delivery.parts_sent)
                     .where(m.Delivery.day == day, m.Delivery.kind == kind,
                            m.Delivery.chat_id.in_(ids[start:start + _KEYS_PER_READ])))
            for chat_id, status, parts in (await session.execute(query)).all():
                found[(int(chat_id), day, kind)] = (str(status), int(parts))
    return found


async def claim_deliveries(keys: Sequence[DeliveryKey], *, session: AsyncSession) -> set[DeliveryKey]:
    """Claim many deliveries in one statement; returns the keys claimed now, not those the ledger had."""
    if not keys:
        return set()
    now = datetime.now(UTC)
    statement = (_insert(session)(m.Delivery)
                 .values([{"chat_id": c, "day": d, "kind": k, "status": "sending", "parts_sent": 0, "updated": now}
                          for c, d, k in keys])
                 .on_conflict_do_nothing(index_elements=["chat_id", "day", "kind"])
                 .returning(m.Delivery.chat_id, m.Delivery.day, m.Delivery.kind))
    return {(int(c), d, str(k)) for c, d, k in (await session.execute(statement)).all()}


_LEDGER = cast(Table, m.Delivery.__table__)  # Core statements: the batch forms run as executemany
_SAME_ROW = (_LEDGER.c.chat_id == bindparam("k_chat"), _LEDGER.c.day == bindparam("k_day"),
             _LEDGER.c.kind == bindparam("k_kind"))
Progress = tuple[DeliveryKey, str, int, str | None]  # (key, status, parts confirmed, detail)


async def record_deliveries(progress: Sequence[Progress], *, session: AsyncSession) -> None:
    """Record confirmed parts and outcomes of claimed deliveries, in one statement.

    "sending" with a count says how far a delivery got; sent, failed or blocked end it.
    """
    for _key, status, _parts, _detail in progress:
        if status not in DELIVERY_STATUSES:
            raise ValueError(f"status must be one of {DELIVERY_STATUSES}, not {status!r}")
    if not progress:
        return
    now = datetime.now(UTC)
    statement = update(_LEDGER).where(*_SAME_ROW).values(status=bindparam("v_status"), parts_sent=bindparam("v_parts"),
                                                         detail=bindparam("v_detail"), updated=now)
    await session.execute(statement, [{"k_chat": c, "k_day": d, "k_kind": k, "v_status": status, "v_parts": parts,
                                       "v_detail": detail} for (c, d, k), status, parts, detail in progress])


async def delivery_status(chat_id: int, day: date, *, session: AsyncSession,
                          kind: str = "daily") -> str | None:
    """The ledger's status for a chat, day and kind; None when never claimed."""
    query = select(m.Delivery.status).where(m.Delivery.chat_id == chat_id, m.Delivery.day == day,
                                            m.Delivery.kind == kind)
    return (await session.execute(query)).scalar_one_or_none()


async def stuck_deliveries(older_than: datetime, *, session: AsyncSession) -> list[tuple[int, date, str]]:
    """Deliveries still "sending" since before `older_than`: left behind by a crash or a stop."""
    query = (select(m.Delivery.chat_id, m.Delivery.day, m.Delivery.kind)
             .where(m.Delivery.status == "sending", m.Delivery.updated < older_than)
             .order_by(m.Delivery.day, m.Delivery.chat_id, m.Delivery.kind))
    return [(int(c), d, str(k)) for c, d, k in (await session.execute(query)).all()]


# -- admin ---------------------------------------------------------------------------------


async def stats(*, session: AsyncSession) -> dict[str, int]:
    """Row counts for the admin's /stats."""
    async def count(model: Any, *where: Any) -> int:
        query = select(func.count()).select_from(model).where(*where)
        return int((await session.execute(query)).scalar_one())

    return {
        "articles": await count(m.Article),
        "incidents": await count(m.Incident),
        "statements": await count(m.Statement),
        "actors": await count(m.Actor),
        "subscribers": await count(m.Subscriber),
        "active_subscribers": await count(m.Subscriber, m.Subscriber.active.is_(True)),
        "sources": await count(m.Source),
    }


async def source_statuses(*, session: AsyncSession) -> list[SourceStatus]:
    """Every source with its polling record and article count, by name."""
    counts = (select(m.Article.source_id, func.count().label("n")).group_by(m.Article.source_id).subquery())
    query = (select(m.Source, func.coalesce(counts.c.n, 0))
             .outerjoin(counts, counts.c.source_id == m.Source.id).order_by(m.Source.name))
    return [SourceStatus(name=s.name, kind=s.kind, url=s.url, last_polled=s.last_polled, last_ok=s.last_ok,
                         error_count=s.error_count, last_error=s.last_error, articles=int(n))
            for s, n in (await session.execute(query)).all()]
