"""Resolve speaker mentions (names in any case, titles, pronouns) to the fullest name in the article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.speech import (_SURNAME, PRONOUNS, TITLES, Mention, _is_given_name, _morph, name_spans, nominative,
                             surname_key)

TITLE_SYNONYMS = {"глава государства": "президент", "глава правительства": "премьер-министр",
                  "глава кабмина": "премьер-министр", "спикер сената": "председатель",
                  "спикер мажилиса": "председатель", "глава мид": "министр"}
_TITLE_WINDOW = 4
# a woman's name is followed by a feminine past-tense verb: "Айгерим Садыкова сообщила"
_FEMININE_BEFORE = re.compile(r"\b[а-яё]+(?:ла|лась)(?:\s+[а-яё-]+){0,4}\s+$")
_FEMININE_AFTER = re.compile(r"^[\s,]*(?:[а-яё-]+\s+){0,3}?[а-яё]+(?:ла|лась)\b")  # words before a name that may hold its title ("Президент Казахстана Касым-Жомарт Токаев")


@dataclass
class People:
    """Who the article names, in reading order, and which titles belong to whom."""

    fullest: dict[str, str] = field(default_factory=dict)  # surname key → fullest nominative form
    feminine: set[str] = field(default_factory=set)  # keys of people the text treats as women
    abbreviations: dict[str, str] = field(default_factory=dict)  # ЕАБР → Евразийский банк развития
    titles: dict[str, str] = field(default_factory=dict)  # title lemma → surname key
    events: list[tuple[int, int, str]] = field(default_factory=list)  # (block, offset, key) in order

    def resolve(self, mention: Mention | None, block: int, offset: int, feminine: bool = False) -> str | None:
        if mention is None:
            return None
        if mention.text.strip("«»\"") in self.abbreviations:
            return self.abbreviations[mention.text.strip("«»\"")]
        if mention.kind == "name":
            key = surname_key(nominative(mention.text, "name", feminine))
            return self.fullest.get(key, nominative(mention.text, "name", feminine or key in self.feminine))
        if mention.kind == "title":
            lowered = " ".join(mention.text.lower().split()[:2])
            key = self.titles.get(TITLE_SYNONYMS.get(lowered, title_lemma(mention.text)))
            key = key or self._latest(block, offset + mention.start)
            return self.fullest[key] if key else nominative(mention.text, "title")
        if mention.kind == "pronoun":
            gender = PRONOUNS.get(mention.text.lower())
            key = self._latest(block, offset + mention.start, None if gender == "p" else gender == "f")
            return self.fullest[key] if key else None
        return nominative(mention.text, "organisation")

    def _latest(self, block: int, offset: int, feminine: bool | None = None) -> str | None:
        """The person mentioned last before this point (of the pronoun's gender when it has one)."""
        before = [e for e in self.events if (e[0], e[1]) < (block, offset)
                  and (feminine is None or (e[2] in self.feminine) == feminine)]
        return before[-1][2] if before else None


def title_lemma(text: str) -> str:
    word = text.split()[0].lower()
    return _morph().parse(word)[0].normal_form if "-" not in word else word


def collect_people(texts: list[str]) -> People:
    """Two passes: full names first (so an early bare surname still gets the full form), then every mention."""
    people = People()
    found: list[tuple[int, int, str, str]] = []
    for b, text in enumerate(texts):
        for start, end in name_spans(text):
            raw = text[start:end]
            if " " not in raw.strip() and (not (_SURNAME.search(raw) or _is_given_name(raw)) or
                                           any("Geox" in p.tag for p in _morph().parse(raw)[:3])):
                continue  # a lone capitalised word that is no known name ('Талдыкорган', 'Астаны')
            key = surname_key(nominative(raw, "name"))
            if _FEMININE_AFTER.match(text[end:end + 60]) or re.search(r"(?:ов|ев|ин)ой$", raw) or \
                    _FEMININE_BEFORE.search(text[max(0, start - 40):start]):
                people.feminine.add(key)
            found.append((b, start, key, text[max(0, start - 80):start], raw))
    for _, _, key, _, raw in found:
        name = nominative(raw, "name", key in people.feminine)
        if len(name) > len(people.fullest.get(key, "")):
            people.fullest[key] = name
    for _, _, key, before, _ in found:
        window = before.split()[-_TITLE_WINDOW:]
        for word in window:
            lemma = title_lemma(word) if word[:1].isalpha() else ""
            if lemma in TITLES:
                people.titles.setdefault(lemma, key)
        lowered = " ".join(w.lower() for w in window)
        for phrase, lemma in TITLE_SYNONYMS.items():
            if re.sub(r"[а-яё]{0,2}\b", "", phrase) in re.sub(r"[а-яё]{0,2}\b", "", lowered):
                people.titles.setdefault(lemma, key)
    surnames = {k: v for k, v in people.fullest.items()}
    for b, text in enumerate(texts):
        for m in re.finditer(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", text):
            key = surname_key(m.group())
            if key in surnames:
                people.events.append((b, m.start(), key))
        for m in re.finditer(r"[А-Яа-яЁё-]+", text):
            lemma = title_lemma(m.group()) if m.group()[0].isalpha() else ""
            if lemma in people.titles:
                people.events.append((b, m.start(), people.titles[lemma]))
    people.events.sort()
    for text in texts:  # 'Евразийский банк развития (ЕАБР)'
        for m in re.finditer(r"((?:[А-ЯЁ][а-яё-]+)(?:\s+[а-яё-]+){0,4})\s*\(([А-ЯЁ]{2,6})\)", text):
            people.abbreviations.setdefault(m.group(2), nominative(m.group(1), "organisation"))
    return people
