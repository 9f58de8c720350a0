"""The project's trilingual ru/en/kk corpus: loading, checking and the held-out split."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

LANGS = ("ru", "en", "kk")
HELD_OUT_PERCENT = 10


@dataclass(frozen=True)
class Triple:
    ru: str
    en: str
    kk: str
    origin: str  # "file:line", for error messages and audits

    def text(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Split:
    train: tuple[Triple, ...]
    held_out: tuple[Triple, ...]


class CorpusError(ValueError):
    """A corpus file is malformed (names the file and line)."""


def read_part(path: Path) -> list[Triple]:
    """Read one `ru<TAB>en<TAB>kk` file with a header line."""
    triples = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if line_no == 1:
                if [c.strip() for c in row] != list(LANGS):
                    raise CorpusError(f"{path}:1: expected header 'ru<TAB>en<TAB>kk', got {row!r}")
                continue
            if not row or not "".join(row).strip():
                continue
            if len(row) != 3 or not all(cell.strip() for cell in row):
                raise CorpusError(f"{path}:{line_no}: expected 3 non-empty tab-separated fields, got {len(row)}")
            ru, en, kk = (" ".join(cell.split()) for cell in row)
            triples.append(Triple(ru, en, kk, f"{path.name}:{line_no}"))
    return triples


def load_corpus(directory: Path) -> list[Triple]:
    """All parts of the corpus, in file order, without duplicate Russian sentences."""
    parts = sorted(directory.glob("*.tsv"))
    if not parts:
        raise CorpusError(f"{directory}: no *.tsv corpus parts found")
    seen: set[str] = set()
    triples = []
    for part in parts:
        for triple in read_part(part):
            key = _fold(triple.ru)
            if key not in seen:
                seen.add(key)
                triples.append(triple)
    return triples


def corpus_hash(triples: list[Triple]) -> str:
    digest = hashlib.sha256()
    for t in triples:
        digest.update(f"{t.ru}\t{t.en}\t{t.kk}\n".encode())
    return digest.hexdigest()


def split(triples: list[Triple]) -> Split:
    """Deterministic ~10% held-out split keyed on the Russian text, stable when parts grow."""
    held = tuple(t for t in triples if _bucket(t.ru) < HELD_OUT_PERCENT)
    train = tuple(t for t in triples if _bucket(t.ru) >= HELD_OUT_PERCENT)
    return Split(train=train, held_out=held)


def overlaps(triples: list[Triple], sentences: list[str], threshold: float = 0.8) -> list[tuple[Triple, str]]:
    """Corpus lines that repeat (or nearly repeat) one of `sentences` — the evaluation text must stay out."""
    found = []
    targets = [(s, _shingles(s)) for s in sentences if len(s.split()) >= 4]
    for triple in triples:
        mine = _shingles(triple.ru)
        for sentence, theirs in targets:
            if mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) >= threshold:
                found.append((triple, sentence))
    return found


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _bucket(text: str) -> int:
    return int(hashlib.sha256(_fold(text).encode()).hexdigest(), 16) % 100


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _fold(text).split()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
