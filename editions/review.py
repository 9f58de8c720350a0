"""The aligned review page: one row per segment id, ru | en | kk, with origins, QA flags and highlights."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.dates import format_datetime
from markupsafe import Markup, escape

from articles.model import Article
from editions.html import LANGUAGE_NAMES, environment
from translators.glossary import Glossary
from translators.model import Flag, TranslatedArticle


@dataclass(frozen=True)
class Cell:
    lang: str
    html: Markup
    origin: str = ""
    flags: tuple[Flag, ...] = ()
    suggestion: tuple[float, str] | None = None


@dataclass(frozen=True)
class Row:
    id: str
    cells: tuple[Cell, ...]
    quote: object | None
    flags: tuple[Flag, ...]

    @property
    def severities(self) -> list[str]:
        return sorted({f.severity for f in self.flags})


def highlight(text: str, lang: str, glossary: Glossary) -> Markup:
    """Escape the text and mark glossary names, so reviewers see what must not change."""
    out, cursor = [], 0
    for match in glossary.find(text, lang):
        entry = glossary.canonical(match.entry)
        out.append(escape(text[cursor:match.start]))
        out.append(Markup('<mark class="name" title="{}">{}</mark>').format(
            f"{entry.ru} / {entry.en} / {entry.kk}", text[match.start:match.end]))
        cursor = match.end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def rows(article: Article, translations: list[TranslatedArticle], glossary: Glossary) -> list[Row]:
    quotes = {sid: q for q in article.quotes for sid in q.segment_ids}
    quotes.update({q.attribution_id: q for q in article.quotes if q.attribution_id})
    targets = {t.language: {s.id: s for s in t.segments()} for t in translations}
    out = []
    for seg in article.segments():
        cells = [Cell("ru", highlight(seg.display, "ru", glossary))]
        flags: list[Flag] = []
        for t in translations:
            target = targets[t.language][seg.id]
            extra = tuple(f for f in t.flags if f.segment_id == seg.id)
            cell_flags = target.flags + extra
            flags += cell_flags
            cells.append(Cell(t.language, highlight(target.text, t.language, glossary), target.origin, cell_flags,
                              target.suggestion))
        out.append(Row(seg.id, tuple(cells), quotes.get(seg.id), tuple(flags)))
    return out


def render_review(article: Article, translations: list[TranslatedArticle], glossary: Glossary, version: int) -> str:
    table = rows(article, translations, glossary)
    langs = ["ru", *[t.language for t in translations]]
    return environment("en").get_template("review.html").render(
        lang="en", headline=article.headline.segments[0].display, rows=table, langs=langs, names=LANGUAGE_NAMES,
        version=version, flagged=sum(1 for r in table if r.flags))


def render_index(root: Path, lang: str = "en") -> str:
    """output/index.html: every published article, newest first, with its languages and version."""
    items = []
    for manifest in root.glob("*/*/*/*/manifest.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        when = datetime.fromisoformat(data["version_created"])
        items.append({"href": manifest.parent.relative_to(root).as_posix(), "headline": data.get("headline", data["slug"]),
                      "version": data["version"], "languages": data["languages"], "iso": when.isoformat(),
                      "when": format_datetime(when, "d MMMM y, HH:mm", locale=lang), "sort": when})
    items.sort(key=lambda i: i["sort"], reverse=True)
    return environment(lang).get_template("index.html").render(lang=lang, items=items)
