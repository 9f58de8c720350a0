"""Translate an Article into one target language: quote-safe units, protected names, one batch per model."""
from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from articles.model import Article, Block, Quote, Segment
from translators.attribution import rule_attribution, speaker_name
from translators.cache import SegmentCache
from translators.engine import Translator
from translators.glossary import PLACEHOLDERS, Entry, Glossary
from translators.kazakh import attach_suffix
from translators.memory import TranslationMemory
from translators.model import (Flag, Provenance, TranslatedArticle, TranslatedBlock, TranslatedQuote,
                               TranslatedSegment)
from translators.typography import Unit, assemble, retype_quotes

SEGMENTER = "razdel-0.5+kazwire-quotes-1"
PIVOT_LANGUAGES = ("en",)
_PLACEHOLDER = re.compile(r"⟦(\d)⟧([^\W\d_]*)")


class NoModelError(LookupError):
    """No installed model (direct or pivot) translates the requested pair."""


@dataclass(frozen=True)
class Route:
    steps: tuple[Translator, ...]
    via: str | None = None

    @property
    def path(self) -> str:
        return f"pivot:{self.via}" if self.via else "direct"

    @property
    def fingerprint(self) -> str:
        """What the cache keys on: exact model builds where the models say, else their ids."""
        return "+".join(getattr(s, "fingerprint", s.model_id) for s in self.steps) + (f" via {self.via}" if self.via else "")

    @property
    def origin(self) -> str:
        return "mt:" + "+".join(s.model_id for s in self.steps) + (f" via {self.via}" if self.via else "")

    def translate(self, texts: list[str]) -> list[str]:
        for step in self.steps:  # one batch per model: the whole article at once
            texts = step.translate(texts)
        return texts

    def candidates(self, texts: list[str], n: int = 8) -> list[list[str]] | None:
        """n-best outputs of the last model (earlier steps 1-best), or None if a model cannot give them."""
        last = self.steps[-1]
        if not hasattr(last, "candidates"):
            return None
        for step in self.steps[:-1]:
            texts = step.translate(texts)
        return last.candidates(texts, n)


def plan_route(models: Mapping[tuple[str, str], Translator], source: str, target: str) -> Route:
    """Direct when a package exists, else through a pivot language (recorded in the route)."""
    if (source, target) in models:
        return Route((models[(source, target)],))
    for via in PIVOT_LANGUAGES:
        if (source, via) in models and (via, target) in models:
            return Route((models[(source, via)], models[(via, target)]), via)
    raise NoModelError(f"no installed model translates {source}→{target} (directly or via "
                       f"{', '.join(PIVOT_LANGUAGES)}); install one with `kazwire models install`")


@dataclass
class Job:
    segment: Segment
    masked: str = ""
    names: dict[str, Entry] | None = None
    fixed: str | None = None  # text decided by rule, not by MT
    origin: str = ""
    prefix: str = ""  # kept before the MT output (a headline's quote)
    suffix: str = ""  # kept after the MT output (a headline's attribution)
    suggestion: tuple[float, str] | None = None
    stage: str = "full"  # how the MT input was protected: full | names (numbers left as digits) | plain


# A number standing alone (not "30-летие", not "30th"): the same pattern the training masked.
NUMBER = re.compile(r"(?<![\w.,⟦])(?<![^\W\d_]-)\d+(?:[.,]\d+)?(?![\w⟧])(?!-[^\W\d_])")


def mask(text: str, glossary: Glossary, numbers: bool = True) -> tuple[str, dict[str, Entry]]:
    """Replace protected glossary names, then numbers, by ⟦n⟧ placeholders the models copy.

    A number comes back in the target's decimal style (1,5 → en 1.5, kk 1,5).
    """
    spans: list[tuple[int, int, Entry]] = [(m.start, m.end, m.entry) for m in glossary.find(text, "ru", protected_only=True)]
    if numbers:
        for m in NUMBER.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                raw = m.group()
                spans.append((m.start(), m.end(), Entry(f"number:{raw}", "number", raw, raw.replace(",", "."),
                                                        raw.replace(".", ","))))
    spans.sort(key=lambda x: x[0])
    names: dict[str, Entry] = {}
    out = text
    for (start, end, entry), token in reversed(list(zip(spans, PLACEHOLDERS))):
        names[token] = entry
        out = out[:start] + token + out[end:]
    return out, names


