"""Pipeline throughput: articles per second on one core, from bytes to a briefing.

The corpus is 2,000 articles made from the sample articles' paragraphs, shuffled, with
numbers, days and place and person names swapped for others from the gazetteer, so no
two articles share their sentences and per-text caches cannot flatter the figure.
"""

from __future__ import annotations

import random
import re
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from briefings.gazetteer import default_gazetteer
from briefings.lexicon import default_lexicon
from briefings.load import load
from briefings.model import Briefing
from briefings.pipeline import brief

ARTICLES = 2_000
RUNS = 3  # passes over the corpus; the best and the median are reported (other processes add noise)
TARGET = 200.0  # articles a second on one core (the target)
SEED = 20240121  # a fixed corpus, so runs compare
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_NUMBER = re.compile(r"\d+")


def corpus(n: int = ARTICLES) -> list[tuple[bytes, date]]:
    """n distinct plain-text articles with publication days."""
    rng = random.Random(SEED)
    gaz = default_gazetteer()
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    places = [p.name_ar for p in gaz.places.values()]
    persons = [a.name_ar for a in gaz.actors.values() if a.kind == "person"]
    swaps = [(p, places) for p in ("بغداد", "أربيل", "العراق", "سوريا", "عين الأسد")] + \
            [(a, persons) for a in ("السوداني", "المالكي", "الكاظمي", "أوستن")]
    out = []
    for i in range(n):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 20)))
        text = "\n".join(body)
        for word, pool in swaps:
            text = text.replace(word, rng.choice(pool))
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 2_999)), text)
        out.append((text.encode("utf-8"), date(2021, 1, 1) + timedelta(days=i % 1_400)))
    return out


def _measure(articles: list[tuple[bytes, date]]) -> tuple[float, int, list[Briefing]]:
    """CPU seconds of this process (one core, whatever else the machine runs), records found."""
    started = time.process_time()
    briefings = [brief(load(raw, key=f"a{i}", published=day)) for i, (raw, day) in enumerate(articles)]
    return time.process_time() - started, sum(len(b.incidents) + len(b.statements) for b in briefings), briefings


def run() -> list[str]:
    """Lines of report."""
    default_gazetteer(), default_lexicon()  # loading data files is start-up, not throughput
    articles = corpus()
    brief(load(articles[0][0], key="warm", published=articles[0][1]))
    passes = [_measure(articles) for _ in range(RUNS)]
    seconds = sorted(s for s, _, _ in passes)
    best, median = len(articles) / seconds[0], len(articles) / seconds[len(seconds) // 2]
    records = passes[0][1]
    tracemalloc.start()
    _measure(articles[:200])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    verdict = "meets" if best >= TARGET else "misses"
    return [f"{len(articles)} articles ({sum(len(a) for a, _ in articles) / 1e6:.1f} MB), {RUNS} passes: "
            f"best {best:.0f}, median {median:.0f} articles/s of CPU on one core "
            f"({verdict} the {TARGET:.0f}/s target)",
            f"{records} incidents and statements; peak traced memory over 200 articles {peak / 1e6:.0f} MB"]


if __name__ == "__main__":
    print("\n".join(run()))
