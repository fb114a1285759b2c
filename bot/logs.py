"""Logging for the bot process: one format, and a token that never reaches stdout, stderr or a log record.

The token travels in every Bot API URL, so it turns up in httpx's request lines, in the text of
PTB's InvalidToken, in tracebacks and in warnings. Two layers keep it out:

- `RedactToken` masks it in each log record: the message, the formatted traceback and the stack.
- `RedactedStream` replaces sys.stdout and sys.stderr for what never passes through logging:
  Python's last traceback before a crash, a library's print, a warning shown before logging starts.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO
from urllib.parse import quote

MASK = "<token>"


def redact(text: str, token: str) -> str:
    """The text with the token masked, as written and as a URL escapes it."""
    for form in {token, quote(token, safe="")}:
        text = text.replace(form, MASK)
    return text


class RedactToken(logging.Filter):
    """Mask the token in a record: message, traceback and stack (httpx logs request URLs with it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record with the token masked; never drop it."""
        message = record.getMessage()
        masked = redact(message, self.token)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info:
            # The formatted text takes the place of the exception: a handler prints exc_text as it is.
            record.exc_text = self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.token)
        return True


class RedactedStream:
    """A text stream that masks the token in whatever is written through it.

    Whole lines are passed on; a partial line waits for its end (or a flush), so a token
    written in two pieces is still seen whole.
    """

    def __init__(self, stream: TextIO, token: str) -> None:
        self._stream = stream
        self._token = token
        self._pending = ""

    def write(self, text: str) -> int:
        """Pass on every complete line, masked."""
        lines, newline, self._pending = (self._pending + text).rpartition("\n")
        if newline:
            self._stream.write(redact(lines + newline, self._token))
        return len(text)

    def flush(self) -> None:
        """Pass on what is pending, masked, and flush."""
        if self._pending:
            self._stream.write(redact(self._pending, self._token))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)  # encoding, isatty, fileno…: the wrapped stream's own


def guard_output(token: str) -> None:
    """Mask the token on stdout and stderr for the rest of the process."""
    if not isinstance(sys.stdout, RedactedStream):
        sys.stdout = RedactedStream(sys.stdout, token)  # type: ignore[assignment]
    if not isinstance(sys.stderr, RedactedStream):
        sys.stderr = RedactedStream(sys.stderr, token)  # type: ignore[assignment]


def setup_logging(token: str | None, level: str = "INFO") -> None:
    """Log to stderr, warnings too; httpx and APScheduler only at WARNING unless DEBUG; the token masked."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.captureWarnings(True)  # warnings become records, and records are masked
    if level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if token:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactToken(token))
