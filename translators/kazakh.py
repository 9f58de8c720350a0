"""Kazakh case endings after a protected name: re-harmonise the suffix the model wrote after ⟦n⟧."""
from __future__ import annotations

FRONT = set("әеөүіиэ")
BACK = set("аоұыуяё")
VOWELS = FRONT | BACK
VOICELESS = set("кқпстфхцчшщбвгд")  # б в г д behave as voiceless at the end of loanwords (Тоқаевқа)
NASAL = set("мнң")
VOICED = set("жзлрйу")

# case → (back form, front form) for each stem ending: vowel, nasal, voiced, voiceless
CASES = {
    "gen": {"vowel": ("ның", "нің"), "nasal": ("ның", "нің"), "voiced": ("дың", "дің"), "voiceless": ("тың", "тің")},
    "abl": {"vowel": ("дан", "ден"), "nasal": ("нан", "нен"), "voiced": ("дан", "ден"), "voiceless": ("тан", "тен")},
    "ins": {"vowel": ("мен", "мен"), "nasal": ("бен", "бен"), "voiced": ("мен", "мен"), "voiceless": ("пен", "пен")},
    "loc": {"vowel": ("да", "де"), "nasal": ("да", "де"), "voiced": ("да", "де"), "voiceless": ("та", "те")},
    "dat": {"vowel": ("ға", "ге"), "nasal": ("ға", "ге"), "voiced": ("ға", "ге"), "voiceless": ("қа", "ке")},
    "acc": {"vowel": ("ны", "ні"), "nasal": ("ды", "ді"), "voiced": ("ды", "ді"), "voiceless": ("ты", "ті")},
}
# after a 3rd-person possessive (Ассамблеясы, халқы) the ending takes an н
POSSESSIVE = {"gen": ("ның", "нің"), "abl": ("нан", "нен"), "ins": ("мен", "мен"), "loc": ("нда", "нде"),
              "dat": ("на", "не"), "acc": ("н", "н")}
_RECOGNISE = [("gen", ("ның", "нің", "дың", "дің", "тың", "тің")), ("abl", ("дан", "ден", "тан", "тен", "нан", "нен")),
              ("ins", ("мен", "бен", "пен")), ("loc", ("нда", "нде", "да", "де", "та", "те")),
              ("dat", ("ға", "ге", "қа", "ке", "на", "не")), ("acc", ("ны", "ні", "ды", "ді", "ты", "ті", "н"))]


def _harmony(stem: str) -> int:
    """0 back, 1 front; Russian surname suffixes (-ев, -ов, -ин) follow the root: Тоқаев → Тоқаевтың."""
    low = stem.lower()
    for suffix in ("ева", "ова", "ина", "ев", "ов", "ёв", "ин"):
        if low.endswith(suffix) and any(c in VOWELS for c in low[: -len(suffix)]):
            low = low[: -len(suffix)]
            break
    for c in reversed(low):
        if c in FRONT:
            return 1
        if c in BACK:
            return 0
    return 0


def _ending(stem: str) -> str:
    last = stem.lower()[-1:]
    if last in VOWELS:
        return "vowel"
    if last in NASAL:
        return "nasal"
    if last in VOICED:
        return "voiced"
    return "voiceless"


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
    last_word = name.split()[-1]
    front = _harmony(last_word)
    possessive = kind == "organization" and " " in name and last_word.lower()[-1:] in "ыі"
    ending = POSSESSIVE[case][front] if possessive else CASES[case][_ending(last_word)][front]
    return name + ending + rest
