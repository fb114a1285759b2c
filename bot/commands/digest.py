"""`nashra digest PATH… [--lang ar|en|both] [--published YYYY-MM-DD]`: a readable briefing in the terminal."""

from __future__ import annotations

import argparse
from datetime import date

from bot.commands.files import expand, read_article, report
from briefings.errors import InputError
from briefings.model import Briefing, Incident, Statement


def main(args: argparse.Namespace) -> int:
    """Print each file's incidents, then its statements; --published, else a folder's manifest, dates them."""
    try:
        published = date.fromisoformat(args.published) if args.published else None
    except ValueError:
        report(f"--published {args.published!r} is not a day as YYYY-MM-DD")
        return 2
    files = expand(args.paths)
    done = 0
    for path, day in files:
        try:
            briefing = read_article(path, key=path.name, published=published or day)
        except InputError as exc:
            report(str(exc))
            continue
        done += 1
        print(render(briefing, args.lang))
    if not files:
        report("no article files (.txt, .html) in the paths given")
    return 0 if done else 1


def render(b: Briefing, lang: str) -> str:
    """One article's briefing as terminal text."""
    head = f"== {b.article.title}" + (f" ({b.article.published.isoformat()})" if b.article.published else "")
    lines = [head]
    records: list[Incident | Statement] = [*b.incidents, *b.statements]
    for item in records:
        if lang in ("en", "both"):
            lines.append(f"  • {item.digest.en}")
        if lang in ("ar", "both"):
            lines.append(f"  • {item.digest.ar}")
    if len(lines) == 1:
        lines.append("  (no incidents or statements found)")
    return "\n".join(lines) + "\n"
