"""Batched kazwire path vs raw CTranslate2 translate_batch vs argostranslate's stock path, as ratios.

Same model, same segments (the sample article), same beam, measured in one run, best of --repeat.
The stock path is argostranslate.translate itself when it can be imported (it needs stanza/spacy/
torch, so not in the light runtime venv; its sentence splitter is bypassed because it downloads a
model); otherwise its call pattern is reproduced on the same Translator: one translate_batch per
paragraph with argos's settings (max_batch_size=32, batch_type="tokens", num_hypotheses=4,
length_penalty=0.2), which is what runs sentence by sentence.

    python benchmarks/translate_speed.py [--pair ru-en] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", default="ru-en")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--beam", type=int, default=4)
    args = parser.parse_args()
    source, target = args.pair.split("-")
    home = Path(tempfile.mkdtemp(prefix="kazwire-bench-"))
    from translators.home import argos_environment

    os.environ.update(argos_environment(home))
    from articles.reader import read_article
    from translators.engine import DecodeOptions, installed_models

    article = read_article(ROOT / "examples" / "tokayev-assembly.ru.txt")
    texts = [s.text for s in article.segments()]
    paragraphs = [" ".join(s.text for s in b.segments) for b in article.all_blocks() if b.published]
    model = installed_models(home, DecodeOptions(beam_size=args.beam))[(source, target)]
    model.load()
    sp, translator = model._sp, model._translator

    def ours():
        model.translate(texts)

    tokens = [sp.encode(t, out_type=str) for t in texts]

    def raw():
        translator.translate_batch(tokens, beam_size=args.beam, max_batch_size=64)

    stock, stock_kind = _stock(model.info.path, paragraphs, sp, translator, args.beam)
    ours()  # warm up caches
    results = {"kazwire batched": best_of(args.repeat, ours), "raw translate_batch": best_of(args.repeat, raw),
               f"argos stock ({stock_kind})": best_of(args.repeat, stock)}
    n = len(texts)
    print(f"model {model.model_id}, {n} segments, {len(paragraphs)} paragraphs, beam {args.beam}, "
          f"best of {args.repeat}, {os.cpu_count()} cores")
    for name, seconds in results.items():
        print(f"  {name:<34} {seconds:7.3f} s  ({1000 * seconds / n:6.1f} ms/segment)")
    ours_t, raw_t, stock_t = results.values()
    print(f"ratio kazwire / raw CTranslate2 : {ours_t / raw_t:.2f}x  (target <= 1.3x)")
    print(f"ratio stock / kazwire           : {stock_t / ours_t:.2f}x  (target >= 5x)")
    return 0


def _stock(package_path: Path, paragraphs: list[str], sp, translator, beam: int):
    try:
        import argostranslate.package as ap
        import argostranslate.sbd as sbd
        import argostranslate.translate as at
    except Exception:  # ModuleNotFoundError for stanza/spacy in the light venv
        import razdel

        split = [[s.text for s in razdel.sentenize(p)] for p in paragraphs]

        def emulated():
            for sentences in split:  # what apply_packaged_translation does per paragraph
                translator.translate_batch([sp.encode(s, out_type=str) for s in sentences], replace_unknowns=True,
                                           max_batch_size=32, batch_type="tokens", beam_size=max(4, beam),
                                           num_hypotheses=4, length_penalty=0.2, return_scores=True)

        return emulated, "call pattern emulated"
    import razdel

    # The stock splitter downloads a model on first use; split with razdel as argos would with one.
    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [s.text for s in razdel.sentenize(text)]
    package = ap.Package(package_path)
    translation = at.PackageTranslation(None, None, package)

    def real():
        for p in paragraphs:
            translation.translate(p)

    return real, "argostranslate.translate"


if __name__ == "__main__":
    sys.exit(main())
