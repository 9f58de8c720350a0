"""Kazakh case endings after a protected name: re-harmonise the suffix the model wrote after ⟦n⟧.

The ending itself comes from qazaq-inflector (vowel harmony, the stem's last sound, -ев/-ов
surnames); the only rule added here is the н of a 3rd-person possessive that closes an
organisation's name (Қазақстан халқы Ассамблеясы → Ассамблеясына), which that library, made for
personal names, declines word by word.
"""
from __future__ import annotations

from functools import lru_cache

_CASE_NAMES = {"gen": "genitive", "abl": "ablative", "ins": "instrumental", "loc": "locative", "dat": "dative",
               "acc": "accusative"}
# after a 3rd-person possessive (Ассамблеясы, халқы) the ending takes an н
POSSESSIVE = {"gen": ("ның", "нің"), "abl": ("нан", "нен"), "ins": ("мен", "мен"), "loc": ("нда", "нде"),
              "dat": ("на", "не"), "acc": ("н", "н")}
_RECOGNISE = [("gen", ("ның", "нің", "дың", "дің", "тың", "тің")), ("abl", ("дан", "ден", "тан", "тен", "нан", "нен")),
              ("ins", ("мен", "бен", "пен")), ("loc", ("нда", "нде", "да", "де", "та", "те")),
              ("dat", ("ға", "ге", "қа", "ке", "на", "не")), ("acc", ("ны", "ні", "ды", "ді", "ты", "ті", "н"))]


def case_of(suffix: str) -> tuple[str, str] | None:
    """('gen', rest) for 'тыңғы'-like suffixes; None when the suffix is not a case ending."""
    low = suffix.lower()
    for case, forms in _RECOGNISE:
        for form in forms:
            if low.startswith(form):
                return case, suffix[len(form):]
    return None


def attach_suffix(name: str, suffix: str, kind: str = "") -> str:
    """'Тоқаев' + 'ның' → 'Тоқаевтың'; 'Қазақстан халқы Ассамблеясы' + 'ға' → '…Ассамблеясына'."""
    if not suffix:
        return name
    found = case_of(suffix)
    if found is None:
        return name + suffix
    case, rest = found
    head, _, last_word = name.rpartition(" ")
    if kind == "organization" and head and last_word.lower()[-1:] in "ыі":
        vowels = [c for c in last_word.lower() if c in "аәеоөұүыіэ"]
        front = bool(vowels) and vowels[-1] in "әеөүіэ"  # the possessive ending's own vowel decides
        return name + POSSESSIVE[case][front] + rest
    if last_word.isupper() and len(last_word) > 1:  # abbreviations take a hyphen: ҚХА-ның, ООН-ға
        ending = _inflector().inflect(last_word.lower(), _CASE_NAMES[case])[len(last_word):]
        return f"{name}-{ending}{rest}"
    inflected = _inflector().inflect(last_word, _CASE_NAMES[case])
    return (f"{head} " if head else "") + inflected + rest


@lru_cache(maxsize=1)
def _inflector():
    from qazaq_inflector import QazaqNameInflector

    return QazaqNameInflector()
