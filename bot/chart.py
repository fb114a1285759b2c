"""The picture of a span: incidents per day by type, the busiest places and actors, as a PNG.

Drawn with matplotlib's Agg canvas on a `Figure` of its own (no pyplot, so no global state
and no display). Arabic is given as it is stored: since 3.11 matplotlib lays text out with
libraqm, which joins Arabic letters and orders a right-to-left line itself (shaping it
beforehand, as arabic-reshaper and python-bidi do for older versions, now reverses it twice).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from io import BytesIO

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.i18n import html, plain, plural, t, ui_language
from bot.render import esc, fits_caption, split_html
from briefings.digest import date_ar, date_en, default_phrases
from briefings.model import INCIDENT_TYPES
from storage.items import Named, Tally

# 8 x 7 inches at 150 dpi: 1200 x 1050 pixels, sharp on a phone after Telegram's recompression.
SIZE = (8.0, 7.0)
DPI = 150
MAX_LABEL = 30  # characters of a place's or actor's name on a bar; longer names end in "…"
TOP_IN_CHART = 5  # places and actors drawn (as many as the store counts for a tally)
TOP_IN_SUMMARY = 3  # names per line of the written summary
# One colour per incident type, in INCIDENT_TYPES order, so a type keeps its colour week after week.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939")
BAR = "#4c72b0"
OTHER = "#888888"  # a type the palette does not know, and notes
MAX_DAY_LABELS = 12  # dates under the daily bars: past a dozen they overlap


FONT = "DejaVu Sans"  # matplotlib's own font, so always there; it has Arabic letters


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[:MAX_LABEL - 1].rstrip() + "…"


@cache
def type_name(kind: str, language: str) -> str:
    """An incident type as the phrase lexicon names it: "Drone attack", "هجوم بطائرة مسيّرة"."""
    entry = default_phrases().types.get(kind, {})
    if language == "ar":
        return entry.get("ar", kind)
    noun = entry.get("noun", kind.replace("_", " "))
    return noun[:1].upper() + noun[1:]


def name_of(named: Named, language: str) -> str:
    """A place's or actor's name in the chart's language, the other one when it lacks it."""
    return (named.name_ar if language == "ar" else named.name_en) or named.name_en or named.name_ar


def days_of(tally: Tally) -> list[date]:
    """Every day of the span, oldest first, with or without incidents."""
    return [tally.since + timedelta(days=i) for i in range((tally.until - tally.since).days + 1)]


def day_label(day: date, language: str) -> str:
    """A day under its bar: "21/1" in Arabic, "Jan 21" in English."""
    return f"{day.day}/{day.month}" if language == "ar" else f"{day:%b} {day.day}"


def spelled(day: date, language: str) -> str:
    """A day in words, "21 January 2024", "21 يناير 2024": digits joined by hyphens reverse in an Arabic line."""
    return (date_ar if language == "ar" else date_en)(day.isoformat()) or day.isoformat()


