"""One language-neutral view of an edition's body, shared by the NewsML-G2 XHTML and the HTML pages."""
from __future__ import annotations

import re
from dataclasses import dataclass

from articles.model import Article, Block
from articles.quotemarks import ALL_MARKS
from articles.speech import find_mention
from translators.model import TranslatedArticle
from translators.typography import Piece, Unit, layout


@dataclass(frozen=True)
class SegView:
    id: str
    text: str
    role: str
    quote_id: str | None
    inline: tuple[tuple[int, int, str], ...] = ()  # quoted stretches inside the text: (start, end, quote id)
    speaker: tuple[int, int] | None = None  # where the speaker is named in an attribution


@dataclass(frozen=True)
class BlockView:
    id: str
    kind: str
    pieces: tuple[Piece, ...]
    segs: tuple[SegView, ...]


@dataclass(frozen=True)
class QuoteView:
    id: str
    kind: str
    speaker: str | None  # full name in this edition's language
    segment_ids: tuple[str, ...]
    attribution_id: str | None


@dataclass(frozen=True)
class EditionView:
    lang: str
    headline: str
    blocks: tuple[BlockView, ...]
    quotes: tuple[QuoteView, ...]

    def quote(self, quote_id: str | None) -> QuoteView | None:
        return next((q for q in self.quotes if q.id == quote_id), None)


def original_view(article: Article) -> EditionView:
    """The Russian edition as the source wrote it: its own joiners, quote marks turned into markup."""
    indirect = {sid: q.id for q in article.quotes if q.kind in ("indirect", "partial", "headline") for sid in q.segment_ids}
    quotes = {q.id: q for q in article.quotes}
    blocks = []
    for block in article.all_blocks():
        if not block.published:
            continue
        segs = []
        for s in block.segments:
            inline = _inline(s.display, s.spans, indirect.get(s.id), quotes)
            speaker = _mention_span(s.display) if s.role == "attribution" else None
            if s.id == "h1" and s.id in indirect:  # 'Будем … провокации - Токаев': the name after the quote
                q = quotes[indirect[s.id]]
                at = s.display.find(q.text) + len(q.text)
                m = re.search(r"[^\s«»\"“”\-–—:]", s.display[at:])
                speaker = (at + m.start(), len(s.display)) if m else None
            segs.append(SegView(s.id, s.display, s.role, s.quote_id, inline, speaker))
        blocks.append(BlockView(block.id, block.kind, tuple(_source_pieces(block)), tuple(segs)))
    views = tuple(QuoteView(q.id, q.kind, q.speaker, q.segment_ids, q.attribution_id) for q in article.quotes)
    return EditionView("ru", article.headline.segments[0].display, tuple(blocks), views)


def translated_view(article: Article, translated: TranslatedArticle) -> EditionView:
    lang = translated.language
    source_quotes = {q.id: q for q in article.quotes}
    speakers = {q.id: q.speaker for q in translated.quotes}
    blocks = []
    for block in (translated.headline, *translated.blocks):
        units = [Unit(s.text, s.role, s.quote_id) for s in block.segments]
        segs = []
        for s in block.segments:
            inline: tuple[tuple[int, int, str], ...] = ()
            speaker = None
            q = source_quotes.get(s.quote_id or "") or _quote_of(article, s.id)
            if s.id == "h1" and q is not None and q.kind == "headline" and " — " in s.text:
                cut = s.text.rfind(" — ")
                inline, speaker = ((0, cut, q.id),), (cut + 3, len(s.text))
            elif q is not None and q.kind in ("indirect", "partial") and s.role == "text":
                inline = _translated_inline(s.text, q.id, q.kind)
            if s.role == "attribution":
                speaker = _find_name(s.text, speakers.get(s.quote_id or ""))
            segs.append(SegView(s.id, s.text, s.role, s.quote_id, inline, speaker))
        blocks.append(BlockView(block.id, block.kind, tuple(layout(units, lang)), tuple(segs)))
    views = tuple(QuoteView(q.id, q.kind, q.speaker, q.segment_ids, source_quotes[q.id].attribution_id)
                  for q in translated.quotes)
    return EditionView(lang, translated.headline.text, tuple(blocks), views)


def _quote_of(article: Article, segment_id: str):
    return next((q for q in article.quotes if segment_id in q.segment_ids and q.kind != "direct"), None)


def _source_pieces(block: Block) -> list[Piece]:
    pieces: list[Piece] = []
    parts: dict[str, int] = {}
    segs = block.segments
    for i, seg in enumerate(segs):
        joiner = block.joiners[i] if i < len(block.joiners) else ""
        prev = segs[i - 1] if i else None
        opens = seg.role == "quote" and not (prev and prev.role == "quote" and prev.quote_id == seg.quote_id)
        closes_prev = prev is not None and prev.role == "quote" and not (
            seg.role == "quote" and seg.quote_id == prev.quote_id)
        if closes_prev:
            joiner = _drop_mark(joiner, first=True)
            pieces.append(Piece("close", quote_id=prev.quote_id, part=parts[prev.quote_id or ""]))
        if opens:
            joiner = _drop_mark(joiner, first=False)
        if joiner:
            pieces.append(Piece("text", joiner))
        if opens:
            parts[seg.quote_id or ""] = parts.get(seg.quote_id or "", 0) + 1
            pieces.append(Piece("open", quote_id=seg.quote_id, part=parts[seg.quote_id or ""]))
        pieces.append(Piece("seg", seg.display, i, seg.quote_id))
    tail = block.joiners[-1] if block.joiners else ""
    if segs and segs[-1].role == "quote":
        tail = _drop_mark(tail, first=True)
        pieces.append(Piece("close", quote_id=segs[-1].quote_id, part=parts[segs[-1].quote_id or ""]))
    if tail:
        pieces.append(Piece("text", tail))
    return pieces


def _drop_mark(text: str, first: bool) -> str:
    """Remove the quote mark that the <q> element now stands for (the first or last one in `text`)."""
    positions = [i for i, c in enumerate(text) if c in ALL_MARKS]
    if not positions:
        return text
    i = positions[0] if first else positions[-1]
    return text[:i] + text[i + 1:]


def _inline(text: str, spans, quote_id: str | None, quotes) -> tuple[tuple[int, int, str], ...]:
    out = []
    for span in spans:
        q = next((q for q in quotes.values() if q.kind == "partial" and q.text == text[span.start:span.end]), None)
        if q is not None:
            out.append((span.start, span.end, q.id))
    if quote_id and quotes[quote_id].kind in ("indirect", "headline"):
        q = quotes[quote_id]
        at = text.find(q.text)
        if at >= 0:
            out.append((at, at + len(q.text), q.id))
    return tuple(sorted(set(out)))


def _translated_inline(text: str, quote_id: str, kind: str) -> tuple[tuple[int, int, str], ...]:
    if kind == "partial":
        m = re.search(r"[«“]([^«»“”]+)[»”]", text)
        return ((m.start(1), m.end(1), quote_id),) if m else ()
    return ((0, len(text), quote_id),)


def _mention_span(text: str) -> tuple[int, int] | None:
    mention = find_mention(text)
    return (mention.start, mention.end) if mention else None


def _find_name(text: str, name: str | None) -> tuple[int, int] | None:
    if not name:
        return None
    for form in (name, name.split()[-1]):
        at = text.find(form)
        if at >= 0:
            return at, at + len(form)
    stem = name.split()[-1][:5]
    m = re.search(re.escape(stem) + r"\w*", text)
    return (m.start(), m.end()) if m else None
