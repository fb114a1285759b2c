"""`python -m tests.bench [NAME…]`: run every benchmark module's `run()` and print its report."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import tests.bench as package


def main(names: list[str]) -> int:
    """Run the named benchmarks, or all of them, one after another."""
    found = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_"))
    chosen = [n for n in found if not names or n.removeprefix("bench_") in names or n in names]
    for name in chosen:
        started = time.perf_counter()
        print(f"== {name.removeprefix('bench_')}", flush=True)
        for line in importlib.import_module(f"tests.bench.{name}").run():
            print(f"   {line}", flush=True)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
