"""Webhook mode through the real `nashra run`: the fake Bot API posts updates to the bot's listener."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bot.conftest import ADMIN
from tests.bot.helpers import NASHRA, nashra_env
from tests.fakes.bot_api import TOKEN, FakeBotApi

SECRET = "webhook-secret-for-the-tests-0123"


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(ready: Callable[[], bool], bot: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Poll until ready, failing at once if the bot exits."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert bot.poll() is None, f"nashra exited with {bot.returncode}"
        assert time.monotonic() < deadline, "the webhook listener did not come up"
        time.sleep(0.05)


def webhook_env(api: FakeBotApi, tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    """Settings for a bot taking updates on http://127.0.0.1:PORT/telegram."""
    return nashra_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, NASHRA_TELEGRAM_API_URL=api.base_url,
                      NASHRA_ADMIN_IDS=str(ADMIN), NASHRA_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
                      NASHRA_WEBHOOK_LISTEN="127.0.0.1", NASHRA_WEBHOOK_PORT=str(port), **extra)


def test_only_updates_with_the_secret_on_the_one_path_are_handled(api: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    env = webhook_env(api, tmp_path, port, NASHRA_WEBHOOK_SECRET=SECRET, NASHRA_LOG_LEVEL="DEBUG")
    with (tmp_path / "output").open("w") as log:  # a file, not a pipe: DEBUG lines would fill a pipe and stall it
        bot = subprocess.Popen([NASHRA, "run", "--role", "bot"], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                               env=env, cwd=tmp_path)
    try:
        wait_until(lambda: api.webhook is not None and listening(port), bot)
        assert api.webhook is not None
        assert (api.webhook["url"], api.webhook["secret_token"]) == (f"http://127.0.0.1:{port}/telegram", SECRET)
        forged = [api.post_update(api.text_message(ADMIN, "/stats"), secret=None),
                  api.post_update(api.text_message(ADMIN, "/stats"), secret="not-the-secret-of-this-bot"),
                  api.post_update(api.text_message(ADMIN, "/stats"), secret=SECRET, url=f"http://127.0.0.1:{port}/"),
                  api.post_update(api.text_message(ADMIN, "/stats"), secret=SECRET,
                                  url=f"http://127.0.0.1:{port}/telegram/stats")]
        assert forged == [403, 403, 404, 404]
        assert api.post_update(api.text_message(ADMIN, "/stats"), secret=SECRET) == 200
        api.wait_for(1, chat_id=ADMIN)
        time.sleep(0.5)  # updates are handled in order: a forged one let in would have been answered first
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
        output = (tmp_path / "output").read_text()
    assert bot.returncode == 0, output[-2000:]
    assert [m.plain.splitlines()[0] for m in api.messages_to(ADMIN)] == ["Statistics"]
    assert "getUpdates" not in api.calls  # a webhook bot never polls
    assert "setWebhook" in output and TOKEN not in output and SECRET not in output  # PTB logs its parameters


@pytest.mark.parametrize(("secret", "complaint"), [
    (None, "bad settings: NASHRA_WEBHOOK_URL needs NASHRA_WEBHOOK_SECRET"),
    ("short", "bad setting webhook_secret: NASHRA_WEBHOOK_SECRET must be 16 to 256 letters, digits, _ or -"),
    ("with spaces and 32 characters ok", "bad setting webhook_secret:"),
])
def test_no_webhook_without_a_good_secret(api: FakeBotApi, tmp_path: Path, secret: str | None,
                                          complaint: str) -> None:
    env = webhook_env(api, tmp_path, free_port(), **({"NASHRA_WEBHOOK_SECRET": secret} if secret else {}))
    done = subprocess.run([NASHRA, "run", "--role", "bot"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"nashra: {complaint}") and done.stderr.count("\n") == 1, done.stderr
    assert api.calls == []  # refused before anything reached Telegram