def unmask(text: str, names: dict[str, Entry], lang: str, segment_id: str) -> tuple[str, list[Flag]]:
    flags = []
    seen = set()

    def put(m: re.Match[str]) -> str:
        token = f"⟦{m.group(1)}⟧"
        entry = names.get(token)
        if entry is None:
            flags.append(Flag("glossary", "functional", f"model invented placeholder {token}", segment_id))
            return m.group(2)
        seen.add(token)
        form = entry.form(lang)
        if entry.kind == "number":
            return form + (f"-{m.group(2)}" if m.group(2) and lang == "kk" else m.group(2))
        return attach_suffix(form, m.group(2), entry.kind) if lang == "kk" else form + m.group(2)

    out = _PLACEHOLDER.sub(put, text)
    for token, entry in names.items():
        if token not in seen:
            check, what = ("numbers", "number") if entry.kind == "number" else ("glossary", "name")
            flags.append(Flag(check, "critical", f"{what} dropped by MT: {entry.form(lang)}", segment_id))
    return out, flags


def translate_article(article: Article, target: str, route: Route, glossary: Glossary, *,
                      beam: int = 4, compute_type: str = "int8", engine: str = "argos-ctranslate2",
                      memory: TranslationMemory | None = None, cache: SegmentCache | None = None) -> TranslatedArticle:
    """Memory first (exact matches published, fuzzy ones suggested), then the cache, then one MT batch."""
    started = time.monotonic()
    quotes = {q.id: q for q in article.quotes}
    headline_quote = next((q for q in article.quotes if q.kind == "headline"), None)
    jobs = [_job(seg, quotes, headline_quote, target, glossary)
            for block in article.all_blocks() if block.published for seg in block.segments]
    for job in jobs:
        if job.fixed is None and memory is not None and not job.suffix:
            hit = memory.exact(job.segment.text, target)
            if hit:
                job.fixed, job.origin = hit.target, f"tm:exact({hit.origin})"
            else:
                near = memory.fuzzy(job.segment.text, target)
                job.suggestion = (near.score, near.target) if near else None
        if job.fixed is None:
            job.masked, job.names = mask(job.masked or job.segment.text, glossary)
    mt_jobs = [j for j in jobs if j.fixed is None]
    options = f"beam{beam}|{compute_type}"
    keys = [SegmentCache.key(route.fingerprint, j.masked, glossary.version, options) for j in mt_jobs]
    cached = cache.get_many(keys) if cache else {}
    todo = [k for k in dict.fromkeys(keys) if k not in cached]
    texts = {k: j.masked for k, j in zip(keys, mt_jobs)}
    fresh = dict(zip(todo, route.translate([texts[k] for k in todo]) if todo else []))
    if cache and fresh:
        cache.put_many(fresh)
    outputs = [cached.get(k, fresh.get(k, "")) for k in keys]
    repaired = _cached_repairs(cache, keys, mt_jobs, outputs, glossary)
    fresh_repairs = [i for i in _repair_dropped(route, mt_jobs, outputs, glossary, target) if i not in repaired]
    if cache and fresh_repairs:
        cache.put_many({f"repair:{keys[i]}": json.dumps({"stage": mt_jobs[i].stage, "output": outputs[i]})
                        for i in fresh_repairs})
    done: dict[str, TranslatedSegment] = {}
    for job, output in zip(mt_jobs, outputs):
        text, flags = unmask(output, job.names or {}, target, job.segment.id)
        if job.suffix:  # a headline's quote: headlines carry no full stop
            text = text.strip().rstrip(".")
        text = retype_quotes(job.prefix + text.strip() + job.suffix, target)
        done[job.segment.id] = TranslatedSegment(job.segment.id, job.segment.text, text, route.origin,
                                                 job.segment.role, job.segment.quote_id, tuple(flags), job.suggestion)
    for job in jobs:
        if job.fixed is not None:
            done[job.segment.id] = TranslatedSegment(job.segment.id, job.segment.text, job.fixed, job.origin,
                                                     job.segment.role, job.segment.quote_id)
    blocks = [_block(b, done, target) for b in article.all_blocks() if b.published]
    provenance = Provenance(engine, tuple(s.model_id for s in route.steps), route.path, beam, compute_type,
                            SEGMENTER, glossary.version)
    tquotes = tuple(_quote(q, done, target, glossary) for q in article.quotes)
    return TranslatedArticle(article.id, target, blocks[0], tuple(blocks[1:]), tquotes, provenance,
                             round(time.monotonic() - started, 3), sent_to_mt=len(todo) + len(fresh_repairs))


def _missing(output: str, names: dict[str, Entry] | None) -> set[str]:
    return {token for token in (names or {}) if token not in output}


def _acceptable(output: str, names: dict[str, Entry]) -> bool:
    """Every placeholder exactly once and no loop: deep n-best lists also hold degenerate outputs."""
    words = output.split()
    looping = any(words[i:i + 2] == words[i + 2:i + 4] for i in range(len(words) - 3))
    return all(output.count(token) == 1 for token in names) and not looping


