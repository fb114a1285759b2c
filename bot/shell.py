"""`nashra shell`: the bot's own handlers in a terminal, as a chat with one user.

The Application is the one `nashra run` builds; only its transport differs: `ShellRequest`
answers the Bot API calls in-process (getMe, sendMessage, editMessageText, …) and prints each
message as plain text, so handlers run unchanged and no network is touched. Each input line
becomes a Telegram update: a line is sent as a message (commands start with /, anything else
is looked up as a name, as in Telegram), a bare number presses that button of the last reply,
and /quit or the end of input (Ctrl-D, or no terminal at all) leaves with status 0.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.app import serving
from bot.context import NashraApp

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Nashra", "username": "nashra_bot"}
CHAT_ID = 1  # the one chat of the shell
_TAG = re.compile(r"<[^>]*>")
_MARKS = re.compile("[\u200e\u200f]")  # terminals lay out bidi text themselves; the marks show as noise
BANNER = ("Nashra shell: type /help, /latest or a name; a number presses a button; /quit or Ctrl-D leaves.")


def plain_text(markup: str) -> str:
    """Telegram HTML as a terminal shows it."""
    return _MARKS.sub("", html.unescape(_TAG.sub("", markup)))


class ShellRequest(BaseRequest):
    """A Bot API answered locally: messages are printed, not sent."""

    def __init__(self, out: TextIO, files: Path | None = None) -> None:
        self.out = out
        self.files = files  # where documents and photos the bot sends are saved, if anywhere
        self.buttons: list[str] = []  # callback data of the last reply's buttons, in order
        self._message_id = 0

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        """Answer one Bot API call."""
        params = request_data.parameters if request_data else {}
        name = url.rsplit("/", 1)[-1]
        if name in ("sendDocument", "sendPhoto") and request_data:
            return 200, json.dumps({"ok": True, "result": self._show_file(params, request_data)}).encode()
        result = self._answer(name, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _answer(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT_USER
        if name in ("sendMessage", "editMessageText"):
            return self._show(params, new=name == "sendMessage")
        return True  # setMyCommands, answerCallbackQuery, deleteWebhook: nothing to show

    def _show_file(self, params: dict[str, Any], request_data: RequestData) -> dict[str, Any]:
        """A document or photo: what it is, its name and size, where it was saved; then its caption."""
        what = "photo" if "photo" in request_data.multipart_data else "document"
        for filename, content in [(f[0], f[1]) for f in request_data.multipart_data.values()]:
            data = content if isinstance(content, bytes) else b""
            name = Path(filename or what).name  # the bot's own name for it, never a path
            note = f"[{what} {name}, {len(data):,} bytes"
            if self.files is not None:
                self.files.mkdir(parents=True, exist_ok=True)
                (self.files / name).write_bytes(data)
                note += f", saved to {self.files / name}"
            print(note + "]", file=self.out)
        return self._show({"text": params.get("caption") or ""}, new=True)

    def _show(self, params: dict[str, Any], *, new: bool) -> dict[str, Any]:
        text = plain_text(str(params.get("text", "")))
        rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
        self.buttons = [b.get("callback_data", "") for row in rows for b in row]
        labels = [b.get("text", "") for row in rows for b in row]
        print(text, file=self.out)
        if labels:
            print("  " + "  ".join(f"[{i}] {label}" for i, label in enumerate(labels, 1)), file=self.out)
        print(file=self.out, flush=True)
        if new:
            self._message_id += 1
        message_id = self._message_id if new else int(params.get("message_id") or self._message_id)
        return {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                "chat": {"id": CHAT_ID, "type": "private"}, "text": text}


def update_for(line: str, shell: ShellRequest, update_id: int, language: str) -> dict[str, Any]:
    """The update Telegram would send for a typed line."""
    user = {"id": CHAT_ID, "is_bot": False, "first_name": "You", "language_code": language}
    chat = {"id": CHAT_ID, "type": "private"}
    if line.isdigit() and 1 <= int(line) <= len(shell.buttons):
        message = {"message_id": shell._message_id, "date": int(time.time()), "chat": chat, "from": BOT_USER,
                   "text": "…"}
        return {"update_id": update_id, "callback_query": {
            "id": str(update_id), "from": user, "chat_instance": "shell", "message": message,
            "data": shell.buttons[int(line) - 1]}}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": user, "text": line}
    command = re.match(r"/\S+", line)
    if command:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command.group())}]
    return {"update_id": update_id, "message": message}


async def run_shell(app: NashraApp, shell: ShellRequest, *, stdin: TextIO = sys.stdin,
                    language: str = "en") -> int:
    """Read lines until /quit or the end of input; every line goes through the real handlers."""
    async with serving(app):
        print(BANNER, file=shell.out, flush=True)
        update_id = 0
        while True:
            line = await asyncio.to_thread(stdin.readline)
            if not line or line.strip() in ("/quit", "/exit"):
                return 0
            if not line.strip():
                continue
            update_id += 1
            update = Update.de_json(update_for(line.strip(), shell, update_id, language), app.bot)
            await app.process_update(update)
