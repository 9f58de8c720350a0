"""Indirect speech: 'X подчеркнул, что …', 'По его словам, …', '…, сказал X.', 'Об этом заявил X.'"""
from __future__ import annotations

import re
from dataclasses import dataclass

from articles.speech import SPEECH_VERB, Mention, find_mention, find_verb

_V = SPEECH_VERB.pattern
_THAT = re.compile(rf"^(?P<who>[^,]{{2,80}}?)\s+(?P<verb>{_V})(?:\s+[^,\s]+){{0,3}},\s+что\s+(?P<clause>.+?)[.!…]*$",
                   re.IGNORECASE | re.DOTALL)
_WORDS = re.compile(r"^По\s+(?:(?P<pron>его|ее|её|их)\s+словам|словам\s+(?P<who>[^,]+?)),\s+(?P<clause>.+?)[.!…]*$",
                    re.DOTALL)
_AS = re.compile(rf"^Как\s+(?P<verb>{_V})\s+(?P<who>[^,]+?),\s+(?P<clause>.+?)[.!…]*$", re.IGNORECASE | re.DOTALL)
_TRAILING = re.compile(rf"^(?P<clause>.+?),\s+(?:[-–—]\s+)?(?P<verb>{_V})\s+(?P<who>[^,]+?)\.?$",
                       re.IGNORECASE | re.DOTALL)
_ABOUT = re.compile(rf"^Об\s+этом\s+(?P<verb>{_V})\s+(?P<who>.+?)\.?$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Indirect:
    clause_start: int  # offsets in the sentence (or, for "Об этом", in the previous sentence)
    clause_end: int
    verb: str | None
    mention: Mention | None
    mention_start: int
    previous: bool = False  # the clause is the previous sentence ("Об этом сказал X")


def find_indirect(sentence: str) -> Indirect | None:
    m = _WORDS.match(sentence)
    if m:
        who = m.group("pron") or m.group("who")
        start = m.start("pron") if m.group("pron") else m.start("who")
        mention = find_mention(who) or None
        return Indirect(m.start("clause"), m.end("clause"), None, _shift(mention, start), 0)
    m = _ABOUT.match(sentence)
    if m:
        return Indirect(0, 0, m.group("verb"), _shift(find_mention(m.group("who")), m.start("who")), 0, previous=True)
    for pattern in (_THAT, _AS):
        m = pattern.match(sentence)
        # the verb goes along so that 'В Верховном суде сообщили' names the court
        who = sentence[min(m.start("who"), m.start("verb")):max(m.end("who"), m.end("verb"))] if m else ""
        if m and find_verb(m.group("verb")) and find_mention(who):
            return Indirect(m.start("clause"), m.end("clause"), m.group("verb"),
                            _shift(find_mention(who), min(m.start("who"), m.start("verb"))), 0)
    m = _TRAILING.match(sentence)
    if m and len(m.group("clause").split()) >= 4 and find_mention(m.group("who")) and len(m.group("who").split()) <= 10:
        return Indirect(m.start("clause"), m.end("clause"), m.group("verb"),
                        _shift(find_mention(m.group("who")), m.start("who")), 0)
    return None


def _shift(mention: Mention | None, by: int) -> Mention | None:
    if mention is None:
        return None
    return Mention(mention.kind, mention.text, mention.start + by, mention.end + by)
