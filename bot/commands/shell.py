"""`nashra shell`: talk to the bot's handlers in the terminal."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from pathlib import Path

from bot.commands.files import settings_or_none
from bot.context import NashraApp
from bot.settings import Settings


def main(args: argparse.Namespace) -> int:
    """Open the shell over the configured database."""
    settings = settings_or_none()
    if settings is None:
        return 2
    return shell(settings)


def shell(settings: Settings) -> int:
    """Migrate, then run the shell until /quit or the end of input."""
    from storage.migrate import upgrade

    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # RetryAfter and friends as timedelta, no warning
    upgrade(settings.database_url)
    return asyncio.run(_shell(settings))


async def _shell(settings: Settings) -> int:
    from bot.compose import application
    from bot.shell import ShellRequest, run_shell

    offline = settings.model_copy(update={"telegram_bot_token": None, "telegram_api_url": None})
    out = ShellRequest(sys.stdout, files=Path(tempfile.gettempdir()) / "nashra-shell")
    app = application(offline, request=out, updates_request=ShellRequest(sys.stdout))
    await _ingest_first(settings, app)
    language = "ar" if os.environ.get("LANG", "").startswith("ar") else "en"
    return await run_shell(app, out, language=language)


async def _ingest_first(settings: Settings, app: NashraApp) -> None:
    """Poll every configured source once, so the shell answers from today's news, not an empty store."""
    from bot.compose import attach_ingest, run_ingest
    from briefings.errors import NashraError

    try:
        service = attach_ingest(app, settings, scheduled=False)
    except NashraError as exc:
        print(f"nashra: sources not read: {exc}", file=sys.stderr)
        return
    print(f"nashra: {await run_ingest(service)}", file=sys.stderr)
