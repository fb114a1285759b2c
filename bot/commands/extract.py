"""`nashra extract --manifest M.json --json`: the extraction contract, for measuring quality."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bot.commands.files import read_article, report
from briefings.errors import InputError
from briefings.model import Briefing
from storage.files import read_capped

MAX_MANIFEST_BYTES = 10_000_000  # a manifest of 50,000 articles is about 4 MB


def main(args: argparse.Namespace) -> int:
    """Brief every manifest article; one stderr line per article that could not be read."""
    try:
        manifest = _manifest(Path(args.manifest))
    except InputError as exc:
        report(str(exc))
        return 1
    out: list[dict[str, Any]] = []
    done = 0
    for entry in manifest:
        record = _one(Path(args.manifest).parent, entry)
        done += "error" not in record
        out.append(record)
    if args.json:
        json.dump({"articles": out}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for record in out:
            print(f"{record['file']}: {len(record['incidents'])} incidents, {len(record['statements'])} statements")
    return 0 if done or not manifest else 1


def _manifest(path: Path) -> list[dict[str, Any]]:
    raw = read_capped(path, limit=MAX_MANIFEST_BYTES, name=f"manifest {path}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON manifest ({exc})") from None
    arts = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(arts, list) or not all(isinstance(a, dict) and isinstance(a.get("file"), str) for a in arts):
        raise InputError(f"{path}: a manifest is {{\"articles\": [{{\"file\": …, \"published\": …}}]}}")
    return arts


def _one(folder: Path, entry: dict[str, Any]) -> dict[str, Any]:
    name = entry["file"]
    try:
        published = date.fromisoformat(entry["published"]) if entry.get("published") else None
    except (TypeError, ValueError):
        report(f"{name}: published {entry.get('published')!r} is not YYYY-MM-DD; reading it without a date")
        published = None
    try:
        briefing = read_article(folder / name, key=name, published=published)
    except InputError as exc:
        report(str(exc))
        return {"file": name, "error": str(exc), "actors": [], "incidents": [], "statements": []}
    except Exception as exc:  # a defect must not lose the rest of the batch; say which article hit it
        report(f"{name}: could not be briefed ({type(exc).__name__}: {exc}); please report this article")
        return {"file": name, "error": "internal error", "actors": [], "incidents": [], "statements": []}
    return {"file": name, **contract(briefing)}


def contract(b: Briefing) -> dict[str, Any]:
    """A briefing in the shape of the extraction contract."""
    return {
        "actors": [{"name_en": a.name_en, "name_ar": a.name_ar, "kind": a.kind} for a in b.actors],
        "incidents": [{
            "type": i.type, "place_en": i.place.name_en if i.place else None,
            "place_ar": i.place.name_ar if i.place else None, "date": i.date,
            "perpetrator_en": i.perpetrator.name_en if i.perpetrator else None,
            "perpetrator_ar": i.perpetrator.name_ar if i.perpetrator else None,
            "claimed": i.claimed, "target_en": i.target_en, "killed": i.killed, "injured": i.injured,
            "digest_ar": i.digest.ar, "digest_en": i.digest.en,
            "evidence": list(i.evidence.sentences),
        } for i in b.incidents],
        "statements": [{
            "speaker_en": s.speaker.name_en, "speaker_ar": s.speaker.name_ar, "role_en": s.speaker.role_en,
            "acts": list(s.acts), "topics": list(s.topics), "digest_ar": s.digest.ar, "digest_en": s.digest.en,
            "evidence": list(s.evidence.sentences),
        } for s in b.statements],
    }
