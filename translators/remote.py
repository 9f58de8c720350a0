"""Fetch model packages from a URL or the Argos index — the only code that needs the internet."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

from translators.packages import PackageError

ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
TIMEOUT = 10


def _download(url: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response, part.open("wb") as handle:
            while chunk := response.read(1 << 20):
                handle.write(chunk)
    except (urllib.error.URLError, OSError) as exc:
        part.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise PackageError(f"cannot download {url}: {reason} (this needs the internet; offline, install a "
                           f"local .argosmodel file instead)") from None
    part.replace(target)
    return target


def from_index(code: str, downloads: Path, index_url: str = ARGOS_INDEX) -> Path:
    """`ru_en` → the newest package for that pair in the Argos index."""
    m = re.fullmatch(r"([a-z]{2,3})_([a-z]{2,3})", code)
    if not m:
        raise PackageError(f"argos:{code}: expected argos:<from>_<to>, e.g. argos:ru_en")
    index_file = _download(index_url, downloads / "argos-index.json")
    try:
        entries = json.loads(index_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PackageError(f"{index_url}: the index is not JSON ({exc.msg})") from None
    matches = [e for e in entries if (e.get("from_code"), e.get("to_code")) == m.groups() and e.get("links")]
    if not matches:
        raise PackageError(f"the Argos index has no {m.group(1)}→{m.group(2)} package")
    best = max(matches, key=lambda e: [int(x) for x in re.findall(r"\d+", str(e.get("package_version", "0")))])
    url = best["links"][0]
    return _download(url, downloads / url.rsplit("/", 1)[-1])


def fetch_package(source: str, home: Path) -> Path:
    downloads = home / "downloads"
    if source.startswith("argos:"):
        return from_index(source.split(":", 1)[1], downloads)
    if re.match(r"https?://", source):
        return _download(source, downloads / source.rstrip("/").rsplit("/", 1)[-1])
    path = Path(source)
    if not path.exists():
        raise PackageError(f"{source}: no such file (expected a .argosmodel file, a URL or argos:<from>_<to>)")
    return path
