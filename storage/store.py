"""Storing what one article yields: de-duplicated, merged across outlets, in the caller's transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urldefrag

import courlan
from sqlalchemy import and_, insert, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import lazyload

from briefings.model import Briefing
from briefings.model import Incident as IncidentRecord
from briefings.model import Statement as StatementRecord
from briefings.normalize import normalize
from storage.catalog import ref_key, transaction_rows, upsert_actor, upsert_place
from storage.models import Article, Incident, IncidentSource, Source, Statement
from storage.search import index_article

# Two reports of the same type at the same place are one incident when their days are
# at most this far apart: outlets date a night attack by either side of midnight.
MERGE_WINDOW = timedelta(days=1)
# URLs per IN (...) list: under SQLite's oldest bound-parameter limit (999), and one page of a feed.
URL_CHUNK = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreResult:
    """What storing one briefing did."""

    article_id: int | None  # None when the article was already stored
    duplicate_of: int | None = None  # the stored article it repeats
    duplicate_by: str | None = None  # "url" | "hash"
    incidents_new: int = 0
    incidents_merged: int = 0
    statements: int = 0
    incident_ids: tuple[int, ...] = ()  # what it added or merged into, for the search index
    statement_ids: tuple[int, ...] = ()

    @property
    def stored(self) -> bool:
        """True when a new article row was written."""
        return self.article_id is not None


def canonical_url(url: str | None) -> str | None:
    """The form an article URL is de-duplicated by: normalized, no fragment or tracking query."""
    if not url:
        return None
    try:
        # not strict: strict mode drops query keys such as `newsid` that tell articles apart
        return urldefrag(courlan.normalize_url(url, strict=False)).url
    except ValueError:
        return url.strip()


def content_hash(title: str, paragraphs: tuple[str, ...]) -> str:
    """Hash of the article's matching form, so spacing and diacritics do not make a new article."""
    text = normalize(title) + "\n" + "\n".join(normalize(p) for p in paragraphs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_day(date_text: str | None, fallback: date | None) -> date | None:
    """The day of a YYYY-MM-DD date, else the fallback (the article's day)."""
    if date_text and len(date_text) == 10:
        try:
            return date.fromisoformat(date_text)
        except ValueError:
            pass
    return fallback


async def find_duplicate(url: str | None, digest: str, *, session: AsyncSession) -> tuple[int, str] | None:
    """The stored article with this canonical URL, else this content hash: one query."""
    if url is None:
        found = (await session.execute(select(Article.id).where(Article.content_hash == digest).limit(1))).first()
        return (found[0], "hash") if found is not None else None
    by_url = Article.url == url
    rows = (await session.execute(select(Article.id, by_url).where(or_(by_url, Article.content_hash == digest)))).all()
    match = next((r for r in rows if r[1]), rows[0] if rows else None)
    return None if match is None else (match[0], "url" if match[1] else "hash")


async def url_known(url: str, *, session: AsyncSession) -> bool:
    """True when an article with this URL (canonicalized) is stored; lets ingestion skip a fetch."""
    canon = canonical_url(url)
    return (await session.execute(select(Article.id).where(Article.url == canon))).first() is not None


async def text_known(url: str | None, digest: str, *, session: AsyncSession) -> bool:
    """True when find_duplicate would find a stored article: one query for both tests."""
    same = Article.content_hash == digest if url is None else or_(Article.url == url, Article.content_hash == digest)
    return (await session.execute(select(Article.id).where(same).limit(1))).first() is not None


async def urls_known(urls: Iterable[str], *, session: AsyncSession) -> set[str]:
    """The canonical forms of these URLs that a stored article has: one query per URL_CHUNK."""
    canon = sorted({c for u in urls if (c := canonical_url(u)) is not None})
    found: set[str] = set()
    for start in range(0, len(canon), URL_CHUNK):
        chunk = canon[start:start + URL_CHUNK]
        rows = await session.execute(select(Article.url).where(Article.url.in_(chunk)))
        found.update(u for u in rows.scalars() if u is not None)
    return found


async def source_id(name: str, *, session: AsyncSession) -> int:
    """The id of a source by name, creating a bare row for one not in the configuration; remembered per transaction."""
    seen = transaction_rows(Source, session=session)
    if name in seen:
        return int(seen[name])
    found = (await session.execute(select(Source.id).where(Source.name == name))).scalar_one_or_none()
    if found is None:
        row = Source(name=name, kind="manual", interval_seconds=0, error_count=0)
        session.add(row)
        await session.flush()
        found = row.id
    seen[name] = found
    return found


async def store_briefing(briefing: Briefing, *, session: AsyncSession, source_name: str,
                         now: datetime | None = None, index: bool = True) -> StoreResult:
    """Write one article and its incidents and statements, unless it is already stored.

    Runs inside the caller's transaction (or a savepoint of it), so a crash leaves nothing
    half-written. With `index=False` the caller indexes the result's items (once for a batch).
    The rows go in bulk: one INSERT per table, one query for every incident it may merge into.
    """
    now = now or datetime.now(UTC)
    art = briefing.article
    url, digest = canonical_url(art.url), content_hash(art.title, art.paragraphs)
    # first: another worker storing the same story then commits before this one looks for it
    await _lock_merge_groups(briefing.incidents, session=session)
    duplicate = await find_duplicate(url, digest, session=session)
    if duplicate is not None:
        return StoreResult(article_id=None, duplicate_of=duplicate[0], duplicate_by=duplicate[1])
    row = {"source_id": await source_id(source_name, session=session), "key": art.key, "url": url,
           "outlet": art.source or source_name, "title": art.title, "published": art.published, "fetched": now,
           "language": "ar", "text": "\n\n".join(art.paragraphs), "content_hash": digest}
    article_id = (await session.execute(insert(Article).returning(Article.id), [row])).scalar_one()
    reported = await _store_incidents(briefing.incidents, article_id, art.published, session=session, now=now)
    merged = sum(was_merged for _, was_merged in reported)
    speakers = [(await upsert_actor(s.speaker, session=session)).id for s in briefing.statements]
    statement_ids = await _insert_statements([_statement_row(s, speaker, article_id, art.published, now)
                                              for s, speaker in zip(briefing.statements, speakers, strict=True)],
                                             article_id, session=session)
    incident_ids = tuple(i for i, _ in reported)
    if index:
        await index_article(incident_ids, statement_ids, session=session)
    return StoreResult(article_id=article_id, incidents_new=len(reported) - merged, incidents_merged=merged,
                       statements=len(briefing.statements), incident_ids=incident_ids,
                       statement_ids=statement_ids)


async def _insert_statements(rows: list[dict[str, Any]], article_id: int, *,
                             session: AsyncSession) -> tuple[int, ...]:
    """Insert an article's statements in one executemany; their ids (for the index, in no particular order).

    Read back by article rather than returned: RETURNING in the rows' order is one INSERT per row on SQLite.
    """
    if not rows:
        return ()
    await session.execute(insert(Statement), rows)
    return tuple((await session.execute(select(Statement.id).where(Statement.article_id == article_id))).scalars())


async def _insert_ids(model: Any, rows: list[dict[str, Any]], *, session: AsyncSession) -> tuple[int, ...]:
    """Insert rows in one statement; their new ids, in the rows' order."""
    if not rows:
        return ()
    query = insert(model).returning(model.id, sort_by_parameter_order=True)
    return tuple((await session.execute(query, rows)).scalars())


def merge_group(incident: IncidentRecord) -> int | None:
    """A 64-bit name for the incidents this one may merge with (same type and place); None when it merges with none."""
    if incident.place is None:
        return None
    name = f"incident|{incident.type}|{ref_key(incident.place)}".encode()
    return int.from_bytes(hashlib.blake2b(name, digest_size=8).digest(), "big", signed=True)


async def lock_for_batch(briefings: Iterable[Briefing], *, session: AsyncSession) -> None:
    """Before a batch of articles is stored in one transaction: take every lock it will need, in one order.

    On PostgreSQL, every merge group of the batch in ascending order (each article's own
    locking then finds them held), so two batches never hold them crosswise. On SQLite, the
    write lock, by a write that changes nothing: the batch's reads then see no other writer,
    and the driver opens the transaction here, so each article's SAVEPOINT nests inside it
    rather than committing on release.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("UPDATE sources SET id = id WHERE 0"))
        return
    await _lock_merge_groups(tuple(i for b in briefings for i in b.incidents), session=session)


async def _lock_merge_groups(incidents: tuple[IncidentRecord, ...], *, session: AsyncSession) -> None:
    """On PostgreSQL, wait for every other transaction storing into these merge groups; held until commit.

    Without it two transactions each find nothing to merge with and each add the incident.
    The locks are taken in ascending order, so two articles sharing groups never hold them
    crosswise. SQLite needs none: the article's INSERT took its one write lock already.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for group in sorted({g for i in incidents if (g := merge_group(i)) is not None}):
        await session.execute(text("SELECT pg_advisory_xact_lock(:group)"), {"group": group})


async def _merge_targets(incidents: Sequence[IncidentRecord], keys: Sequence[tuple[int | None, date | None]],
                         *, session: AsyncSession) -> list[Incident]:
    """Every stored incident one of these may repeat (same type, place, day within the window), by id.

    The article is new, so none of them is its own yet.
    """
    near = [and_(Incident.type == i.type, Incident.place_id == place_id,
                 Incident.day >= day - MERGE_WINDOW, Incident.day <= day + MERGE_WINDOW)
            for i, (place_id, day) in zip(incidents, keys, strict=True) if place_id is not None and day is not None]
    if not near:
        return []
    # the incident's own columns only: a merge updates counts and the perpetrator, never reads the joined rows
    query = select(Incident).options(lazyload("*")).where(or_(*near)).order_by(Incident.id)
    return list((await session.execute(query)).scalars())


def _repeats(incident: IncidentRecord, place_id: int | None, day: date | None, candidates: Sequence[Incident],
             taken: set[int]) -> Incident | None:
    """The first candidate this incident repeats, not one the article already reported."""
    if place_id is None or day is None:
        return None  # without both, "the same incident" would be a guess
    return next((c for c in candidates if c.id not in taken and c.type == incident.type and c.place_id == place_id
                 and c.day is not None and abs(c.day - day) <= MERGE_WINDOW), None)


def _larger(a: int | None, b: int | None) -> int | None:
    # later reports usually carry the risen toll
    return b if a is None else a if b is None else max(a, b)


async def _store_incidents(incidents: Sequence[IncidentRecord], article_id: int, published: date | None, *,
                           session: AsyncSession, now: datetime) -> list[tuple[int, bool]]:
    """Add each incident, or attach the article to the one it repeats; their ids, and True where merged."""
    places, actors = [], []
    for i in incidents:  # in the order they are named, so new rows are numbered as they come
        places.append(await upsert_place(i.place, session=session) if i.place else None)
        actors.append(await upsert_actor(i.perpetrator, session=session) if i.perpetrator else None)
    keys = [(p.id if p else None, event_day(i.date, published)) for i, p in zip(incidents, places, strict=True)]
    candidates = await _merge_targets(incidents, keys, session=session)
    taken: set[int] = set()
    targets: list[Incident | dict[str, Any]] = []
    for incident, (place_id, day), actor in zip(incidents, keys, actors, strict=True):
        target = _repeats(incident, place_id, day, candidates, taken)
        if target is None:
            targets.append(_incident_row(incident, place_id, actor.id if actor else None, day, now))
            continue
        taken.add(target.id)
        target.killed = _larger(target.killed, incident.killed)
        target.injured = _larger(target.injured, incident.injured)
        if target.perpetrator_id is None and actor is not None:
            target.perpetrator_id = actor.id
        targets.append(target)
    new_ids = iter(await _insert_ids(Incident, [t for t in targets if isinstance(t, dict)], session=session))
    reported = [(next(new_ids), False) if isinstance(t, dict) else (t.id, True) for t in targets]
    if reported:
        await session.execute(insert(IncidentSource), [
            {"incident_id": i, "article_id": article_id, "quotes": "\n".join(incident.evidence.quotes)}
            for (i, _), incident in zip(reported, incidents, strict=True)])
    return reported


def _incident_row(incident: IncidentRecord, place_id: int | None, perpetrator_id: int | None, day: date | None,
                  now: datetime) -> dict[str, Any]:
    return {"type": incident.type, "place_id": place_id, "perpetrator_id": perpetrator_id,
            "date_text": incident.date, "day": day, "claimed": incident.claimed, "target_en": incident.target_en,
            "target_ar": incident.target_ar, "killed": incident.killed, "injured": incident.injured,
            "digest_ar": incident.digest.ar, "digest_en": incident.digest.en, "first_seen": now}


def _statement_row(statement: StatementRecord, speaker_id: int, article_id: int, published: date | None,
                   now: datetime) -> dict[str, Any]:
    return {"article_id": article_id, "speaker_id": speaker_id, "acts": " ".join(statement.acts),
            "topics": " ".join(statement.topics), "gist_ar": statement.gist_ar, "date_text": statement.date,
            "day": event_day(statement.date, published), "digest_ar": statement.digest.ar,
            "digest_en": statement.digest.en, "quotes": "\n".join(statement.evidence.quotes), "first_seen": now}
