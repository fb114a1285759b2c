"""Who and where each sentence names: gazetteer hits resolved in the article's context.

Resolution rules, in order: a title or office followed by a name names that person; an
office alone names its holder on the publication day (not when marked "former"); a
surname alone names a person the article has already named in full; a title followed by
unknown name-like words introduces a new person; "the Iranian official" points back to
the last person of that nationality; a compass word before a place composes a region.
A headline's surnames are read against the names its body spells out.

Each known person gets one record per article, with one role: the office held on the
publication day, else "former" the office last left before it, else the title the article
put before the name, else the gazetteer's role unless the person's offices all began later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from briefings.gazetteer import Gazetteer, Mention, Office
from briefings.model import ActorRef, PlaceRef, Sentence
from briefings.names import Found, find_acronyms, find_organisations, find_people, person_after_title
from briefings.normalize import clitic_cores, core, norm_token, normalize, word_matches
from briefings.transliterate import transliterate, transliterate_word

FORMER = frozenset(core(normalize(w)) for w in ("السابق", "الأسبق", "السابقة", "الأسبقة", "سابق"))
# Definite role nouns that, followed by a nationality, point back to a person ("المسؤول الإيراني").
ANAPHOR_ROLES = frozenset(core(normalize(w)) for w in (
    "المسؤول", "الوزير", "المتحدث", "الرئيس", "السفير", "السفيرة", "المبعوث", "القيادي", "الزعيم",
    "الجنرال", "القائد", "الدبلوماسي", "المسؤولة", "الوزيرة",
))
_GROUP = re.Match.group
_START = re.Match.start
_MAX_NAME_WORDS = 3
_MAX_SKIP = 5  # words between a title and the name it introduces ("المحلل السياسي والأمني العراقي")


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorSpan:
    """Words [start, end) of a sentence name this actor."""

    start: int
    end: int
    actor: ActorRef
    country: str | None = None
    via: str = "name"  # name | surname | office | title | anaphor | unknown
    proclitic: bool = False  # "بالمالكي", "لإيران": governed by an attached preposition
    role_en: str | None = None  # the title the article put before this name, if any
    role_ar: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceSpan:
    """Words [start, end) of a sentence name this place; `base` is the gazetteer id it rests on."""

    start: int
    end: int
    place: PlaceRef
    base: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Parsed:
    """A sentence with its words and what they name."""

    sentence: Sentence
    words: tuple[str, ...]  # display tokens
    norms: tuple[str, ...]  # matching tokens
    actors: tuple[ActorSpan, ...]
    places: tuple[PlaceSpan, ...]
    nationalities: tuple[tuple[int, int, str], ...]  # (start, end, country code)
    offsets: tuple[int, ...]  # character offset of each word in sentence.text


@dataclass(slots=True)
class _Context:
    """What the article has established so far (mutable only inside `parse_article`)."""

    surnames: dict[str, ActorSpan]
    last_by_country: dict[str, ActorSpan]
    groups: dict[str, ActorSpan]  # a group's or body's class noun ("المقاومه", "المرصد") -> the last one named with it
    unknown: dict[str, ActorRef]
    refs: dict[str, ActorRef]  # one record per known actor in the article, before roles are settled


def parse_article(sentences: Sequence[Sentence], gaz: Gazetteer, *, published: date | None) -> tuple[Parsed, ...]:
    """Every sentence parsed, persons carried from sentence to sentence, one role per person."""
    ctx = _Context(surnames={}, last_by_country={}, groups={}, unknown={}, refs={})
    parsed = [_parse(s, gaz, published, ctx) for s in sentences]
    if parsed and parsed[0].sentence.paragraph == -1 and ctx.surnames:
        parsed[0] = _headline_surnames(parsed[0], gaz, ctx)
    refs = _article_refs(parsed, gaz, published)
    return tuple(_with_refs(p, refs) for p in parsed)


def _parse(sentence: Sentence, gaz: Gazetteer, published: date | None, ctx: _Context) -> Parsed:
    matches = word_matches(sentence.text)
    words = tuple(map(_GROUP, matches))
    norms = tuple(map(norm_token, words))
    mentions = gaz.scan(norms)
    actors: list[ActorSpan] = []
    places: list[PlaceSpan] = []
    nats: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    hints: dict[int, tuple[str, str]] = {}  # start of a person's name -> the title before it
    for k, m in enumerate(mentions):
        if m.start in covered:
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if m.tag == "actor":
            entry = gaz.actor(m.id)
            if _other_nation(entry.country, nxt, m.end):
                continue  # "جيش الاحتلال الأمريكي": the alias with another country's adjective is that country's
            hint = hints.get(m.start)
            ref = ctx.refs.get(m.id) or ctx.refs.setdefault(m.id, entry.ref())
            actors.append(ActorSpan(start=m.start, end=m.end, actor=ref, country=entry.country,
                                    proclitic=m.proclitic, role_en=hint[0] if hint else None,
                                    role_ar=hint[1] if hint else None))
            place = m.sense("place")
            if place and not _metonym(gaz, entry.kind, entry.country, place):
                places.append(_place_span(gaz, m.start, m.end, place))
        elif m.tag == "place":
            places.append(_place_span(gaz, m.start, m.end, m.id))
        elif m.tag == "nationality":
            nats.append((m.start, m.end, m.id))
            anaphor = _anaphor(norms, m, ctx)
            if anaphor:
                actors.append(anaphor)
        elif m.tag == "direction" and nxt and nxt.sense("place") and nxt.start == m.end:
            places.append(_composed(gaz, m, nxt, words))
            covered.add(nxt.start)
        elif m.tag == "title" and gaz.titles[m.id].ar.startswith("ال") and not _definite(norms[m.start]):
            continue  # "فريق أوباما" is Obama's team; the rank is "الفريق"
        elif m.tag in ("office", "title"):
            person = next((n for n in mentions[k + 1:k + 4] if n.tag == "actor"
                           and gaz.actor(n.id).kind == "person"), None)
            span = _titled(gaz, m, person, words, norms, published, ctx, hints)
            if span and any(a.start == span.start and a.end == span.end for a in actors):
                continue  # "المتحدث باسم التحالف الكولونيل X": two titles before one name
            if span:
                actors.append(span)
                if span.via != "name" and nxt and nxt.start < span.end:
                    covered.add(nxt.start)
    if ctx.surnames or gaz.surnames:
        actors += _surnames(norms, mentions, actors, ctx, gaz)
    actors += _unlisted(words, norms, mentions, actors, places, gaz, ctx)
    actors += _group_anaphors(norms, mentions, actors, gaz, ctx)
    actors.sort(key=lambda a: a.start)
    named = {k for a in actors if a.via in ("unknown", "surname") and a.actor.kind == "person"
             for k in range(a.start, a.end)}
    nats = [n for n in nats if n[0] not in named]  # "أحمد المصري": the nisba is his name, no nationality
    for a in actors:
        _remember(a, ctx)
    offsets = tuple(map(_START, matches))
    return Parsed(sentence=sentence, words=words, norms=norms, actors=tuple(actors),
                  places=tuple(places), nationalities=tuple(nats), offsets=offsets)


def _other_nation(country: str | None, nxt: Mention | None, end: int) -> bool:
    """A nationality right after an actor's name that is not the actor's own country."""
    return bool(country) and nxt is not None and nxt.tag == "nationality" and nxt.start == end \
        and nxt.id.upper() != (country or "").upper()


def _headline_surnames(p: Parsed, gaz: Gazetteer, ctx: _Context) -> Parsed:
    """"السوداني وبزشكيان يبحثان": headlines use surnames the body spells out only later."""
    extra = _surnames(p.norms, gaz.scan(p.norms), p.actors, ctx, gaz)
    if not extra:
        return p
    return replace(p, actors=tuple(sorted((*p.actors, *extra), key=lambda a: a.start)))


# ---- one role per person, right for the publication day ------------------------------


def _article_refs(parsed: Sequence[Parsed], gaz: Gazetteer, published: date | None) -> dict[str, ActorRef]:
    """Each known person's record for this article: the role held that day, else the article's title."""
    hints: dict[str, tuple[str, str]] = {}
    seen: dict[str, ActorRef] = {}
    for p in parsed:
        for a in p.actors:
            if a.actor.id and a.actor.kind == "person":
                seen.setdefault(a.actor.id, a.actor)
                if a.role_en and a.role_ar:
                    hints.setdefault(a.actor.id, (a.role_en, a.role_ar))
    out: dict[str, ActorRef] = {}
    for ident, ref in seen.items():
        role = _dated_role(gaz, ident, published) or hints.get(ident) or _stored_role(gaz, ident, published)
        en, ar = role if role else (None, None)
        out[ident] = ref if (ref.role_en, ref.role_ar) == (en, ar) else replace(ref, role_en=en, role_ar=ar)
    return out


def _with_refs(p: Parsed, refs: dict[str, ActorRef]) -> Parsed:
    if all(refs.get(a.actor.id or "", a.actor) is a.actor for a in p.actors):
        return p
    actors = tuple(replace(a, actor=refs[a.actor.id]) if a.actor.id in refs else a for a in p.actors)
    return replace(p, actors=actors)


@cache
def _terms(gaz: Gazetteer) -> dict[str, tuple[tuple[Office, date, date | None], ...]]:
    """Actor id -> every office term the gazetteer records for them, in file order."""
    out: dict[str, list[tuple[Office, date, date | None]]] = {}
    for office in gaz.offices.values():
        for actor, start, end in office.holders:
            out.setdefault(actor, []).append((office, start, end))
    return {k: tuple(v) for k, v in out.items()}


def _dated_role(gaz: Gazetteer, ident: str, day: date | None) -> tuple[str, str] | None:
    """The office held on the day, or "former" the last one left before it."""
    terms = _terms(gaz).get(ident)
    if not terms or day is None:
        return None
    held = [o for o, start, end in terms if start <= day and (end is None or day < end)]
    if held:
        return held[0].name_en, held[0].name_ar
    left = [(end, start, o) for o, start, end in terms if end is not None and end <= day]
    if left:  # the office left last; of two left on one day, the one taken last
        office = max(left, key=lambda t: t[:2])[2]
        return f"former {office.name_en}", f"{office.name_ar} السابق"
    return None


def _stored_role(gaz: Gazetteer, ident: str, day: date | None) -> tuple[str, str] | None:
    """The gazetteer's role, unless the person's recorded offices all begin after the day."""
    entry = gaz.actor(ident)
    terms = _terms(gaz).get(ident)
    if terms and day is not None and all(start > day for _, start, _ in terms):
        return None  # today's role would be wrong for an article from before it began
    if not entry.role_en or not entry.role_ar:
        return None
    return _first_part(entry.role_en), _first_part(entry.role_ar)


_PAREN = re.compile(r"\s*\([^)]*\)")


def _first_part(role: str) -> str:
    """"leader of X, former Y (pen name)" -> "leader of X": one role reads cleanly in a line."""
    return _PAREN.sub("", role).split(",")[0].split("،")[0].strip()


def _metonym(gaz: Gazetteer, kind: str, country: str | None, place: str) -> bool:
    """"واشنطن" read as the US government: a country actor named by a city is no place."""
    own = gaz.country_place(country)
    return kind == "country" and own is not None and own.id != place


def _place_span(gaz: Gazetteer, start: int, end: int, ident: str) -> PlaceSpan:
    return PlaceSpan(start=start, end=end, place=gaz.place(ident).ref(), base=ident)


def _composed(gaz: Gazetteer, d: Mention, p: Mention, words: Sequence[str]) -> PlaceSpan:
    """"غرب العراق" -> western Iraq; "جنوب بغداد" -> south of Baghdad."""
    direction = gaz.directions[d.id]
    entry = gaz.place(p.sense("place") or p.id)
    wide = entry.kind in ("country", "region", "governorate")
    en = f"{direction.en_region} {entry.name_en}" if wide else f"{direction.en_of} {entry.name_en}"
    ar = " ".join(words[d.start:d.end]) + " " + entry.name_ar
    ref = PlaceRef(id=None, name_en=en, name_ar=ar, kind="region" if wide else "area",
                   lat=entry.lat, lon=entry.lon)
    return PlaceSpan(start=d.start, end=p.end, place=ref, base=entry.id)


def _titled(gaz: Gazetteer, m: Mention, person: Mention | None, words: Sequence[str], norms: Sequence[str],
            published: date | None, ctx: _Context, hints: dict[int, tuple[str, str]]) -> ActorSpan | None:
    """A person introduced by an office or title; a known name after it only takes the title as its role."""
    gap_end = _skip_modifiers(norms, m.end, gaz)
    former = any(core(n) in FORMER for n in norms[m.end:gap_end + 1])
    if person and person.start <= gap_end:
        if not person.proclitic:
            hints[person.start] = _role(gaz, m, words, norms, gap_end, former)
        return None  # the name itself is found as an actor; "التقى السفير بقيس الخزعلي": not his title
    free = _unclaimed(norms, gap_end, gaz)
    found = person_after_title(words, norms, free, gaz.names, gap_end, nisbas=_nisbas(norms, gap_end, gaz))
    if found:
        start, end = found.start, found.end
        role_en, role_ar = _role(gaz, m, words, norms, gap_end, former)
        return _unknown(words, start, end, role_en, role_ar, _nationality_in(norms, m.end, gap_end, gaz), ctx)
    if m.tag == "office" and not former:
        holder = gaz.offices[m.id].holder(published)
        if holder and holder in gaz.actors:
            entry = gaz.actor(holder)
            office = gaz.offices[m.id]
            return ActorSpan(start=m.start, end=m.end, actor=entry.ref(role_en=office.name_en,
                                                                       role_ar=office.name_ar),
                             country=entry.country, via="office")
    return None


_PAREN_SPACE = re.compile(r"(?<=\()\s+|\s+(?=\))")  # words are joined with spaces; "( X )" -> "(X)"
_DANGLING = re.compile(r"\s+(?:for|in|of|to)$")


def _role(gaz: Gazetteer, m: Mention, words: Sequence[str], norms: Sequence[str], gap_end: int,
          former: bool) -> tuple[str, str]:
    """The role a title and its modifiers give, in English ("former Iraqi political analyst") and Arabic."""
    role_ar = _PAREN_SPACE.sub("", " ".join([strip_proclitic(words[m.start]), *words[m.start + 1:gap_end]]))
    if m.tag == "office":
        en = gaz.offices[m.id].name_en
        return (f"former {en}" if former else en), role_ar
    en = gaz.titles[m.id].en
    inst, link = _institution_in(norms, m.end, gap_end, gaz)
    if inst and _DANGLING.search(en):
        en = f"{en} {_the(inst)}"
    elif inst:
        en = f"{en} {link} {_the(inst)}"
    else:
        en = _DANGLING.sub("", en)
        nat = _nationality_in(norms, m.end, gap_end, gaz)
        if nat and nat in gaz.nationalities:
            en = f"{gaz.nationalities[nat].en} {en}"
    return (f"former {en}" if former else en), role_ar


def strip_proclitic(word: str) -> str:
    """"والرئيس" -> "الرئيس", "للرئيس" -> "الرئيس": a role is shown without the clitic it carried."""
    if word[:1] in ("و", "ف") and word[1:3] in ("ال", "لل", "با"):
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if word[:1] in ("ب", "ك", "ل") and word[1:3] == "ال":
        return word[1:]
    return word


# How a title governs the body it belongs to, in English ("النائب عن X" is an MP for X).
_LINKS = {normalize("باسم"): "for", normalize("عن"): "for", normalize("في"): "in", normalize("لدى"): "to"}
# English names that read with "the" after "of/for/in" ("of the Popular Mobilization Forces").
_THE = ("Popular", "Islamic", "Iraqi", "Kurdistan", "United", "Coordination", "Sadrist", "Badr", "State",
        "Supreme", "National", "Federal", "Houthi", "US", "Iranian", "Lebanese", "Syrian")


def _the(name: str) -> str:
    return f"the {name}" if name.split(" ")[0] in _THE and not name.startswith("the ") else name


def _institution_in(norms: Sequence[str], i: int, j: int, gaz: Gazetteer) -> tuple[str | None, str]:
    """The body a title names in its complement, and the English preposition that joins them."""
    for k in range(i, min(j, len(norms))):
        m = gaz.match_at(norms, k)
        if m and m.tag == "actor" and gaz.actor(m.id).kind in ("institution", "group", "country"):
            link = "of" if m.proclitic else _LINKS.get(norms[k - 1], "of") if k > 0 else "of"
            return gaz.actor(m.id).name_en, link
    return None, ""


def _skip_modifiers(norms: Sequence[str], i: int, gaz: Gazetteer) -> int:
    """Index of the first word after adjectives, nationalities and "في/باسم X" that follow a title."""
    j = i
    while j < len(norms) and j - i < _MAX_SKIP:
        w = norms[j]
        m = gaz.match_at(norms, j)
        if m and m.tag in ("nationality",) or core(w) in FORMER:
            j = m.end if m and m.tag == "nationality" else j + 1
        elif m and m.tag == "actor" and gaz.actor(m.id).kind in ("institution", "group", "country") \
                and (_is_prep(norms[j - 1]) or m.proclitic and w.startswith("ل")):
            j = m.end  # "المتحدث باسم الوزارة", "الأمين العام لعصائب أهل الحق"
        elif w == "(" and ")" in norms[j + 1:j + 5]:
            j = norms.index(")", j + 1) + 1  # "(البنتاغون)": an aside inside the title
        elif j > 0 and _is_prep(norms[j - 1]) and not _is_prep(w) and not w.startswith("ال") \
                and j + 1 < len(norms) and norms[j + 1].startswith("ال"):
            j += 1  # "باسم وزارة الكهرباء": the head of an organisation the gazetteer does not know
        elif w.startswith(("وال", "بال")) or w in _TITLE_PREPS and not (w == _BASIM and j > i) \
                or (w.startswith("ال") and (j > i or _is_prep(norms[j - 1]) or _nisba(w))):
            j += 1  # adjectives ("التركي", "البارز") and "عن/في/باسم" with what they govern
        else:
            break
    return j


_TITLE_PREPS = frozenset(normalize(w) for w in ("في", "باسم", "لدى", "عن"))
_BASIM = normalize("باسم")  # "on behalf of" after a title's first words, but also the name Basim after them


def _is_prep(w: str) -> bool:
    return w in _TITLE_PREPS


def _nationality_in(norms: Sequence[str], i: int, j: int, gaz: Gazetteer) -> str | None:
    for k in range(i, min(j, len(norms))):
        m = gaz.match_at(norms, k)
        if m and m.tag == "nationality":
            return m.id
    return None


def _unclaimed(norms: Sequence[str], i: int, gaz: Gazetteer) -> list[bool]:
    """Which words from i on no gazetteer entry but a person's name claims."""
    free = [False] * len(norms)
    for k in range(i, min(len(norms), i + _MAX_NAME_WORDS)):
        m = gaz.match_at(norms, k)
        free[k] = m is None or m.tag == "actor" and gaz.actor(m.id).kind == "person"
    return free


