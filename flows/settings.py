"""Environment for quiet, offline Prefect runs; applied before Prefect is imported."""
from __future__ import annotations

import os
from pathlib import Path

QUIET_OFFLINE = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no heartbeat to Prefect's telemetry host
    "DO_NOT_TRACK": "1",  # no client SDK events
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",  # a new database takes ~10 s on 2 cores
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def prefect_environment(home: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """Defaults the user has not set: a project-local PREFECT_HOME and the quiet offline settings."""
    current = os.environ if env is None else env
    wanted = {"PREFECT_HOME": str(home / "prefect"), **QUIET_OFFLINE}
    return {k: v for k, v in wanted.items() if k not in current}


def apply(home: Path) -> None:
    os.environ.update(prefect_environment(home))
