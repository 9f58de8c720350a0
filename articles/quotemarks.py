"""Pair up quotation marks in Russian text: « » „ “ ” " with nesting, and report unbalanced ones."""
from __future__ import annotations

from dataclasses import dataclass

OPENING = "«„"
CLOSING = "»”"
AMBIGUOUS = "\"“"  # straight quotes open or close by context; “ closes „ but opens English-style quotes
ALL_MARKS = OPENING + CLOSING + AMBIGUOUS
_BEFORE_OPEN = " \t\n([{—–-/«„:"


@dataclass(frozen=True)
class Pair:
    open: int
    close: int | None  # None: never closed in this text
    depth: int


@dataclass(frozen=True)
class Scan:
    pairs: tuple[Pair, ...]
    stray_closers: tuple[int, ...]

    @property
    def balanced(self) -> bool:
        return not self.stray_closers and all(p.close is not None for p in self.pairs)

    def top_level(self) -> list[Pair]:
        return [p for p in self.pairs if p.depth == 0]


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPEN and not after.isspace()


def scan(text: str) -> Scan:
    """Find quote pairs. A straight quote opens after a space or bracket and before a word, else it
    closes; so straight quotes nest inside straight quotes."""
    stack: list[tuple[str, int]] = []
    pairs: list[Pair] = []
    strays: list[int] = []
    for i, c in enumerate(text):
        if c not in ALL_MARKS:
            continue
        if c in OPENING or (c in AMBIGUOUS and _opens(text, i) and not (c == "“" and stack and stack[-1][0] == "„")):
            stack.append((c, i))
            continue
        closable = {"»": "«", "”": "“\"„", "“": "„“\"", "\"": "\"“"}[c]
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] in closable), None)
        if depth is None:
            strays.append(i)
            continue
        pairs.extend(Pair(start, None, d) for d, (_, start) in enumerate(stack[depth + 1:], depth + 1))
        pairs.append(Pair(stack[depth][1], i, depth))
        del stack[depth:]
    pairs.extend(Pair(start, None, depth) for depth, (_, start) in enumerate(stack))
    return Scan(tuple(sorted(pairs, key=lambda p: p.open)), tuple(strays))
