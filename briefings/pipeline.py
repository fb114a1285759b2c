"""The briefing pipeline: one article in, its incidents and statements out.

    Article ─► sentences ─► mentions ─► incidents ─┐
                                   └──► statements ┴─► digests ─► Briefing
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.dates import find_dates
from briefings.digest import Phrases, compress_gist, default_phrases, find_topics, incident_digest, statement_digest
from briefings.gazetteer import Gazetteer, default_gazetteer
from briefings.incidents import Found, find_incidents
from briefings.lexicon import Lexicon, SpeechWords, default_lexicon
from briefings.mentions import Parsed, parse_article
from briefings.model import ActorRef, Article, Briefing, Incident, PlaceRef, Statement
from briefings.normalize import normalize, sentences
from briefings.statements import Said, evidence, find_said, group_statements

_OBJECT_ACTS = ("discussed", "expressed_support", "accused", "blamed", "condemned")  # acts a digest names a party of
_OBJECT_WINDOW = 10


def brief(article: Article, *, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
          phrases: Phrases | None = None) -> Briefing:
    """Everything one article reports, with evidence and bilingual digests."""
    gaz, lex, ph = gazetteer or default_gazetteer(), lexicon or default_lexicon(), phrases or default_phrases()
    # 1. sentences, headline first
    sents = sentences(article.title, article.paragraphs)
    # 2. who and where each sentence names
    parsed = parse_article(sents, gaz, published=article.published)
    # 3. incidents, merged across the article
    incidents = tuple(_incident(f, article.key, ph) for f in find_incidents(parsed, lex, gaz,
                                                                           published=article.published))
    # 4. statements, one per speaker
    said = find_said(parsed, lex)
    statements = tuple(_statement(ref, acts, sents_, said, article, ph, lex.speech_words)
                       for ref, acts, sents_ in group_statements(said))
    # 5. everyone and everywhere named
    return Briefing(article=article, actors=_actors(parsed, incidents), places=_places(parsed),
                    incidents=incidents, statements=statements)


def _incident(f: Found, key: str, ph: Phrases) -> Incident:
    digest = incident_digest(type=f.type, place=f.place, date=f.date, perpetrator=f.perpetrator, claimed=f.claimed,
                             target_en=f.target_en, target_ar=f.target_ar, killed=f.killed, injured=f.injured,
                             phrases=ph)
    return Incident(type=f.type, place=f.place, date=f.date, perpetrator=f.perpetrator, claimed=f.claimed,
                    target_en=f.target_en, target_ar=f.target_ar, killed=f.killed, injured=f.injured,
                    evidence=evidence(key, f.sentences), digest=digest)


def _statement(ref: ActorRef, acts: tuple[str, ...], parsed: list[Parsed], said: Sequence[Said],
               article: Article, ph: Phrases, sw: SpeechWords) -> Statement:
    mine = [s for s in said if s.speaker == ref]
    topics_by_act = [(act, t) for s in mine for t in find_topics(s.parsed.norms, ph) for act in s.acts]
    objects = {act: obj for s in mine for act in s.acts if act in _OBJECT_ACTS
               for obj in [_object_of(s, ref, sw)] if obj}
    gist = compress_gist([_clause_text(s) for s in mine] or [p.sentence.text for p in parsed])
    digest = statement_digest(speaker=ref, acts=acts, topics_by_act=topics_by_act, objects=objects,
                              gist_ar=gist, phrases=ph)
    return Statement(speaker=ref, acts=acts, topics=tuple(dict.fromkeys(t for _, t in topics_by_act)),
                     gist_ar=gist, date=_statement_date(parsed[0], article), evidence=evidence(article.key, parsed),
                     digest=digest)


def _clause_text(s: Said) -> str:
    """The words of the sentence that belong to this speech verb, as written."""
    p = s.parsed
    if not p.words:
        return p.sentence.text
    return p.sentence.text[p.offsets[0]:p.offsets[-1] + len(p.words[-1])]


def _object_of(s: Said, speaker: ActorRef, sw: SpeechWords) -> str | None:
    """The first actor the verb acts on; for "أدان/اتهم/حمّل", never the partner of a call ("اتصال مع Y")."""
    for a in s.parsed.actors:
        near = s.verb_at < a.start <= s.verb_at + _OBJECT_WINDOW
        if not near or a.actor == speaker or not a.actor.name_en.isascii():
            continue
        partner = any(w in sw.partner_links for w in s.parsed.norms[s.verb_at + 1:a.start])
        if partner and not set(s.acts) <= {"discussed", "expressed_support", "said", "stressed"}:
            continue
        return a.actor.name_en
    return None


def _statement_date(p: Parsed, article: Article) -> str | None:
    days = [d for d in find_dates(p.sentence.text, article.published) if d.precision == "day"]
    if days:
        return days[0].value
    return article.published.isoformat() if article.published else None


def _actors(parsed: Sequence[Parsed], incidents: Sequence[Incident]) -> tuple[ActorRef, ...]:
    seen: dict[str, ActorRef] = {}
    for p in parsed:
        for a in p.actors:
            seen.setdefault(a.actor.id or normalize(a.actor.name_ar), a.actor)
    for i in incidents:
        if i.perpetrator:
            seen.setdefault(i.perpetrator.id or normalize(i.perpetrator.name_ar), i.perpetrator)
    return tuple(seen.values())


def _places(parsed: Sequence[Parsed]) -> tuple[PlaceRef, ...]:
    seen: dict[str, PlaceRef] = {}
    for p in parsed:
        for ps in p.places:
            seen.setdefault(ps.place.name_en, ps.place)
    return tuple(seen.values())