def _cached_repairs(cache: SegmentCache | None, keys: list[str], jobs: list[Job], outputs: list[str],
                    glossary: Glossary) -> list[int]:
    """Repairs made in an earlier run, re-applied with the protection they were made under."""
    broken = [i for i, (job, out) in enumerate(zip(jobs, outputs)) if _missing(out, job.names)]
    found = cache.get_many([f"repair:{keys[i]}" for i in broken]) if cache and broken else {}
    done = []
    for i in broken:
        hit = found.get(f"repair:{keys[i]}")
        if hit:
            record = json.loads(hit)
            job = jobs[i]
            if record["stage"] == "names":
                job.masked, job.names = mask(job.segment.text, glossary, numbers=False)
            elif record["stage"] == "plain":
                job.masked, job.names = job.segment.text, {}
            outputs[i], job.stage = record["output"], record["stage"]
            done.append(i)
    return done


def _repair_dropped(route: Route, jobs: list[Job], outputs: list[str], glossary: Glossary, target: str) -> list[int]:
    """Where MT dropped a protected name or number, repair from the model's n-best lists.

    Tries the 8-best, then the 32-best, then protects only the names (numbers go through as digits
    for QA to judge); takes the best-ranked hypothesis that keeps every placeholder exactly once.
    Last, the unprotected sentence: the models also learned the names themselves, so a hypothesis
    in which the glossary finds every name in its target form is taken as it is.
    """
    broken = [i for i, (job, out) in enumerate(zip(jobs, outputs)) if _missing(out, job.names)]
    fixed: list[int] = []
    if not broken:
        return fixed
    for n, numbers in ((8, True), (32, True), (8, False)):
        todo = [i for i in broken if i not in fixed]
        if not todo:
            break
        masks = {i: mask(jobs[i].segment.text, glossary, numbers) if not numbers else (jobs[i].masked, jobs[i].names)
                 for i in todo}
        candidates = route.candidates([masks[i][0] for i in todo], n)
        if candidates is None:
            return fixed
        for i, options in zip(todo, candidates):
            masked, names = masks[i]
            chosen = next((c for c in options if _acceptable(c, names or {})), None)
            if chosen is not None:
                outputs[i], jobs[i].masked, jobs[i].names = chosen, masked, names
                jobs[i].stage = "full" if numbers else "names"
                fixed.append(i)
    for n in (8, 32):
        todo = [i for i in broken if i not in fixed]
        plain = route.candidates([jobs[i].segment.text for i in todo], n) if todo else None
        for i, options in zip(todo, plain or []):
            wanted = {glossary.canonical(e).id for e in (jobs[i].names or {}).values() if e.kind != "number"}
            chosen = next((c for c in options if _acceptable(c, {}) and
                           wanted <= {glossary.canonical(m.entry).id for m in glossary.find(c, target)}), None)
            if chosen is not None:
                outputs[i], jobs[i].masked, jobs[i].names = chosen, jobs[i].segment.text, {}
                jobs[i].stage = "plain"
                fixed.append(i)
    return fixed


def _job(seg: Segment, quotes: dict[str, Quote], headline_quote: Quote | None, target: str,
         glossary: Glossary) -> Job:
    if seg.id == "h1" and headline_quote is not None:
        quoted = headline_quote.text
        who = seg.text[seg.text.find(quoted) + len(quoted):].strip(" «»\"“”-–—:")
        name = _surface_name(who, headline_quote.speaker, target, glossary)
        return Job(seg, masked=quoted, suffix=f" — {name}")
    if seg.role == "attribution" and seg.quote_id in quotes:
        q = quotes[seg.quote_id]
        fixed = rule_attribution(seg.text, q.verb, q.speaker, target, glossary)
        if fixed:
            return Job(seg, fixed=fixed, origin="rule:attribution")
    return Job(seg)


def _surface_name(who: str, speaker: str | None, lang: str, glossary: Glossary) -> str:
    """The target form of the name as the source wrote it (surname stays surname)."""
    matches = glossary.find(who, "ru")
    if matches and matches[0].start == 0:
        return matches[0].entry.form(lang)
    return speaker_name(who, lang, glossary) or who


def _block(block: Block, done: dict[str, TranslatedSegment], lang: str) -> TranslatedBlock:
    segments = tuple(done[s.id] for s in block.segments)
    units = [Unit(s.text, s.role, s.quote_id) for s in segments]
    return TranslatedBlock(block.id, block.index, block.kind, assemble(units, lang), segments)


def _quote(q: Quote, done: dict[str, TranslatedSegment], lang: str, glossary: Glossary) -> TranslatedQuote:
    texts = [done[i].text for i in q.segment_ids if i in done]
    if q.kind == "headline" and texts:
        texts = [texts[0].rsplit(" — ", 1)[0]]
    return TranslatedQuote(q.id, " ".join(texts), speaker_name(q.speaker, lang, glossary), q.speaker, q.kind,
                           q.segment_ids)
