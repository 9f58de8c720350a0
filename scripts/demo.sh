#!/usr/bin/env bash
# Set everything up and run the main job on the sample article (README, first command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/kazwire run examples/tokayev-assembly.ru.txt "$@"
