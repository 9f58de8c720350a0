"""The `translate_article` Prefect flow: ingest → segment → translate (per language) → publish."""
from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from prefect import flow, task
from prefect.runtime import flow_run

from articles.model import Article
from articles.reader import read_article
from editions.publish import Published, publish
from translators.engine import DecodeOptions, installed_models
from translators.glossary import Glossary, load_glossary
from translators.model import TranslatedArticle
from translators.cache import SegmentCache
from translators.home import cache_path, memory_path
from translators.memory import TranslationMemory
from translators.pipeline import plan_route, translate_article as translate_to
from translators.qa import apply as quality_checks


@dataclass(frozen=True)
class Options:
    targets: tuple[str, ...]
    out: str
    home: str
    schema_dir: str | None = None
    beam: int = 4
    glossary: str | None = None


@dataclass(frozen=True)
class LanguageReport:
    language: str
    segments: int
    quotes: int
    quotes_kept: int
    flags: int
    critical: int
    route: str
    models: tuple[str, ...]
    seconds: float
    sent_to_mt: int
    flag_list: tuple[dict, ...]


@dataclass(frozen=True)
class RunReport:
    directory: str
    version: int
    files: tuple[str, ...]
    validated: bool
    languages: tuple[LanguageReport, ...]
    source_segments: int
    source_quotes: int
    warnings: tuple[str, ...]
    seconds: float


def progress(message: str) -> None:
    print(f"kazwire: {message}", file=sys.stderr, flush=True)


def _run_name() -> str:
    return f"translate-{Path(str(flow_run.parameters.get('path', 'article'))).stem}"


@task(name="ingest")
def ingest(path: str) -> Article:
    progress(f"reading {path}")
    return read_article(Path(path))


@task(name="segment")
def segment(article: Article) -> Article:
    # Reading already segments; this task reports what the translators will get.
    progress(f"segmented: {len(article.segments())} segments, {len(article.quotes)} quotes")
    return article


@task(name="models")
def prepare_models(options: Options) -> list[str]:
    """Install the bundled demo models once, before the per-language tasks run side by side."""
    return sorted(m.model_id for m in installed_models(Path(options.home), log=progress).values())


@task(name="translate", retries=2, retry_delay_seconds=1)
def translate(article: Article, target: str, options: Options, glossary: Glossary) -> TranslatedArticle:
    models = installed_models(Path(options.home), DecodeOptions(beam_size=options.beam), install_bundled=False)
    route = plan_route(models, article.language, target)
    progress(f"translating ru→{target} ({route.path}: {', '.join(s.model_id for s in route.steps)})")
    home = Path(options.home)
    translated = translate_to(article, target, route, glossary, beam=options.beam,
                              memory=TranslationMemory(memory_path(home)), cache=SegmentCache(cache_path(home)))
    progress(f"checking ru→{target}: {translated.sent_to_mt} segments translated now, the rest from cache or memory")
    return quality_checks(article, translated, glossary)


@task(name="publish")
def publish_task(article: Article, translations: list[TranslatedArticle], options: Options, glossary: Glossary,
                 report: dict) -> Published:
    progress(f"publishing to {options.out}")
    return publish(article, translations, glossary, Path(options.out),
                   schema_dir=Path(options.schema_dir) if options.schema_dir else None, report=report)


def language_report(article: Article, t: TranslatedArticle) -> LanguageReport:
    flags = t.all_flags()
    kept = sum(1 for q in t.quotes if q.text.strip() and (q.kind != "direct" or q.speaker))
    return LanguageReport(t.language, len(t.segments()), len(article.quotes), kept, len(flags),
                          sum(1 for f in flags if f.severity == "critical"), t.provenance.path,
                          t.provenance.models, t.seconds, t.sent_to_mt, tuple(asdict(f) for f in flags))


@flow(name="translate_article", flow_run_name=_run_name, log_prints=False)
def translate_article(path: str, options: Options) -> RunReport:
    started = time.monotonic()
    article = segment(ingest(path))
    prepare_models(options)
    # read once: every task sees the same glossary version, and a bad file stops the run before MT
    glossary = load_glossary(Path(options.glossary)) if options.glossary else load_glossary()
    futures = [translate.submit(article, target, options, glossary) for target in options.targets]
    translations = [f.result() for f in futures]
    languages = tuple(language_report(article, t) for t in translations)
    published = publish_task(article, translations, options, glossary,
                             {"languages": [asdict(r) for r in languages]})
    return RunReport(str(published.directory), published.version, published.files, published.validated, languages,
                     len(article.segments()), len(article.quotes), article.warnings,
                     round(time.monotonic() - started, 2))
