"""`kazwire models …` and the engine's handling of multilingual packages (source token, target prefix)."""
from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

from translators.engine import ArgosModel
from translators.packages import PackageInfo, bundled


class FakeSP:
    def encode(self, text, out_type=str):
        return text.split()

    def decode_pieces(self, pieces):
        return " ".join(pieces)


class RecordingCT2:
    def __init__(self):
        self.calls = []

    def translate_batch(self, source, target_prefix=None, **kwargs):
        self.calls.append((source, target_prefix))
        prefix = target_prefix[0] if target_prefix else []
        return [SimpleNamespace(hypotheses=[prefix + ["file_name", "v1_2"]]) for _ in source]


def test_source_token_and_target_prefix_from_metadata(tmp_path):
    info = PackageInfo(tmp_path, "en", "kk", "1.0", {"source_prefix": ">>kaz_Cyrl<<", "target_prefix": "kaz_Cyrl"})
    model = ArgosModel(info)
    model._sp, model._translator = FakeSP(), RecordingCT2()
    out = model.translate(["hello world"])
    (source, prefix), = model._translator.calls
    assert source == [[">>kaz_Cyrl<<", "hello", "world"]] and prefix == [["kaz_Cyrl"]]
    # the prefix token is dropped token-wise, and underscores survive (argos' decode would eat them)
    assert out == ["file_name v1_2"]


def test_models_list_shows_bundled_and_scores(kazwire_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("KAZWIRE_HOME", str(tmp_path / "home"))
    installed = kazwire_cli("models", "install", str(bundled()[0]))
    assert installed.returncode == 0 and "installed ru→" in installed.stdout
    listed = kazwire_cli("models", "list")
    assert listed.returncode == 0 and "[demo-grade]" in listed.stdout and "held-out chrF" in listed.stdout


def test_network_installs_fail_at_once_offline(kazwire_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("KAZWIRE_HOME", str(tmp_path / "home"))
    for source in ("https://models.example.invalid/translate-ru_kk.argosmodel", "argos:ru_en"):
        started = time.monotonic()
        result = kazwire_cli("models", "install", source, timeout=120)
        assert result.returncode == 2 and "needs the internet" in result.stderr, result.stderr
        assert time.monotonic() - started < 60
    bad = kazwire_cli("models", "install", "argos:russian")
    assert bad.returncode == 2 and "argos:<from>_<to>" in bad.stderr


def test_install_refuses_a_broken_package(kazwire_cli, tmp_path):
    broken = tmp_path / "broken.argosmodel"
    broken.write_text("not a zip")
    result = kazwire_cli("models", "install", str(broken))
    assert result.returncode == 2 and "not a zip" in result.stderr


def test_convert_names_what_is_missing(kazwire_cli, tmp_path):
    result = kazwire_cli("models", "convert", str(tmp_path), "--from", "ru", "--to", "kk", "--out",
                         str(tmp_path / "x.argosmodel"))
    assert result.returncode == 2 and "no config.json" in result.stderr
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "marian"}))
    result = kazwire_cli("models", "convert", str(tmp_path), "--from", "ru", "--to", "kk", "--out",
                         str(tmp_path / "x.argosmodel"))
    assert result.returncode == 2 and "SentencePiece" in result.stderr
    assert not (tmp_path / "x.argosmodel").exists()


def test_check_prints_flags(kazwire_cli, tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"slug": "s", "version": 1, "languages": ["ru", "en"], "report": {
        "languages": [{"language": "en", "flag_list": [
            {"check": "numbers", "severity": "critical", "message": "number 5 is missing", "segment_id": "p1.s1"}]}]}}))
    result = kazwire_cli("check", str(folder), "--strict")
    assert result.returncode == 1 and "number 5 is missing" in result.stdout
    assert kazwire_cli("check", str(tmp_path / "nothing")).returncode == 2


def test_tm_commands_round_trip(kazwire_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("KAZWIRE_HOME", str(tmp_path / "home"))
    assert kazwire_cli("tm", "add", "Все равны перед законом.", "en", "Everyone is equal before the law.").returncode == 0
    exported = kazwire_cli("tm", "export", str(tmp_path / "tm.tmx"))
    assert exported.returncode == 0 and "exported 1" in exported.stdout
    assert Path(tmp_path / "tm.tmx").read_text(encoding="utf-8").count("<tu ") == 1
