"""Actors and places: one row per gazetteer id or unknown name, aliases for lookup, fuzzy search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.model import ActorRef, PlaceRef
from briefings.normalize import normalize
from storage.models import Actor, ActorAlias, Place, PlaceAlias, Source

# Proclitics a user may glue to a name ("بالسوداني", "وللحكومة"). Hand-written because
# camel-tools' morphological analyser needs a database this project does not ship; the
# list is the small closed class of Arabic prefixes that attach to nouns. Longest first.
CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")

# A fuzzy score at or above this is "found"; below it only a "did you mean". Calibrated by
# hand on the seeds' actors: one-letter typos and dropped ال score 85-95, unrelated names < 70.
FOUND_SCORE = 80.0
SUGGEST_SCORE = 55.0


def gazetteer_key(ident: str) -> str:
    """Row key of a gazetteer entry."""
    return f"gaz:{ident}"


def gazetteer_ident(key: str | None) -> str | None:
    """The gazetteer id inside a row key, or None for a place or actor the gazetteer lacks."""
    return key.removeprefix("gaz:") if key and key.startswith("gaz:") else None


def name_key(name_ar: str) -> str:
    """Row key of an actor or place the gazetteer lacks: its normalized Arabic name."""
    return f"name:{normalize(name_ar)}"


def ref_key(ref: ActorRef | PlaceRef) -> str:
    """Row key for a reference as the pipeline yields it."""
    return gazetteer_key(ref.id) if ref.id else name_key(ref.name_ar)


def query_variants(query: str) -> tuple[str, ...]:
    """The normalized query as given and with one leading proclitic removed."""
    q = normalize(query)
    out = [q]
    for clitic in CLITICS:
        rest = q[len(clitic):]
        if q.startswith(clitic) and len(rest) >= 2:
            out.append(rest)
            if clitic.endswith("ال") or clitic == "لل":
                out.append("ال" + rest)  # "بالسوداني" -> "السوداني" as well as "سوداني"
    return tuple(dict.fromkeys(out))


def _aliases(names: Iterable[str | None]) -> dict[str, str]:
    """Normalized form -> first spelling, skipping blanks."""
    out: dict[str, str] = {}
    for name in names:
        if name and (norm := normalize(name)):
            out.setdefault(norm, name)
    return out


def _entries(table: Any) -> Iterable[Any]:
    return table.values() if isinstance(table, Mapping) else table


# -- writing -------------------------------------------------------------------------------


async def upsert_actor(ref: ActorRef, *, session: AsyncSession) -> Actor:
    """The actor row for a reference, created with its names as aliases on first sight."""
    return await _upsert(Actor, ActorAlias, "actor_id", ref, session,
                         {"role_en": ref.role_en, "role_ar": ref.role_ar})


async def upsert_place(ref: PlaceRef, *, session: AsyncSession) -> Place:
    """The place row for a reference, created with its names as aliases on first sight."""
    return await _upsert(Place, PlaceAlias, "place_id", ref, session, {"lat": ref.lat, "lon": ref.lon})


def transaction_rows(model: Any, *, session: AsyncSession) -> dict[str, Any]:
    """Rows of `model` looked up in this transaction, by key; empty in a new one.

    An article names the same actor in several records, and a batch the same source in every
    article: remember them for this transaction only, as a rolled-back one's new rows are gone.
    """
    transaction = session.get_transaction()
    cached = session.info.get(model.__tablename__)
    if cached is None or cached[0] is not transaction:
        cached = session.info[model.__tablename__] = (transaction, {})
    seen: dict[str, Any] = cached[1]
    return seen


def forget_rows(*, session: AsyncSession) -> None:
    """Drop the rows remembered for this transaction: after a savepoint's rollback some are gone."""
    for model in (Actor, Place, Source):
        session.info.pop(model.__tablename__, None)


async def _upsert(model: Any, alias_model: Any, owner: str, ref: ActorRef | PlaceRef, session: AsyncSession,
                  extra: dict[str, Any]) -> Any:
    seen = transaction_rows(model, session=session)
    key = ref_key(ref)
    if key in seen:
        return seen[key]
    row = (await session.execute(select(model).where(model.key == key))).unique().scalar_one_or_none()
    if row is None:
        row = model(key=key, name_en=ref.name_en, name_ar=ref.name_ar, kind=ref.kind, **extra)
        session.add(row)
        await session.flush()
        for norm, alias in _aliases([ref.name_ar, ref.name_en]).items():
            session.add(alias_model(**{owner: row.id, "alias": alias, "norm": norm}))
    seen[key] = row
    return row


async def seed_gazetteer(gazetteer: Any, *, session: AsyncSession) -> int:
    """Add every gazetteer actor and place with all its aliases; idempotent. Returns rows added.

    Bulk by design: it runs at every start over ~1,000 entries, so it reads what is stored in
    two queries per table rather than one per entry.
    """
    added = await _seed(Actor, ActorAlias, "actor_id", _entries(gazetteer.actors), session,
                        lambda a: {"role_en": a.role_en, "role_ar": a.role_ar})
    return added + await _seed(Place, PlaceAlias, "place_id", _entries(gazetteer.places), session,
                               lambda p: {"lat": p.lat, "lon": p.lon})