def _nisbas(norms: Sequence[str], i: int, gaz: Gazetteer) -> frozenset[int]:
    """Which words from i on are nationality adjectives shaped like a family name ("المصري")."""
    ends = range(i, min(len(norms), i + _MAX_NAME_WORDS))
    return frozenset(k for k in ends if _family_shaped(gaz.match_at(norms, k), norms))


def _family_shaped(m: Mention | None, norms: Sequence[str]) -> bool:
    """A one-word definite masculine nationality ("المصري"), which families also carry."""
    if m is None or m.tag != "nationality" or m.end - m.start != 1:
        return False
    w = norms[m.start]
    return w.startswith("ال") and w.endswith("ي")


def _nisba(norm: str) -> bool:
    """"الشمري", "الساعدي": a family name of origin; "الانتخابات" is a noun, not a name."""
    return norm.startswith("ال") and norm.endswith("ي") and len(norm) >= 5



def _unlisted(words: Sequence[str], norms: Sequence[str], mentions: Sequence[Mention],
              actors: Sequence[ActorSpan], places: Sequence[PlaceSpan], gaz: Gazetteer,
              ctx: _Context) -> list[ActorSpan]:
    """Persons and organisations the gazetteer lacks, in the words nothing else has claimed."""
    free = [True] * len(norms)
    nat = [False] * len(norms)
    spans: list[Mention | ActorSpan | PlaceSpan] = [*mentions, *actors, *places]
    for span in spans:
        free[span.start:span.end] = [False] * len(free[span.start:span.end])
    for m in mentions:
        if m.tag == "nationality":
            nat[m.start:m.end] = [True] * len(nat[m.start:m.end])
    settlements = gaz.names.settlements
    # "بلدة مجدل زون": what a settlement noun names is a place
    for k in [k for k, cores in enumerate(map(clitic_cores, norms[:-1])) if not settlements.isdisjoint(cores)]:
        free[k + 1:k + 3] = [False] * len(free[k + 1:k + 3])
    titles = _after_titles(mentions)
    nisbas = frozenset(m.start for m in mentions if _family_shaped(m, norms))
    out = [_unknown(words, f.start, f.end, *_title_role(gaz, titles.get(f.start), words, norms, f.start), ctx,
                    skip=f.skip)
           for f in find_people(words, norms, free, gaz.names, cued=frozenset(titles), nisbas=nisbas)]
    _claim(free, out)
    org_free = [f or n for f, n in zip(free, nat, strict=True)]
    nationality = {k: gaz.nationalities[m.id].en for m in mentions if m.tag == "nationality"
                   for k in range(m.start, m.end)}
    nationality |= {k: p.place.name_en for p in places for k in range(p.start, p.end)}  # "Baghdad University"
    found = find_organisations(words, norms, org_free, gaz.names,
                               nationals={m.start: m.end for m in mentions if m.tag == "nationality"},
                               places={p.start: p.end for p in places if p.base})
    _claim(free, found)
    found += find_acronyms(words, free, gaz.names)
    out += [_organisation(words, norms, f, gaz, nationality, ctx) for f in found]
    return out


