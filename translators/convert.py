"""Convert a local Hugging Face Marian/T5/NLLB/M2M100 checkpoint into an Argos package."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from translators.packages import PackageError, make_archive

# Where each family keeps its SentencePiece model; argos uses one model for both sides.
SP_CANDIDATES = ("sentencepiece.model", "source.spm", "spiece.model", "sentencepiece.bpe.model")
ARGOS_VERSION = "1.11"


def find_sentencepiece(checkpoint: Path) -> Path:
    for name in SP_CANDIDATES:
        if (checkpoint / name).is_file():
            return checkpoint / name
    raise PackageError(f"{checkpoint}: no SentencePiece model ({', '.join(SP_CANDIDATES)})")


def convert_checkpoint(checkpoint: Path, out: Path, from_code: str, to_code: str, version: str,
                       *, quantization: str = "int8", source_prefix: str = "", target_prefix: str = "",
                       extra_metadata: dict | None = None) -> Path:
    """Write `out` (.argosmodel) from a Hugging Face checkpoint directory.

    Needs `transformers` and `torch` (the train extra); the runtime never imports them.
    """
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PackageError("converting needs ctranslate2's converters") from exc
    if not (checkpoint / "config.json").is_file():
        raise PackageError(f"{checkpoint}: not a Hugging Face checkpoint (no config.json)")
    sp_model = find_sentencepiece(checkpoint)
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        package_dir = Path(tmp) / name
        try:
            TransformersConverter(str(checkpoint)).convert(str(package_dir / "model"), quantization=quantization)
        except ImportError as exc:
            raise PackageError(f"converting needs the train extra (pip install -r requirements/train.txt): {exc}") from exc
        _force_source_eos(package_dir / "model" / "config.json")
        shutil.copyfile(sp_model, package_dir / "sentencepiece.model")
        metadata = {
            "package_version": version,
            "argos_version": ARGOS_VERSION,
            "from_code": from_code,
            "to_code": to_code,
            "from_name": LANGUAGE_NAMES.get(from_code, from_code),
            "to_name": LANGUAGE_NAMES.get(to_code, to_code),
            "type": "translate",
            "target_prefix": target_prefix,
            "source_prefix": source_prefix,
            **(extra_metadata or {}),
        }
        write_metadata(package_dir, metadata)
        return make_archive(package_dir, out)


def write_metadata(package_dir: Path, metadata: dict) -> None:
    (package_dir / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")


def _force_source_eos(config_file: Path) -> None:
    # ct2-transformers-converter writes add_source_eos false for Marian although HF tokenizers
    # append </s>; with it true, plain SentencePiece pieces (and stock argos) translate right.
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["add_source_eos"] = True
    config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")


LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh"}
