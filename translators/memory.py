"""Translation memory (SQLite): approved segments reused before MT; fuzzy matches offered, not published."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

FUZZY_THRESHOLD = 75  # translate-toolkit's pretranslate default


@dataclass(frozen=True)
class Match:
    source: str
    target: str
    score: float
    origin: str


class TranslationMemory:
    """One SQLite file; keys are the normalised Russian source and the target language."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS units (source TEXT NOT NULL, lang TEXT NOT NULL, target TEXT NOT NULL,"
                       " origin TEXT NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (source, lang))")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def add(self, source: str, lang: str, target: str, origin: str = "human") -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with closing(self._connect()) as db, db:
            db.execute("INSERT INTO units VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, lang) DO UPDATE SET "
                       "target = excluded.target, origin = excluded.origin, updated = excluded.updated",
                       (_key(source), lang, target, origin, now))

    def exact(self, source: str, lang: str) -> Match | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT source, target, origin FROM units WHERE source = ? AND lang = ?",
                             (_key(source), lang)).fetchone()
        return Match(row[0], row[1], 100.0, row[2]) if row else None

    def fuzzy(self, source: str, lang: str, threshold: float = FUZZY_THRESHOLD) -> Match | None:
        """Best match at or above `threshold` (Levenshtein similarity, as translate-toolkit scores it)."""
        from translate.search.lshtein import LevenshteinComparer

        key = _key(source)
        low, high = int(len(key) * 0.7), int(len(key) * 1.3) + 1
        with closing(self._connect()) as db:
            rows = db.execute("SELECT source, target, origin FROM units WHERE lang = ? AND length(source) BETWEEN ? AND ?",
                              (lang, low, high)).fetchall()
        comparer = LevenshteinComparer()
        best = None
        for src, target, origin in rows:
            score = comparer.similarity(key, src, threshold)
            if score >= threshold and src != key and (best is None or score > best.score):
                best = Match(src, target, round(score, 1), origin)
        return best

    def __len__(self) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT count(*) FROM units").fetchone()[0]

    def export_tmx(self, path: Path) -> int:
        from translate.storage.tmx import tmxfile

        store = tmxfile(sourcelanguage="ru")
        with closing(self._connect()) as db:
            rows = db.execute("SELECT source, lang, target FROM units ORDER BY source, lang").fetchall()
        for source, lang, target in rows:
            store.addtranslation(source, "ru", target, lang)
        path.write_bytes(bytes(store))
        return len(rows)

    def import_tmx(self, path: Path, origin: str = "human") -> int:
        from translate.storage.tmx import tmxfile

        store = tmxfile.parsefile(str(path))
        count = 0
        for unit in store.units:
            langs = unit.getlanguageNodes()
            texts = {node.get("{http://www.w3.org/XML/1998/namespace}lang", "").split("-")[0].lower():
                     unit.getNodeText(node) for node in langs}
            for lang, text in texts.items():
                if lang in ("en", "kk") and texts.get("ru") and text:
                    self.add(texts["ru"], lang, text, origin)
                    count += 1
        return count


def _key(text: str) -> str:
    return " ".join(text.split())
