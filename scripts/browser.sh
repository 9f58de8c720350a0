#!/usr/bin/env bash
# Headless Chromium and a font with Kazakh letters, for the browser tests (Debian packages).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fonts=$(fc-list : family 2>/dev/null || true)
grep -qi "noto sans" <<<"$fonts" || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "browser: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
  else
    echo "browser: missing ${need[*]} (install them; the browser tests will fail without them)" >&2
  fi
fi
