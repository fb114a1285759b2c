"""The sources configuration: folders, feeds and page lists from sources.yaml or nashra.toml."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from briefings.errors import ConfigError, InputError
from storage.fetch import host_port
from storage.files import read_capped

KINDS = ("folder", "feed", "pages")
DEFAULT_INTERVAL = 900  # seconds; news sites update every few minutes, most feeds every quarter hour
MAX_CONFIG_BYTES = 10_000_000  # a sources file or a folder's manifest; real ones are a few KB


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceConfig:
    """One source as configured."""

    name: str
    kind: str  # folder | feed | pages
    path: Path | None = None  # folder
    url: str | None = None  # feed
    urls: tuple[str, ...] = ()  # pages
    interval: int = DEFAULT_INTERVAL  # seconds between polls
    local: bool = False  # its own hosts may be private or loopback (tests, the bundled demo); no other
    outlet: str | None = None  # shown as the source of its articles; the name when unset
    max_entries: int = 50  # newest feed entries looked at per poll

    @property
    def local_hosts(self) -> frozenset[str]:
        """The `host:port`s a local source configures, the only private addresses its fetches may reach."""
        if not self.local:
            return frozenset()
        return frozenset(host_port(u) for u in (self.url, *self.urls) if u)

    @property
    def location(self) -> str | None:
        """What admins see as the source's address."""
        return self.url or (str(self.path) if self.path else None) or (self.urls[0] if self.urls else None)


def _one(name: str, spec: Mapping[str, Any], base: Path) -> SourceConfig:
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"source {name}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    where = {"folder": "path", "feed": "url", "pages": "urls"}[kind]
    if not spec.get(where):
        raise ConfigError(f"source {name}: a {kind} source needs '{where}'")
    interval = spec.get("interval", DEFAULT_INTERVAL)
    if not isinstance(interval, int) or interval < 10:
        raise ConfigError(f"source {name}: interval must be a number of seconds, at least 10")
    urls = spec.get("urls", ())
    if isinstance(urls, str) or not all(isinstance(u, str) for u in urls):
        raise ConfigError(f"source {name}: 'urls' must be a list of page addresses")
    path = base / spec["path"] if kind == "folder" else None
    return SourceConfig(name=name, kind=kind, path=path, url=spec.get("url"), urls=tuple(urls), interval=interval,
                        local=bool(spec.get("local", False)), outlet=spec.get("outlet"),
                        max_entries=int(spec.get("max_entries", 50)))


def parse_sources(data: Any, *, base: Path) -> tuple[SourceConfig, ...]:
    """Sources from a list of {name, kind, …} or a mapping of name -> {kind, …}; paths relative to base."""
    if isinstance(data, Mapping):
        items = [(str(k), v) for k, v in data.items()]
    elif isinstance(data, list):
        items = [(str(d.get("name", "")) if isinstance(d, Mapping) else "", d) for d in data]
    else:
        raise ConfigError("sources must be a list or a table of sources")
    out: list[SourceConfig] = []
    for name, spec in items:
        if not name or not isinstance(spec, Mapping):
            raise ConfigError(f"source {name or '#' + str(len(out) + 1)}: needs a name and settings")
        out.append(_one(name, spec, base))
    names = [s.name for s in out]
    if len(set(names)) != len(names):
        raise ConfigError("sources: two sources share a name")
    return tuple(out)


def load_sources(path: Path, *, table: Any = None) -> tuple[SourceConfig, ...]:
    """The configured sources: nashra.toml's [sources] table when given, else the YAML file at path."""
    if table:
        return parse_sources(table, base=Path.cwd())
    try:
        data = yaml.safe_load(read_capped(path, limit=MAX_CONFIG_BYTES, name=str(path)).decode("utf-8"))
    except InputError as exc:
        raise ConfigError(f"cannot read sources file {exc}") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {str(exc).splitlines()[0]}") from None
    return parse_sources((data or {}).get("sources", []) if isinstance(data, dict) else data,
                         base=path.resolve().parent)


MANIFEST = "manifest.json"  # beside folder articles: {"articles": [{"file": …, "published": "YYYY-MM-DD"}]}


def folder_dates(folder: Path) -> dict[str, date]:
    """Publication days a folder's manifest gives its files; {} when there is none or it is unreadable.

    A folder of saved articles has no feed to say when each appeared; the manifest (the same
    shape `nashra extract --manifest` reads) does, so relative dates resolve against the right day.
    """
    try:
        data = json.loads(read_capped(folder / MANIFEST, limit=MAX_CONFIG_BYTES, name=MANIFEST).decode("utf-8"))
    except (InputError, ValueError):
        return {}
    out: dict[str, date] = {}
    for entry in data.get("articles", []) if isinstance(data, dict) else []:
        try:
            out[str(entry["file"]).rsplit("/", 1)[-1]] = date.fromisoformat(entry["published"])
        except (KeyError, TypeError, ValueError):
            continue
    return out
