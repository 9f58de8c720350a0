#!/usr/bin/env bash
# Create .venv and install kazwire from this checkout's own files (pinned lock, no torch/stanza/spacy).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.kazwire-lock.sha256
want=$(sha256sum requirements/lock.txt pyproject.toml | sha256sum | cut -c1-64)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned dependencies (requirements/lock.txt)" >&2
  # --no-deps: the lock is complete; argostranslate's declared stanza/spacy/torch stay out.
  .venv/bin/python -m pip install -qq --disable-pip-version-check --no-deps -r requirements/lock.txt
  .venv/bin/python -m pip install -qq --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi
