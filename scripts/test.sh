#!/usr/bin/env bash
# Set up (first time) and run the whole test suite headless. Extra arguments go to pytest.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/setup.sh" test
cd "$repo"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
if [ "$(id -u)" -eq 0 ]; then
  export QTWEBENGINE_DISABLE_SANDBOX=1
fi
exec .venv/bin/python -m pytest "$@"
