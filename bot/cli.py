"""The `nashra` command line: one entry point, each subcommand a lazy import."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

# subcommand -> "module:function"; imported only when used so `nashra extract`
# never pays for telegram or sqlalchemy.
COMMANDS: dict[str, str] = {
    "extract": "bot.commands.extract:main",
    "digest": "bot.commands.digest:main",
    "db": "bot.commands.db:main",
    "ingest": "bot.commands.ingest:main",
    "run": "bot.commands.run:main",
    "shell": "bot.commands.shell:main",
    "export": "bot.commands.export:main",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One clear line and exit status 2, never a traceback."""
        self.exit(2, f"nashra: {message} (see 'nashra --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their flags."""
    p = _Parser(prog="nashra", description="Arabic news to bilingual briefings.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ex = sub.add_parser("extract", help="extract incidents and statements from a manifest")
    ex.add_argument("--manifest", required=True, help="manifest JSON: {articles: [{file, published}]}")
    ex.add_argument("--json", action="store_true", help="print the extraction contract's JSON")

    dg = sub.add_parser("digest", help="a readable briefing of files or folders")
    dg.add_argument("paths", nargs="+")
    dg.add_argument("--lang", choices=("ar", "en", "both"), default="both")
    dg.add_argument("--published", help="publication day YYYY-MM-DD for every file")

    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=("upgrade", "current"))

    ing = sub.add_parser("ingest", help="poll sources into the database")
    ing.add_argument("--once", action="store_true", help="run every source once and exit")

    run = sub.add_parser("run", help="ingestion scheduler plus the Telegram bot")
    run.add_argument("--role", choices=("all", "bot", "ingest"), default="all")

    sub.add_parser("shell", help="talk to the bot's handlers in the terminal")

    exp = sub.add_parser("export", help="incidents between two days as CSV, JSON or GeoJSON")
    exp.add_argument("--since", required=True, help="first day YYYY-MM-DD (when it happened)")
    exp.add_argument("--until", help="last day YYYY-MM-DD, included (default: today, UTC)")
    exp.add_argument("--format", choices=("csv", "json", "geojson"), default="csv")
    exp.add_argument("--output", help="file to write (default: standard output)")
    return p


def _resolve(target: str) -> Callable[[argparse.Namespace], int]:
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    args = build_parser().parse_args(argv)
    try:
        return _resolve(COMMANDS[args.command])(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `nashra digest … | head`: the reader left; nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
