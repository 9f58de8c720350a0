"""Segment-level MT cache on disk: an unchanged article is not translated again."""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path


class SegmentCache:
    """Keyed by (route, source text as sent to MT, glossary version, decoding options)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=30)) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, output TEXT NOT NULL)")

    @staticmethod
    def key(route: str, text: str, glossary: str, options: str) -> str:
        return hashlib.sha256("\x1f".join((route, text, glossary, options)).encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, str]:
        if not keys:
            return {}
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            found = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(db.execute(f"SELECT key, output FROM mt WHERE key IN ({marks})", chunk).fetchall())
        return found

    def put_many(self, items: dict[str, str]) -> None:
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            db.executemany("INSERT OR REPLACE INTO mt VALUES (?, ?)", items.items())
