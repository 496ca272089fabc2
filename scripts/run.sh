#!/usr/bin/env bash
# Set up (first time) and run zoomdesk. With no Zoom app configured it opens
# against the built-in offline sandbox. Arguments are passed to `zoomdesk`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/setup.sh" runtime

if [ "$(id -u)" -eq 0 ]; then
  # Chromium refuses to run as root with its sandbox on; never set for normal users.
  export QTWEBENGINE_DISABLE_SANDBOX=1
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ] && [ "$#" -eq 0 ]; then
  echo "run: no display found (DISPLAY/WAYLAND_DISPLAY unset); try: xvfb-run -a $0" >&2
fi

config="${XDG_CONFIG_HOME:-$HOME/.config}/zoomdesk/config.json"
if [ "$#" -eq 0 ] && [ -z "${ZOOMDESK_CLIENT_ID:-}" ] && [ ! -f "$config" ]; then
  echo "run: no Zoom app configured yet; opening zoomdesk against the offline sandbox" >&2
  set -- --sandbox
fi
exec "$repo/.venv/bin/zoomdesk" "$@"
