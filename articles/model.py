"""The document model: Article → Blocks → Segments, plus the Quotes that run through them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["headline", "lead", "body", "crosshead", "headline-repeat", "dateline", "byline"]
QuoteKind = Literal["direct", "partial", "headline", "indirect"]
SegmentRole = Literal["text", "quote", "attribution"]
SpanKind = Literal["quote", "speaker", "name"]


@dataclass(frozen=True)
class Span:
    """A marked stretch inside one segment's text: [start, end) offsets."""

    kind: SpanKind
    start: int
    end: int
    ref: str = ""  # quote id for quote/speaker spans, glossary id for names


@dataclass(frozen=True)
class Segment:
    """The unit of alignment: the same id names the same unit in ru, en and kk everywhere.

    `role` says whether the segment is ordinary text, the content of a direct quote (without
    its quote marks), or the attribution that follows or precedes a direct quote.
    """

    id: str
    text: str  # normalised: what machine translation sees
    display: str  # as the source wrote it, homoglyphs fixed: what the Russian edition shows
    role: SegmentRole = "text"
    quote_id: str | None = None
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph, the headline, a lead or a crosshead; `index` counts blocks after the headline line."""

    id: str
    index: int | None
    kind: BlockKind
    text: str
    segments: tuple[Segment, ...]
    # The characters of the source between and around segments (quote marks, ", — "), so the
    # Russian edition can be rebuilt exactly: joiners[i] precedes segments[i]; the last one trails.
    joiners: tuple[str, ...] = ()

    @property
    def published(self) -> bool:
        return self.kind != "headline-repeat"


@dataclass(frozen=True)
class Quote:
    id: str
    text: str  # exact quoted text, without the outer marks; paragraphs joined by "\n\n"
    speaker: str | None
    verb: str | None
    kind: QuoteKind
    paragraph_index: int | None
    segment_ids: tuple[str, ...]
    attribution_id: str | None = None  # the attribution segment of a direct quote


@dataclass(frozen=True)
class Normalisation:
    """One character the normaliser changed: where, from what, to what, and why."""

    block_id: str
    offset: int
    original: str
    replacement: str
    reason: str


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: Literal["text", "html", "newsml"]


@dataclass(frozen=True)
class Article:
    id: str  # slug + short source hash
    slug: str
    language: str
    headline: Block
    blocks: tuple[Block, ...]
    quotes: tuple[Quote, ...]
    source: Source
    dateline: str | None = None
    byline: str | None = None
    normalisations: tuple[Normalisation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def all_blocks(self) -> tuple[Block, ...]:
        return (self.headline, *self.blocks)

    def segments(self) -> list[Segment]:
        """Every segment that is published, headline first, in reading order."""
        return [s for b in self.all_blocks() if b.published for s in b.segments]

    @property
    def lead(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "lead"), None)
