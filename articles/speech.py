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
          "подчеркивае", "говори", "счита", "уверен", "убежд", "полага", "добавля", "поясня", "пиш", "воскликну",
          "восклица", "отреагирова", "парирова", "подытожива", "признава", "пошути", "посетова", "сетуе",
          "резюмируе", "рассказывае", "объясняе", "отмеча", "заверя", "предупрежда", "напомина", "призыва",
          "вспомина", "вспомни", "делится", "поделилась", "обращае", "цитируе", "размышляе", "улыбае")
SPEECH_VERB = re.compile(
    r"(?<![\w-])(?:" + "|".join(_STEMS) + r")[а-яё]{0,6}(?:сь|ся)?(?![\w-])", re.IGNORECASE)
_NOT_SPEECH_AFTER = re.compile(r"^\s+(?:о|об|про)\s", re.IGNORECASE)  # "заявил о борьбе" reports a topic

TITLES = ("президент", "премьер-министр", "министр", "вице-министр", "глава", "аким", "депутат", "сенатор",
          "спикер", "председатель", "заместитель", "посол", "представитель", "директор", "руководитель",
          "эксперт", "политолог", "экономист", "секретарь", "пресс-секретарь", "советник", "губернатор",
          "генеральный", "генпрокурор", "прокурор", "судья", "начальник", "главный", "мэр", "лидер",
          "внесекретарь", "замминистра", "вице-премьер", "канцлер", "премьер", "уполномоченный", "омбудсмен",
          "ректор", "врач", "академик", "профессор", "участник", "участница", "автор", "жительница", "житель",
          "градоначальник", "тренер", "спикер", "вице-спикер", "замакима", "аналитик", "специалист", "кандидат")
ORGANISATIONS = ("пресс-служба", "пресс-службе", "пресс-службы", "министерство", "министерстве", "ведомство",
                 "ведомстве", "регулятор", "регулятора", "акимат", "акимате", "администрация", "правительство", "правительстве",
                 "мид", "минздрав", "минфин", "агентство", "комитет", "департамент", "департаменте",
                 "компания", "компании", "компанией", "банк", "докладе", "отчете", "отчёте", "обзоре", "постановлении",
                 "решении", "приказе", "информации", "комментарии", "нацбанк", "сообщение", "сообщении",
                 "заявлении", "документе", "релизе", "пресс-релизе", "ао", "тоо", "ассоциация", "фонд")
PRONOUNS = {"он": "m", "она": "f", "его": "m", "ее": "f", "её": "f", "они": "p", "их": "p", "ему": "m", "ей": "f"}
# Words that are capitalised for other reasons and never start a person's name.
_NOT_NAMES = {"Об", "По", "Как", "В", "На", "Это", "Мы", "Но", "И", "А", "Он", "Она", "Они", "Президент",
              "Премьер-министр", "Министр", "Глава", "Казахстан", "Казахстана", "Астана", "Астане",
              "Правительство", "Сенат", "Мажилис", "Парламент", "Ассамблея", "Ассамблеи", "АНК", "МИД"}

_NAME_WORD = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
_INITIALS = r"(?:[А-ЯЁ]\.(?:\s?-?[А-ЯЁ]\.)?\s?)"


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


_DOCUMENTS = ("сообщении", "заявлении", "документе", "релизе", "пресс-релизе", "обращении", "письме", "докладе",
              "отчете", "отчёте", "обзоре", "исследовании", "ответе", "постановлении", "решении", "приказе",
              "информации", "комментарии")
_PREPOSITIONS = ("в", "во", "на", "из", "при")


