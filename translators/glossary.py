"""The desk's ru/en/kk glossary of names and terms: loading, finding names in any case form, masking."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DEFAULT_GLOSSARY = Path(__file__).resolve().parent.parent / "locales" / "glossary.csv"
PROTECTED_KINDS = frozenset({"person", "organization", "place"})
KINDS = PROTECTED_KINDS | {"term"}
# Placeholders the models were trained to copy (see translators/train.py); one SentencePiece piece each.
PLACEHOLDERS = tuple(f"⟦{i}⟧" for i in range(1, 10))
_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
_WORD = r"[^\W\d_]"  # any letter, Kazakh ә ғ қ ң ө ұ ү һ і included


class GlossaryError(ValueError):
    """The glossary file is malformed (names the file and line)."""


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    ru: str
    en: str
    kk: str
    canonical: str = ""

    def form(self, lang: str) -> str:
        return getattr(self, lang)

    @property
    def protected(self) -> bool:
        return self.kind in PROTECTED_KINDS


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    version: str

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def canonical(self, entry: Entry) -> Entry:
        return self.by_id.get(entry.canonical, entry) if entry.canonical else entry

    @cached_property
    def _patterns(self) -> dict[str, list[tuple[re.Pattern[str], Entry]]]:
        # Longest forms first so "Касым-Жомарт Токаев" wins over "Токаев".
        out: dict[str, list[tuple[re.Pattern[str], Entry]]] = {}
        for lang in ("ru", "en", "kk"):
            pairs = [(_pattern(e.form(lang), lang), e) for e in self.entries if e.form(lang)]
            out[lang] = sorted(pairs, key=lambda p: -len(p[1].form(lang)))
        return out

    def find(self, text: str, lang: str = "ru", protected_only: bool = False) -> list[Match]:
        """Non-overlapping glossary names in `text`, in any case form (ru, kk) or exact (en)."""
        taken: list[Match] = []
        for pattern, entry in self._patterns[lang]:
            if protected_only and not entry.protected:
                continue
            for m in pattern.finditer(text):
                if all(m.end() <= t.start or m.start() >= t.end for t in taken):
                    taken.append(Match(entry, m.start(), m.end()))
        return sorted(taken, key=lambda t: t.start)


def load_glossary(path: Path = DEFAULT_GLOSSARY) -> Glossary:
    raw = path.read_bytes()
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = ["id", "kind", "ru", "en", "kk", "canonical"]
        if reader.fieldnames != expected:
            raise GlossaryError(f"{path}:1: expected header {','.join(expected)}, got {reader.fieldnames}")
        for row in reader:
            line = reader.line_num
            if row["kind"] not in KINDS:
                raise GlossaryError(f"{path}:{line}: kind must be one of {sorted(KINDS)}, got {row['kind']!r}")
            if not all((row[k] or "").strip() for k in ("id", "ru", "en", "kk")):
                raise GlossaryError(f"{path}:{line}: id, ru, en and kk must not be empty")
            entries.append(Entry(**{k: (row[k] or "").strip() for k in expected}))
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise GlossaryError(f"{path}: duplicate ids {dupes}")
    return Glossary(tuple(entries), hashlib.sha256(raw).hexdigest()[:12])


def _pattern(form: str, lang: str) -> re.Pattern[str]:
    words = form.split()
    if lang == "ru":
        parts = [_ru_word(w) for w in words]
    elif lang == "kk":
        # Kazakh appends case endings to the nominative form: Тоқаев → Тоқаевтың.
        parts = [re.escape(w) for w in words[:-1]] + [re.escape(words[-1]) + rf"{_WORD}{{0,6}}"]
    else:
        parts = [re.escape(w) for w in words]
    return re.compile(rf"(?<!{_WORD})" + r"\s+".join(parts) + rf"(?!{_WORD})")


def _ru_word(word: str) -> str:
    """A Russian word in any case: abbreviations and initials exact, others by stem + short ending."""
    if word.isupper() or "." in word or len(word) <= 3:
        return re.escape(word)
    lower = word.lower()
    for ending in _ADJ_ENDINGS:
        if lower.endswith(ending) and len(word) > 5:
            return re.escape(word[:-2]) + rf"{_WORD}{{1,3}}"
    if lower[-1] in "аяоеьйыиу":
        return re.escape(word[:-1]) + rf"{_WORD}{{0,3}}"
    return re.escape(word) + rf"{_WORD}{{0,3}}"
