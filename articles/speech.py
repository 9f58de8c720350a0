"""Who said it: speech verbs, attribution clauses, speaker mentions and their nominative full names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_STEMS = ("сказа", "заяви", "отмети", "подчеркну", "добави", "сообщи", "поясни", "напомни", "призва",
          "ответи", "уточни", "рассказа", "констатирова", "резюмирова", "призна", "завери", "предупреди",
          "указа", "заключи", "подели", "вырази", "высказа", "прокомментирова", "объясни", "написа",
          "спроси", "возрази", "акцентирова", "замети", "подытожи", "обрати", "процитирова", "доложи",
          "отчита", "пообеща", "потребова", "поручи", "передае", "сообщае", "заявляе", "отмечае",
          "подчеркивае", "говори", "счита", "уверен", "убежд", "полага", "добавля", "поясня", "пиш")
SPEECH_VERB = re.compile(
    r"(?<![\w-])(?:" + "|".join(_STEMS) + r")[а-яё]{0,6}(?:сь|ся)?(?![\w-])", re.IGNORECASE)
_NOT_SPEECH_AFTER = re.compile(r"^\s+(?:о|об|про)\s", re.IGNORECASE)  # "заявил о борьбе" reports a topic

TITLES = ("президент", "премьер-министр", "министр", "вице-министр", "глава", "аким", "депутат", "сенатор",
          "спикер", "председатель", "заместитель", "посол", "представитель", "директор", "руководитель",
          "эксперт", "политолог", "экономист", "секретарь", "пресс-секретарь", "советник", "губернатор",
          "генеральный", "генпрокурор", "прокурор", "судья", "начальник", "главный", "мэр", "лидер",
          "внесекретарь", "замминистра", "вице-премьер", "канцлер", "премьер", "уполномоченный", "омбудсмен",
          "ректор", "врач", "академик", "профессор", "участник", "участница", "автор", "жительница", "житель")
ORGANISATIONS = ("пресс-служба", "пресс-службе", "пресс-службы", "министерство", "министерстве", "ведомство",
                 "ведомстве", "акимат", "акимате", "администрация", "правительство", "правительстве",
                 "мид", "минздрав", "минфин", "агентство", "комитет", "департамент", "департаменте",
                 "компания", "компании", "компанией", "банк", "нацбанк", "сообщение", "сообщении",
                 "заявлении", "документе", "релизе", "пресс-релизе", "ао", "тоо", "ассоциация", "фонд")
PRONOUNS = {"он": "m", "она": "f", "его": "m", "ее": "f", "её": "f", "они": "p", "их": "p", "ему": "m", "ей": "f"}
# Words that are capitalised for other reasons and never start a person's name.
_NOT_NAMES = {"Об", "По", "Как", "В", "На", "Это", "Мы", "Но", "И", "А", "Он", "Она", "Они", "Президент",
              "Премьер-министр", "Министр", "Глава", "Казахстан", "Казахстана", "Астана", "Астане",
              "Правительство", "Сенат", "Мажилис", "Парламент", "Ассамблея", "Ассамблеи", "АНК", "МИД"}

_NAME_WORD = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
_INITIALS = r"(?:[А-ЯЁ]\.(?:\s?-?[А-ЯЁ]\.)?\s?)"
PERSON_NAME = re.compile(rf"(?<![\w.-])(?:{_INITIALS}{_NAME_WORD}|{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?![\w-])")


@dataclass(frozen=True)
class Mention:
    """A way the text refers to a speaker: a name, a title, a pronoun or an organisation."""

    kind: str  # name | title | pronoun | organisation
    text: str  # as written
    start: int
    end: int


def find_verb(text: str) -> re.Match[str] | None:
    for m in SPEECH_VERB.finditer(text):
        if not _NOT_SPEECH_AFTER.match(text[m.end():]):
            return m
    return None


def find_mention(clause: str) -> Mention | None:
    """The speaker in an attribution clause ('отметил Токаев', 'сообщили в пресс-службе МИД')."""
    names = [m for m in PERSON_NAME.finditer(clause) if m.group().split()[0] not in _NOT_NAMES]
    single = [m for m in re.finditer(rf"(?<![\w.-]){_NAME_WORD}(?![\w-])", clause)
              if m.group() not in _NOT_NAMES and not _is_common_word(m.group())]
    if names:
        m = names[-1]
        return Mention("name", m.group(), m.start(), m.end())
    lowered = clause.lower()
    for org in ORGANISATIONS:
        i = _word_index(lowered, org)
        if i is not None:
            end = _phrase_end(clause, i)
            return Mention("organisation", clause[i:end], i, end)
    for title in TITLES:
        i = _word_index(lowered, title)
        if i is not None:
            end = _phrase_end(clause, i)
            return Mention("title", clause[i:end], i, end)
    if single:
        m = single[-1]
        return Mention("name", m.group(), m.start(), m.end())
    for word in re.finditer(r"[А-Яа-яЁё]+", clause):
        if word.group().lower() in PRONOUNS:
            return Mention("pronoun", word.group(), word.start(), word.end())
    return None


def _word_index(lowered: str, word: str) -> int | None:
    m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered)
    return m.start() if m else None


def _phrase_end(clause: str, start: int) -> int:
    """A title or organisation phrase runs to the end of the clause, minus trailing punctuation."""
    m = re.search(r"\s(?:на|в|во|во время|после|перед|при|по|на полях)\s", clause[start:])
    end = start + m.start() if m else len(clause)
    return len(clause[:end].rstrip(" .,;:!?…"))


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _is_common_word(word: str) -> bool:
    parses = _morph().parse(word.lower())
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes) for p in parses[:3]) and \
        parses[0].score > 0.3 and parses[0].tag.POS not in (None,)


def nominative(phrase: str, kind: str) -> str:
    """'Касым-Жомарта Токаева' → 'Касым-Жомарт Токаев'; 'пресс-службе министерства' → 'пресс-служба министерства'."""
    words = phrase.split()
    if not words:
        return phrase
    if kind == "name":
        return " ".join(_nominative_name_word(w) for w in words)
    head = _inflect(words[0], {"nomn"}) or words[0]
    if words[0][0].isupper():
        head = head[:1].upper() + head[1:]
    return " ".join([head, *words[1:]])


def _nominative_name_word(word: str) -> str:
    if "." in word:
        return word
    if "-" in word:
        parts = word.split("-")
        return "-".join(parts[:-1] + [_nominative_name_word(parts[-1])]) if len(parts[-1]) > 1 else word
    morph = _morph()
    for parse in morph.parse(word):
        if {"Name", "Surn", "Patr"} & set(parse.tag.grammemes):
            if "nomn" in parse.tag.grammemes:
                return word
            form = parse.inflect({"nomn"})
            if form:
                return _restore_case(word, form.word)
    return word


def _inflect(word: str, grammemes: set[str]) -> str | None:
    parse = _morph().parse(word.lower())[0]
    form = parse.inflect(grammemes)
    return form.word if form else None


def _restore_case(original: str, lowered: str) -> str:
    return lowered[:1].upper() + lowered[1:] if original[:1].isupper() else lowered


def surname_key(name: str) -> str:
    """Key that groups mentions of one person: the nominative last word, lower case."""
    last = name.replace("\u00a0", " ").split()[-1]
    return _nominative_name_word(last).lower()
