"""Storage stands on its own: nothing in it imports the bot."""

from __future__ import annotations

import subprocess
import sys

IMPORT_ALL = """
import importlib, pkgutil, sys
import storage
for info in pkgutil.iter_modules(storage.__path__, "storage."):
    importlib.import_module(info.name)
print(sorted({m.split(".")[0] for m in sys.modules if m == "bot" or m.startswith("bot.")}))
"""


def test_storage_imports_nothing_from_the_bot() -> None:
    out = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