def find_mention(clause: str) -> Mention | None:
    """The speaker in an attribution clause: a name, else a pronoun, a title, an organisation.

    'отметил Токаев', 'он сообщил', 'заявил министр', 'говорится в заявлении МИД Казахстана'.
    An organisation after a preposition ('на брифинге в Правительстве') is a place unless nothing else fits.
    """
    names = name_spans(clause)
    lowered = clause.lower()
    if names:
        start, end = names[-1]
        before = lowered[:start].split()
        if not (" " not in clause[start:end] and before and before[-1] in ORGANISATIONS):
            return Mention("name", clause[start:end], start, end)
    for word in re.finditer(r"[А-Яа-яЁё]+", clause):
        if word.group().lower() in ("он", "она", "они") or (
                word.group().lower() in PRONOUNS and lowered[:word.start()].rstrip().endswith("по")):
            return Mention("pronoun", word.group(), word.start(), word.end())
    if re.search(r"(?<![\w-])(?:один|одна|одно|одни)\s+из\s", lowered):
        return None  # 'одна из участниц забега': somebody the article does not name
    for title in TITLES:
        i = _word_index(lowered, title)
        if i is not None:
            end = _phrase_end(clause, i)
            return Mention("title", clause[i:end], i, end)
    for word in re.finditer(r"[а-яё-]+", clause):
        if _person_noun(word.group()):
            return Mention("title", word.group(), word.start(), word.end())  # 'признался спортсмен'
    late = None
    impersonal = bool(re.search(r"(?<![\w-])[а-яё]+ли(?:сь)?(?![\w-])", lowered))  # 'сообщили в акимате'

    if impersonal:
        place = re.search(r"(?<![\w-])(?:[Вв]|[Вв]о)\s+((?:[А-ЯЁа-яё«»\"-]+\s+){0,2}?[А-ЯЁа-яё«»\"-]+)", clause)
        if place and not any(_word_index(place.group(1).lower(), d) is not None for d in _DOCUMENTS):
            start = place.start(1)
            words = list(re.finditer(r"[\w«»\"-]+", clause[start:]))[:4]
            noun = next((w for w in words if _morph().parse(w.group().lower().strip("«»\""))[0].tag.POS == "NOUN"
                         or w.group().isupper()), None)
            if noun is not None:  # 'сообщили в Верховном суде', 'в городском отделе ЖКХ'
                end = max(start + noun.end(), _phrase_end(clause, start + noun.start()))
                return Mention("organisation", clause[start:end], start, end)
    for org in ORGANISATIONS:
        i = _word_index(lowered, org)
        if i is None:
            continue
        head_end = i + len(lowered[i:].split()[0])
        if lowered[i:head_end].strip(",.") in _DOCUMENTS and _phrase_end(clause, i) > head_end:
            i = head_end + 1  # 'в заявлении МИД Казахстана': the organisation is what follows
        end = _phrase_end(clause, i)
        mention = Mention("organisation", clause[i:end], i, end)
        if (lowered[:i].split()[-1:] and lowered[:i].split()[-1] in _PREPOSITIONS and lowered[i:head_end] not in _DOCUMENTS
                and not impersonal and not lowered[i:].startswith("пресс-служб")):
            late = late or mention
            continue
        return mention
    for word in re.finditer(r"[А-Яа-яЁё]+", clause):
        if word.group().lower() in PRONOUNS:
            return Mention("pronoun", word.group(), word.start(), word.end())
    return late


_CAPS_RUN = re.compile(rf"(?:{_INITIALS})?{_NAME_WORD}(?:\s+(?:{_INITIALS})?{_NAME_WORD})*")


