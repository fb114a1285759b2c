"""The shell speaks to the same handlers; the token stays out of logs; bad settings fail clearly."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build_application
from bot.logs import RedactToken
from bot.settings import load_settings
from bot.shell import ShellRequest, run_shell
from briefings.errors import ConfigError
from tests.bot.conftest import Maker


async def test_shell_runs_the_handlers_and_presses_buttons(filled: Maker) -> None:
    out = io.StringIO()
    shell = ShellRequest(out)
    app = build_application(load_settings(), filled, request=shell, updates_request=ShellRequest(io.StringIO()))
    stdin = io.StringIO("/latest 1\n1\nal-Sudani\n/lang ar\n/help\n")  # then end of input
    assert await run_shell(app, shell, stdin=stdin) == 0
    text = out.getvalue()
    assert "[1] Next ›" in text and "[1] ‹ Previous" in text  # the button was pressed and the page moved
    assert "Mohammed Shia al-Sudani" in text and "Prime Minister of Iraq" in text
    assert "اللغة الآن: العربية" in text and "الأوامر" in text
    assert "<b>" not in text and "\u200f" not in text


def test_make_run_without_a_token_or_terminal_exits(tmp_path: Path) -> None:
    env = {"NASHRA_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120, env=env, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "TELEGRAM_BOT_TOKEN is not set" in done.stderr and "Nashra shell" in done.stdout


def test_token_is_masked_in_every_log_line(caplog: pytest.LogCaptureFixture) -> None:
    token = "999:SECRET"
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.addFilter(RedactToken(token))
    logger = logging.getLogger("httpx-test")
    logger.addHandler(handler)
    try:
        logger.warning("HTTP Request: POST https://api.telegram.org/bot%s/getUpdates", token)
    finally:
        logger.removeHandler(handler)
    assert token not in stream.getvalue() and "bot<token>/getUpdates" in stream.getvalue()


@pytest.mark.parametrize(("field", "value"), [("NASHRA_DEFAULT_DIGEST_TIME", "25:00"),
                                              ("NASHRA_TELEGRAM_API_URL", "ftp://x"),
                                              ("NASHRA_ADMIN_IDS", "12,bob"),
                                              ("NASHRA_SOURCE_DEADLINE_SECONDS", "600")])  # over the lease
def test_bad_settings_fail_with_one_line(monkeypatch: pytest.MonkeyPatch, field: str, value: str) -> None:
    monkeypatch.setenv(field, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "\n" not in str(err.value) and "bad setting" in str(err.value)
