"""`nashra run`: the ingestion scheduler and the Telegram bot; the shell when there is no token."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sys
from typing import Any

from bot.commands.files import settings_or_none
from bot.settings import Settings
from briefings.errors import NashraError

log = logging.getLogger("nashra")
UPDATES = ["message", "callback_query", "my_chat_member"]  # the kinds of update the handlers take


def main(args: argparse.Namespace) -> int:
    """Check the settings, migrate, and serve until stopped."""
    settings = settings_or_none()
    if settings is None:
        return 2
    if not settings.telegram_bot_token:
        if args.role == "ingest":
            return ingest_only(settings)
        from bot.commands.shell import shell

        print("nashra: TELEGRAM_BOT_TOKEN is not set; opening the shell instead", file=sys.stderr)
        return shell(settings)
    from bot.logs import guard_output, secrets, setup_logging

    hidden = secrets(settings.telegram_bot_token, settings.webhook_secret)
    guard_output(hidden)  # before anything can print them
    setup_logging(hidden, settings.log_level)
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # RetryAfter and friends as timedelta, no warning
    from telegram.error import InvalidToken

    try:
        from storage.migrate import upgrade

        upgrade(settings.database_url)
        return ingest_only(settings) if args.role == "ingest" else serve(settings, ingest=args.role == "all")
    except NashraError as exc:
        print(f"nashra: {exc}", file=sys.stderr)
        return 1
    except InvalidToken as exc:  # 401 for a wrong token, 404 for a wrong API URL; PTB's text names the token
        print(f"nashra: the Bot API refused the token ({exc.__cause__ or 'rejected'}): check TELEGRAM_BOT_TOKEN "
              "and NASHRA_TELEGRAM_API_URL", file=sys.stderr)
        return 1


def serve(settings: Settings, *, ingest: bool) -> int:
    """Poll Telegram, or take a webhook when NASHRA_WEBHOOK_URL is set."""
    from bot.compose import application, attach_ingest

    app = application(settings)
    if ingest and app.job_queue is not None:
        attach_ingest(app, settings, scheduled=True)
    on_stop_signals(app)
    if settings.webhook_url:
        # One path, the one Telegram is told; PTB answers 403 to a request without the secret header.
        # PTB puts url_path into a tornado route pattern, hence the escape. Stop signals are ours.
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port,
                        url_path=re.escape(settings.webhook_path), webhook_url=settings.webhook_url,
                        secret_token=settings.webhook_secret, allowed_updates=UPDATES, stop_signals=None)
    else:
        app.run_polling(allowed_updates=UPDATES, stop_signals=None)
    return 0


def on_stop_signals(app: Any) -> None:
    """Our stop, not PTB's: PTB's waits for a running broadcast to end, which outlasts any stop timeout."""
    import signal
    from functools import partial

    from bot.app import stop_gracefully

    loop = asyncio.new_event_loop()  # the loop run_polling then takes as the current one
    asyncio.set_event_loop(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, partial(stop_gracefully, app))


def ingest_only(settings: Settings) -> int:
    """`--role ingest`: a worker that claims due sources until SIGINT or SIGTERM."""
    import signal

    from bot.compose import run_worker
    from storage.migrate import upgrade

    upgrade(settings.database_url)

    async def work() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_worker(settings, stop=stop, ops=True)

    asyncio.run(work())
    return 0