def _claim(free: list[bool], spans: Sequence[Found | ActorSpan]) -> None:
    """Mark the words of spans already read as taken."""
    for f in spans:
        for k in range(f.start, f.end):
            free[k] = False


def _after_titles(mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Where a name would follow a title, and the title: "الرئيس شافيز", "الجنرال الفرنسي سلفستري"."""
    ends = {m.start: m.end for m in mentions if m.tag == "nationality"}
    return {ends.get(m.end, m.end): m for m in mentions if m.tag in ("title", "office")}


def _title_role(gaz: Gazetteer, m: Mention | None, words: Sequence[str], norms: Sequence[str],
                start: int) -> tuple[str | None, str | None, str | None]:
    """(role_en, role_ar, country) a title right before a name gives it ("المبعوث الأممي X")."""
    if m is None:
        return None, None, None
    former = any(core(n) in FORMER for n in norms[m.end:start + 1])
    role_en, role_ar = _role(gaz, m, words, norms, start, former)
    return role_en, role_ar, _nationality_in(norms, m.end, start, gaz)


def _organisation(words: Sequence[str], norms: Sequence[str], f: Found, gaz: Gazetteer,
                  nationality: dict[int, str], ctx: _Context) -> ActorSpan:
    name_ar = " ".join([words[f.start][f.skip:], *(w for w in words[f.start + 1:f.end] if w.isalnum())])
    key = normalize(name_ar)
    ref = ctx.unknown.get(key) or ActorRef(id=None, name_en=_organisation_en(words, norms, f, gaz, nationality),
                                           name_ar=name_ar, kind=f.kind)
    ctx.unknown[key] = ref
    return ActorSpan(start=f.start, end=f.end, actor=ref, via="unknown", proclitic=f.skip > 0)


def _organisation_en(words: Sequence[str], norms: Sequence[str], f: Found, gaz: Gazetteer,
                     nationality: dict[int, str]) -> str:
    """"حزب العمال البريطاني" -> "British Labour Party": the words after the class noun in English,
    in reverse order before it; a word the lexicon lacks is written in Latin letters."""
    if f.acronym:
        return f.head_en
    if f.quoted:  # a proper name: its words in order, digits as written
        quoted = [transliterate_word(w) or w for w in words[f.start + 1:f.end] if w.isalnum()]
        return " ".join([*quoted, f.head_en])
    parts: list[str] = []
    for k in range(f.start + 1, f.end):
        en = nationality.get(k) or gaz.names.org_words.get(norms[k]) or transliterate_word(words[k])
        if not parts or parts[-1] != en:  # a two-word nationality gives one adjective
            parts.append(en)
    return " ".join([*reversed(parts), f.head_en])


def _unknown(words: Sequence[str], start: int, end: int, role_en: str | None, role_ar: str | None,
             country: str | None, ctx: _Context, *, skip: int = 0) -> ActorSpan:
    name_ar = " ".join([words[start][skip:], *words[start + 1:end]])
    key = normalize(name_ar)
    ref = ctx.unknown.get(key) or ActorRef(id=None, name_en=transliterate(name_ar), name_ar=name_ar,
                                           kind="person", role_en=role_en, role_ar=role_ar)
    ctx.unknown[key] = ref
    return ActorSpan(start=start, end=end, actor=ref, country=country, via="unknown")


def _anaphor(norms: Sequence[str], m: Mention, ctx: _Context) -> ActorSpan | None:
    """"المسؤول الإيراني" -> the last Iranian person the article named."""
    if m.start == 0 or core(norms[m.start - 1]) not in ANAPHOR_ROLES or not _definite(norms[m.start - 1]):
        return None  # "مسؤول عراقي" is an Iraqi official, not the one already named
    prev = ctx.last_by_country.get(m.id)
    if prev is None:
        return None
    return ActorSpan(start=m.start - 1, end=m.end, actor=prev.actor, country=m.id, via="anaphor")


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "فال", "بال", "لل"))


def _surnames(norms: Sequence[str], mentions: Sequence[Mention], found: Sequence[ActorSpan],
              ctx: _Context, gaz: Gazetteer) -> list[ActorSpan]:
    """Single words naming a person the article has named in full, or the press names by one word alone.

    Such a word may also read as a nationality ("السوداني"); where it stands as a name, the name wins.
    """
    known = ctx.surnames
    out: list[ActorSpan] = []
    readings = list(map(clitic_cores, norms))
    names = known.keys() | gaz.surnames.keys()
    for i in [i for i, cores in enumerate(readings) if not names.isdisjoint(cores)]:  # most words: no surname
        w = norms[i]
        c = next(c for c in readings[i] if c in names)
        span = known.get(c) or _press_surname(gaz, c, ctx)
        if span is None:
            continue
        if any(m.start <= i < m.end and not (m.tag == "nationality" and m.end == m.start + 1) for m in mentions) \
                or any(a.start <= i < a.end for a in found):
            continue
        if i > 0 and norms[i - 1].startswith(("ال", "وال", "فال", "بال", "لل")) and not w.startswith("و") \
                and not any(o.end == i for o in out):
            continue  # "الجيش السوداني": an adjective agreeing with a definite noun, not a name
        out.append(ActorSpan(start=i, end=i + 1, actor=span.actor, country=span.country, via="surname"))
    return out


def _press_surname(gaz: Gazetteer, word: str, ctx: _Context) -> ActorSpan | None:
    ident = gaz.surnames.get(word)
    if ident is None:
        return None
    entry = gaz.actor(ident)
    ref = ctx.refs.get(ident) or ctx.refs.setdefault(ident, entry.ref())
    return ActorSpan(start=0, end=0, actor=ref, country=entry.country, via="surname")


def _group_anaphors(norms: Sequence[str], mentions: Sequence[Mention], actors: Sequence[ActorSpan],
                    gaz: Gazetteer, ctx: _Context) -> list[ActorSpan]:
    """"وذكرت المقاومة في بيان": a group's class noun alone, definite, is the group named with it before.

    Not when a definite word follows ("الحركة الإسلامية" may be another body) or a name takes the word.
    """
    if not ctx.groups:
        return []
    taken = {k for m in mentions for k in range(m.start, m.end)} | {k for a in actors for k in range(a.start, a.end)}
    out: list[ActorSpan] = []
    for i, w in enumerate(norms):
        bare = w[1:] if w[:1] in ("و", "ف") and w[1:3] == "ال" else w  # "وقالت الحركة", "والحركة"
        if bare not in gaz.names.group_anaphors or i in taken or i + 1 < len(norms) and norms[i + 1].startswith("ال"):
            continue
        prev = ctx.groups.get(core(bare))
        if prev is not None:
            out.append(ActorSpan(start=i, end=i + 1, actor=prev.actor, country=prev.country, via="anaphor"))
    return out


def _remember(a: ActorSpan, ctx: _Context) -> None:
    if a.actor.kind in ("group", "institution") and a.via != "anaphor":
        head = normalize(a.actor.name_ar).split()[0]
        ctx.groups[core(head)] = a
    if a.actor.kind != "person":
        return
    if a.country:
        ctx.last_by_country[a.country] = a
    parts = normalize(a.actor.name_ar).split()
    if len(parts) >= 2 and a.via in ("name", "unknown", "office"):
        ctx.surnames.setdefault(core(parts[-1]), a)
