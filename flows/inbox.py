"""A drop folder for editors: files put in INBOX are claimed atomically, run through the flow, then filed."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm", ".xml")


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str  # where it was published, or why it failed


def claim(inbox: Path) -> Path | None:
    """Move the oldest waiting article into .processing/ (a rename: two watchers never take the same file)."""
    processing = inbox / ".processing"
    processing.mkdir(parents=True, exist_ok=True)
    waiting = sorted((p for p in inbox.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                      and not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for path in waiting:
        target = processing / path.name
        try:
            path.rename(target)
        except FileNotFoundError:
            continue  # another watcher was faster
        return target
    return None


def settle(path: Path, inbox: Path, ok: bool, detail: str) -> Path:
    folder = inbox / ("done" if ok else "failed")
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}-{path.name}"
    path.rename(target)
    if not ok:
        target.with_name(target.name + ".error.txt").write_text(detail + "\n", encoding="utf-8")
    return target


def watch(inbox: Path, run: Callable[[Path], str], *, interval: float = 5.0, once: bool = False,
          log: Callable[[str], None] = print) -> list[Outcome]:
    """Process articles as they arrive; `run` publishes one and returns where, or raises with the reason."""
    outcomes: list[Outcome] = []
    log(f"watching {inbox} (Ctrl-C stops)" if not once else f"processing {inbox}")
    while True:
        path = claim(inbox)
        if path is None:
            if once:
                return outcomes
            time.sleep(interval)
            continue
        log(f"claimed {path.name}")
        try:
            detail, ok = run(path), True
        except Exception as exc:  # one bad article must not stop the desk's inbox
            detail, ok = f"{type(exc).__name__}: {exc}", False
        filed = settle(path, inbox, ok, detail)
        log(f"{'published' if ok else 'FAILED'} {path.name}: {detail} (moved to {filed.parent.name}/)")
        outcomes.append(Outcome(path.name, ok, detail))
