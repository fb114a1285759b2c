"""Logging for the bot process: one format, and secrets that never reach stdout, stderr or a log record.

The token travels in every Bot API URL, so it turns up in httpx's request lines, in the text of
PTB's InvalidToken, in tracebacks and in warnings; at DEBUG, PTB logs every call's parameters,
the webhook secret among them. Two layers keep both out:

- `RedactSecrets` masks them in each log record: the message, the formatted traceback and the stack.
- `RedactedStream` replaces sys.stdout and sys.stderr for what never passes through logging:
  Python's last traceback before a crash, a library's print, a warning shown before logging starts.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO
from urllib.parse import quote

Secrets = dict[str, str]  # what must not be printed -> what is printed instead


def secrets(token: str | None, webhook_secret: str | None = None) -> Secrets:
    """The bot's secrets and their masks, each as written and as a URL escapes it."""
    hidden: Secrets = {}
    for value, mask in ((token, "<token>"), (webhook_secret, "<webhook secret>")):
        if value:
            hidden[value] = hidden[quote(value, safe="")] = mask
    return hidden


def redact(text: str, hidden: Secrets) -> str:
    """The text with every secret masked."""
    for value, mask in hidden.items():
        text = text.replace(value, mask)
    return text


class RedactSecrets(logging.Filter):
    """Mask the secrets in a record: message, traceback and stack (httpx logs request URLs with the token)."""

    def __init__(self, hidden: Secrets) -> None:
        super().__init__()
        self.hidden = hidden
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record with the token masked; never drop it."""
        message = record.getMessage()
        masked = redact(message, self.hidden)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info:
            # The formatted text takes the place of the exception: a handler prints exc_text as it is.
            record.exc_text = self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.hidden)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.hidden)
        return True


class RedactedStream:
    """A text stream that masks the secrets in whatever is written through it.

    Whole lines are passed on; a partial line waits for its end (or a flush), so a secret
    written in two pieces is still seen whole.
    """

    def __init__(self, stream: TextIO, hidden: Secrets) -> None:
        self._stream = stream
        self._hidden = hidden
        self._pending = ""

    def write(self, text: str) -> int:
        """Pass on every complete line, masked."""
        lines, newline, self._pending = (self._pending + text).rpartition("\n")
        if newline:
            self._stream.write(redact(lines + newline, self._hidden))
        return len(text)

    def flush(self) -> None:
        """Pass on what is pending, masked, and flush."""
        if self._pending:
            self._stream.write(redact(self._pending, self._hidden))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)  # encoding, isatty, fileno…: the wrapped stream's own


def guard_output(hidden: Secrets) -> None:
    """Mask the secrets on stdout and stderr for the rest of the process."""
    if not isinstance(sys.stdout, RedactedStream):
        sys.stdout = RedactedStream(sys.stdout, hidden)  # type: ignore[assignment]
    if not isinstance(sys.stderr, RedactedStream):
        sys.stderr = RedactedStream(sys.stderr, hidden)  # type: ignore[assignment]


def setup_logging(hidden: Secrets, level: str = "INFO") -> None:
    """Log to stderr, warnings too; httpx and APScheduler only at WARNING unless DEBUG; secrets masked."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.captureWarnings(True)  # warnings become records, and records are masked
    if level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if hidden:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactSecrets(hidden))
