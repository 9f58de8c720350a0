#!/usr/bin/env bash
# Set everything up and run the whole test suite (README, second command; .ci/run calls exactly this).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/browser.sh
exec .venv/bin/python -m pytest "$@"
