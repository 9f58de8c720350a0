"""Argos model packages (.argosmodel): build, check, install, list — without argostranslate's heavy path."""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

BUNDLED_DIR = Path(__file__).parent / "bundled"
REQUIRED_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json")


class PackageError(ValueError):
    """A model package is missing, malformed or cannot be installed."""


@dataclass(frozen=True)
class PackageInfo:
    """What kazwire needs to know about one installed translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    metadata: dict = field(repr=False, compare=False)

    @property
    def model_id(self) -> str:
        return self.metadata.get("model_id") or f"argos-{self.from_code}_{self.to_code}-{self.version}"

    @property
    def source_prefix(self) -> str:
        return self.metadata.get("source_prefix", "")

    @property
    def target_prefix(self) -> str:
        return self.metadata.get("target_prefix", "")


def read_info(package_path: Path) -> PackageInfo:
    meta_file = package_path / "metadata.json"
    try:
        metadata = json.loads(meta_file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PackageError(f"{package_path}: not an Argos package (no metadata.json)") from exc
    except json.JSONDecodeError as exc:
        raise PackageError(f"{meta_file}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    missing = [k for k in ("from_code", "to_code") if not metadata.get(k)]
    if missing:
        raise PackageError(f"{meta_file}: missing {', '.join(missing)}")
    return PackageInfo(package_path, metadata["from_code"], metadata["to_code"],
                       str(metadata.get("package_version", "0")), metadata)


def installed(packages: Path) -> list[PackageInfo]:
    """Every package under `packages`, sorted by language pair then version."""
    if not packages.is_dir():
        return []
    infos = [read_info(p) for p in sorted(packages.iterdir()) if (p / "metadata.json").is_file()]
    return sorted(infos, key=lambda i: (i.from_code, i.to_code, i.version))


def find(packages: Path, from_code: str, to_code: str) -> PackageInfo | None:
    matches = [i for i in installed(packages) if (i.from_code, i.to_code) == (from_code, to_code)]
    return matches[-1] if matches else None


def bundled() -> list[Path]:
    return sorted(BUNDLED_DIR.glob("*.argosmodel"))


def check_archive(archive: Path) -> str:
    """Return the single top-level folder of a valid package zip, or raise PackageError.

    A zip without exactly one top-level folder would poison argostranslate's package directory.
    """
    if not archive.is_file():
        raise PackageError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise PackageError(f"{archive}: not a zip archive (an .argosmodel is a zip)")
    with zipfile.ZipFile(archive) as zf:
        names = [n for n in zf.namelist() if n.strip("/")]
    tops = {PurePosixPath(n).parts[0] for n in names}
    if len(tops) != 1:
        raise PackageError(f"{archive}: expected exactly one top-level folder, found {sorted(tops)[:5]}")
    top = tops.pop()
    if any(".." in PurePosixPath(n).parts or n.startswith("/") for n in names):
        raise PackageError(f"{archive}: unsafe path in archive")
    missing = [f for f in REQUIRED_FILES if f"{top}/{f}" not in names]
    if missing:
        raise PackageError(f"{archive}: package folder {top!r} lacks {', '.join(missing)}")
    return top


def install(archive: Path, packages: Path) -> PackageInfo:
    """Unpack a package into `packages`, replacing an older copy atomically."""
    top = check_archive(archive)
    packages.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=packages, prefix=".install-") as tmp:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        read_info(Path(tmp) / top)  # refuse a package whose metadata is broken before replacing anything
        target = packages / top
        old = None
        if target.exists():
            old = packages / f".old-{top}-{os.getpid()}"
            target.rename(old)
        (Path(tmp) / top).rename(target)
        if old is not None:
            shutil.rmtree(old)
    return read_info(target)


def ensure_bundled(packages: Path, log=lambda msg: print(msg, file=sys.stderr)) -> list[PackageInfo]:
    """Install each bundled demo package whose pair has no package yet, or refresh its own older copy."""
    done = []
    for archive in bundled():
        top = check_archive(archive)
        with zipfile.ZipFile(archive) as zf:
            meta_bytes = zf.read(f"{top}/metadata.json")
        meta = json.loads(meta_bytes)
        own_copy = packages / top / "metadata.json"
        stale = own_copy.is_file() and own_copy.read_bytes() != meta_bytes
        if stale or find(packages, meta["from_code"], meta["to_code"]) is None:
            log(f"{'updating' if stale else 'installing'} bundled demo model {archive.name}")
            done.append(install(archive, packages))
    return done


def make_archive(package_dir: Path, out: Path) -> Path:
    """Zip `package_dir` (with metadata.json, sentencepiece.model, model/) as one top-level folder."""
    missing = [f for f in REQUIRED_FILES if not (package_dir / f).is_file()]
    if missing:
        raise PackageError(f"{package_dir}: cannot package, missing {', '.join(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(PurePosixPath(package_dir.name, path.relative_to(package_dir))),
                                       date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    tmp.replace(out)
    return out
