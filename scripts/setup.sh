#!/usr/bin/env bash
# Idempotent set-up shared by scripts/run.sh and scripts/test.sh:
# installs the Debian packages QtWebEngine needs (when root; otherwise prints the
# exact apt line and stops) and a virtualenv in .venv with zoomdesk installed.
#
# Usage: scripts/setup.sh [runtime|test]    (default: runtime)
set -euo pipefail

purpose="${1:-runtime}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# QtWebEngine offscreen, plus the xcb platform for a real desktop session
# (../shared/PLATFORM-NOTES.md, verified on a minbase Debian 12).
packages=(
  libgl1 libegl1 libgbm1 libnss3 libasound2 libdbus-1-3 libfontconfig1 libglib2.0-0
  libxkbcommon0 libxkbfile1 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxcb-dri3-0
  fontconfig fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
)
if [ "$purpose" = test ]; then
  # Xvfb for screenshots; validators for the desktop file and AppStream metainfo;
  # objdump (binutils) and the Wayland client libraries for the .deb's Depends
  # check in scripts/package.sh; shellcheck for the packaging scripts' test;
  # a real keyring for the keyring tests (gnome-keyring-daemon, secret-tool, D-Bus);
  # a window manager, a tray and a notification server for the desktop tests.
  packages+=(xvfb xauth desktop-file-utils appstream binutils shellcheck
             libwayland-cursor0 libwayland-egl1 gnome-keyring libsecret-tools dbus-x11
             openbox x11-utils xdotool trayer dunst)
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  packages+=(python3 python3-venv)
elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${#missing[@]} system package(s): ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing. Install them with:" >&2
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: zoomdesk needs Python 3.11 or newer ($python is $("$python" -V 2>&1))" >&2
  exit 1
fi

extra="" ; [ "$purpose" = test ] && extra="[test]"
stamp=".venv/.zoomdesk-installed${extra:+-test}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$python" -m venv .venv
fi
# Reinstall only when the dependency list changed since the last install.
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing zoomdesk${extra} into .venv (first time takes a minute)" >&2
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v 'is ignored' >&2 || true
  # setuptools' "Editable installation … Please be careful with folders" banner is
  # advice for its developers, not news for someone starting zoomdesk: silenced.
  PYTHONWARNINGS="ignore:Editable installation" \
    .venv/bin/python -m pip install -q -e ".${extra}" 2>&1 | grep -v 'is ignored' >&2 || true
  .venv/bin/python -c 'import zoomdesk, PySide6.QtWebEngineWidgets' \
    || { echo "setup: the install failed; see the pip output above" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