def draw(tally: Tally, language: str) -> bytes:
    """The span's picture as PNG bytes, labelled in the reader's language ("both" reads Arabic)."""
    lang = ui_language(language)
    with rc_context({"font.family": FONT, "text.language": lang}):
        fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained", facecolor="white")
        FigureCanvasAgg(fig)
        grid = fig.add_gridspec(2, 2, height_ratios=(1.15, 1))
        _per_day(fig.add_subplot(grid[0, :]), tally, lang)
        # Arabic reads from the right: its first panel (the places) stands there.
        places, actors = (grid[1, 1], grid[1, 0]) if lang == "ar" else (grid[1, 0], grid[1, 1])
        _ranking(fig.add_subplot(places), tally.places, plain(lang, "chart_places"), lang)
        _ranking(fig.add_subplot(actors), tally.actors, plain(lang, "chart_actors"), lang)
        title = plain(lang, "chart_title", since=spelled(tally.since, lang), until=spelled(tally.until, lang))
        fig.suptitle(title, fontsize=13)
        out = BytesIO()
        fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _per_day(ax: Axes, tally: Tally, lang: str) -> None:
    """Stacked bars, one a day and one colour a type; the legend beside them, on the reader's side."""
    days = days_of(tally)
    index = {d: i for i, d in enumerate(days)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    for day, kind, n in tally.per_day:
        counts[kind][index[day]] += n
    bottom = [0] * len(days)
    order = [k for k in INCIDENT_TYPES if k in counts] + sorted(set(counts) - set(INCIDENT_TYPES))
    for kind in order:
        colour = PALETTE[INCIDENT_TYPES.index(kind) % len(PALETTE)] if kind in INCIDENT_TYPES else OTHER
        ax.bar(range(len(days)), counts[kind], bottom=bottom, color=colour, label=type_name(kind, lang), width=0.8)
        bottom = [b + c for b, c in zip(bottom, counts[kind], strict=True)]
    step = max(1, -(-len(days) // MAX_DAY_LABELS))
    ax.set_xticks(range(0, len(days), step), [day_label(d, lang) for d in days[::step]], fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(plural(lang, "chart_per_day", tally.incidents), fontsize=10)
    if lang == "ar":
        ax.legend(fontsize=8, loc="upper right", bbox_to_anchor=(-0.02, 1.0), frameon=False, markerfirst=False)
        ax.yaxis.tick_right()
    else:
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    for side in ("top", "left" if lang == "ar" else "right"):
        ax.spines[side].set_visible(False)


def _ranking(ax: Axes, rows: tuple[Named, ...], title: str, lang: str) -> None:
    """Horizontal bars, busiest on top, a slot for each of the top names; in Arabic they grow from the right."""
    slots = max(TOP_IN_CHART, len(rows))
    positions = [slots - 1 - i for i in range(len(rows))]
    ax.barh(positions, [r.count for r in rows], color=BAR, height=0.6)
    ax.set_yticks(positions, [_short(name_of(r, lang)) for r in rows], fontsize=8)
    ax.set_ylim(-0.5, slots - 0.5)  # one name is one bar's height, not the whole panel
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=10)
    if lang == "ar":
        ax.invert_xaxis()
        ax.yaxis.tick_right()
    for side in ("top", "left" if lang == "ar" else "right"):
        ax.spines[side].set_visible(False)
    if not rows:
        ax.set_xticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.text(0.5, 0.5, plain(lang, "chart_nobody"), ha="center", va="center", transform=ax.transAxes,
                color=OTHER)


def _names(rows: tuple[Named, ...], language: str) -> str:
    comma = "، " if language == "ar" else ", "
    return comma.join(f"{esc(name_of(r, language))} ({r.count})" for r in rows[:TOP_IN_SUMMARY])


def _types(tally: Tally, language: str) -> str:
    totals: dict[str, int] = defaultdict(int)
    for _, kind, n in tally.per_day:
        totals[kind] += n
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_IN_SUMMARY]
    comma = "، " if language == "ar" else ", "
    return comma.join(f"{esc(type_name(k, language))} ({n})" for k, n in ranked)


def _toll(tally: Tally, language: str) -> str:
    """": 9 killed, 20 injured", or nothing when no one was."""
    parts = [plural(language, key, n) for key, n in (("chart_killed", tally.killed), ("chart_injured", tally.injured))
             if n]
    return ": " + ("، " if language == "ar" else ", ").join(parts) if parts else ""


def summary(tally: Tally, language: str, *, head: str = "chart_head") -> str:
    """The span in a few lines of Telegram HTML: counts, then the busiest types, places and actors."""
    if language == "both":
        return summary(tally, "ar", head=head) + "\n\n" + summary(tally, "en", head=head)
    lines = [t(language, head, since=spelled(tally.since, language), until=spelled(tally.until, language)),
             "• " + plural(language, "chart_incidents", tally.incidents) + _toll(tally, language),
             "• " + plural(language, "chart_statements", tally.statements)]
    for key, names in (("chart_top_types", _types(tally, language)),
                       ("chart_top_places", _names(tally.places, language)),
                       ("chart_top_actors", _names(tally.actors, language))):
        if names:
            lines.append("• " + t(language, key, names=html(names)))
    return "\n".join(lines)


def message_parts(tally: Tally, language: str, *, head: str = "chart_head") -> tuple[str, ...]:
    """The summary as a photo's caption, or, when it is too long for one, the heading and then the summary."""
    text = summary(tally, language, head=head)
    if fits_caption(text):
        return (text,)
    heading = t(language, head, since=spelled(tally.since, language), until=spelled(tally.until, language))
    return (heading, *split_html(text))