def name_spans(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words that name a person, with leading titles and ordinary words trimmed."""
    spans = []
    for m in _CAPS_RUN.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".-«\"„“"):
            continue  # inside a word, or a quoted company name («Сарыарка Көмір»)
        words = list(re.finditer(r"\S+", m.group()))
        initials = [i for i, w in enumerate(words) if re.fullmatch(r"(?:[А-ЯЁ]\.-?)+", w.group())]
        if initials and initials[0] > 0:
            words = words[initials[0]:]  # 'им. Абая Н. С. Ахметова': the name starts at the initials
        n_initials = sum(1 for w in words if re.fullmatch(r"(?:[А-ЯЁ]\.-?)+", w.group()))
        if n_initials and len(words) >= n_initials + 3:
            words = words[n_initials + 1:]  # 'им. Л. Н. Гумилёва Жанылсын Омарова': a new name follows
        while words and not _name_like(words[0].group()) and not (
                len(words) > 1 and _SURNAME.search(words[1].group()) and _first_name_shape(words[0].group())):
            words.pop(0)
        if len(words) >= 3 and not initials and _SURNAME.search(words[-1].group()) and not \
                _SURNAME.search(words[-2].group()):
            words = words[-2:]  # 'Шымкента Бауыржан Ермеков': a place in the genitive before the name
        while words and not _name_like(words[-1].group()):
            words.pop()
        if len(words) == 1 and _sentence_start(text, m.start() + words[0].start()) and \
                _morph().word_is_known(words[0].group().lower()) and not _verb_follows(text, m.start() + words[0].end()):
            continue  # 'Поводов для паники нет' opens a sentence; 'Токаев заявил' is a subject
        if words:
            spans.append((m.start() + words[0].start(), m.start() + words[-1].end()))
    return spans


def _verb_follows(text: str, at: int) -> bool:
    nxt = re.match(r"\s*([а-яё]+)", text[at:])
    if not nxt:
        return bool(re.match(r"\s*(?:$|[,:;—–-])", text[at:]))
    return bool(find_verb(nxt.group(1))) or _morph().parse(nxt.group(1))[0].tag.POS in ("VERB", "PRTS", "ADVB")


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"[.!?…»\"“«„]\s*$", text[:at]))


_SURNAME = re.compile(r"[а-яё](?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|цкий|ская|енко|ук|юк|бай|баев|баева|улы|ұлы|"
                      r"кызы|қызы|ович|евич|овна|евна)(?:а|у|ым|ом|ой|е|ым|ых)?$")


_PLACE = re.compile(r"(?:^Усть-|горск[а-я]?$|поль$|град$|кент[а-я]?$)")
_ADJECTIVE_OBLIQUE = re.compile(r"(?:ской|ского|скому|ским|ском|ной|ного|ному|ным|ном|ьей|ьего)$")


def _first_name_shape(word: str) -> bool:
    return bool(re.fullmatch(r"[А-ЯЁ][а-яё]{2,}", word)) and not _ADJECTIVE_OBLIQUE.search(word)


def _is_given_name(word: str) -> bool:
    return any({"Name"} & set(p.tag.grammemes) for p in _morph().parse(word)[:3])


def _name_like(word: str) -> bool:
    if re.fullmatch(r"(?:[А-ЯЁ]\.-?)+", word):
        return True
    if word in _NOT_NAMES or word.lower() in TITLES or _ADJECTIVE_OBLIQUE.search(word) or _PLACE.search(word):
        return False
    morph = _morph()
    if _SURNAME.search(word):
        top = morph.parse(word)[0]
        # 'Звук', 'Жук' are words, not Ukrainian surnames in -ук
        return not (morph.word_is_known(word.lower()) and "sing" in top.tag and "nomn" in top.tag
                    and not {"Name", "Surn", "Patr"} & set(top.tag.grammemes))
    for part in word.split("-"):
        parses = morph.parse(part)[:4]
        if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses):
            return True
        if any({"Geox", "Orgn", "Abbr"} & set(p.tag.grammemes) for p in parses):
            return False
    # Kazakh names are mostly unknown to the Russian dictionary: an unknown capitalised word is a name.
    return not all(morph.word_is_known(part.lower()) for part in word.split("-"))


def _person_noun(word: str) -> bool:
    """A lower-case noun naming a person in the nominative: мастер, спортсмен, дипломат."""
    if find_verb(word) or word in PRONOUNS:
        return False
    parse = _morph().parse(word)[0]
    return parse.tag.POS == "NOUN" and {"anim", "nomn"} <= set(parse.tag.grammemes) and parse.score >= 0.4


def _word_index(lowered: str, word: str) -> int | None:
    """Where `word` stands in any case form (министр, министра, министром)."""
    stem = word[:-1] if word[-1] in "аяоеьй" else word
    m = re.search(rf"(?<![\w-]){re.escape(stem)}(?:[аеиоуыяю]|ом|ем|ой|ей|ою|ам|ям|ами|ями|ах|ях|ов|ев)?(?![\w-])",
                  lowered)
    return m.start() if m else None


def _phrase_end(clause: str, start: int) -> int:
    """A title or organisation phrase: its head word and up to three genitive or capitalised words."""
    words = list(re.finditer(r"[\w\"«»-]+", clause[start:]))
    end = start + words[0].end() if words else len(clause)
    for w in words[1:7]:
        text = w.group().strip("\"«»")
        if not text or find_verb(text) or text.lower() in PRONOUNS:
            break
        if text.lower() in ("и", "по") and end < len(clause):
            continue  # 'Министерства экологии и природных ресурсов', 'департамент по чрезвычайным ситуациям'
        parses = _morph().parse(text.lower())[:3]
        if not (text[0].isupper() or text.isupper() or any(("gent" in p.tag or "datv" in p.tag) and
                                                          p.tag.POS in ("NOUN", "ADJF") for p in parses)):
            break
        end = start + w.end()
        if clause[end:end + 1] == "\"":
            end += 1
    return end


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _is_common_word(word: str) -> bool:
    parses = _morph().parse(word.lower())
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes) for p in parses[:3]) and \
        parses[0].score > 0.3 and parses[0].tag.POS not in (None,)


def nominative(phrase: str, kind: str, feminine: bool = False) -> str:
    """'Касым-Жомарта Токаева' → 'Касым-Жомарт Токаев'; 'пресс-службе министерства' → 'пресс-служба министерства'."""
    words = phrase.split()
    if not words:
        return phrase
    if kind == "name":
        if len(words) > 1 and re.search(r"(?<=[а-яё])(?:ов|ев|ёв|ин|ын)ой$", words[-1]):
            return " ".join(_nominative_name_word(w, "feminine") for w in words)
        oblique = _name_is_oblique(words, feminine)
        return " ".join(_nominative_name_word(w, oblique) for w in words)
    parses = [_morph().parse(w.lower())[0] for w in words]
    head = next((i for i, p in enumerate(parses) if p.tag.POS == "NOUN"), len(words) - 1)
    noun = parses[head].inflect({"nomn"}) or parses[head]
    agree = {g for g in (noun.tag.gender, noun.tag.number) if g}
    out = []
    for word, parse in zip(words[:head + 1], parses):
        if word.isupper() or not word[0].isalpha():
            out.append(word)
            continue
        # 'городском управлении' → 'городское управление': adjectives agree with the head noun
        wanted = {"nomn", *agree} if parse.tag.POS in ("ADJF", "PRTF") else {"nomn"}
        form = parse.inflect(wanted) if parse.tag.POS in ("NOUN", "ADJF", "PRTF") else None
        new = form.word if form else word
        out.append(new[:1].upper() + new[1:] if word[0].isupper() else new)
    return " ".join(out + words[head + 1:])


_OBLIQUE = re.compile(r"(?<=[а-яё])(ов|ев|ёв|ин|ын)(а|у|ым|ом|е)$")
_OBLIQUE_FIRST = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(а|у|ом|ым|е)$")


def _nominative_name_word(word: str, oblique: bool | None = None) -> str:
    """One word of a name in the nominative; `oblique` says whether its neighbours were inflected."""
    if "." in word:
        return word
    if "-" in word:
        parts = word.split("-")
        return "-".join(parts[:-1] + [_nominative_name_word(parts[-1], oblique)]) if len(parts[-1]) > 1 else word
    if re.search(r"(?<=[а-яё])(?:ов|ев|ёв|ин|ын)ой$", word):
        return word[:-2] + "а"  # Садыковой → Садыкова
    if oblique == "feminine" and re.search(r"[бвгджзклмнпрстфхцчшщ](?:е|ы|у|ой)$", word):
        return re.sub(r"(?:е|ы|у|ой)$", "а", word)  # Гульнаре (Сейткалиевой) → Гульнара
    m = _OBLIQUE.search(word)
    if m:
        return word[: m.start(2)] if oblique is not False else word
    named = [p for p in _morph().parse(word) if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if oblique is None and (not named or any("nomn" in p.tag.grammemes for p in named)):
        return word
    if oblique and _OBLIQUE_FIRST.search(word) and not _feminine_first_name(word):
        return word[: _OBLIQUE_FIRST.search(word).start()]
    if oblique is None and named:
        form = named[0].inflect({"nomn", "sing"})
        return _restore_case(word, form.word) if form else word
    return word


def _feminine_first_name(word: str) -> bool:
    return any({"Name", "femn", "nomn"} <= set(p.tag.grammemes) and p.score >= 0.3 for p in _morph().parse(word))


def _name_is_oblique(words: list[str], feminine: bool = False) -> bool:
    """Judge the case of a whole name from its surname (Бектенова after a male first name → genitive)."""
    last = words[-1]
    m = _OBLIQUE.search(last)
    if not m:
        return False
    if len(words) == 1:
        return not (feminine and m.group(2) == "а")
    first = words[0].split("-")[-1]
    if m.group(2) == "а" and (feminine or _feminine_first_name(first) or first[-1:] in "еияьклмнпрстгхжзшщцчбвдф"):
        # A man's first name inflects with his surname (Олжаса Бектенова); one that does not
        # (Айгуль, Маржан, Сауле) stands beside a woman's surname in the nominative.
        return False
    return True


def _inflect(word: str, grammemes: set[str]) -> str | None:
    parse = _morph().parse(word.lower())[0]
    form = parse.inflect(grammemes)
    return form.word if form else None


def _restore_case(original: str, lowered: str) -> str:
    return lowered[:1].upper() + lowered[1:] if original[:1].isupper() else lowered


def surname_key(name: str) -> str:
    """Key that groups mentions of one person: the nominative last word, lower case."""
    last = name.replace("\u00a0", " ").split()[-1]
    m = _OBLIQUE.search(last) or re.search(r"(?<=[а-яё])(?:ов|ев|ёв|ин|ын)(ой|ою)$", last)
    return (last[: m.start(1 if m.re is not _OBLIQUE else 2)] if m else last).lower()
