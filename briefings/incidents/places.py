"""Place: where the event a clause reports happened, among the places it names or names by a class noun."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from briefings.gazetteer import Gazetteer
from briefings.incidents.clauses import Clause
from briefings.incidents.sentence import DASHES, SOFT, Annotated, in_spans, is_agent_verb, origin, words_at
from briefings.lexicon import Lexicon
from briefings.mentions import PlaceSpan
from briefings.model import PlaceRef
from briefings.normalize import clitic_cores, core
from briefings.transliterate import transliterate

_ASIDE_WORDS = 12  # a title or an aside between dashes or brackets runs at most this long
_BORDER_REACH = 4  # "الحدود مع سوريا والعراق والأردن": the link, then the countries listed
_NEW_PHRASE = ("و", "بال", "لل", "كال", "فال")  # a conjunction, or a preposition on a definite word
_LINK_WORDS = 2  # "قرية X في ريف Y": the words between a village and the place it lies in
_MAX_PLACES = 6  # separate incidents one clause may report ("غارات على بلدات X وY وZ وW")
_NAME_WORDS = 2  # "بلدة خان بني سعد": a class noun names a place of one or two words
_BETWEEN_REACH = 3  # "على الطريق بين X وY": بين stands a few words before the second end
_LIST_REACH = 8  # "عدة بلدات في منطقة جنوب لبنان من بينها": the plural stands a few words before


def where(p: Annotated, c: Clause, unknown: Sequence[PlaceSpan], gaz: Gazetteer, lex: Lexicon) -> list[PlaceSpan]:
    """The places the clause's event happened at: known ones, an unlisted one inside them, or an unlisted one alone."""
    known = _inside(p, _places(p, c, gaz, lex), unknown, lex)
    return [*known, *_joined_on(p, c, known, unknown, lex)] if known else _unknown_in(p, c, unknown, lex)


def _joined_on(p: Annotated, c: Clause, known: Sequence[PlaceSpan], unknown: Sequence[PlaceSpan],
               lex: Lexicon) -> list[PlaceSpan]:
    """"على بلدات الخيام وعلما الشعب ومروحين": an unlisted name joined by "و" right after a place of the clause."""
    ends = {ps.end for ps in known} | {ps.end for ps in p.places}
    taken = {ps.start for ps in known}
    out: list[PlaceSpan] = []
    for u in sorted(in_spans(unknown, c.spans), key=lambda u: u.start):
        # "بلدات … ومارون الرأس وجبل بلاط": in a list of towns a name with its own class noun joins too;
        # "مطار الحديدة ومنطقة الكثيب" is one strike told at two spots
        if p.norms[u.start].startswith("و") and u.start in ends and u.start not in taken \
                and (not _cued(p, u, lex) or _listed(p.norms[c.start:u.start], lex)):
            out.append(u)
            ends.add(u.end)
    return out


def _listed(words: Sequence[str], lex: Lexicon) -> bool:
    """Whether a plural class noun ("بلدات", "قرى") stands among the words."""
    return any(not lex.place_lists.isdisjoint(clitic_cores(w)) for w in words)


def _places(p: Annotated, c: Clause, gaz: Gazetteer, lex: Lexicon) -> list[PlaceSpan]:
    """The most specific places in the clause's event chunks, else in the chunks that run on from them
    ("اغتالوا العميد X، مدير الشرطة في البصرة"); several countries make one place."""
    # a country there is someone's, not where it happened ("، والولايات المتحدة غاضبة من الهجمات")
    return _places_in(p, c, c.spans, gaz, lex) or [
        ps for ps in _places_in(p, c, c.rest, gaz, lex) if ps.place.kind not in ("country", "region")]


