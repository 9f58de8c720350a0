"""Russian text normalisation that keeps offsets: homoglyphs, spaces, Roman numerals with Cyrillic І."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Latin letters that look Cyrillic, found inside Cyrillic words in published text.
LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
# Cyrillic letters that look Latin, found inside Roman numerals (XXXІІІ) and Latin words.
CYRILLIC_TO_LATIN = str.maketrans("ІіХхСсМ", "IiXxCcM")
SPACES = {"\u00a0": "nbsp", "\u202f": "narrow nbsp", "\u2007": "figure space", "\u2009": "thin space",
          "\u200a": "hair space", "\u2002": "en space", "\u2003": "em space"}
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u00ad"

_CYR = "А-Яа-яЁё"
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"^[IVXLCDMІХМС]+$")


@dataclass(frozen=True)
class Change:
    offset: int
    original: str
    replacement: str
    reason: str


@dataclass(frozen=True)
class Normalised:
    text: str  # for machine processing
    display: str  # the source as written, only homoglyphs fixed (what the Russian edition shows)
    changes: tuple[Change, ...]


def nfc(text: str) -> str:
    """NFC, and zero-width characters dropped: the canonical form every offset refers to."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c not in ZERO_WIDTH)


def normalise(text: str) -> Normalised:
    """One-to-one character substitutions, so offsets in `text` and `display` are the same."""
    chars = list(text)
    display = list(text)
    changes: list[Change] = []
    for m in _WORD.finditer(text):
        word = m.group()
        fixed = _fix_word(word)
        for i, (a, b) in enumerate(zip(word, fixed)):
            if a != b:
                chars[m.start() + i] = display[m.start() + i] = b
                changes.append(Change(m.start() + i, a, b, "homoglyph"))
    for i, c in enumerate(text):
        if c in SPACES:
            chars[i] = " "
            changes.append(Change(i, c, " ", SPACES[c]))
    return Normalised("".join(chars), "".join(display), tuple(changes))


def _fix_word(word: str) -> str:
    if _ROMAN.match(word) and any(c in "ІХМС" for c in word) and any(c in "IVXLCDM" for c in word) or (
            _ROMAN.match(word) and len(word) > 1 and set(word) <= set("ІХ")):
        return word.translate(CYRILLIC_TO_LATIN)
    cyrillic = sum(1 for c in word if re.match(f"[{_CYR}]", c))
    latin = sum(1 for c in word if "A" <= c <= "z")
    if cyrillic and latin and cyrillic >= latin:
        return word.translate(LATIN_TO_CYRILLIC)
    return word
