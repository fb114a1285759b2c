"""Full-text search over incidents and statements, on SQLite (FTS5) and PostgreSQL (tsvector).

Each item has one document in `search_docs`: its digests, names, target, the titles of the
articles that reported it and their supporting sentences, folded by `briefings.normalize`
as extraction folds them. An Arabic word is also indexed without its proclitics and article
("وبالطائرة" -> "طائره"), and a query word is looked up by its barest form as a prefix, so
"طائرات مسيرة", "بطائرة مسيّرة" and "drone attacks" each find the drone attack. Both
databases see the same space-separated words, so they agree on what matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.normalize import clitic_cores, normalize
from storage import models as m
from storage.items import Item
from storage.queries import items_by_keys

PAGE = 5  # results per page: one screen on a phone
MAX_WORDS = 8  # a query is a few words; more only slows the match
MAX_QUERY = 300  # characters of the matching form kept per saved query (SearchQuery.text)
PREFIX_FROM = 3  # a word this long also finds longer words that begin with it ("attack" -> "attacks")
# Endings a query word drops, so the prefix finds singular and plural alike: the sound plurals
# and teh marbuta (folded to heh by normalize).
AR_ENDINGS = ("ات", "ون", "ين", "ه")
INDEX_BATCH = 500  # items indexed per round when filling in what the index lacks
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
Key = tuple[str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    """One page of results, newest first, and where it sits among them."""

    query_id: int
    shown: str  # the query as a user wrote it
    items: list[Item]
    page: int  # 1-based
    pages: int
    total: int


# -- words ---------------------------------------------------------------------------------


def document_words(parts: Iterable[str | None]) -> str:
    """A document's words in the matching form, each Arabic word with its bare forms too."""
    return " ".join(chain.from_iterable(map(_indexed_forms, _WORD.findall(normalize(" ".join(p for p in parts if p))))))


@lru_cache(maxsize=100_000)
def _indexed_forms(word: str) -> tuple[str, ...]:
    # cached: an incident many articles report is indexed again with each batch, its words repeated
    if not _ARABIC.search(word):
        return (word,)
    return (word, *(c for c in clitic_cores(word) if c != word))


def _bare(word: str) -> str:
    """A query word's barest form: an Arabic word without proclitics and ending, an English one without a plural s."""
    if _ARABIC.search(word):
        core = min(clitic_cores(word), key=len, default=word)
        for ending in AR_ENDINGS:
            if core.endswith(ending) and len(core) - len(ending) >= PREFIX_FROM:
                return core[:-len(ending)]  # "طائرات" and "طائرة" both find "طائر…" as a prefix
        return core
    if len(word) > PREFIX_FROM + 1 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]  # "attacks" then finds "attack" and "attacks" as a prefix
    return word


def query_words(query: str) -> list[str]:
    """The words a query must all match: each in its barest form, at most MAX_WORDS."""
    words: dict[str, None] = {}
    for word in _WORD.findall(normalize(query)):
        words.setdefault(_bare(word), None)
    return list(words)[:MAX_WORDS]


def _sqlite_match(words: Sequence[str]) -> str:
    # every word quoted: the words are letters and digits only, so nothing reads as FTS5 syntax
    return " ".join(f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words)


def _pg_tsquery(words: Sequence[str]) -> str:
    return " & ".join(f"{w}:*" if len(w) >= PREFIX_FROM else w for w in words)


# -- the index -----------------------------------------------------------------------------


Doc = dict[str, Any]  # one search_docs row: kind, item_id, happened, first_seen, body


async def _incident_docs(ids: Sequence[int], session: AsyncSession) -> list[Doc]:
    query = (select(m.Incident.id, m.Incident.happened, m.Incident.first_seen, m.Incident.type,
                    m.Incident.digest_ar, m.Incident.digest_en, m.Incident.target_ar, m.Incident.target_en,
                    m.Actor.name_ar, m.Actor.name_en, m.Place.name_ar.label("place_ar"),
                    m.Place.name_en.label("place_en"))
             .outerjoin(m.Actor, m.Actor.id == m.Incident.perpetrator_id)
             .outerjoin(m.Place, m.Place.id == m.Incident.place_id)
             .where(m.Incident.id.in_(ids)))
    reports: dict[int, list[str]] = {}
    for incident_id, title, quotes in (await session.execute(
            select(m.IncidentSource.incident_id, m.Article.title, m.IncidentSource.quotes)
            .join(m.Article, m.Article.id == m.IncidentSource.article_id)
            .where(m.IncidentSource.incident_id.in_(ids)))).all():
        reports.setdefault(incident_id, []).extend((title, quotes))
    return [{"kind": "incident", "item_id": r.id, "happened": r.happened, "first_seen": r.first_seen,
             "body": document_words([r.type.replace("_", " "), r.digest_ar, r.digest_en, r.target_ar, r.target_en,
                                     r.name_ar, r.name_en, r.place_ar, r.place_en, *reports.get(r.id, [])])}
            for r in (await session.execute(query)).all()]


