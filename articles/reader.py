"""Read a Russian article file (plain text) into an Article, strictly: bad input is an InputError."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import razdel

from articles.errors import InputError
from articles.indirect import find_indirect
from articles.model import Article, Block, BlockKind, Normalisation, Quote, Source
from articles.normalize import nfc, normalise
from articles.quotemarks import scan
from articles.segment import RawQuote, Region, analyse_block, block_from_text
from articles.speakers import collect_people
from articles.speech import Mention, find_mention, nominative, surname_key

MAX_BYTES = 2_000_000
_DATELINE = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Z\- ]{2,},\s+\d{1,2}\s+[а-яё]+\.?(?:\s+[A-ZА-ЯЁ]{3,}\s*[-–—])?")
_BYLINE = re.compile(r"^(?:Автор|Текст|Фото|Беседовал\w*|Подготовил\w*|Корреспондент)\s*[:\-–—]?\s", re.IGNORECASE)
_Q_OPEN, _Q_CLOSE = "«\"„“", "»\"“”"
_HEADLINE_AFTER = re.compile(r"^(?P<q>.+?)\s+[-–—]{1,2}\s+(?P<who>[А-ЯЁ][\w.\-]*(?:\s+[\w.\-]+){0,3})$")
_HEADLINE_BEFORE = re.compile(r"^(?P<who>[А-ЯЁ][\w.\-]*(?:\s+[\w.\-«»\"]+){0,5}):\s+(?P<q>.+)$")
_HEADLINE_QUOTED = re.compile(r"^[«\"„“](?P<q>[^«»\"„“”]+)[»\"“”]\s*(?::|[-–—])\s+\S")


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    if path.is_dir():
        raise InputError(str(path), "is a directory, expected an article file")
    if size > MAX_BYTES:
        raise InputError(str(path), f"file is {size} bytes, more than the {MAX_BYTES} an article may have")
    return path.read_bytes()


def decode(raw: bytes, path: str) -> str:
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        raise InputError(path, "binary data (NUL byte), expected UTF-8 text", raw[:at].count(b"\n") + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(path, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (expected UTF-8 text)",
                         line, column) from None
    if not text.strip():
        raise InputError(path, "file is empty, expected a headline line and paragraphs")
    return text


def check_russian(text: str, path: str) -> None:
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "CYRILLIC" in unicodedata.name(c, ""))
    kazakh = sum(1 for c in letters if c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    if not letters or cyrillic / len(letters) < 0.5:
        share = 100 * cyrillic // max(1, len(letters))
        raise InputError(path, f"no Russian text found ({share}% of letters are Cyrillic), expected a Russian article")
    if kazakh / max(1, cyrillic) > 0.03:
        raise InputError(path, "the text looks Kazakh, not Russian (expected a Russian article)")


def split_blocks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Headline line and the blank-line-separated blocks after it, each with its first line number."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    headline = " ".join(lines[first].split())
    blocks, current, start = [], [], 0
    for n, line in enumerate([*lines[first + 1:], ""], first + 2):
        if line.strip():
            if not current:
                start = n
            current.append(" ".join(line.split()))
        elif current:
            # A headline repeated inside a block (the sample's lead) is not published twice;
            # the block keeps its place so paragraph indexes still count blank-line blocks.
            kept = [c for c in current if _fold(c) != _fold(headline)] or current
            blocks.append((start, " ".join(kept)))
            current = []
    return headline, blocks


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def classify_blocks(headline: str, blocks: list[str]) -> list[BlockKind]:
    kinds: list[BlockKind] = []
    lead_taken = False
    for text in blocks:
        words = len(text.split())
        if _fold(text) == _fold(headline):
            kinds.append("headline-repeat")
        elif _DATELINE.match(text) and words <= 8:
            kinds.append("dateline")
        elif _BYLINE.match(text) and words <= 10:
            kinds.append("byline")
        elif lead_taken and words <= 12 and len(list(razdel.sentenize(text))) == 1 and (
                text.endswith("?") or not re.search(r"[.!…»\"”:;,]$", text)):
            kinds.append("crosshead")
        elif not lead_taken and len(blocks) > 1:
            kinds.append("lead")
            lead_taken = True
        else:
            kinds.append("body")
            lead_taken = True
    return kinds


def _ids(kinds: list[BlockKind]) -> list[str]:
    prefix = {"lead": "l", "body": "p", "crosshead": "c", "headline-repeat": "r", "dateline": "d", "byline": "b"}
    counts: dict[str, int] = {}
    out = []
    for kind in kinds:
        p = prefix[kind]
        counts[p] = counts.get(p, 0) + 1
        out.append(f"{p}{counts[p]}")
    return out


def slugify(headline: str) -> str:
    table = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
                           "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
                           "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
                           "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
                           "я": "ia"})
    words = re.findall(r"\w+", headline.lower().translate(table))
    return "-".join(words[:6])[:60].strip("-") or "article"


def sniff(path: Path, raw: bytes) -> str:
    """text | html | newsml, from the file name, else from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix == ".xml":
        return "newsml"
    head = raw[:2048].lstrip().lower()
    if head.startswith(b"<?xml") or b"<newsitem" in head:
        return "newsml"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_article(path: Path) -> Article:
    """Read, check and segment a Russian article: plain text, an HTML page or a NewsML-G2 item."""
    from articles.markup import read_html, read_newsml

    raw = read_bytes(path)
    text = decode(raw, str(path))
    kind = sniff(path, raw)
    source = Source(str(path), hashlib.sha256(raw).hexdigest(), kind)
    if kind == "text":
        check_russian(text, str(path))
        return parse_text(text, source)
    headline, blocks = (read_html if kind == "html" else read_newsml)(raw, str(path))
    check_russian(headline + " " + " ".join(b for _, b in blocks), str(path))
    return parse_blocks(headline, blocks, source)