def _places_in(p: Annotated, c: Clause, chunks: Sequence[tuple[int, int]], gaz: Gazetteer,
               lex: Lexicon) -> list[PlaceSpan]:
    asides = _asides(p.norms)
    found = [ps for ps in in_spans(p.places, chunks)
             if not origin(p.norms, ps.start, lex) and ps.start not in asides and not _far_end(p, ps, lex)
             and not _across_border(p, ps, lex)]
    if lex.attribution.contains(p.norms[c.start:c.end]):  # "محملا دولة جارة مسؤولية الهجوم": a country blamed
        found = [ps for ps in found if ps.place.kind != "country"]
    found = [ps for ps in found if not any(contains(gaz, ps, other) for other in found if other is not ps)]
    found = [ps for ps in found if not _container(p.norms, ps, found, lex) and not _doer(p.norms, ps, lex)]
    if len(found) > 1:  # "كركوك – قتل …": the dateline says where it was filed; the story says where it happened
        found = [ps for ps in found if not _dateline(p.norms, ps)]
    unique: dict[str, PlaceSpan] = {}
    for ps in found:
        unique.setdefault(ps.place.name_en, ps)
    spans = list(unique.values())
    countries = [ps for ps in spans if ps.place.kind == "country"]
    if len(countries) > 1 and len(countries) == len(spans):
        en = " and ".join(ps.place.name_en for ps in countries)
        ar = " و".join(ps.place.name_ar for ps in countries)
        return [PlaceSpan(start=countries[0].start, end=countries[-1].end,
                          place=PlaceRef(id=None, name_en=en, name_ar=ar, kind="region"), base=None)]
    return spans


def _inside(p: Annotated, known: list[PlaceSpan], unknown: Sequence[PlaceSpan], lex: Lexicon) -> list[PlaceSpan]:
    """"بلدة عيتا الشعب في جنوب لبنان", "قرية البو عيثة بقضاء الدجيل": a place no list holds, with
    its class noun, inside a known one the text names right after it, is where it happened; it
    takes its parent's coordinates."""
    out: list[PlaceSpan] = []
    for ps in known:
        inner = next((chain for u in unknown if u.start < ps.start and _cued(p, u, lex)
                      for chain in [_chain(p, u, unknown, lex)] if _lies_in(p, chain[-1].end, ps.start, lex)), None)
        if inner is None:
            out.append(ps)
            continue
        for u in inner:  # "قريتي X وY في ريف Z": each village, with its parent's coordinates
            ref = replace(u.place, lat=ps.place.lat, lon=ps.place.lon)
            out.append(PlaceSpan(start=u.start, end=ps.end, place=ref, base=ps.base or ps.place.id))
    return out


def _chain(p: Annotated, first: PlaceSpan, unknown: Sequence[PlaceSpan], lex: Lexicon) -> list[PlaceSpan]:
    """An unlisted place and those joined by "و" right after it ("قرى البويضة والمشيرفة")."""
    starts = {u.start: u for u in unknown if p.norms[u.start].startswith("و") and not _cued(p, u, lex)}
    chain = [first]
    while chain[-1].end in starts:
        chain.append(starts[chain[-1].end])
    return chain


def _lies_in(p: Annotated, end: int, start: int, lex: Lexicon) -> bool:
    """"بلدة X في قضاء Y", "بلدة X، في قضاء Y": the known place follows straight on, a comma allowed."""
    if end < start and p.norms[end] in SOFT:
        end += 1
    return start - end <= _LINK_WORDS and all(_links(w, lex) for w in p.norms[end:start])


def _links(word: str, lex: Lexicon) -> bool:
    return word in lex.within or word[:1] == "ب" and core(word[1:]) in lex.place_cues  # "بقضاء"


def _cued(p: Annotated, ps: PlaceSpan, lex: Lexicon) -> bool:
    return any(f in lex.place_cues for f in clitic_cores(p.norms[ps.start]))


def _unknown_in(p: Annotated, c: Clause, unknown: Sequence[PlaceSpan], lex: Lexicon) -> list[PlaceSpan]:
    """Places the gazetteer does not know, in the clause's event chunks, when it names no known one."""
    asides = _asides(p.norms)
    first = min((ps for ps in in_spans(unknown, c.spans) if not origin(p.norms, ps.start, lex)
                 and ps.start not in asides), key=lambda ps: ps.start, default=None)
    return [] if first is None else _chain(p, first, unknown, lex) if _cued(p, first, lex) else [first]


