"""A strict fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

It speaks the real HTTP protocol PTB speaks (`base_url` form `http://127.0.0.1:PORT/bot`), serves
getUpdates from a queue the test fills (or, once the bot set a webhook, posts updates to it as
Telegram does, with the secret header or without), records what the bot sends, and rejects what
Telegram rejects: HTML with unsupported or unclosed tags, bare `<` or `&`, text over 4,096
characters, callback data over 64 bytes, an empty text, an empty or oversized upload, a caption
over 1,024 characters; a wrong path gets 404 and a wrong token 401. Files come as Telegram takes
them, in multipart/form-data (sendDocument, sendPhoto), and are kept byte for byte with their
names, so a test reads the very file a user would open. It can answer 429 with retry_after, 403
for a blocked chat, 5xx, a timeout, enforce a per-bot and per-chat rate, and hang after N
messages (a crash in the middle: the message is recorded, the answer never comes).

`running()` serves from a thread of the test's own process, where a test can read and change
everything as it goes; `running_apart()` serves from a child process, for benchmarks: Telegram is
another machine, and a server sharing the sender's interpreter lock would measure itself.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456:TEST-token-never-logged"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Nashra", "username": "nashra_test_bot"}
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_CAPTION = 1024
MAX_UPLOAD = 50 * 1024 * 1024  # what a bot may send through the public Bot API

# Telegram's HTML subset: https://core.telegram.org/bots/api#html-style
_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
         "tg-emoji", "code", "pre", "blockquote"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"<>]*\"|='[^'<>]*')?)*)\s*>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_ENTITY_TEXT = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class BadRequest(Exception):
    """A request Telegram would answer with 400 and this description."""


def parse_html(text: str) -> str:
    """The plain text of Telegram HTML, or BadRequest exactly where Telegram would refuse it."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                raise BadRequest(f"Bad Request: can't parse entities: unexpected '<' at byte offset {i}")
            closing, name = m.group(1) == "/", m.group(2).lower()
            if name not in _TAGS:
                raise BadRequest(f'Bad Request: can\'t parse entities: unsupported start tag "{name}"')
            if closing:
                if not stack or stack[-1] != name:
                    raise BadRequest(f'Bad Request: can\'t parse entities: unmatched end tag "{name}"')
                stack.pop()
            else:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise BadRequest(f"Bad Request: can't parse entities: unsupported entity at offset {i}")
            key = m.group(1)
            out.append(_ENTITY_TEXT.get(key) or chr(int(key[2:], 16) if key[1:2] == "x" else int(key[1:])))
            i = m.end()
        else:
            out.append(ch)
            i += 1
    if stack:
        raise BadRequest(f'Bad Request: can\'t parse entities: can\'t find end tag corresponding to "{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    """Telegram measures message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Upload:
    """A file the bot sent, as the user receives it."""

    field: str  # "document", "photo"
    filename: str
    data: bytes
    content_type: str | None


@dataclass
class Sent:
    """One message the bot sent or edited; a document or photo carries its file and its caption as text."""

    method: str
    chat_id: int
    text: str  # as sent, with markup
    plain: str  # what the user reads
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    message_id: int
    at: float
    file: Upload | None = None


@dataclass
class Faults:
    """What the server does wrong on purpose; counters count down per sendMessage."""

    blocked: set[int] = field(default_factory=set)
    retry_after_burst: int = 0  # the next N sendMessage get 429
    retry_after: int = 1
    server_errors: int = 0  # the next N sendMessage get 502
    timeouts: int = 0  # the next N sendMessage are recorded, then answered after the client gave up
    timeout_seconds: float = 3.0
    hang_after: int | None = None  # after this many recorded messages, record and never answer
    rate_per_second: float | None = None  # a sliding one-second window per bot
    chat_interval: float | None = None  # seconds between two messages to one chat


class FakeBotApi:
    """The server: start(), then point PTB at `base_url`; every call is thread-safe."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.lock = threading.Condition()
        self.faults = Faults()
        self.sent: list[Sent] = []
        self.rejected: list[tuple[str, str]] = []  # (method, description)
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.calls: list[str] = []
        self.answers: list[dict[str, Any]] = []  # answerCallbackQuery parameters, in order
        self.updates: deque[dict[str, Any]] = deque()
        self.webhook: dict[str, Any] | None = None  # what setWebhook was told: url, secret_token, allowed_updates
        self._update_id = 0
        self._message_id = 0
        self._new_messages = 0  # sendMessage calls recorded: a count, not a scan of `sent` per message
        self._window: deque[float] = deque()
        self._last_by_chat: dict[int, float] = {}
        self._release = threading.Event()
        self.hung = 0
        self._server: ThreadingHTTPServer | None = None

    # --- life cycle -------------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        """Listen on a free loopback port in a daemon thread."""
        server = _Server(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True, name="fake-bot-api").start()
        return self

    def stop(self) -> None:
        """Release hung requests and close the socket."""
        self._release.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        """PTB's base_url form: the token is appended by PTB."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def reset(self) -> None:
        """Forget everything between tests."""
        with self.lock:
            self.faults = Faults()
            self.sent.clear()
            self.rejected.clear()
            self.commands.clear()
            self.calls.clear()
            self.answers.clear()
            self._new_messages = 0
            self.updates.clear()
            self.webhook = None
            self._window.clear()
            self._last_by_chat.clear()
            self._release.set()
            self._release = threading.Event()
            self.hung = 0

    def reset_hung(self) -> None:
        """Let held requests go (their clients are gone) and hold no more."""
        with self.lock:
            self._release.set()
            self._release = threading.Event()
            self.hung = 0

    # --- what a test feeds in ------------------------------------------------------------------
    def push_text(self, chat_id: int, text: str, *, language_code: str | None = "en",
                  user_id: int | None = None, chat_type: str = "private") -> int:
        """Queue a message from a user (privately, unless chat_type says "group" or "supergroup"); its update_id."""
        return self.push(self.text_message(chat_id, text, language_code=language_code, user_id=user_id,
                                           chat_type=chat_type))

    def text_message(self, chat_id: int, text: str, *, language_code: str | None = "en",
                     user_id: int | None = None, chat_type: str = "private") -> dict[str, Any]:
        """The body of an update for a message from a user, a command marked as Telegram marks it."""
        uid = chat_id if user_id is None else user_id
        user = {"id": uid, "is_bot": False, "first_name": "User"} | (
            {"language_code": language_code} if language_code else {})
        chat = {"id": chat_id, "type": chat_type} | (
            {"first_name": "User"} if chat_type == "private" else {"title": "Newsroom"})
        with self.lock:
            self._message_id += 1
            message = {"message_id": self._message_id, "date": int(time.time()), "chat": chat, "from": user,
                       "text": text}
        command = re.match(r"/\S+", text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}]
        return {"message": message}

    def push(self, body: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self.lock:
            return self._push(body)

    def post_update(self, body: dict[str, Any], *, secret: str | None, url: str | None = None) -> int:
        """POST an update to the webhook (or another URL) as Telegram does, with this secret header or none.

        Returns the listener's HTTP status.
        """
        with self.lock:
            assert self.webhook is not None, "no webhook was set"
            self._update_id += 1
            data = json.dumps({"update_id": self._update_id} | body).encode()
        headers = {"Content-Type": "application/json"} | (
            {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {})
        request = urllib.request.Request(url or self.webhook["url"], data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            return refused.code

    def push_callback(self, chat_id: int, data: str, *, message_id: int,
                      language_code: str | None = "en") -> int:
        """Queue a button press on one of the bot's messages."""
        user = {"id": chat_id, "is_bot": False, "first_name": "User"} | (
            {"language_code": language_code} if language_code else {})
        with self.lock:
            message = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                       "chat": {"id": chat_id, "type": "private"}, "text": "…"}
            return self._push({"callback_query": {"id": f"cb{self._update_id + 1}", "from": user,
                                                  "chat_instance": str(chat_id), "data": data,
                                                  "message": message}})

    def push_blocked(self, chat_id: int) -> int:
        """Queue the my_chat_member update Telegram sends when a user blocks the bot."""
        user = {"id": chat_id, "is_bot": False, "first_name": "User"}
        with self.lock:
            self.faults.blocked.add(chat_id)
            return self._push({"my_chat_member": {
                "chat": {"id": chat_id, "type": "private"}, "from": user, "date": int(time.time()),
                "old_chat_member": {"status": "member", "user": BOT_USER},
                "new_chat_member": {"status": "kicked", "user": BOT_USER, "until_date": 0}}})

    def _push(self, body: dict[str, Any]) -> int:
        self._update_id += 1
        self.updates.append({"update_id": self._update_id} | body)
        self.lock.notify_all()
        return self._update_id

    # --- what a test reads back ----------------------------------------------------------------
    def messages_to(self, chat_id: int) -> list[Sent]:
        """Everything sent or edited in one chat, in order."""
        with self.lock:
            return [s for s in self.sent if s.chat_id == chat_id]

    def wait_for(self, count: int, *, chat_id: int | None = None, timeout: float = 10.0) -> list[Sent]:
        """Block until at least `count` messages (in one chat) were recorded."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                got = [s for s in self.sent if chat_id is None or s.chat_id == chat_id]
                if len(got) >= count:
                    return got
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(got)} of {count} messages; rejected: {self.rejected[-3:]}")
                self.lock.wait(left)

    # --- the protocol ---------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call as (HTTP status, JSON body)."""
        with self.lock:
            self.calls.append(method)
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            result = handler(params)
        except BadRequest as exc:
            with self.lock:
                self.rejected.append((method, str(exc)))
            return 400, {"ok": False, "error_code": 400, "description": str(exc)}
        except _Reply as reply:
            return reply.status, reply.body
        return 200, {"ok": True, "result": result}

    def _m_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _m_setwebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith(("https://", "http://")):
            raise BadRequest("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise BadRequest("Bad Request: secret token contains unallowed characters")
        with self.lock:
            self.webhook = dict(params)
        return True

    def _m_deletewebhook(self, params: dict[str, Any]) -> bool:
        with self.lock:
            self.webhook = None
        return True

    def _m_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or not commands:
            raise BadRequest("Bad Request: commands must be a non-empty list")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(c.get("description", "")) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self.lock:
            self.commands[params.get("language_code") or ""] = commands
        return True

    def _m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        if len(params.get("text") or "") > 200:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
        with self.lock:
            self.answers.append(params)
            self.lock.notify_all()
        return True

    def _m_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise _Reply(409, {"ok": False, "error_code": 409, "description": "Conflict: can't use getUpdates "
                               "method while webhook is active; use deleteWebhook to delete the webhook first"})
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        with self.lock:
            while self.updates and self.updates[0]["update_id"] < offset:
                self.updates.popleft()
            while not self.updates and time.monotonic() < deadline:
                self.lock.wait(deadline - time.monotonic())
            return list(self.updates)[: int(params.get("limit") or 100)]

    def _m_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record("sendMessage", params, new=True)

    def _m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record("editMessageText", params, new=False)

    def _m_senddocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record_file("sendDocument", "document", params)

    def _m_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record_file("sendPhoto", "photo", params)

    def _record_file(self, method: str, field_name: str, params: dict[str, Any]) -> dict[str, Any]:
        """A document or photo uploaded in multipart/form-data, with an optional caption."""
        chat_id = _chat_id(params)
        upload = params.get(field_name)
        if not isinstance(upload, Upload):  # a file_id or URL: nothing this server could hand back
            raise BadRequest(f"Bad Request: there is no {field_name} in the request")
        if not upload.data:
            raise BadRequest("Bad Request: file must be non-empty")
        if len(upload.data) > MAX_UPLOAD:
            raise BadRequest("Request Entity Too Large")
        caption = params.get("caption") or ""
        parse_mode = params.get("parse_mode")
        if parse_mode not in (None, "HTML"):
            raise BadRequest(f"Bad Request: unsupported parse_mode {parse_mode}")
        plain = parse_html(caption) if parse_mode == "HTML" else caption
        if utf16_len(plain) > MAX_CAPTION:
            raise BadRequest("Bad Request: message caption is too long")
        self._faults_before_send(chat_id)
        with self.lock:
            self._message_id += 1
            self._new_messages += 1
            self.sent.append(Sent(method, chat_id, caption, plain, parse_mode, None, self._message_id,
                                  time.monotonic(), upload))
            self.lock.notify_all()
            message_id = self._message_id
        return {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                "chat": {"id": chat_id, "type": "private"}, "caption": plain,
                field_name: _file_result(field_name, upload)}

    def _record(self, method: str, params: dict[str, Any], *, new: bool) -> dict[str, Any]:
        chat_id = _chat_id(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BadRequest("Bad Request: message text is empty")
        parse_mode = params.get("parse_mode")
        plain = parse_html(text) if parse_mode == "HTML" else text
        if parse_mode not in (None, "HTML"):
            raise BadRequest(f"Bad Request: unsupported parse_mode {parse_mode}")
        if not plain.strip():
            raise BadRequest("Bad Request: message text is empty")
        if utf16_len(plain) > MAX_TEXT:
            raise BadRequest("Bad Request: message is too long")
        markup = params.get("reply_markup")
        _check_markup(markup)
        late = self._faults_before_send(chat_id) if new else 0.0
        with self.lock:
            if new:
                self._message_id += 1
                self._new_messages += 1
            message_id = self._message_id if new else int(params.get("message_id") or 0)
            self.sent.append(Sent(method, chat_id, text, plain, parse_mode, markup, message_id,
                                  time.monotonic()))
            self.lock.notify_all()
            hang = new and self.faults.hang_after is not None and self._new_messages > self.faults.hang_after
            release = self._release
            if hang:
                self.hung += 1
        if late:
            release.wait(late)  # Telegram delivered it, the answer is lost: the ambiguous case
        if hang:
            release.wait()  # the crash: recorded, never answered
            raise _Reply(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
        return {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                "chat": {"id": chat_id, "type": "private"}, "text": plain}

    def _faults_before_send(self, chat_id: int) -> float:
        """Raise the planned failure, or return how long to hold the answer back."""
        with self.lock:
            f = self.faults
            if chat_id in f.blocked:
                raise _Reply(403, {"ok": False, "error_code": 403,
                                   "description": "Forbidden: bot was blocked by the user"})
            if f.retry_after_burst > 0:
                f.retry_after_burst -= 1
                raise _too_many(f.retry_after)
            if f.server_errors > 0:
                f.server_errors -= 1
                raise _Reply(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
            timeout = f.timeouts > 0
            if timeout:
                f.timeouts -= 1
            now = time.monotonic()
            if f.rate_per_second is not None and not timeout:
                while self._window and self._window[0] <= now - 1.0:
                    self._window.popleft()
                if len(self._window) >= f.rate_per_second:
                    raise _too_many(1)
                self._window.append(now)
            if f.chat_interval is not None and not timeout:
                last = self._last_by_chat.get(chat_id)
                if last is not None and now - last < f.chat_interval:
                    raise _too_many(1)
                self._last_by_chat[chat_id] = now
            return f.timeout_seconds if timeout else 0.0


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients hanging up mid-answer is what the crash tests do."""


class _Reply(Exception):
    """An error answer other than 400."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("description"))
        self.status, self.body = status, body


def _too_many(seconds: int) -> _Reply:
    return _Reply(429, {"ok": False, "error_code": 429,
                        "description": f"Too Many Requests: retry after {seconds}",
                        "parameters": {"retry_after": seconds}})


def _chat_id(params: dict[str, Any]) -> int:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        raise BadRequest("Bad Request: chat not found") from None


def _check_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")


def _file_result(field_name: str, upload: Upload) -> Any:
    """What Telegram answers for a stored file: a Document, or a PhotoSize list."""
    stored = {"file_id": f"file-{len(upload.data)}", "file_unique_id": f"u{len(upload.data)}",
              "file_size": len(upload.data)}
    if field_name == "photo":
        return [stored | {"width": 1, "height": 1}]
    return stored | {"file_name": upload.filename, "mime_type": upload.content_type or "application/octet-stream"}


def _field_value(value: str) -> Any:
    """A form field as Telegram reads it: nested values are JSON strings."""
    try:
        return json.loads(value) if value[:1] in "[{" else value
    except json.JSONDecodeError:
        return value


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?')
_PART_NAME = re.compile(r'(?:^|[;\s])name="([^"]*)"', re.IGNORECASE)
_PART_FILENAME = re.compile(r'filename="([^"]*)"', re.IGNORECASE)
_PART_TYPE = re.compile(r"^content-type:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def _multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """multipart/form-data fields and files, split at the boundary byte for byte; `attach://x` resolved."""
    found = _BOUNDARY.search(content_type)
    if not found:
        raise BadRequest("Bad Request: multipart boundary is missing")
    params: dict[str, Any] = {}
    for chunk in body.split(b"--" + found.group(1).encode())[1:]:
        if chunk.startswith(b"--"):  # the closing delimiter
            break
        head, _, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        headers = head.decode("utf-8", "replace")
        name, filename = _PART_NAME.search(headers), _PART_FILENAME.search(headers)
        if not name:
            raise BadRequest("Bad Request: a form part has no name")
        data = data.removesuffix(b"\r\n")
        if filename:
            kind = _PART_TYPE.search(headers)
            params[name.group(1)] = Upload(field=name.group(1), filename=filename.group(1), data=data,
                                           content_type=kind.group(1) if kind else None)
        else:
            params[name.group(1)] = _field_value(data.decode())
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            attached = params.get(value.removeprefix("attach://"))
            if isinstance(attached, Upload):
                params[key] = Upload(field=key, filename=attached.filename, data=attached.data,
                                     content_type=attached.content_type)
    return params


def _decode(body: bytes, content_type: str) -> dict[str, Any]:
    """PTB posts form fields whose nested values are JSON strings, and files as multipart; Telegram accepts all."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    if content_type.startswith("multipart/form-data"):
        return _multipart(body, content_type)
    return {key: _field_value(value) for key, value in parse_qsl(body.decode(), keep_blank_values=True)}


def _handler_for(api: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            prefix = f"/bot{api.token}/"
            if not self.path.startswith("/bot"):  # a mistyped API URL
                status, answer = 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            elif not self.path.startswith(prefix):  # another bot's token, or none
                status, answer = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            else:
                try:
                    params = _decode(body, self.headers.get("Content-Type", ""))
                    status, answer = api.handle(self.path[len(prefix):], params)
                except BadRequest as exc:  # a body Telegram could not read
                    status, answer = 400, {"ok": False, "error_code": 400, "description": str(exc)}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the tests read the records, not a log."""

    return Handler


@contextmanager
def running(token: str = TOKEN) -> Iterator[FakeBotApi]:
    """A started server, stopped on exit."""
    api = FakeBotApi(token).start()
    try:
        yield api
    finally:
        api.stop()


@dataclass
class ApartBotApi:
    """What the parent sees of a server in another process: its address, then what it recorded."""

    base_url: str
    sent: list[Sent] = field(default_factory=list)  # filled when the server stops


def _serve_apart(conn: Connection, token: str, faults: Faults) -> None:
    """The child process: serve until the parent says stop, then hand back the record."""
    api = FakeBotApi(token)
    api.faults = faults
    api.start()
    conn.send(api.base_url)
    conn.recv()
    api.stop()
    with api.lock:
        conn.send(api.sent)
    conn.close()


@contextmanager
def running_apart(token: str = TOKEN, *, faults: Faults | None = None) -> Iterator[ApartBotApi]:
    """A server in a child process with these faults fixed; `sent` is filled on exit."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads and loops
    parent, child = context.Pipe()
    process = context.Process(target=_serve_apart, args=(child, token, faults or Faults()), daemon=True,
                              name="fake-bot-api")
    process.start()
    try:
        if not parent.poll(30):
            raise TimeoutError("the fake Bot API process did not start")
        api = ApartBotApi(base_url=parent.recv())
        try:
            yield api
        finally:
            parent.send("stop")
            if parent.poll(60):
                api.sent.extend(parent.recv())
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
        parent.close()