def parse_text(text: str, source: Source) -> Article:
    headline, blocks = split_blocks(nfc(text))
    return parse_blocks(headline, blocks, source)


def parse_blocks(headline_raw: str, raw_blocks: list[tuple[int, str]], source: Source) -> Article:
    """The common path of every reader: a headline and (line, text) blocks → a segmented Article."""
    headline_raw = nfc(headline_raw)
    raw_blocks = [(line, nfc(text)) for line, text in raw_blocks]
    kinds = classify_blocks(headline_raw, [b for _, b in raw_blocks])
    ids = _ids(kinds)
    all_texts = [headline_raw] + [b for _, b in raw_blocks]
    normalised = [normalise(t) for t in all_texts]
    norm_texts = [n.text for n in normalised]
    counter = [0]
    warnings: list[str] = []
    raw_quotes: list[RawQuote] = []
    people = collect_people(norm_texts)
    headline_quote = _headline_quote(norm_texts[0], counter, people)
    if headline_quote:
        raw_quotes.append(headline_quote)
    headline = block_from_text("h1", None, "headline", norm_texts[0], normalised[0].display,
                               [Region("text", 0, len(norm_texts[0]))], [])
    blocks: list[Block] = []
    for i, (kind, block_id) in enumerate(zip(kinds, ids), 1):
        text_i = norm_texts[i]
        next_text = norm_texts[i + 1] if i + 1 < len(norm_texts) else None
        if kind in ("headline-repeat", "dateline", "byline"):
            regions, quotes, protected, warns = [Region("text", 0, len(text_i))], [], [], []
        else:
            regions, quotes, protected, warns = analyse_block(text_i, i, kind, next_text, counter)
        warnings += [f"paragraph {i - 1} (line {raw_blocks[i - 1][0]}): {w}" for w in warns]
        blocks.append(block_from_text(block_id, i - 1, kind, text_i, normalised[i].display, regions, protected))
        raw_quotes += quotes
    if headline_quote:
        headline_quote.segment_ids = ["h1"]
    _merge_continuations(raw_quotes)
    partial_texts = {norm_texts[q.block][s:e] for q in raw_quotes if q.kind == "partial" for s, e in q.parts}
    raw_quotes += _indirect_quotes(blocks, counter, partial_texts)
    quotes = _finish_quotes(raw_quotes, blocks, normalised, people)
    normalisations = tuple(Normalisation(b.id, c.offset, c.original, c.replacement, c.reason)
                           for b, n in zip([headline, *blocks], normalised) for c in n.changes)
    dateline = next((b.text for b in blocks if b.kind == "dateline"), None) or _inline_dateline(blocks)
    byline = next((b.text for b in blocks if b.kind == "byline"), None)
    slug = slugify(headline_raw)
    return Article(f"{slug}-{source.sha256[:8]}", slug, "ru", headline, tuple(blocks), tuple(quotes), source,
                   dateline, byline, normalisations, tuple(warnings))