def unlisted(p: Annotated, lex: Lexicon) -> list[PlaceSpan]:
    """"قرية دمادولا", "في كويتا أمس": a place cue or "في/قرب" before a name no gazetteer holds.

    Hand-written because the morphological analyser that could tell a proper noun from a
    common one needs data this project cannot ship; the cue and boundary rules stand in.
    """
    taken = {i for x in p.places for i in range(x.start, x.end)} | {i for a in p.actors for i in range(a.start, a.end)}
    taken |= {i for start, end, _ in p.nationalities for i in range(start, end)}
    taken |= {i for d in p.dates for i in words_at(p, d.start, d.end)}  # "في يناير" is a time, not a place
    # "وبلدة مركبا بأربع قذائف": a count, its preposition on it, ends the name
    taken |= {bisect_right(p.offsets, n.start) - 1 for n in p.numbers}
    out: list[PlaceSpan] = []
    for i, w in enumerate(p.norms[:-1]):
        cores = clitic_cores(w)
        bare = not w.startswith(("ال", "وال", "بال"))
        if bare and not lex.place_lists.isdisjoint(cores) or _opens_list(p.norms, i, cores, lex):
            out += _joined(p, i + 1, lex, taken)
        if i in taken or i + 1 in taken:
            continue
        cue = bare and not lex.place_cues.isdisjoint(cores)
        if cue:
            end = _name_end(p, i + 1, lex, taken)
        elif w in lex.incident.near and _bare_name(p, i + 1, lex, taken):
            end = i + 2
        else:
            continue
        if end > i + 1 and not any(o.start == i for o in out):  # "وجبل بلاط" in a list is named whole
            name = " ".join(p.words[i + 1:end])
            out.append(PlaceSpan(start=i if cue else i + 1, end=end, base=None, place=PlaceRef(
                id=None, name_en=transliterate(name), name_ar=name, kind="area")))
    return out


def _opens_list(norms: Sequence[str], i: int, cores: Sequence[str], lex: Lexicon) -> bool:
    """"غارات على عدة بلدات في الجنوب من بينها X وY": "بينها" a few words after a plural class noun."""
    if lex.list_openers.isdisjoint(cores):
        return False
    return _listed(norms[max(0, i - _LIST_REACH):i], lex)


def _joined(p: Annotated, i: int, lex: Lexicon, taken: set[int]) -> list[PlaceSpan]:
    """"بلدات الخيام وعلما الشعب ومروحين": after a plural class noun, each name joined by "و" that no
    list holds is a place too (the first one is the cue's own)."""
    known = {x.start: x.end for x in p.places}
    out: list[PlaceSpan] = []
    j = known.get(i) or _name_end(p, i, lex, taken)
    while j < len(p.norms) and p.norms[j].startswith("و") and len(p.norms[j]) > 2:
        if j in known:
            j = known[j]
            continue
        if j in taken or not _name_like(p, j, lex, taken):
            break
        end = _name_end(p, j, lex, taken)
        name = " ".join([p.words[j][1:], *p.words[j + 1:end]])
        out.append(PlaceSpan(start=j, end=end, base=None, place=PlaceRef(
            id=None, name_en=transliterate(name), name_ar=name, kind="area")))
        j = end
    return out


def _name_like(p: Annotated, i: int, lex: Lexicon, taken: set[int]) -> bool:
    w = p.norms[i]
    return (i not in taken and len(w) > 1 and w[0].isalpha() and not any(ch.isdigit() for ch in w)
            and not lex.not_names.contains((w,)) and not lex.triggers.contains((w,))
            and not lex.targets.contains((w,)))  # "قرب دورية": what is hit is a common noun, not a name


def _name_end(p: Annotated, i: int, lex: Lexicon, taken: set[int]) -> int:
    """The end of the one or two name words after a place cue ("بلدة خان بني سعد" keeps two)."""
    j = i
    while j < len(p.norms) and j - i < _NAME_WORDS and _name_like(p, j, lex, taken):
        if j > i and (p.norms[j].startswith(_NEW_PHRASE) or any(f in lex.place_cues for f in clitic_cores(p.norms[j]))):
            break  # "زهاري بولاية قندهار", "الرأس وبقيت", "الراهب بالأسلحة": a new phrase begins
        j += 1
    return j


def _bare_name(p: Annotated, i: int, lex: Lexicon, taken: set[int]) -> bool:
    """"في كويتا أمس": an indefinite word after في closed by a boundary can only be a name."""
    w = p.norms[i]
    nxt = p.norms[i + 1] if i + 1 < len(p.norms) else "."
    return (not w.startswith("ال") and not w.endswith(lex.incident.possessive_endings) and core(w) not in lex.place_cues
            and _name_like(p, i, lex, taken)
            and (not nxt[:1].isalpha() or lex.place_closers.contains((nxt,))))


