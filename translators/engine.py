"""The Argos engine: an installed argostranslate package served by one CTranslate2 translate_batch call."""
from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translators.packages import PackageInfo, check_archive, read_info


class Translator(Protocol):
    """Anything that turns a batch of source sentences into target sentences, in order."""

    model_id: str

    def translate(self, texts: list[str]) -> list[str]: ...


@dataclass(frozen=True)
class DecodeOptions:
    beam_size: int = 4
    max_batch_size: int = 64
    compute_type: str = "int8"
    threads: int = 0  # 0: all cores

    def signature(self) -> str:
        return f"beam{self.beam_size}|{self.compute_type}"


@dataclass
class ArgosModel:
    """One language pair. Loads lazily; argostranslate.package reads the package like stock argos does."""

    info: PackageInfo
    options: DecodeOptions = field(default_factory=DecodeOptions)
    _translator: object = field(default=None, init=False, repr=False)
    _sp: object = field(default=None, init=False, repr=False)
    _keep: object = field(default=None, init=False, repr=False)

    @property
    def model_id(self) -> str:
        return self.info.model_id

    @property
    def fingerprint(self) -> str:
        """The model id plus a hash of the package's metadata: a retrained model never hits an old cache."""
        digest = hashlib.sha256((self.info.path / "metadata.json").read_bytes()).hexdigest()[:12]
        return f"{self.model_id}@{digest}"

    @classmethod
    def from_archive(cls, archive: Path, options: DecodeOptions | None = None) -> ArgosModel:
        """Load straight from an .argosmodel (unpacked to a temporary directory), e.g. for scoring."""
        top = check_archive(archive)
        tmp = tempfile.TemporaryDirectory(prefix="kazwire-model-")
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp.name)
        model = cls(read_info(Path(tmp.name) / top), options or DecodeOptions())
        model._keep = tmp
        return model

    def load(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(self.info.path / "sentencepiece.model"))
        self._translator = ctranslate2.Translator(
            str(self.info.path / "model"), device="cpu", compute_type=self.options.compute_type,
            inter_threads=1, intra_threads=self.options.threads or (os.cpu_count() or 1))

    def translate(self, texts: list[str]) -> list[str]:
        """Translate every text in ONE translate_batch call (CTranslate2 sorts and sub-batches)."""
        if not texts:
            return []
        self.load()
        source = [self._encode(t) for t in texts]
        prefix = [[self.info.target_prefix]] * len(source) if self.info.target_prefix else None
        longest = max(len(s) for s in source)
        results = self._translator.translate_batch(
            source, target_prefix=prefix, beam_size=self.options.beam_size,
            max_batch_size=self.options.max_batch_size, max_decoding_length=int(1.6 * longest) + 8,
            replace_unknowns=True, repetition_penalty=1.1, no_repeat_ngram_size=4)
        skip = 1 if prefix else 0
        # decode_pieces, not argos' decode: that one turns every "_" into a space.
        return [self._sp.decode_pieces(r.hypotheses[0][skip:]).strip() for r in results]

    def candidates(self, texts: list[str], n: int = 8) -> list[list[str]]:
        """The n best translations of each text, best first (one batch), for repairs."""
        if not texts:
            return []
        self.load()
        source = [self._encode(t) for t in texts]
        prefix = [[self.info.target_prefix]] * len(source) if self.info.target_prefix else None
        results = self._translator.translate_batch(
            source, target_prefix=prefix, beam_size=max(n, self.options.beam_size), num_hypotheses=n,
            max_batch_size=self.options.max_batch_size, max_decoding_length=int(1.6 * max(map(len, source))) + 8,
            replace_unknowns=True)
        skip = 1 if prefix else 0
        return [[self._sp.decode_pieces(h[skip:]).strip() for h in r.hypotheses] for r in results]

    def _encode(self, text: str) -> list[str]:
        pieces = self._sp.encode(text, out_type=str)
        return [self.info.source_prefix, *pieces] if self.info.source_prefix else pieces


def load_argos_package(path: Path) -> PackageInfo:
    """Read a package the way argostranslate does, to prove installed packages stay argos-compatible."""
    import argostranslate.package as argos_package

    pkg = argos_package.Package(path)
    info = read_info(path)
    if (pkg.from_code, pkg.to_code) != (info.from_code, info.to_code):  # pragma: no cover - defensive
        raise ValueError(f"{path}: argostranslate reads {pkg.from_code}->{pkg.to_code}")
    return info


BUNDLED_ENV = "KAZWIRE_BUNDLED_MODELS"


def installed_models(home: Path, options: DecodeOptions | None = None, *, install_bundled: bool | None = None,
                     log=lambda msg: None) -> dict[tuple[str, str], ArgosModel]:
    """Every installed language pair as a lazily loaded model; bundled demo models installed first
    (unless KAZWIRE_BUNDLED_MODELS=0)."""
    if install_bundled is None:
        install_bundled = os.environ.get(BUNDLED_ENV, "1") != "0"
    from translators.home import argos_environment, packages_dir
    from translators.packages import ensure_bundled, installed

    # argostranslate reads these when first imported; they keep it out of the user's home.
    os.environ.update(argos_environment(home))
    packages = packages_dir(home)
    if install_bundled:
        for info in ensure_bundled(packages, log):
            log(f"installed bundled model {info.model_id}")
    models = {}
    for info in installed(packages):
        models[(info.from_code, info.to_code)] = ArgosModel(load_argos_package(info.path), options or DecodeOptions())
    return models