def _headline_quote(text: str, counter: list[int], people) -> RawQuote | None:
    """'Будем … провокации - Токаев', 'Президент: …', '«…»: аким встретился …' are headline quotes."""
    found = None
    m = _HEADLINE_QUOTED.match(text)
    if m:
        found = (m.start("q"), m.end("q"), None)
    for pattern in (_HEADLINE_AFTER, _HEADLINE_BEFORE):
        m = m if found else pattern.match(text)
        if found or not m:
            continue
        who = m.group("who")
        mention = find_mention(who)
        if mention is not None and mention.kind == "organisation":
            mention = Mention("organisation", who, 0, len(who))  # 'Национальный банк' as a whole
        if mention is None or _is_place(who) or mention.start > 0:
            continue
        if mention.kind == "name" and len(who.split()) == 1 and surname_key(nominative(who, "name")) not in people.fullest:
            continue  # a single capitalised word must be someone the article names
        start, end = m.start("q"), m.end("q")
        if text[start] in _Q_OPEN and text[end - 1] in _Q_CLOSE:
            start, end = start + 1, end - 1
        found = (start, end, Mention(mention.kind, who, m.start("who"), m.end("who")))
    if not found:
        return None
    counter[0] += 1
    q = RawQuote(f"q{counter[0]}", "headline", 0, [(found[0], found[1])])
    q.mention = found[2]
    return q


def _is_place(text: str) -> bool:
    from articles.speech import _morph

    if re.search(r"(?:^Усть-|горск$|поль$|град$|кент$|тау$|ск$)", text):
        return True
    return any("Geox" in p.tag for w in re.split(r"[\s-]+", text) if w for p in _morph().parse(w)[:2])


def _inline_dateline(blocks: list[Block]) -> str | None:
    """'АСТАНА, 14 марта. KAZINFORM – …' opening the first paragraph."""
    first = next((b for b in blocks if b.kind in ("lead", "body")), None)
    m = _DATELINE.match(first.text) if first else None
    return m.group().rstrip(" -–—") if m else None


def _merge_continuations(quotes: list[RawQuote]) -> None:
    """A quote left open at the end of a paragraph continues in the next one that opens a quote."""
    i = 0
    while i < len(quotes) - 1:
        q, nxt = quotes[i], quotes[i + 1]
        last = max(q.block, q.last_block)
        if q.continues and nxt.kind == "direct" and nxt.block == last + 1:
            q.extra_blocks.append((nxt.block, nxt.parts))
            q.segment_ids += nxt.segment_ids
            q.attribution_id = nxt.attribution_id
            if nxt.mention is not None or q.mention is None:
                q.verb, q.mention, q.mention_offset = nxt.verb or q.verb, nxt.mention, nxt.mention_offset
                q.mention_block = nxt.block
            q.continues, q.last_block = nxt.continues, nxt.block
            q.merged_keys.append(nxt.key)
            del quotes[i + 1]
            continue
        i += 1


_PARTICIPLE_THAT = re.compile(r",\s+(добавив|отметив|подчеркнув|заявив|сообщив|пояснив|напомнив|уточнив)"
                              r",\s+что\s+(.+?)[.!…]*$")


def _has_partial(seg, partial_texts: set[str]) -> bool:
    return any(seg.text[s.start:s.end] in partial_texts for s in seg.spans if s.kind == "quote")


def _indirect_quotes(blocks: list[Block], counter: list[int], partial_texts: set[str]) -> list[RawQuote]:
    found = []
    for pos, block in enumerate(blocks, 1):
        if block.kind not in ("lead", "body"):
            continue
        previous = None
        offset = 0
        for seg in block.segments:
            start = block.text.find(seg.text, offset)
            offset = start + len(seg.text)
            if seg.role == "attribution":
                tail = _PARTICIPLE_THAT.search(seg.text)
                if tail:
                    counter[0] += 1
                    q = RawQuote(f"q{counter[0]}", "indirect", pos, [(start + tail.start(2), start + tail.end(2))])
                    q.segment_ids = [seg.id]
                    q.verb = tail.group(1)
                    q.mention = find_mention(seg.text[: tail.start()])
                    q.mention_offset = start
                    found.append(q)
            if seg.role == "text" and not _has_partial(seg, partial_texts) and scan(seg.text).balanced:
                hit = find_indirect(seg.text)
                if hit and hit.previous and previous is not None and previous[0].role == "text":
                    prev_seg, prev_start = previous
                    counter[0] += 1
                    q = RawQuote(f"q{counter[0]}", "indirect", pos,
                                 [(prev_start, prev_start + len(prev_seg.text.rstrip(".!… ")))])
                    q.segment_ids = [prev_seg.id]
                    q.verb, q.mention, q.mention_offset = hit.verb, hit.mention, start
                    found.append(q)
                elif hit and not hit.previous:
                    counter[0] += 1
                    q = RawQuote(f"q{counter[0]}", "indirect", pos,
                                 [(start + hit.clause_start, start + hit.clause_end)])
                    q.segment_ids = [seg.id]
                    q.verb, q.mention, q.mention_offset = hit.verb, hit.mention, start
                    found.append(q)
            previous = (seg, start)
    return found


