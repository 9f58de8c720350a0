"""The `kazwire segment --json` contract: a stable JSON view of an Article (documented in the README)."""
from __future__ import annotations

from articles.model import Article


def article_json(article: Article) -> dict:
    return {
        "headline": article.headline.text,
        "paragraphs": [
            {"index": b.index, "id": b.id, "kind": b.kind, "text": b.text,
             "segments": [{"id": s.id, "text": s.text} for s in b.segments]}
            for b in article.blocks
        ],
        "quotes": [
            {"id": q.id, "text": q.text, "speaker": q.speaker, "verb": q.verb, "kind": q.kind,
             "paragraph_index": q.paragraph_index, "segments": list(q.segment_ids)}
            for q in article.quotes
        ],
    }