async def _seed(model: Any, alias_model: Any, owner: str, entries: Iterable[Any], session: AsyncSession,
                extra: Any) -> int:
    entries = list(entries)
    ids: dict[str, int] = {k: i for k, i in (await session.execute(select(model.key, model.id))).all()}
    fresh = [e for e in entries if gazetteer_key(e.id) not in ids]
    for e in fresh:
        session.add(model(key=gazetteer_key(e.id), name_en=e.name_en, name_ar=e.name_ar, kind=e.kind,
                          **extra(e)))
    await session.flush()
    ids = {k: i for k, i in (await session.execute(select(model.key, model.id))).all()}
    stored = select(getattr(alias_model, owner), alias_model.norm)
    have: set[tuple[int, str]] = {(o, n) for o, n in (await session.execute(stored)).all()}
    for e in entries:  # old entries too: the data files may have gained aliases
        owner_id = ids[gazetteer_key(e.id)]
        for norm, alias in _aliases([e.name_ar, e.name_en, *e.aliases_ar, *e.aliases_en]).items():
            if (owner_id, norm) not in have:
                have.add((owner_id, norm))
                session.add(alias_model(**{owner: owner_id, "alias": alias, "norm": norm}))
    await session.flush()
    return len(fresh)


# -- fuzzy search --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _AliasIndex:
    fingerprint: tuple[int, int]
    norms: tuple[str, ...]
    owners: tuple[int, ...]


# One index per database and alias table. The fingerprint (row count, newest id) is read
# on every search: one indexed query that notices aliases added by any process.
_CACHE: dict[tuple[str, str], _AliasIndex] = {}


async def _index(model: Any, owner: str, session: AsyncSession) -> _AliasIndex:
    fingerprint_row = (await session.execute(select(func.count(), func.max(model.id)))).one()
    fingerprint = (int(fingerprint_row[0]), int(fingerprint_row[1] or 0))
    bind = session.get_bind()
    schema = (await session.connection()).dialect.default_schema_name or ""  # schemas share one URL
    cache_key = (f"{bind.engine.url.render_as_string(hide_password=True)}#{schema}", model.__tablename__)
    cached = _CACHE.get(cache_key)
    if cached and cached.fingerprint == fingerprint:
        return cached
    rows = (await session.execute(select(model.norm, getattr(model, owner)))).all()
    index = _AliasIndex(fingerprint=fingerprint, norms=tuple(r[0] for r in rows),
                        owners=tuple(r[1] for r in rows))
    _CACHE[cache_key] = index
    return index


def _score(variant: str, alias: str) -> float:
    """Whole-name similarity, with a name given in part ("السوداني") close behind."""
    if variant == alias:
        return 100.0
    whole = fuzz.ratio(variant, alias)
    part = fuzz.token_set_ratio(variant, alias) * 0.95 if len(variant) >= 4 else 0.0
    return max(whole, part)


def rank(query: str, norms: tuple[str, ...], owners: tuple[int, ...], limit: int,
         cutoff: float) -> list[tuple[int, float]]:
    """Owner ids whose best alias scores at least `cutoff` against any query variant, best first."""
    best: dict[int, float] = {}
    for variant in query_variants(query):
        if not variant:
            continue
        hits = process.extract(variant, norms, scorer=_score_proc, score_cutoff=cutoff, limit=None)
        for _alias, score, i in hits:
            owner = owners[i]
            best[owner] = max(best.get(owner, 0.0), float(score))
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _score_proc(a: str, b: str, **_: Any) -> float:
    return _score(a, b)


async def _ranked(model: Any, alias_model: Any, owner: str, name: str, *, session: AsyncSession, limit: int,
                  cutoff: float) -> list[tuple[Any, float]]:
    index = await _index(alias_model, owner, session)
    ranked = rank(name, index.norms, index.owners, limit, cutoff)
    rows = {r.id: r for r in (await session.execute(
        select(model).where(model.id.in_([i for i, _ in ranked])))).scalars()}
    return [(rows[i], score) for i, score in ranked if i in rows]


async def ranked_actors(name: str, *, session: AsyncSession, limit: int,
                        cutoff: float) -> list[tuple[Actor, float]]:
    """Actor rows matching a name in any spelling, best first."""
    return await _ranked(Actor, ActorAlias, "actor_id", name, session=session, limit=limit, cutoff=cutoff)


async def ranked_places(name: str, *, session: AsyncSession, limit: int,
                        cutoff: float) -> list[tuple[Place, float]]:
    """Place rows matching a name in any spelling, best first."""
    return await _ranked(Place, PlaceAlias, "place_id", name, session=session, limit=limit, cutoff=cutoff)
