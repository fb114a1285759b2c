"""The shell speaks to the same handlers; the token stays out of logs; bad settings fail clearly."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.app import build_application
from bot.logs import RedactSecrets, secrets
from bot.settings import load_settings
from bot.shell import ShellRequest, run_shell
from briefings.errors import ConfigError
from tests.bot.conftest import NOW, Maker
from tests.bot.helpers import NASHRA, nashra_env
from tests.fakes.bot_api import TOKEN, FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
LEAKY = ROOT / "tests" / "fakes" / "leaky"  # a sitecustomize that makes httpx warn or fail with its URLs


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


async def test_shell_shows_an_exported_file_by_name_and_size(filled: Maker) -> None:
    out = io.StringIO()
    shell = ShellRequest(out)
    app = build_application(load_settings(), filled, request=shell, updates_request=ShellRequest(io.StringIO()),
                            clock=lambda: NOW)
    assert await run_shell(app, shell, stdin=io.StringIO("/export 7\n")) == 0
    text = out.getvalue()
    assert "[document nashra-incidents-2024-01-14-2024-01-21.csv, " in text and " bytes]" in text
    assert "Incidents from 2024-01-14 to 2024-01-21: 1." in text and "Something went wrong" not in text


def test_make_run_without_a_token_or_terminal_exits(tmp_path: Path) -> None:
    env = {"NASHRA_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120, env=env, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "TELEGRAM_BOT_TOKEN is not set" in done.stderr and "Nashra shell" in done.stdout


def run_bot(tmp_path: Path, api_url: str, token: str, *, leak: str = "warn") -> subprocess.CompletedProcess[str]:
    """`nashra run --role bot` to its end, logging at DEBUG, with httpx leaking the URLs it requests."""
    env = nashra_env(tmp_path, PYTHONPATH=str(LEAKY), NASHRA_TEST_LEAK=leak, NASHRA_LOG_LEVEL="DEBUG",
                     TELEGRAM_BOT_TOKEN=token, NASHRA_TELEGRAM_API_URL=api_url)
    return subprocess.run([NASHRA, "run", "--role", "bot"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120, env=env, cwd=tmp_path)


def assert_token_hidden(done: subprocess.CompletedProcess[str], token: str) -> str:
    """Neither the token, nor its secret half, nor its URL-escaped form was printed; the output is returned."""
    out = done.stdout + done.stderr
    for form in (token, token.split(":", 1)[1], quote(token, safe="")):
        assert form not in out, next(line for line in out.splitlines() if form in line)
    return out


@pytest.mark.parametrize(("case", "answer"), [("mistyped API URL", "Not Found"), ("wrong token", "Unauthorized")])
def test_a_refused_token_is_never_printed(bot_api: FakeBotApi, tmp_path: Path, case: str, answer: str) -> None:
    url, token = (bot_api.base_url.removesuffix("bot"), TOKEN) if case == "mistyped API URL" \
        else (bot_api.base_url, "654321:WRONG-token-of-another-bot")  # the first forgets the "bot" before the token
    done = run_bot(tmp_path, url, token)
    out = assert_token_hidden(done, token)
    assert done.returncode == 1
    assert f"HTTP Request: POST {url}<token>/getMe" in out  # httpx's request line, at DEBUG
    assert "py.warnings" in out and "slow answer from" in out  # the warning, through logging
    assert "Traceback" in out and "InvalidToken: The token `<token>` was rejected" in out  # PTB's logged error
    assert done.stderr.splitlines()[-1] == (f"nashra: the Bot API refused the token ({answer}): check "
                                            "TELEGRAM_BOT_TOKEN and NASHRA_TELEGRAM_API_URL")


def test_a_crash_never_prints_the_token(bot_api: FakeBotApi, tmp_path: Path) -> None:
    done = run_bot(tmp_path, bot_api.base_url, TOKEN, leak="crash")
    out = assert_token_hidden(done, TOKEN)
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]  # Python's own report of the uncaught error, last on stderr
    assert last.startswith("telegram.error.NetworkError: Unknown error") and "/bot<token>/getMe" in last
    assert out.count("Traceback (most recent call last)") >= 2  # PTB's logged one and the crash's


def test_token_is_masked_in_every_log_line(caplog: pytest.LogCaptureFixture) -> None:
    token = "999:SECRET"
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.addFilter(RedactSecrets(secrets(token)))
    logger = logging.getLogger("httpx-test")
    logger.addHandler(handler)
    try:
        logger.warning("HTTP Request: POST https://api.telegram.org/bot%s/getUpdates", token)
        try:
            raise RuntimeError(f"The token `{token}` was rejected")
        except RuntimeError:
            logger.exception("update failed", stack_info=True)
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert token not in written and "bot<token>/getUpdates" in written
    assert "RuntimeError: The token `<token>` was rejected" in written and "Stack (most recent call last)" in written


@pytest.mark.parametrize(("field", "value"), [("NASHRA_DEFAULT_DIGEST_TIME", "25:00"),
                                              ("NASHRA_TELEGRAM_API_URL", "ftp://x"),
                                              ("NASHRA_ADMIN_IDS", "12,bob"),
                                              ("NASHRA_SOURCE_DEADLINE_SECONDS", "600")])  # over the lease
def test_bad_settings_fail_with_one_line(monkeypatch: pytest.MonkeyPatch, field: str, value: str) -> None:
    monkeypatch.setenv(field, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "\n" not in str(err.value) and "bad setting" in str(err.value)
