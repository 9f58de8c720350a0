"""The corpus, the bundled demo models and the light CTranslate2 engine (real models, no mocks)."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import razdel

from translators.corpus import corpus_hash, load_corpus, overlaps, split
from translators.packages import PackageError, bundled, check_archive, install, installed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "corpus" / "parts")


def test_corpus_is_big_enough_and_held_out_is_ten_percent(corpus):
    assert len(corpus) >= 2000
    data = split(corpus)
    assert 0.07 < len(data.held_out) / len(corpus) < 0.13
    assert not {t.ru for t in data.held_out} & {t.ru for t in data.train}


def test_sample_article_is_not_in_the_corpus(corpus):
    text = (ROOT / "examples" / "tokayev-assembly.ru.txt").read_text(encoding="utf-8")
    sentences = [s.text for s in razdel.sentenize(text)]
    assert overlaps(corpus, sentences, threshold=0.6) == []


@pytest.mark.parametrize("target", ["en", "kk"])
def test_bundled_package_metadata_records_its_making(corpus, target):
    archive = next(p for p in bundled() if f"ru_{target}" in p.name)
    assert archive.stat().st_size <= 25 * 1024 * 1024
    top = check_archive(archive)
    with zipfile.ZipFile(archive) as zf:
        meta = json.loads(zf.read(f"{top}/metadata.json"))
    assert (meta["from_code"], meta["to_code"]) == ("ru", target)
    assert meta["training"]["corpus_sha256"] == corpus_hash(corpus), "models were trained on another corpus"
    scores = meta["held_out_scores"]
    assert scores["chrF"] > 0 and "nc:6" in scores["chrF_signature"] and scores["sentences"] == len(split(corpus).held_out)


def test_zip_without_one_top_folder_is_refused(tmp_path):
    bad = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("model/model.bin", "")
    with pytest.raises(PackageError, match="one top-level folder"):
        check_archive(bad)
    with pytest.raises(PackageError, match="not a zip"):
        check_archive(Path(__file__))


def test_install_replaces_an_older_copy(tmp_path):
    archive = bundled()[0]
    first = install(archive, tmp_path)
    second = install(archive, tmp_path)
    assert first.path == second.path and len(installed(tmp_path)) == 1


def test_models_translate_in_one_batch_call(models, sample_article):
    model = models[("ru", "en")]
    model.load()
    calls = []
    real = model._translator

    class Counting:
        def translate_batch(self, *args, **kwargs):
            calls.append(len(args[0]))
            return real.translate_batch(*args, **kwargs)

    model._translator = Counting()
    try:
        texts = [s.text for s in sample_article.segments()]
        out = model.translate(texts)
    finally:
        model._translator = real
    assert calls == [len(texts)] and len(out) == len(texts) and all(out)


def test_models_copy_placeholders(models):
    out = models[("ru", "kk")].translate(["⟦1⟧ прибыл в ⟦2⟧."])[0]
    assert "⟦1⟧" in out and "⟦2⟧" in out


def test_argostranslate_reads_the_installed_packages(models):
    import argostranslate.package as ap

    info = models[("ru", "kk")].info
    pkg = ap.Package(info.path)
    assert (pkg.from_code, pkg.to_code) == ("ru", "kk")


def test_runtime_path_never_imports_torch_stanza_spacy(tmp_path):
    code = ("import sys; from pathlib import Path; from translators.engine import installed_models;"
            "m = installed_models(Path(sys.argv[1])); print(m[('ru','en')].translate(['Президент выступил.'])[0]);"
            "heavy = [x for x in ('torch','stanza','spacy','transformers','argostranslate.translate') if x in sys.modules];"
            "print('HEAVY', heavy)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_an_updated_bundled_model_replaces_its_older_copy(tmp_path):
    from translators.packages import ensure_bundled

    first = ensure_bundled(tmp_path, log=lambda m: None)
    assert len(first) == 2 and ensure_bundled(tmp_path, log=lambda m: None) == []
    meta = first[0].path / "metadata.json"
    meta.write_text(meta.read_text().replace('"demo_grade": true', '"demo_grade": true, "old": 1'))
    again = ensure_bundled(tmp_path, log=lambda m: None)
    assert [i.path for i in again] == [first[0].path] and "old" not in (first[0].path / "metadata.json").read_text()
