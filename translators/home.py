"""Where kazwire keeps its state: installed models, caches, Prefect's database."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_ENV = "KAZWIRE_HOME"
DEFAULT_HOME = ".kazwire"


def kazwire_home(env: Mapping[str, str] = os.environ) -> Path:
    """`$KAZWIRE_HOME`, else `.kazwire/` in the working directory (never the user's home by surprise)."""
    return Path(env.get(HOME_ENV) or DEFAULT_HOME).expanduser().resolve()


def packages_dir(home: Path) -> Path:
    return home / "argos" / "packages"


def argos_environment(home: Path) -> dict[str, str]:
    """Environment that keeps argostranslate's data, config and cache dirs inside `home`.

    argostranslate creates these directories when `argostranslate.settings` is first imported, so
    the values must be in the environment before that import.
    """
    base = home / "argos"
    return {
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages_dir(home)),
    }


def memory_path(home: Path) -> Path:
    return home / "tm.sqlite"


def cache_path(home: Path) -> Path:
    return home / "mt-cache.sqlite"
