"""Ingestion from a local news site and the seeds folder into a real database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.model import Article, Briefing, PlaceRef
from storage import models as m
from storage import queries
from storage.catalog import upsert_place
from storage.fetch import Fetcher, FetchLimits
from storage.ingest import IngestService
from storage.search import index_article
from storage.sources import SourceConfig
from tests.fakes.feed_server import BOMB, MALFORMED, FeedServer, Route, atom, huge, rss

Maker = async_sessionmaker[AsyncSession]
LIMITS = FetchLimits(timeout=0.5, deadline=2.0, max_bytes=1_000_000, retries=1, backoff=0.01)


def bare(article: Article) -> Briefing:
    """No extraction: these tests are about what reaches the database, not what is found in it."""
    return Briefing(article=article)


@pytest.fixture
def site() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(LIMITS) as f:
        yield f


def feed_source(site: FeedServer, path: str, name: str = "site", **kw: object) -> SourceConfig:
    return SourceConfig(name=name, kind="feed", url=site.url(path), local=True, **kw)  # type: ignore[arg-type]


async def _stats(maker: Maker) -> dict[str, int]:
    async with maker() as session:
        return await queries.stats(session=session)


async def test_folder_source_stores_each_seed_once(sessionmaker: Maker, fetcher: Fetcher, seeds_dir: Path) -> None:
    service = IngestService(sessionmaker, [SourceConfig(name="seeds", kind="folder", path=seeds_dir)], fetcher,
                            brief=bare)
    first = await service.run_once()
    second = await service.run_once()
    assert (first.new, second.new, second.sources[0].duplicates) == (5, 0, 5)
    assert (await _stats(sessionmaker))["articles"] == 5


async def test_a_folder_manifest_dates_its_articles(sessionmaker: Maker, fetcher: Fetcher, tmp_path: Path,
                                                    seeds_dir: Path) -> None:
    seed = next(seeds_dir.glob("000_*.txt"))
    (tmp_path / "dated.txt").write_bytes(seed.read_bytes())
    (tmp_path / "undated.txt").write_bytes(next(seeds_dir.glob("001_*.txt")).read_bytes())
    (tmp_path / "manifest.json").write_text('{"articles": [{"file": "dated.txt", "published": "2024-01-21"}]}')
    service = IngestService(sessionmaker, [SourceConfig(name="f", kind="folder", path=tmp_path)], fetcher, brief=bare)
    assert (await service.run_once()).new == 2
    async with sessionmaker() as session:
        days = dict((await session.execute(select(m.Article.title, m.Article.published))).all())
    assert sorted(days.values(), key=str) == [date(2024, 1, 21), None]


async def test_feed_first_poll_ingests_second_adds_nothing_new_entry_is_picked_up(
        sessionmaker: Maker, fetcher: Fetcher, site: FeedServer) -> None:
    items = site.add_seeds()
    site.routes["/rss"] = Route(body=rss(site.base, items[:4]), etag='"1"')
    service = IngestService(sessionmaker, [feed_source(site, "/rss")], fetcher, brief=bare)

    assert (await service.run_once()).new == 4
    again = await service.run_once()
    assert again.new == 0 and again.sources[0].not_modified
    assert all(site.hits[p] == 1 for p, _, _ in items[:4])

    site.routes["/rss"] = Route(body=rss(site.base, items), etag='"2"')
    third = await service.run_once()
    assert (third.new, third.sources[0].duplicates) == (1, 4)
    assert all(site.hits[p] == 1 for p, _, _ in items)  # known URLs are not fetched again
    async with sessionmaker() as session:
        [status] = await queries.source_statuses(session=session)
    assert (status.articles, status.error_count, status.last_error) == (5, 0, None)


async def test_entry_date_is_the_publication_date(sessionmaker: Maker, fetcher: Fetcher, site: FeedServer) -> None:
    items = site.add_seeds(day=date(2024, 1, 19))
    site.routes["/atom"] = Route(body=atom(site.base, items[:1]))
    service = IngestService(sessionmaker, [feed_source(site, "/atom")], fetcher, brief=bare)
    await service.run_once()
    from sqlalchemy import select

    from storage.models import Article as ArticleRow
    async with sessionmaker() as session:
        row = (await session.execute(select(ArticleRow))).scalar_one()
    assert row.published == date(2024, 1, 19) and row.url == site.url(items[0][0]) and row.outlet == "site"


async def test_every_failure_is_survived_with_a_reason(sessionmaker: Maker, fetcher: Fetcher, site: FeedServer,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    items = site.add_seeds()
    site.routes["/good"] = Route(body=rss(site.base, items))
    site.routes["/malformed"] = Route(body=MALFORMED)
    site.routes["/bomb"] = Route(body=BOMB)
    site.routes["/huge"] = Route(body=huge(50_000_000))
    site.routes["/slow"] = Route(body=rss(site.base, items), delay=1.0)
    site.routes["/500"] = Route(status=500)
    bad = ["malformed", "bomb", "huge", "slow", "500"]
    sources = [feed_source(site, f"/{n}", name=n) for n in bad] + [feed_source(site, "/good", name="good")]
    sources.append(SourceConfig(name="public-only", kind="feed", url=site.url("/good")))  # not marked local
    service = IngestService(sessionmaker, sources, fetcher, brief=bare)

    with caplog.at_level(logging.INFO, logger="nashra.ingest"):
        report = await service.run_once()

    assert report.new == 5
    assert set(report.failed_sources) == {*bad, "public-only"}
    reasons = {r.getMessage() for r in caplog.records}
    for expected in ("source malformed: malformed feed", "source bomb: refused: feed declares a DOCTYPE",
                     "source huge: body over 1,000,000 bytes", "source slow: timed out after 2 attempts",
                     "source 500: HTTP 500 after 2 attempts", "source public-only: 127.0.0.1 resolves to non-public"):
        assert any(m.startswith(expected) for m in reasons), (expected, reasons)
    assert not any(r.exc_info for r in caplog.records)
    async with sessionmaker() as session:
        statuses = {s.name: s for s in await queries.source_statuses(session=session)}
    assert statuses["good"].articles == 5 and statuses["good"].error_count == 0
    assert statuses["bomb"].error_count == 1 and "DOCTYPE" in (statuses["bomb"].last_error or "")


async def test_a_missing_page_fails_alone(sessionmaker: Maker, fetcher: Fetcher, site: FeedServer,
                                          caplog: pytest.LogCaptureFixture) -> None:
    items = site.add_seeds()
    del site.routes[items[0][0]]
    site.routes["/rss"] = Route(body=rss(site.base, items))
    service = IngestService(sessionmaker, [feed_source(site, "/rss")], fetcher, brief=bare)
    with caplog.at_level(logging.WARNING, logger="nashra.ingest"):
        [report] = (await service.run_once()).sources
    assert (report.ok, report.new, report.failed) == (True, 4, 1)
    assert any("HTTP 404" in r.getMessage() and items[0][0] in r.getMessage() for r in caplog.records)


async def test_a_local_feed_reads_its_own_site_but_no_other_service_on_the_machine(
        sessionmaker: Maker, fetcher: Fetcher, site: FeedServer) -> None:
    items = site.add_seeds()
    with FeedServer() as inside:  # say, an admin console on another port
        inside.routes["/console"] = Route(body=b"<html><body><p>secret</p></body></html>", content_type="text/html")
        site.routes["/rss"] = Route(body=rss(site.base, items[:2]) .replace(
            b"</channel>", f"<item><title>x</title><link>{inside.url('/console')}</link></item></channel>".encode()))
        [report] = (await IngestService(sessionmaker, [feed_source(site, "/rss")], fetcher, brief=bare)
                    .run_once()).sources
        assert inside.hits["/console"] == 0
    assert (report.ok, report.new, report.failed) == (True, 2, 1)


async def test_a_page_list_source(sessionmaker: Maker, fetcher: Fetcher, site: FeedServer) -> None:
    items = site.add_seeds()
    source = SourceConfig(name="pages", kind="pages", urls=tuple(site.url(p) for p, _, _ in items[:2]), local=True)
    service = IngestService(sessionmaker, [source], fetcher, brief=bare)
    first, second = await service.run_once(), await service.run_once()
    assert (first.new, first.failed_sources, second.new, second.failed_sources) == (2, (), 0, ())


async def test_the_same_story_from_two_outlets_is_one_incident(sessionmaker: Maker, fetcher: Fetcher,
                                                               site: FeedServer) -> None:
    from tests.fakes.feed_server import article_page, seed_articles

    _, headline, paragraphs = seed_articles()[4]  # a mortar attack on Ain al-Asad
    site.routes["/a/story.html"] = Route(body=article_page(headline, paragraphs), content_type="text/html")
    retold = [*paragraphs[:-1], "وأكدت مصادر أمنية صحة الخبر."]
    site.routes["/b/story.html"] = Route(body=article_page(headline, retold), content_type="text/html")
    for outlet in ("a", "b"):
        site.routes[f"/{outlet}.rss"] = Route(body=rss(site.base, [(f"/{outlet}/story.html", headline,
                                                                    date(2024, 1, 21))]))
    sources = [feed_source(site, "/a.rss", name="a", outlet="Outlet A"),
               feed_source(site, "/b.rss", name="b", outlet="Outlet B")]
    service = IngestService(sessionmaker, sources, fetcher)
    await service.poll_source(sources[0])
    alone = await _stats(sessionmaker)
    await service.poll_source(sources[1])
    both = await _stats(sessionmaker)
    async with sessionmaker() as session:
        items = await queries.latest_items(session=session, limit=50)
    assert alone["incidents"] > 0 and both["articles"] == 2 and both["incidents"] == alone["incidents"]
    mortar = next(i for i in items if i.type == "mortar_attack")
    assert [s.outlet for s in mortar.sources] == ["Outlet A", "Outlet B"]
    assert mortar.day == date(2024, 1, 21)


LEGACY_HEADLINE = "وزير الكهرباء يعلن خطة لزيادة ساعات التجهيز في بغداد"
LEGACY_STORY = ("أعلن وزير الكهرباء، يوم الأحد، خطة جديدة لزيادة ساعات تجهيز الطاقة في العاصمة خلال الصيف.",
                "وقال الوزير إن الخطة تشمل صيانة ثلاث محطات كبيرة وربطها بالشبكة الوطنية قبل نهاية الشهر؟")
# Most of a real news page is script: the story's legacy bytes are under 1% of the page.
TRACKER = "<script>" + "window.dataLayer.push({event: 'view', slot: 'top'});\n" * 4000 + "</script>"


def legacy_page(encoding: str, *, meta: bool) -> bytes:
    """The story as a page in a pre-Unicode Arabic encoding, naming it in a <meta> tag or not."""
    head = f"<meta charset='{encoding}'>" if meta else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in LEGACY_STORY)
    return (f"<!DOCTYPE html><html lang='ar'><head>{head}<title>{LEGACY_HEADLINE}</title>{TRACKER}</head>"
            f"<body><article><h1>{LEGACY_HEADLINE}</h1>{paragraphs}</article></body></html>").encode(encoding)


@pytest.mark.parametrize(("encoding", "header", "meta"), [
    ("windows-1256", "windows-1256", False), ("windows-1256", None, True), ("windows-1256", None, False),
    ("iso-8859-6", "iso-8859-6", False), ("iso-8859-6", None, True), ("iso-8859-6", None, False)])
async def test_a_legacy_arabic_page_is_stored_readable(sessionmaker: Maker, fetcher: Fetcher, site: FeedServer,
                                                       encoding: str, header: str | None, meta: bool) -> None:
    content_type = "text/html" + (f"; charset={header}" if header else "")
    site.routes["/story.html"] = Route(body=legacy_page(encoding, meta=meta), content_type=content_type)
    source = SourceConfig(name="legacy", kind="pages", urls=(site.url("/story.html"),), local=True)
    report = await IngestService(sessionmaker, [source], fetcher, brief=bare).run_once()
    assert report.new == 1, report
    async with sessionmaker() as session:
        title, text = (await session.execute(select(m.Article.title, m.Article.text))).one()
    assert title == LEGACY_HEADLINE and all(p in text for p in LEGACY_STORY)


@pytest.mark.parametrize("header", ["windows-1256", None])
async def test_a_windows_1256_feed_links_to_arabic_addresses(sessionmaker: Maker, fetcher: Fetcher,
                                                             site: FeedServer, header: str | None) -> None:
    from urllib.parse import quote

    path = "/أخبار/الكهرباء.html"  # an Arabic slug, written raw in the feed as many Arabic sites do
    site.routes[quote(path)] = Route(body=legacy_page("windows-1256", meta=True), content_type="text/html")
    feed = rss(site.base, [(path, LEGACY_HEADLINE, date(2024, 1, 21))]).decode()
    site.routes["/rss"] = Route(body=feed.replace(" encoding='utf-8'", "").encode("windows-1256"),
                                content_type="application/rss+xml" + (f"; charset={header}" if header else ""))
    report = await IngestService(sessionmaker, [feed_source(site, "/rss")], fetcher, brief=bare).run_once()
    assert (report.new, report.failed_sources) == (1, ())
    async with sessionmaker() as session:
        url = (await session.execute(select(m.Article.url))).scalar_one()
    assert url == site.url(quote(path))


async def test_a_page_nested_past_the_parser_limit_is_stored_with_its_story(sessionmaker: Maker, fetcher: Fetcher,
                                                                            site: FeedServer) -> None:
    paragraphs = "".join(f"<p>{p}" for p in LEGACY_STORY)  # never closed, like the 100,000 divs around them
    page = f"<html><head><title>{LEGACY_HEADLINE}</title></head><body>{'<div>' * 100_000}{paragraphs}"
    site.routes["/deep.html"] = Route(body=page.encode(), content_type="text/html; charset=utf-8")
    source = SourceConfig(name="deep", kind="pages", urls=(site.url("/deep.html"),), local=True)
    assert (await IngestService(sessionmaker, [source], fetcher, brief=bare).run_once()).new == 1
    async with sessionmaker() as session:
        title, text = (await session.execute(select(m.Article.title, m.Article.text))).one()
    assert title == LEGACY_HEADLINE and all(p in text for p in LEGACY_STORY)


EVENTS = 24  # distinct events, each told by every outlet
OUTLETS = ("a", "b", "c")


def _town(n: int) -> PlaceRef:
    return PlaceRef(id=f"town_{n}", name_en=f"Town {n}", name_ar=f"البلدة {n}", kind="town")


def _one_event(art: Article) -> Briefing:
    """Article `event-N` of any outlet reports event N: a drone attack on town N on one day."""
    from tests.storage.factories import incident

    return Briefing(article=art, incidents=(incident(place=_town(int(art.key.removeprefix("event-")
                                                                       .removesuffix(".txt")))),))


async def test_ingestors_at_once_merge_each_event_into_one_incident(migrated_url: str, fetcher: Fetcher,
                                                                    tmp_path: Path) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time; PostgreSQL's concurrent writers are the case")
    from sqlalchemy import func

    from storage.db import make_engine, make_sessionmaker

    sources = []
    for outlet in OUTLETS:
        folder = tmp_path / outlet
        folder.mkdir()
        for n in range(EVENTS):
            (folder / f"event-{n}.txt").write_text(f"هجوم على البلدة {n}\nرواية {outlet} لهجوم البلدة {n}.\n",
                                                   encoding="utf-8")
        sources.append(SourceConfig(name=outlet, kind="folder", path=folder))
    # three processes' worth of engines, each polling every outlet at once, in its own order
    engines = [make_engine(migrated_url) for _ in OUTLETS]
    try:
        services = [IngestService(make_sessionmaker(engine), sources[i:] + sources[:i], fetcher, brief=_one_event,
                                  concurrency=len(sources)) for i, engine in enumerate(engines)]
        await services[0].sync_sources()
        async with services[0].sessionmaker() as session, session.begin():  # the gazetteer knows every town
            for n in range(EVENTS):
                await upsert_place(_town(n), session=session)
        reports = await asyncio.gather(*(s.run_once() for s in services))
        async with make_sessionmaker(engines[0])() as session:
            per_event = (await session.execute(select(m.Incident.place_id, func.count())
                                               .group_by(m.Incident.place_id))).all()
            links = (await session.execute(select(func.count()).select_from(m.IncidentSource))).scalar_one()
    finally:
        for engine in engines:
            await engine.dispose()
    assert all(r.failed_sources == () for r in reports)
    assert sum(r.new for r in reports) == EVENTS * len(OUTLETS)
    duplicated = [place for place, count in per_event if count > 1]
    assert (len(per_event), duplicated) == (EVENTS, [])
    assert links == EVENTS * len(OUTLETS)  # every outlet's report is attached to its event


WADI = PlaceRef(id=None, name_en="Wadi Qasab", name_ar="وادي القصب", kind="valley")  # in no gazetteer


def _broken_tenth(art: Article) -> Briefing:
    """Report 10 makes the store fail after it added its new place; reports 11-19 name that place too."""
    from dataclasses import replace

    from tests.storage.factories import incident

    n = int(art.key.removeprefix("report-").removesuffix(".txt"))
    if n == 10:
        return Briefing(article=art, incidents=(replace(incident(place=WADI), digest=None),))  # type: ignore[arg-type]
    return Briefing(article=art, incidents=(incident(place=WADI),) if n > 10 else ())


async def test_an_article_the_store_fails_on_costs_only_itself(sessionmaker: Maker, fetcher: Fetcher,
                                                                tmp_path: Path) -> None:
    for n in range(20):
        (tmp_path / f"report-{n:02d}.txt").write_text(f"خبر رقم {n}\nسقطت قذيفة قرب الوادي في الصباح رقم {n}.\n",
                                                       encoding="utf-8")
    service = IngestService(sessionmaker, [SourceConfig(name="valley", kind="folder", path=tmp_path)], fetcher,
                            brief=_broken_tenth)
    [first] = (await service.run_once()).sources
    async with sessionmaker() as session:
        places = (await session.execute(select(m.Place.id).where(m.Place.name_en == WADI.name_en))).scalars().all()
        incidents = (await session.execute(select(m.Incident.place_id))).scalars().all()
        links = (await session.execute(select(m.IncidentSource.article_id))).scalars().all()
    assert (first.ok, first.new, first.failed) == (True, 19, 1)
    assert len(places) == 1 and incidents == places and len(links) == 9  # nine reports, one incident, one place
    # not marked seen: the next poll tries it again (and, merging into the stored incident, stores it)
    [again] = (await service.run_once()).sources
    assert (again.ok, again.new, again.duplicates, again.failed) == (True, 1, 19, 0)


async def test_a_bug_reading_one_article_stops_the_source_after_storing_those_before_it(
        sessionmaker: Maker, fetcher: Fetcher, tmp_path: Path) -> None:
    from briefings.load import load

    def load_but_the_third(raw: bytes, **kw: object) -> Article:
        if kw["key"] == "note-3.txt":
            raise RuntimeError("a loader bug")
        return load(raw, **kw)  # type: ignore[arg-type]

    for n in range(1, 6):
        (tmp_path / f"note-{n}.txt").write_text(f"ملاحظة {n}\nهبت رياح قوية على السهل في اليوم {n}.\n",
                                                 encoding="utf-8")
    service = IngestService(sessionmaker, [SourceConfig(name="plain", kind="folder", path=tmp_path)], fetcher,
                            load=load_but_the_third, brief=bare)
    [report] = (await service.run_once()).sources
    assert (report.error, report.new) == ("internal error (RuntimeError)", 2)


async def test_a_poll_stopped_at_its_deadline_ends_at_once_and_the_next_stores_the_rest(
        sessionmaker: Maker, fetcher: Fetcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.ingest

    monkeypatch.setattr(storage.ingest, "STORE_BATCH", 1)  # briefing then waits for the store at once
    for n in range(200):
        (tmp_path / f"gust-{n:03d}.txt").write_text(f"نشرة الطقس {n}\nعاصفة رملية تضرب المدينة في الساعة {n}.\n",
                                                    encoding="utf-8")
    source = SourceConfig(name="weather", kind="folder", path=tmp_path)
    hurried = IngestService(sessionmaker, [source], fetcher, brief=bare, deadline=0.5)
    [stopped] = (await asyncio.wait_for(hurried.run_once(), timeout=10)).sources
    [rest] = (await IngestService(sessionmaker, [source], fetcher, brief=bare).run_once()).sources
    assert stopped.error is not None and stopped.error.startswith("stopped after")
    assert (stopped.new + rest.new, rest.duplicates, rest.ok) == (200, stopped.new, True)
    assert stopped.new > 0  # stopped in the middle, not before the first


async def test_a_batch_being_stored_when_the_deadline_comes_is_stored_and_counted(
        sessionmaker: Maker, fetcher: Fetcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.ingest

    async def slow_index(*args: object, **kwargs: object) -> None:  # a database slow to answer mid-commit
        await asyncio.sleep(1.5)  # from well inside the deadline to well past it
        await index_article(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.ingest, "index_article", slow_index)
    for n in range(3):
        (tmp_path / f"tide-{n}.txt").write_text(f"نشرة البحر {n}\nارتفع المد على الساحل في الساعة {n}.\n",
                                                encoding="utf-8")
    source = SourceConfig(name="sea", kind="folder", path=tmp_path)
    [stopped] = (await IngestService(sessionmaker, [source], fetcher, brief=bare, deadline=1.0).run_once()).sources
    monkeypatch.setattr(storage.ingest, "index_article", index_article)
    [rest] = (await IngestService(sessionmaker, [source], fetcher, brief=bare).run_once()).sources
    assert stopped.error == f"stopped after 1 s with {stopped.new} new stored"
    assert stopped.new > 0  # the batch under way when the deadline came
    assert (stopped.new + rest.new, rest.duplicates) == (3, stopped.new)