def _finish_quotes(raw: list[RawQuote], blocks: list[Block], normalised, people) -> list[Quote]:
    texts = [n.display for n in normalised]
    ordered = sorted(raw, key=lambda q: (q.block, q.parts[0][0] if q.parts else 0))
    renumber = {q.key: f"q{n}" for n, q in enumerate(ordered, 1)}
    for q in ordered:
        for old in q.merged_keys:
            renumber.setdefault(old, renumber[q.key])
    quotes = []
    last_org = None
    previous: tuple[RawQuote, str | None] | None = None
    for q in ordered:
        parts = [texts[q.block][s:e] for s, e in q.parts]
        text = q.part_joiner.join(parts)
        for block, extra in q.extra_blocks:
            text += "\n\n" + " ".join(texts[block][s:e] for s, e in extra)
        feminine = bool(q.verb and re.search(r"ла(?:сь)?$", q.verb))
        speaker = people.resolve(q.mention, q.block if q.mention_block is None else q.mention_block, q.mention_offset, feminine)
        paragraph = None if q.kind == "headline" else q.block - 1
        if q.kind == "direct" and q.mention is None and previous and previous[0].block in (q.block, q.block - 1):
            speaker = previous[1]  # a quote paragraph that follows a quote goes on with the same speaker
        if q.kind == "direct":
            previous = (q, speaker)
        if q.kind == "headline" and (q.mention is None or q.mention.kind in ("title", "pronoun")):
            speaker = _headline_speaker(text, ordered, texts, people) or speaker
        if q.mention is not None and q.mention.kind == "organisation":
            # 'ведомство', 'регулятор': the organisation the article already named
            if speaker and speaker.lower() in _GENERIC_ORGS and last_org:
                speaker = last_org
            elif speaker and speaker.lower() not in _GENERIC_ORGS:
                last_org = speaker
        quotes.append(Quote(renumber[q.key], text, speaker, q.verb, q.kind, paragraph, tuple(q.segment_ids),
                            q.attribution_id))
    _renumber_segments(blocks, renumber)
    return quotes


_GENERIC_ORGS = {"ведомство", "регулятор", "акимат", "министерство", "пресс-служба", "правительство", "компания",
                 "банк", "агентство", "департамент", "сообщение", "заявление", "доклад", "отчет", "отчёт", "обзор",
                 "документ"}


def _headline_speaker(text: str, quotes: list[RawQuote], texts: list[str], people) -> str | None:
    """A headline quote without a named speaker belongs to the body quote that repeats it."""
    words = set(re.findall(r"\w{4,}", text.lower()))
    best, best_overlap = None, 0.0
    for q in quotes:
        if q.kind == "headline" or not q.parts:
            continue
        body = " ".join(texts[q.block][s:e] for s, e in q.parts).lower()
        overlap = len(words & set(re.findall(r"\w{4,}", body))) / max(1, len(words))
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    if best is None or best_overlap < 0.5:
        direct = [q for q in quotes if q.kind == "direct" and q.mention is not None]
        if len(direct) != 1:
            # the headline's speaker is the article's first named person, as the lead introduces them
            return people.fullest[people.events[0][2]] if people.events else None
        best = direct[0]
    feminine = bool(best.verb and re.search(r"ла(?:сь)?$", best.verb))
    return people.resolve(best.mention, best.block if best.mention_block is None else best.mention_block, best.mention_offset, feminine)


def _renumber_segments(blocks: list[Block], renumber: dict[str, str]) -> None:
    from dataclasses import replace

    for i, block in enumerate(blocks):
        segments = tuple(replace(s, quote_id=renumber.get(s.quote_id, s.quote_id)) if s.quote_id else s
                         for s in block.segments)
        blocks[i] = replace(block, segments=segments)