def _container(norms: Sequence[str], ps: PlaceSpan, found: Sequence[PlaceSpan], lex: Lexicon) -> bool:
    """"قاعدة جوية في المحافظة", "قضاء الحويجة جنوب غربي كركوك": a place right after another says where it lies."""
    if any(o.end == ps.start for o in found) and ps.place.id is None:
        return True  # a compass phrase straight after a place locates it
    belongs = lex.incident.belongs
    if ps.start >= 2 and norms[ps.start - 1] in belongs or ps.start >= 3 and norms[ps.start - 2] in belongs:
        return True  # "ناحية سيدكان التابعة لقضاء سوران": the district a place belongs to
    return ps.start >= 2 and norms[ps.start - 1] in ("في", "ب") and any(o.end == ps.start - 1 for o in found)


def _far_end(p: Annotated, ps: PlaceSpan, lex: Lexicon) -> bool:
    """"على الطريق بين الرشاد والحويجة": the second end of a stretch, like the first, is not where it happened."""
    before = p.norms[max(0, ps.start - _BETWEEN_REACH):ps.start]
    return p.norms[ps.start][:1] == "و" and any(w in lex.incident.between for w in before)


def _across_border(p: Annotated, ps: PlaceSpan, lex: Lexicon) -> bool:
    """"قرب الحدود مع العراق والأردن": the countries a border is shared with, not where it happened."""
    if ps.place.kind != "country":
        return False
    words = lex.incident
    k = ps.start - 1
    while k > 0 and p.norms[k] not in words.border_links and k > ps.start - _BORDER_REACH:
        k -= 1  # past the countries listed before it: "مع العراق والأردن"
    return k > 0 and p.norms[k] in words.border_links and p.norms[k - 1] in words.borders


def _dateline(norms: Sequence[str], ps: PlaceSpan) -> bool:
    return ps.start == 0 and ps.end < len(norms) and (norms[ps.end] in DASHES or norms[ps.end] == ":")


def _doer(norms: Sequence[str], ps: PlaceSpan, lex: Lexicon) -> bool:
    """"أطلقت إيران صواريخ", "إسرائيل قصفت": a country next to an attack verb is who acted, not where."""
    if ps.place.kind != "country":
        return False
    before = norms[ps.start - 1] if ps.start else ""
    after = norms[ps.end] if ps.end < len(norms) else ""
    return is_agent_verb(before, lex) or is_agent_verb(after, lex)


def _asides(norms: Sequence[str]) -> set[int]:
    """Words inside dashes or brackets: a title or an aside, not where the event happened."""
    out: set[int] = set()
    opened: int | None = None
    for i, w in enumerate(norms):
        if (w in DASHES or w == "(") and opened is None:
            opened = i
        elif (w in DASHES or w == ")") and opened is not None:
            if i - opened <= _ASIDE_WORDS:
                out.update(range(opened, i))
            opened = None
    return out


def ancestors(gaz: Gazetteer, ident: str | None) -> list[str]:
    out: list[str] = []
    while ident and ident in gaz.places and len(out) < 8:
        out.append(ident)
        ident = gaz.places[ident].parent
    return out


def contains(gaz: Gazetteer, outer: PlaceSpan, inner: PlaceSpan) -> bool:
    """Whether `outer` is a wider place that holds `inner` ("غرب البلاد" holds a base there).

    A village the gazetteer lacks is placed by its district ("بلدة X في قضاء صور") but holds none of
    the district's other towns.
    """
    if outer.base is None or inner.base is None or outer.place.id is None and outer.place.kind != "region":
        return False
    if outer.base == inner.base:  # "جنوب لبنان" holds Lebanon's towns, listed or not
        return outer.place.kind == "region" and (inner.place.id is not None or inner.place.kind != "region")
    return outer.base in ancestors(gaz, inner.base)[1:]


def at_most(places: list[PlaceSpan]) -> list[PlaceSpan | None]:
    """The clause's places, a few at most, or one unknown place."""
    return [*places[:_MAX_PLACES]] if places else [None]
