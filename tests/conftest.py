"""Shared fixtures: a private KAZWIRE_HOME and PREFECT_HOME per session, the IPTC schemas, the sample."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "tokayev-assembly.ru.txt"
# The official IPTC XSDs sit beside the checkout in CI; the project never commits copies.
SCHEMAS = Path(os.environ.get("KAZWIRE_TEST_SCHEMAS", ROOT.parent / "shared" / "schemas"))


def pytest_configure(config):
    # Set before anything imports prefect or argostranslate (both read these at import time).
    cache = getattr(config, "cache", None)
    base = Path(cache.makedir("kazwire-home")) if cache else ROOT / ".pytest_cache" / "kazwire-home"
    os.environ["KAZWIRE_HOME"] = str(base)
    os.environ.setdefault("PREFECT_HOME", str(base / "prefect"))
    os.environ.pop("PREFECT_API_URL", None)  # never a developer's server
    from flows.settings import QUIET_OFFLINE

    os.environ.update(QUIET_OFFLINE)
    os.environ["HOME"] = os.environ.get("KAZWIRE_TEST_FAKE_HOME", str(base / "home"))


@pytest.fixture(scope="session")
def schemas() -> Path:
    if not (SCHEMAS / "NewsML-G2_2.35-spec-All-Power.xsd").is_file():
        pytest.fail(f"IPTC schemas not found at {SCHEMAS}; set KAZWIRE_TEST_SCHEMAS to their folder")
    return SCHEMAS


@pytest.fixture(scope="session")
def sample_article():
    from articles.reader import read_article

    return read_article(SAMPLE)


@pytest.fixture(scope="session")
def glossary():
    from translators.glossary import load_glossary

    return load_glossary()


@pytest.fixture(scope="session")
def models():
    """The bundled demo models, installed into the session's KAZWIRE_HOME."""
    from translators.engine import installed_models
    from translators.home import kazwire_home

    found = installed_models(kazwire_home())
    assert ("ru", "en") in found and ("ru", "kk") in found, f"bundled models missing: {sorted(found)}"
    return found


@pytest.fixture
def kazwire_cli(tmp_path):
    """Run the real `kazwire` console script in a subprocess; returns CompletedProcess."""
    import subprocess

    def run(*args: str, cwd: Path | None = None, timeout: int = 600):
        exe = Path(sys.executable).with_name("kazwire")
        return subprocess.run([str(exe), *args], cwd=cwd or tmp_path, capture_output=True, text=True,
                              timeout=timeout, env=os.environ.copy())

    return run
