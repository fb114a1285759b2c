"""Reading a local file a person named: regular files only, and never more than a cap.

A path can name a device (`/dev/zero` never ends; reading it whole is a MemoryError), a
named pipe (opening it waits for a writer that may never come) or a file still growing.
The file is opened without blocking and checked by its open descriptor, so what is
checked is what is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefings.errors import InputError, TooLarge


def read_capped(path: Path, *, limit: int, name: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError with a one-line reason otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a folder, not an article")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: is a {_kind(info.st_mode)}, not a file; only regular files are read")
        if info.st_size > limit:
            raise TooLarge(f"{name}: {info.st_size:,} bytes is over the {limit:,}-byte cap")
        try:
            data = file.read(limit + 1)  # one byte more tells a file over the cap, even one still growing
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise TooLarge(f"{name}: over the {limit:,}-byte cap")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"
