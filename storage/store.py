"""Storing what one article yields: de-duplicated, merged across outlets, in the caller's transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urldefrag

import courlan
from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.model import Briefing
from briefings.model import Incident as IncidentRecord
from briefings.model import Statement as StatementRecord
from briefings.normalize import normalize
from storage.catalog import ref_key, upsert_actor, upsert_place
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
    """The stored article with this canonical URL, else this content hash."""
    if url is not None:
        found = (await session.execute(select(Article.id).where(Article.url == url))).scalar_one_or_none()
        if found is not None:
            return found, "url"
    by_hash = select(Article.id).where(Article.content_hash == digest)
    found = (await session.execute(by_hash)).scalar_one_or_none()
    return (found, "hash") if found is not None else None


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
    """The id of a source by name, creating a bare row for one not in the configuration."""
    found = (await session.execute(select(Source.id).where(Source.name == name))).scalar_one_or_none()
    if found is not None:
        return found
    row = Source(name=name, kind="manual", interval_seconds=0, error_count=0)
    session.add(row)
    await session.flush()
    return row.id


async def store_briefing(briefing: Briefing, *, session: AsyncSession, source_name: str,
                         now: datetime | None = None, index: bool = True) -> StoreResult:
    """Write one article and its incidents and statements, unless it is already stored.

    Runs inside the caller's transaction (or a savepoint of it), so a crash leaves nothing
    half-written. With `index=False` the caller indexes the result's items (once for a batch).
    """
    now = now or datetime.now(UTC)
    art = briefing.article
    url, digest = canonical_url(art.url), content_hash(art.title, art.paragraphs)
    # first: another worker storing the same story then commits before this one looks for it
    await _lock_merge_groups(briefing.incidents, session=session)
    duplicate = await find_duplicate(url, digest, session=session)
    if duplicate is not None:
        return StoreResult(article_id=None, duplicate_of=duplicate[0], duplicate_by=duplicate[1])
    row = Article(source_id=await source_id(source_name, session=session), key=art.key, url=url,
                  outlet=art.source or source_name, title=art.title, published=art.published, fetched=now,
                  language="ar", text="\n\n".join(art.paragraphs), content_hash=digest)
    session.add(row)
    await session.flush()
    reported = [await _store_incident(incident, row, session=session, now=now) for incident in briefing.incidents]
    merged = sum(was_merged for _, was_merged in reported)
    said = [await _store_statement(statement, row, session=session, now=now) for statement in briefing.statements]
    await session.flush()
    incident_ids, statement_ids = tuple(i for i, _ in reported), tuple(s.id for s in said)
    if index:
        await index_article(incident_ids, statement_ids, session=session)
    return StoreResult(article_id=row.id, incidents_new=len(reported) - merged, incidents_merged=merged,
                       statements=len(briefing.statements), incident_ids=incident_ids,
                       statement_ids=statement_ids)


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


async def _merge_target(incident: IncidentRecord, place_id: int | None, day: date | None, article_id: int,
                        *, session: AsyncSession) -> Incident | None:
    """An incident another article already reported: same type, place and day within the window."""
    if place_id is None or day is None:
        return None  # without both, "the same incident" would be a guess
    reported_here = select(IncidentSource.incident_id).where(IncidentSource.article_id == article_id)
    query = (select(Incident)
             .where(Incident.type == incident.type, Incident.place_id == place_id,
                    Incident.day >= day - MERGE_WINDOW, Incident.day <= day + MERGE_WINDOW,
                    Incident.id.not_in(reported_here))
             .order_by(Incident.id).limit(1))
    return (await session.execute(query)).unique().scalar_one_or_none()


def _larger(a: int | None, b: int | None) -> int | None:
    # later reports usually carry the risen toll
    return b if a is None else a if b is None else max(a, b)


async def _store_incident(incident: IncidentRecord, article: Article, *, session: AsyncSession,
                          now: datetime) -> tuple[int, bool]:
    """Add the incident, or attach the article to the one it repeats; its id, and True when merged."""
    place = await upsert_place(incident.place, session=session) if incident.place else None
    actor = await upsert_actor(incident.perpetrator, session=session) if incident.perpetrator else None
    day = event_day(incident.date, article.published)
    target = await _merge_target(incident, place.id if place else None, day, article.id, session=session)
    if target is None:
        target = Incident(type=incident.type, place_id=place.id if place else None,
                          perpetrator_id=actor.id if actor else None, date_text=incident.date, day=day,
                          claimed=incident.claimed, target_en=incident.target_en,
                          target_ar=incident.target_ar,
                          killed=incident.killed, injured=incident.injured, digest_ar=incident.digest.ar,
                          digest_en=incident.digest.en, first_seen=now)
        session.add(target)
        await session.flush()
        merged = False
    else:
        target.killed = _larger(target.killed, incident.killed)
        target.injured = _larger(target.injured, incident.injured)
        if target.perpetrator_id is None and actor is not None:
            target.perpetrator_id = actor.id
        merged = True
    session.add(IncidentSource(incident_id=target.id, article_id=article.id,
                               quotes="\n".join(incident.evidence.quotes)))
    return target.id, merged


async def _store_statement(statement: StatementRecord, article: Article, *, session: AsyncSession,
                           now: datetime) -> Statement:
    speaker = await upsert_actor(statement.speaker, session=session)
    row = Statement(article_id=article.id, speaker_id=speaker.id, acts=" ".join(statement.acts),
                    topics=" ".join(statement.topics), gist_ar=statement.gist_ar,
                    date_text=statement.date, day=event_day(statement.date, article.published),
                    digest_ar=statement.digest.ar, digest_en=statement.digest.en,
                    quotes="\n".join(statement.evidence.quotes), first_seen=now)
    session.add(row)
    return row
