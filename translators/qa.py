"""QA checks on translated segments, with translate-toolkit's severities: critical, functional, cosmetic."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from articles.model import Article
from translators.glossary import Glossary
from translators.model import Flag, TranslatedArticle, TranslatedSegment

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_ROMAN = re.compile(r"\b(?=[MDCLXVI]{2,}\b)M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_KAZAKH_ONLY = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
LENGTH_RATIO = (0.35, 2.6)
LANGUAGES = {"ru": "RUSSIAN", "en": "ENGLISH", "kk": "KAZAKH"}

Check = Callable[[TranslatedSegment, str, Glossary], list[Flag]]


def numbers_of(text: str) -> list[str]:
    """Numbers as values: '1,5' and '1.5' are the same number; thousands separators dropped."""
    out = []
    joined = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))", "", text)  # 2 000 → 2000
    joined = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", joined)  # 30th → 30
    for raw in _NUMBER.findall(joined):
        if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", raw) and not re.fullmatch(r"\d+[.,]\d{1,2}", raw):
            out.append(re.sub(r"[ ,.]", "", raw))
        else:
            out.append(raw.replace(",", "."))
    return out


def roman_to_int(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


def check_numbers(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    source, target = numbers_of(seg.source), numbers_of(seg.text)
    missing = [n for n in source if n not in target]
    return [Flag("numbers", "critical", f"number {n} of the source is missing", seg.id) for n in dict.fromkeys(missing)]


def check_roman(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    flags = []
    for numeral in _ROMAN.findall(seg.source):
        value = str(roman_to_int(numeral))
        if numeral not in seg.text and not re.search(rf"\b{value}(?:st|nd|rd|th|-)?\b", seg.text):
            flags.append(Flag("roman", "functional", f"Roman numeral {numeral} ({value}) is missing", seg.id))
    return flags


def check_untranslated(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    words = re.findall(r"\w+", seg.text)
    if lang == "en" and _CYRILLIC.search(seg.text):
        cyr = [w for w in words if _CYRILLIC.search(w)]
        if len(cyr) >= max(1, len(words) // 4):
            return [Flag("untranslated", "critical", "Cyrillic text left in the English translation", seg.id)]
    if lang == "kk" and len(words) >= 4 and _squash(seg.text) == _squash(seg.source):
        return [Flag("untranslated", "critical", "the source was copied through untranslated", seg.id)]
    return []


def check_repetition(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    """Hallucination loops: a word three times in a row, or a phrase of 2–4 words twice in a row."""
    words = re.findall(r"\w+", seg.text.lower())
    for n in (1, 2, 3, 4):
        times = 3 if n == 1 else 2
        for i in range(len(words) - n * times + 1):
            if all(words[i:i + n] == words[i + k * n:i + (k + 1) * n] for k in range(1, times)):
                return [Flag("repetition", "functional", f"repeated: {' '.join(words[i:i + n])!r}", seg.id)]
    return []


def check_length(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    if len(seg.source) < 20 or seg.origin.startswith("rule:"):
        return []
    ratio = len(seg.text) / len(seg.source)
    low, high = LENGTH_RATIO
    if not low <= ratio <= high:
        return [Flag("length", "functional", f"length ratio {ratio:.2f} outside {low}–{high}", seg.id)]
    return []


def check_quote_marks(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    opening = sum(seg.text.count(c) for c in "«„“‘")
    closing = sum(seg.text.count(c) for c in "»”’") + (seg.text.count("“") if lang != "en" else 0)
    if lang == "en":
        balanced = seg.text.count("“") == seg.text.count("”")
    else:
        balanced = seg.text.count("«") == seg.text.count("»")
    if not balanced or seg.text.count('"') % 2:
        return [Flag("quotes", "functional", f"unbalanced quotation marks ({opening} open, {closing} close)", seg.id)]
    return []


def check_glossary(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    """Every protected name of the source appears in its target form (Kazakh case endings allowed)."""
    present = {glossary.canonical(m.entry).id for m in glossary.find(seg.text, lang)}
    return [Flag("glossary", "critical", f"{m.entry.form(lang)} missing (source: {seg.source[m.start:m.end]})", seg.id)
            for m in glossary.find(seg.source, "ru", protected_only=True)
            if glossary.canonical(m.entry).id not in present]


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGUAGES.values())).build()


def check_language(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    if len(re.findall(r"[^\W\d_]{2,}", seg.text)) < 4:
        return []
    found = _detector().detect_language_of(seg.text)
    if found is not None and found.name != LANGUAGES[lang]:
        return [Flag("language", "critical", f"the output reads as {found.name.title()}, not {LANGUAGES[lang].title()}",
                     seg.id)]
    if lang == "kk" and not _KAZAKH_ONLY.search(seg.text) and _CYRILLIC.search(seg.text) and len(seg.text) > 60:
        return [Flag("language", "functional", "no Kazakh-specific letter in a long Kazakh sentence", seg.id)]
    return []


CHECKS: tuple[Check, ...] = (check_numbers, check_roman, check_untranslated, check_repetition, check_length,
                             check_quote_marks, check_glossary, check_language)


def check_segment(seg: TranslatedSegment, lang: str, glossary: Glossary) -> list[Flag]:
    return [flag for check in CHECKS for flag in check(seg, lang, glossary)]


def check_quotes(article: Article, translated: TranslatedArticle) -> list[Flag]:
    """Quote count and speakers must match the source; a quote that lost its text or speaker is critical."""
    flags = []
    by_id = {q.id: q for q in translated.quotes}
    for q in article.quotes:
        t = by_id.get(q.id)
        seg = q.segment_ids[0] if q.segment_ids else ""
        if t is None or not t.text.strip():
            flags.append(Flag("quote", "critical", f"quote {q.id} is missing from the translation", seg))
        elif (q.speaker is None) != (t.speaker is None):
            flags.append(Flag("quote", "critical", f"quote {q.id} lost its speaker", seg))
    segments = {s.id: s for s in translated.segments()}
    for q in article.quotes:
        t = by_id.get(q.id)
        if q.kind == "direct" and q.attribution_id and t and t.speaker:
            text = segments[q.attribution_id].text if q.attribution_id in segments else ""
            surname = t.speaker.split()[-1][:5]
            if surname.lower() not in text.lower() and not _titled(text):
                flags.append(Flag("quote", "functional", f"attribution of {q.id} does not name {t.speaker}",
                                  q.attribution_id))
    return flags


def _titled(text: str) -> bool:
    return bool(re.search(r"\b(?:President|Prime Minister|minister|akim|he|she|Президент|Премьер|министр|әкім|ол|"
                          r"Мемлекет басшысы|Head of State)\b", text, re.IGNORECASE))


def apply(article: Article, translated: TranslatedArticle, glossary: Glossary) -> TranslatedArticle:
    """The translation with every segment's QA flags added, plus the article-level quote checks."""
    lang = translated.language

    def flagged(seg: TranslatedSegment) -> TranslatedSegment:
        return replace(seg, flags=seg.flags + tuple(check_segment(seg, lang, glossary)))

    def block(b):
        return replace(b, segments=tuple(flagged(s) for s in b.segments))

    return replace(translated, headline=block(translated.headline), blocks=tuple(block(b) for b in translated.blocks),
                   flags=translated.flags + tuple(check_quotes(article, translated)))


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())
