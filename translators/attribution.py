"""Rebuild attributions in the target language: speech verbs, titles and speakers' names."""
from __future__ import annotations

import re

from translators.glossary import Glossary

# ru speech verb stem → (en verb, kk verb as used after a quote: «…», — деді X.)
VERBS = {
    "сказа": ("said", "деді"), "заяви": ("stated", "деп мәлімдеді"), "отмети": ("noted", "деп атап өтті"),
    "подчеркну": ("stressed", "деп атап көрсетті"), "добави": ("added", "деп қосты"),
    "сообщи": ("reported", "деп хабарлады"), "поясни": ("explained", "деп түсіндірді"),
    "напомни": ("recalled", "деп еске салды"), "призва": ("urged", "деп шақырды"),
    "ответи": ("replied", "деп жауап берді"), "уточни": ("clarified", "деп нақтылады"),
    "рассказа": ("said", "деп айтты"), "признa": ("admitted", "деп мойындады"),
    "спроси": ("asked", "деп сұрады"), "заверил": ("assured", "деп сендірді"),
    "резюмирова": ("summed up", "деп түйіндеді"), "констатирова": ("stated", "деп мәлімдеді"),
}
TITLES = {
    "президент": ("the President", "Президент"), "глава государства": ("the Head of State", "Мемлекет басшысы"),
    "премьер-министр": ("the Prime Minister", "Премьер-министр"), "министр": ("the minister", "министр"),
    "аким": ("the akim", "әкім"), "депутат": ("the deputy", "депутат"), "сенатор": ("the senator", "сенатор"),
    "он": ("he", "ол"), "она": ("she", "ол"), "они": ("they", "олар"),
}
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def transliterate(text: str) -> str:
    """Russian Cyrillic to Latin for names the glossary lacks (BGN/PCGN-like, readable)."""
    out = []
    for i, c in enumerate(text):
        low = c.lower()
        if low in _TRANSLIT:
            t = _TRANSLIT[low]
            if low == "е" and (i == 0 or not text[i - 1].isalpha()):
                t = "ye"
            out.append(t.capitalize() if c.isupper() else t)
        else:
            out.append(c)
    return re.sub(r"iy\b", "y", "".join(out))


def verb_forms(verb: str | None) -> tuple[str, str]:
    if verb:
        low = verb.lower()
        for stem, forms in VERBS.items():
            if low.startswith(stem):
                return forms
    return ("said", "деді")


def speaker_name(name: str | None, lang: str, glossary: Glossary) -> str | None:
    """A speaker's name in `lang`: the glossary's form, else (en) a transliteration, else as is."""
    if not name:
        return None
    for match in glossary.find(name, "ru"):
        if match.start == 0 and match.end == len(name) and match.entry.kind == "person":
            return match.entry.form(lang)
    if lang == "en":
        return transliterate(name)
    return name


def rule_attribution(clause: str, verb: str | None, speaker: str | None, lang: str,
                     glossary: Glossary) -> str | None:
    """'отметил Токаев.' → 'Tokayev noted.' / 'деп атап өтті Тоқаев.'; None when the clause says more."""
    words = re.sub(r"[.\s]+$", "", clause).split()
    if not verb or verb not in words:
        return None
    rest = " ".join(w for w in words if w != verb)
    who = _mention_form(rest, speaker, lang, glossary)
    if who is None:
        return None
    en, kk = verb_forms(verb)
    if lang == "en":
        return f"{who} {en}."
    return f"{kk} {who}."


def _mention_form(rest: str, speaker: str | None, lang: str, glossary: Glossary) -> str | None:
    low = rest.lower()
    if low in TITLES:
        en, kk = TITLES[low]
        return en if lang == "en" else kk
    matches = glossary.find(rest, "ru")
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(rest):
        return matches[0].entry.form(lang)
    if speaker and rest and speaker.endswith(rest.split()[-1][:4]) and len(rest.split()) <= 3:
        return speaker_name(rest, lang, glossary)
    return None