async def _statement_docs(ids: Sequence[int], session: AsyncSession) -> list[Doc]:
    query = (select(m.Statement.id, m.Statement.happened, m.Statement.first_seen, m.Statement.digest_ar,
                    m.Statement.digest_en, m.Statement.gist_ar, m.Statement.topics, m.Statement.quotes,
                    m.Actor.name_ar, m.Actor.name_en, m.Article.title)
             .join(m.Actor, m.Actor.id == m.Statement.speaker_id)
             .join(m.Article, m.Article.id == m.Statement.article_id)
             .where(m.Statement.id.in_(ids)))
    return [{"kind": "statement", "item_id": r.id, "happened": r.happened, "first_seen": r.first_seen,
             "body": document_words([r.digest_ar, r.digest_en, r.gist_ar, r.topics, r.quotes, r.name_ar,
                                     r.name_en, r.title])}
            for r in (await session.execute(query)).all()]


async def index_items(keys: Sequence[Key], *, session: AsyncSession) -> None:
    """Write (or rewrite) the documents of these items: one DELETE, one INSERT.

    On SQLite every row also fires its FTS5 trigger, so the documents go in one executemany.
    """
    ids = {kind: sorted({i for k, i in keys if k == kind}) for kind in ("incident", "statement")}
    if not any(ids.values()):
        return
    await session.execute(delete(m.SearchDoc).where(
        or_(*(and_(m.SearchDoc.kind == kind, m.SearchDoc.item_id.in_(i)) for kind, i in ids.items() if i))))
    docs = [*(await _incident_docs(ids["incident"], session) if ids["incident"] else []),
            *(await _statement_docs(ids["statement"], session) if ids["statement"] else [])]
    if docs:
        await session.execute(insert(m.SearchDoc), docs)


async def index_article(incidents: Iterable[int], statements: Iterable[int], *, session: AsyncSession) -> None:
    """Index what an article just stored or added to: its statements and every incident it reports."""
    await index_items([("incident", i) for i in incidents] + [("statement", i) for i in statements],
                      session=session)


async def _unindexed(session: AsyncSession) -> list[Key]:
    keys: list[Key] = []
    for kind, model in (("incident", m.Incident), ("statement", m.Statement)):
        indexed = select(m.SearchDoc.item_id).where(m.SearchDoc.kind == kind)
        ids = (await session.execute(select(model.id).where(model.id.not_in(indexed)).order_by(model.id)
                                     .limit(INDEX_BATCH))).scalars().all()
        keys.extend((kind, i) for i in ids)
    return keys


async def index_missing(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Index every item the index lacks (those stored before it existed); how many there were."""
    done = 0
    while True:
        async with sessionmaker() as session, session.begin():
            keys = await _unindexed(session)
            await index_items(keys, session=session)
        done += len(keys)
        if not keys:
            return done


# -- searching -----------------------------------------------------------------------------


def _matching(session: AsyncSession, words: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """FROM and WHERE of the documents matching every word, in this database's dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return ("search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH :q",
                {"q": _sqlite_match(words)})
    return ("search_docs d WHERE to_tsvector('simple', d.body) @@ to_tsquery('simple', :q)",
            {"q": _pg_tsquery(words)})


async def _results(words: Sequence[str], page: int, size: int, session: AsyncSession) -> tuple[list[Item], int]:
    source, params = _matching(session, words)
    total = int((await session.execute(text(f"SELECT count(*) FROM {source}"), params)).scalar_one())
    rows = (await session.execute(
        text(f"SELECT d.kind, d.item_id FROM {source} "
             "ORDER BY d.happened DESC, d.first_seen DESC, d.kind, d.item_id DESC LIMIT :limit OFFSET :offset"),
        params | {"limit": size, "offset": (page - 1) * size})).all()
    return await items_by_keys([(str(k), int(i)) for k, i in rows], session=session), total


async def _saved_query(words: str, shown: str, session: AsyncSession) -> m.SearchQuery:
    found = (await session.execute(select(m.SearchQuery).where(m.SearchQuery.text == words))).scalar()
    if found is not None:
        return found
    row = m.SearchQuery(text=words, shown=shown[:MAX_QUERY])
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another chat saved the same words a moment ago
        return (await session.execute(select(m.SearchQuery).where(m.SearchQuery.text == words))).scalar_one()
    return row


async def _page(saved: m.SearchQuery, page: int, size: int, session: AsyncSession) -> SearchPage:
    items, total = await _results(saved.text.split(), page, size, session)
    pages = max(1, -(-total // size))
    if page > pages:  # the button of an older page count: show the last page there is
        return await _page(saved, pages, size, session)
    return SearchPage(query_id=saved.id, shown=saved.shown, items=items, page=page, pages=pages, total=total)


async def search(sessionmaker: async_sessionmaker[AsyncSession], query: str, *, size: int = PAGE) -> SearchPage | None:
    """The first page of items matching every word of `query`, newest first; None when it has no words."""
    words = " ".join(query_words(query))[:MAX_QUERY].strip()
    if not words:
        return None
    async with sessionmaker() as session, session.begin():
        return await _page(await _saved_query(words, query.strip(), session), 1, size, session)


async def search_page(sessionmaker: async_sessionmaker[AsyncSession], query_id: int, page: int, *,
                      size: int = PAGE) -> SearchPage | None:
    """Another page of a saved search; None when no search has that id."""
    async with sessionmaker() as session, session.begin():
        saved = await session.get(m.SearchQuery, query_id)
        return None if saved is None else await _page(saved, page, size, session)
