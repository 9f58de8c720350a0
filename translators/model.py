"""What translation produces: a TranslatedArticle per target language, aligned by segment id."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["critical", "functional", "cosmetic"]


@dataclass(frozen=True)
class Flag:
    """A QA finding on one segment (or the article when segment_id is empty)."""

    check: str
    severity: Severity
    message: str
    segment_id: str = ""


@dataclass(frozen=True)
class TranslatedSegment:
    id: str
    source: str
    text: str
    origin: str  # mt:<model-id> | mt:<model-id>+<model-id> via en | rule:attribution | tm:exact | human
    role: str = "text"
    quote_id: str | None = None
    flags: tuple[Flag, ...] = ()
    suggestion: tuple[float, str] | None = None  # a fuzzy TM match for the reviewer, never published


@dataclass(frozen=True)
class TranslatedBlock:
    id: str
    index: int | None
    kind: str
    text: str  # assembled with the target language's typography
    segments: tuple[TranslatedSegment, ...]


@dataclass(frozen=True)
class TranslatedQuote:
    id: str
    text: str
    speaker: str | None  # the speaker's name in the target language
    speaker_source: str | None  # the same person as the Russian article names them
    kind: str
    segment_ids: tuple[str, ...]


@dataclass(frozen=True)
class Provenance:
    """Everything that decided this translation, like sacrebleu's signature."""

    engine: str
    models: tuple[str, ...]
    path: str  # direct | pivot:en
    beam: int
    compute_type: str
    segmenter: str
    glossary: str

    def signature(self) -> str:
        return (f"engine:{self.engine}|models:{'+'.join(self.models)}|path:{self.path}|beam:{self.beam}|"
                f"compute:{self.compute_type}|segmenter:{self.segmenter}|glossary:{self.glossary}")


@dataclass(frozen=True)
class TranslatedArticle:
    article_id: str
    language: str
    headline: TranslatedBlock
    blocks: tuple[TranslatedBlock, ...]
    quotes: tuple[TranslatedQuote, ...]
    provenance: Provenance
    seconds: float = 0.0
    flags: tuple[Flag, ...] = field(default=())
    sent_to_mt: int = 0  # segments the models translated in this run (not from cache or memory)

    def segments(self) -> list[TranslatedSegment]:
        return [s for b in (self.headline, *self.blocks) for s in b.segments]

    def all_flags(self) -> list[Flag]:
        return [*self.flags, *(f for s in self.segments() for f in s.flags)]
