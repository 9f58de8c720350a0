"""Quote-aware segmentation: blocks → segments (razdel sentences) and the quotes they carry.

A direct quote's content becomes its own run of segments (role "quote"), its attribution its
own segment (role "attribution"), so no segment straddles a quote mark and the link between a
quote and who said it survives as data. Partial quotes and quoted names stay inline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import razdel

from articles.model import Block, BlockKind, Segment, Span
from articles.quotemarks import Pair, scan
from articles.speech import Mention, find_mention, find_verb

DASH = "-–—"
_AFTER_QUOTE = re.compile(rf"^\s*([,.!?…]?)\s*[{DASH}]{{1,2}}\s*")
# «A, — сказал вице-министр, — b»: a hyphen inside a word (вице-министр) is not the dash
_MIDDLE = re.compile(rf"([,.!?…]?)\s+[{DASH}]{{1,2}}\s+((?:(?!\s[{DASH}]\s)[^«»\"])+?)([,.])\s+[{DASH}]{{1,2}}\s+")
_NAME_NOUNS = re.compile(
    r"(?:парти[яиюей]|компани[яиюей]|ао|тоо|ооо|газет[аыуе]|журнал\w*|телеканал\w*|агентств\w*|форум\w*|"
    r"программ\w*|проект\w*|фонд\w*|тем[аеуы]|лозунг\w*|девиз\w*|названи\w*|фильм\w*|книг\w*|роман\w*|"
    r"операци\w*|акци\w*|конкурс\w*|преми\w*|орден\w*|медал\w*|фестивал\w*|центр\w*|движени\w*|"
    r"платформ\w*|портал\w*|приложени\w*|завод\w*|клуб\w*|издани\w*|сайт\w*|корпораци\w*|холдинг\w*|"
    r"объединени\w*|ассоциаци\w*|организаци\w*|кампани\w*|инициатив\w*|концепци\w*|стратеги\w*|"
    r"марк\w*|бренд\w*|песн\w*|спектакл\w*|выставк\w*|марафон\w*|рубрик\w*|статус\w*|звани\w*|"
    r"колледж\w*|университет\w*|школ\w*|лице\w*|комплекс\w*|аэропорт\w*|вокзал\w*|стадион\w*|"
    r"банк\w*|фирм\w*|театр\w*|музе\w*|улиц\w*|проспект\w*|кинотеатр\w*|санатори\w*|отел\w*|"
    r"жк|мкр|трц|тц|бц|бизнес-центр\w*|общественн\w* объединени\w*|нпо|рк|рубеж\w*|закон\w*|"
    r"кодекс\w*|документ\w*|указ\w*|постановлени\w*|план\w*|слоган\w*|хэштег\w*|флешмоб\w*)"
    r"(?:\s+[\w-]+){0,2}\s*$", re.IGNORECASE)
# «…». Так прокомментировал … / Такое мнение высказал … / Об этом заявил …
_NEXT_SENTENCE = re.compile(r"^\s*[.!?…]?\s*(?=(?:Так|Такое|Такую|Такие|Об этом|Это|Эти слова|Как)\s+\w+)")
_PARTIAL_BEFORE = re.compile(r"(?:что|чтобы|будто|мол|якобы|как|словно|назвал\w*|назвав)\s*[,:]?\s*$",
                             re.IGNORECASE)


@dataclass
class RawQuote:
    """A quote as found in one block, before speakers are resolved across the article."""

    key: str
    kind: str
    block: int  # position in the article's block list (0 = headline)
    parts: list[tuple[int, int]]  # content offsets in the block text, without quote marks
    attribution: tuple[int, int] | None = None  # offsets of the attribution clause in the block
    verb: str | None = None
    mention: Mention | None = None
    mention_offset: int = 0  # where the mention's clause starts in the block
    continues: bool = False  # opened in this block, closed in a later one
    segment_ids: list[str] = field(default_factory=list)
    attribution_id: str | None = None
    extra_blocks: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)
    part_joiner: str = " "  # «A, — сказал он. — B» joins as "A. B"
    last_block: int = -1  # where a quote continued over paragraphs ends
    merged_keys: list[str] = field(default_factory=list)
    mention_block: int | None = None  # where the attribution of a continued quote stands


@dataclass
class Region:
    kind: str  # text | quote | attribution
    start: int
    end: int
    quote: RawQuote | None = None


def sentences(text: str, start: int, end: int, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """razdel sentences of text[start:end], never ending inside a protected span (quoted names)."""
    chunk = text[start:end]
    spans = [(start + s.start, start + s.stop) for s in razdel.sentenize(chunk)]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and any(ps < s <= pe or ps <= merged[-1][1] < pe for ps, pe in protected):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(s, e) for s, e in merged if text[s:e].strip()]


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    for s in razdel.sentenize(text):
        if s.start <= pos < s.stop or (pos == s.stop and pos == len(text)):
            return s.start, s.stop
    return 0, len(text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clause_after(text: str, pos: int) -> tuple[int, int]:
    """The attribution after a closing mark: to the end of its sentence (initials do not end it)."""
    rest = text[pos:]
    first = next(iter(razdel.sentenize(rest)), None)
    end = pos + (first.stop if first else len(rest))
    # A sentence split by razdel inside "К.-Ж. Токаев" style initials is rare; razdel handles them.
    return _strip(text, pos, end)


def classify(text: str, pair: Pair, block_kind: BlockKind) -> str:
    """direct | partial | name for a top-level quotation in a body block."""
    close = pair.close if pair.close is not None else len(text)
    inner = text[pair.open + 1:close]
    before = text[:pair.open]
    after = text[close + 1:] if pair.close is not None else ""
    m = _AFTER_QUOTE.match(after)
    if m and pair.close is not None:
        clause = text[close + 1 + m.end():]
        first = next(iter(razdel.sentenize(clause)), None)
        clause = clause[: first.stop] if first else clause
        if find_verb(clause) or (len(clause.split()) <= 4 and find_mention(clause)):
            return "direct"
    if re.search(r":\s*$", before):
        return "direct"
    sentence = before[max(before.rfind(". "), before.rfind("! "), before.rfind("? ")) + 1:]
    if inner[:1].islower() and (_PARTIAL_BEFORE.search(before) or find_verb(sentence) or
                                re.search(r"назва\w*", sentence, re.IGNORECASE)):
        return "partial"  # names are capitalised; a lower-case quotation inside reported speech is a quote
    if _NAME_NOUNS.search(before):
        return "name"
    if _PARTIAL_BEFORE.search(before):
        return "partial"
    sentence_start = not before.strip() or re.search(r"[.!?…]\s*$", before)
    words = len(inner.split())
    if sentence_start and (words >= 4 or re.search(r"[.!?…]", inner)):
        return "direct"
    if words >= 2 and find_verb(text) and inner[:1].islower():
        return "partial"
    return "name"


def analyse_block(text: str, block_pos: int, kind: BlockKind, next_text: str | None,
                  counter: list[int]) -> tuple[list[Region], list[RawQuote], list[tuple[int, int]], list[str]]:
    """Regions of one block, its quotes (direct and partial), protected spans and warnings."""
    result = scan(text)
    warnings = []
    quotes: list[RawQuote] = []
    protected: list[tuple[int, int]] = []
    regions: list[Region] = []
    cursor = 0
    for pair in result.top_level():
        if pair.open < cursor:
            continue
        continues = pair.close is None and next_text is not None and next_text.lstrip()[:1] in "«\"„“"
        if pair.close is None and not continues:
            warnings.append(f"unclosed quotation mark at character {pair.open + 1}")
            continue
        close = pair.close if pair.close is not None else len(text)
        how = classify(text, pair, kind)
        if how != "direct":
            protected.append((pair.open, close + 1))
            if how == "partial":
                counter[0] += 1
                q = RawQuote(f"q{counter[0]}", "partial", block_pos, [(pair.open + 1, close)])
                s, e = _sentence_bounds(text, pair.open)
                verb = find_verb(text[s:pair.open]) or find_verb(text[s:e])
                q.verb = verb.group() if verb else None
                q.mention = find_mention(text[s:pair.open]) or find_mention(text[s:e])
                q.mention_offset = s if q.mention and text[s:pair.open].find(q.mention.text) >= 0 else s
                quotes.append(q)
            continue
        counter[0] += 1
        q = RawQuote(f"q{counter[0]}", "direct", block_pos, [], continues=continues)
        parts = _middle_split(text, pair.open + 1, close, q)
        q.parts = parts
        # attribution before the quote ("Токаев заявил: «...»")
        before = text[cursor:pair.open]
        if re.search(r":\s*$", before) and not q.verb:
            s = _sentence_bounds(text, pair.open)[0] if cursor == 0 else cursor
            s = max(s, cursor)
            clause_start, clause_end = _strip(text, s, pair.open)
            # the clause is only an attribution if it is a short lead-in, not a whole paragraph
            clause = text[clause_start:clause_end]
            if clause and (find_verb(clause) or find_mention(clause)) and not re.search(r"[.!?]\s", clause):
                if clause_start > cursor:
                    regions.append(Region("text", cursor, clause_start))
                regions.append(Region("attribution", clause_start, clause_end, q))
                q.attribution = (clause_start, clause_end)
                q.verb = (find_verb(clause) or None) and find_verb(clause).group()
                q.mention, q.mention_offset = find_mention(clause), clause_start
                cursor = clause_end
        if pair.open > cursor and text[cursor:pair.open].strip():
            s, e = _strip(text, cursor, pair.open)
            regions.append(Region("text", s, e))
        for i, (s, e) in enumerate(parts):
            regions.append(Region("quote", s, e, q))
            if i < len(parts) - 1 and q.attribution is not None and q.attribution[0] >= e:
                regions.append(Region("attribution", q.attribution[0], q.attribution[1], q))
        cursor = close + 1 if pair.close is not None else len(text)
        if pair.close is not None and q.attribution is None:
            m = _AFTER_QUOTE.match(text[cursor:]) or _NEXT_SENTENCE.match(text[cursor:])
            if m:
                cs, ce = _clause_after(text, cursor + m.end())
                clause = text[cs:ce]
                verb = find_verb(clause)
                if verb or (len(clause.split()) <= 4 and find_mention(clause)):
                    regions.append(Region("attribution", cs, ce, q))
                    q.attribution = (cs, ce)
                    q.verb = verb.group() if verb else None
                    q.mention, q.mention_offset = find_mention(clause), cs
                    cursor = ce
        quotes.append(q)
    if cursor < len(text) and text[cursor:].strip():
        s, e = _strip(text, cursor, len(text))
        regions.append(Region("text", s, e))
    if result.stray_closers:
        warnings.append(f"closing quotation mark without an opening one at character {result.stray_closers[0] + 1}")
    return regions, quotes, protected, warnings


def _middle_split(text: str, start: int, end: int, q: RawQuote) -> list[tuple[int, int]]:
    """«A, — сказал X, — b»: two content parts around an attribution inside the marks."""
    inner = text[start:end]
    for m in _MIDDLE.finditer(inner):
        clause = m.group(2)
        verb = find_verb(clause)
        if verb and len(clause.split()) <= 10:
            cs = start + m.start(2)
            ce = start + m.end(2)
            q.attribution = (cs, ce)
            q.verb = verb.group()
            q.mention, q.mention_offset = find_mention(clause), cs
            first_end = start + (m.end(1) if m.group(1) in ("?", "!", "…") and m.group(1) else m.start(1))
            if m.group(3) == "." and m.group(1) in ("", ","):
                q.part_joiner = ". "
            return [_strip(text, start, first_end), _strip(text, start + m.end(), end)]
    return [_strip(text, start, end)]


def build_segments(block_id: str, text: str, display: str, regions: list[Region],
                   protected: list[tuple[int, int]], single: bool) -> tuple[tuple[Segment, ...], tuple[str, ...]]:
    """Turn regions into segments with ids `<block>.s<n>` (or just `<block>` for a headline)."""
    pieces: list[tuple[int, int, Region]] = []
    for region in regions:
        if region.kind == "attribution" or single:
            pieces.append((region.start, region.end, region))
        else:
            pieces.extend((s, e, region) for s, e in sentences(text, region.start, region.end, protected))
    segments, joiners, cursor = [], [], 0
    for n, (s, e, region) in enumerate(pieces, 1):
        seg_id = block_id if single and len(pieces) == 1 else f"{block_id}.s{n}"
        role = region.kind
        quote_id = region.quote.key if region.quote else None
        spans = tuple(Span("quote", ps + 1 - s, pe - 1 - s) for ps, pe in protected if s <= ps and pe <= e)
        segments.append(Segment(seg_id, text[s:e], display[s:e], role, quote_id, spans))
        joiners.append(display[cursor:s])
        cursor = e
        if region.quote is not None:
            if role == "quote":
                region.quote.segment_ids.append(seg_id)
            else:
                region.quote.attribution_id = seg_id
    joiners.append(display[cursor:])
    return tuple(segments), tuple(joiners)


def block_from_text(block_id: str, index: int | None, kind: BlockKind, text: str, display: str,
                    regions: list[Region], protected: list[tuple[int, int]]) -> Block:
    segments, joiners = build_segments(block_id, text, display, regions, protected,
                                       single=kind in ("headline", "crosshead"))
    if kind == "headline-repeat":
        segments, joiners = (), (display,)
    return Block(block_id, index, kind, text, segments, joiners)
