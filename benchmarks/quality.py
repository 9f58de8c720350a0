"""How many quotes, names and numbers survive translation, with and without kazwire's mechanisms.

"without": what a stock pipeline does — razdel sentences of each paragraph, quote marks and
attributions included, sent to the same model as they are.
"with": kazwire's pipeline — quotes translated as units, attributions rebuilt, glossary names
protected by placeholders, target typography.
Measured on the sample article (per paragraph) and on the held-out corpus split (per sentence,
plus chrF against the reference translations). Same bundled models, one run.

    python benchmarks/quality.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def survival(sources: list[str], targets: list[str], lang: str, glossary, speakers: list[list[str]]) -> dict:
    from articles.quotemarks import scan
    from translators.qa import _titled, numbers_of

    names = numbers = quotes = names_total = numbers_total = quotes_total = 0
    for source, target, who in zip(sources, targets, speakers):
        for m in glossary.find(source, "ru", protected_only=True):
            names_total += 1
            present = {glossary.canonical(x.entry).id for x in glossary.find(target, lang)}
            names += glossary.canonical(m.entry).id in present
        wanted = numbers_of(source)
        numbers_total += len(wanted)
        got = numbers_of(target)
        numbers += sum(1 for n in wanted if n in got)
        source_pairs = sum(1 for p in scan(source).top_level() if p.close is not None)
        target_pairs = sum(1 for p in scan(target).top_level() if p.close is not None)
        quotes_total += source_pairs
        kept = min(source_pairs, target_pairs)
        if who and kept:  # the speaker must still be named (or titled: "the President said")
            kept = kept if any(w.split()[-1][:5].lower() in target.lower() for w in who) or _titled(target) else 0
        quotes += kept
    return {"quotes": (quotes, quotes_total), "names": (names, names_total), "numbers": (numbers, numbers_total)}


def naive(model, paragraphs: list[str]) -> list[str]:
    import razdel

    out = []
    for paragraph in paragraphs:
        sentences = [s.text for s in razdel.sentenize(paragraph)]
        out.append(" ".join(model.translate(sentences)))
    return out


def main() -> int:
    import sacrebleu

    home = Path(tempfile.mkdtemp(prefix="kazwire-quality-"))
    from translators.home import argos_environment

    os.environ.update(argos_environment(home))
    from articles.model import Source
    from articles.reader import parse_text, read_article
    from translators.attribution import speaker_name
    from translators.corpus import load_corpus, split
    from translators.engine import installed_models
    from translators.glossary import load_glossary
    from translators.pipeline import Route, translate_article

    glossary = load_glossary()
    models = installed_models(home)
    article = read_article(ROOT / "examples" / "tokayev-assembly.ru.txt")
    held_out = split(load_corpus(ROOT / "corpus" / "parts")).held_out
    rows = []
    for lang in ("en", "kk"):
        model = models[("ru", lang)]
        blocks = [b for b in article.all_blocks() if b.published]
        raw_sources = [b.text for b in blocks]
        translated = translate_article(article, lang, Route((model,)), glossary)
        by_block = {b.id: b.text for b in (translated.headline, *translated.blocks)}
        speakers = [[speaker_name(q.speaker, lang, glossary) for q in article.quotes
                     if q.speaker and (q.paragraph_index == b.index)] for b in blocks]
        rows.append(("sample", lang, "without", survival(raw_sources, naive(model, raw_sources), lang, glossary, speakers)))
        rows.append(("sample", lang, "with", survival(raw_sources, [by_block[b.id] for b in blocks], lang, glossary,
                                                      speakers)))
        refs = [t.text(lang) for t in held_out]
        plain = model.translate([t.ru for t in held_out])
        piped = []
        for t in held_out:
            one = parse_text(f"Новость\n\n{t.ru}", Source("held-out", "0" * 64, "text"))
            result = translate_article(one, lang, Route((model,)), glossary)
            piped.append(" ".join(b.text for b in result.blocks))
        speakers = [[] for _ in held_out]
        for name, hyps in (("without", plain), ("with", piped)):
            stats = survival([t.ru for t in held_out], hyps, lang, glossary, speakers)
            stats["chrF"] = round(sacrebleu.CHRF().corpus_score(hyps, [refs]).score, 2)
            rows.append(("held-out", lang, name, stats))
    print(f"{'text':<9}{'lang':<5}{'mechanisms':<11}{'quotes':>12}{'names':>12}{'numbers':>12}{'chrF':>8}")
    for text, lang, name, s in rows:
        cells = [f"{a}/{b}" for a, b in (s["quotes"], s["names"], s["numbers"])]
        print(f"{text:<9}{lang:<5}{name:<11}{cells[0]:>12}{cells[1]:>12}{cells[2]:>12}{s.get('chrF', ''):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
