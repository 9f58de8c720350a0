"""Publish an article's editions into the output tree: versioned, atomic, with a manifest."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from articles.model import Article
from editions.body import original_view, translated_view
from editions.html import render_edition
from editions.newsml import ItemInfo, guid_for, news_item, package_item, serialize
from editions.review import render_index, render_review
from editions.xliff import review_xliff
from editions.validate import validate_tree
from translators.glossary import Glossary
from translators.model import TranslatedArticle

ASTANA = timezone(timedelta(hours=5))
MANIFEST = "manifest.json"


class PublishError(RuntimeError):
    """Publishing stopped before anything was replaced (e.g. an item failed XSD validation)."""


@dataclass(frozen=True)
class Published:
    directory: Path
    version: int
    files: tuple[str, ...]
    validated: bool


def find_existing(root: Path, slug: str) -> Path | None:
    """An earlier publication of the same article (same slug), wherever its date folder is."""
    matches = sorted(root.glob(f"*/*/*/{slug}/{MANIFEST}"))
    return matches[-1].parent if matches else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_all(article: Article, translations: list[TranslatedArticle], glossary: Glossary, *,
               version: int, first_created: datetime, now: datetime, signal: str | None,
               schema_dir: Path | None) -> tuple[dict[str, bytes], bool]:
    """Every file of one version, in memory; validated against the XSDs when a schema dir is given."""
    year = first_created.year
    langs = ["ru", *[t.language for t in translations]]
    ru_info = ItemInfo(guid_for(article.slug, "ru", year), version, first_created, now, now, signal)
    views = {"ru": original_view(article)}
    items = {"ru": news_item(article, views["ru"], ru_info, glossary)}
    infos = {"ru": ru_info}
    for t in translations:
        info = ItemInfo(guid_for(article.slug, t.language, year), version, first_created, now, now, signal,
                        ru_info.guid, version)
        views[t.language] = translated_view(article, t)
        items[t.language] = news_item(article, views[t.language], info, glossary, t)
        infos[t.language] = info
    members = [(infos[lang].guid, lang, version, views[lang].headline) for lang in langs]
    items["package"] = package_item(article, ItemInfo(guid_for(article.slug, "package", year), version,
                                                      first_created, now, now, signal), members)
    if schema_dir is not None:
        bad = [r for name, item in items.items()
               if not (r := validate_tree(item.getroottree(), schema_dir, f"{name}.xml")).valid]
        if bad:
            raise PublishError("; ".join(f"{r.name}: {r.errors[0]}" for r in bad))
    files = {f"{name}.xml": serialize(item) for name, item in items.items()}
    by_lang = {t.language: t for t in translations}
    for lang in langs:
        files[f"{lang}.html"] = render_edition(views[lang], langs=langs, published=now, version=version,
                                               dateline=article.dateline, translated=by_lang.get(lang)).encode()
    files["review.html"] = render_review(article, translations, glossary, version).encode()
    for t in translations:
        files[f"review.{t.language}.xlf"] = review_xliff(article, t)
    return files, schema_dir is not None


def publish(article: Article, translations: list[TranslatedArticle], glossary: Glossary, root: Path, *,
            schema_dir: Path | None = None, now: datetime | None = None, extra: dict[str, bytes] | None = None,
            report: dict | None = None) -> Published:
    """Write a new version; the previous one moves to v<N>/ and nothing is replaced until all is rendered."""
    now = now or datetime.now(ASTANA).replace(microsecond=0)
    existing = find_existing(root, article.slug)
    previous = json.loads((existing / MANIFEST).read_text(encoding="utf-8")) if existing else None
    version = previous["version"] + 1 if previous else 1
    first_created = datetime.fromisoformat(previous["first_created"]) if previous else now
    signal = None
    if previous:
        signal = "sig:correction" if previous["source_sha256"] != article.source.sha256 else "sig:update"
    files, validated = render_all(article, translations, glossary, version=version, first_created=first_created,
                                  now=now, signal=signal, schema_dir=schema_dir)
    files.update(extra or {})
    directory = existing or root / f"{first_created:%Y/%m/%d}" / article.slug
    manifest = {
        "article_id": article.id, "slug": article.slug, "version": version,
        "headline": article.headline.segments[0].display,
        "first_created": first_created.isoformat(), "version_created": now.isoformat(),
        "source": article.source.path, "source_sha256": article.source.sha256, "signal": signal,
        "languages": ["ru", *[t.language for t in translations]],
        "models": {t.language: list(t.provenance.models) for t in translations},
        "provenance": {t.language: t.provenance.signature() for t in translations},
        "validated_against_xsd": validated,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "report": report or {},
    }
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    staging = Path(tempfile.mkdtemp(dir=_ensure(directory.parent), prefix=f".{article.slug}.staging-"))
    try:
        for name, data in files.items():
            write_atomic(staging / name, data)
        if previous:
            keep = directory / f"v{previous['version']}"
            keep.mkdir(exist_ok=True)
            for name in previous.get("files", {}).keys() | {MANIFEST}:
                if (directory / name).exists():
                    shutil.copy2(directory / name, keep / name)
        directory.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(staging / name, directory / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_atomic(root / "index.html", render_index(root).encode())
    return Published(directory, version, tuple(sorted(files)), validated)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
