#!/usr/bin/env bash
# Build the zoomdesk packages for Linux x86-64 (run on Debian 12 or compatible):
#
#   dist/zoomdesk/                              PyInstaller one-folder app (build.spec)
#   dist/zoomdesk_<version>_amd64.deb           installs to /opt/zoomdesk + /usr/bin/zoomdesk
#   dist/zoomdesk-<version>-linux-x86_64.tar.gz the same folder, for any glibc >= 2.36 system
#
# Usage: scripts/package.sh [--no-build]     (--no-build: repackage the existing dist/zoomdesk)
#
# Uses .venv (created with `pip install -e .[build]` when missing). Writes only
# to build/ and dist/. Needs dpkg-deb (dpkg) and objdump (binutils) for the .deb.
# Environment: ZOOMDESK_DEB_COMPRESSION (default "zstd:12"; e.g. "xz:6" for a
# ~15% smaller .deb that takes minutes to compress).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

build=1
case "${1:-}" in
  "") ;;
  --no-build) build=0 ;;
  -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "package: unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

log() { printf 'package: %s\n' "$*" >&2; }

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' zoomdesk/__init__.py)"
[ -n "$version" ] || { log "no __version__ in zoomdesk/__init__.py"; exit 1; }
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
machine="$(uname -m)"
app="dist/zoomdesk"
deb="dist/zoomdesk_${version}_${arch}.deb"
tarball="dist/zoomdesk-${version}-linux-${machine}.tar.gz"

# --- 1. the PyInstaller build ---------------------------------------------------
if [ "$build" -eq 1 ]; then
  if [ ! -x .venv/bin/pyinstaller ]; then
    log "setting up .venv with the build tools"
    [ -x .venv/bin/python ] || python3 -m venv .venv
    PYTHONWARNINGS="ignore:Editable installation" \
      .venv/bin/python -m pip install -q -e ".[build]" 2>&1 | grep -v 'is ignored' >&2 || true
    [ -x .venv/bin/pyinstaller ] || { log "pip could not install PyInstaller"; exit 1; }
  fi
  log "building $app with PyInstaller"
  started=$SECONDS
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build.spec
  log "PyInstaller took $((SECONDS - started)) s"
fi
[ -x "$app/zoomdesk" ] || { log "$app/zoomdesk is missing; run without --no-build"; exit 1; }
# Qt WebEngine creates Qt/resources/locales at first start when it is missing
# (0700, and only where it may write); ship it so every install looks the same.
mkdir -p "$app/_internal/PySide6/Qt/resources/locales"
# A system-wide install must be readable by every user.
chmod -R u+rwX,go+rX,go-w "$app"

# --- 2. system libraries: every one the build links must come from Depends ------
depends_file=packaging/deb/depends.txt
depends="$(grep -v -e '^#' -e '^[[:space:]]*$' "$depends_file" | paste -sd, - | sed 's/,/, /g')"
if command -v objdump >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  bundled="$(find "$app" -name '*.so*' -printf '%f\n' | sort -u)"
  needed="$(find "$app" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 objdump -p 2>/dev/null | awk '$1 == "NEEDED" {print $2}' | sort -u)"
  missing=0
  for soname in $(comm -23 <(echo "$needed") <(echo "$bundled")); do
    case "$soname" in ld-linux*|libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libresolv.so.*|libutil.so.*) continue ;; esac
    owner="$(dpkg -S "*/$soname" 2>/dev/null | head -n1 | cut -d: -f1 || true)"
    if [ -z "$owner" ]; then
      log "warning: $soname is linked but not installed here; cannot check it is in Depends"
    elif ! grep -qE "(^|[ |])${owner}( |$|\()" <(grep -v '^#' "$depends_file"); then
      log "error: the build links $soname (Debian package $owner), which is not in $depends_file"
      missing=1
    fi
  done
  [ "$missing" -eq 0 ] || exit 1
else
  log "warning: objdump or dpkg missing; not checking the Depends list against the build"
fi

# --- 3. the .deb ----------------------------------------------------------------
root="build/deb/root"
rm -rf build/deb
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/doc/zoomdesk" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$app" "$root/opt/zoomdesk"
# A relative symlink: the bootloader finds its _internal folder through /proc/self/exe.
ln -s ../../opt/zoomdesk/zoomdesk "$root/usr/bin/zoomdesk"
install -m 0644 resources/zoomdesk.desktop "$root/usr/share/applications/zoomdesk.desktop"
install -m 0644 resources/io.github.zoomdesk.zoomdesk.metainfo.xml "$root/usr/share/metainfo/"
install -m 0644 resources/icons/zoomdesk.svg "$root/usr/share/icons/hicolor/scalable/apps/zoomdesk.svg"
for png in resources/icons/hicolor/*/apps/zoomdesk.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/$size/apps/zoomdesk.png"
done
install -m 0644 packaging/deb/copyright "$root/usr/share/doc/zoomdesk/copyright"
install -m 0755 packaging/deb/postinst packaging/deb/postrm "$root/DEBIAN/"

installed_kb="$(du -sk --apparent-size "$root" --exclude=DEBIAN | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
  -e "s/@DEPENDS@/$depends/" packaging/deb/control.in > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
chmod -R u+rwX,go+rX,go-w "$root"

compression="${ZOOMDESK_DEB_COMPRESSION:-zstd:12}"
log "writing $deb ($compression)"
started=$SECONDS
rm -f "$deb"
dpkg-deb --root-owner-group -Z"${compression%%:*}" -z"${compression##*:}" --threads-max="$(nproc)" \
  --build "$root" "$deb" >/dev/null
log "dpkg-deb took $((SECONDS - started)) s"

# --- 4. the tarball -------------------------------------------------------------
log "writing $tarball"
started=$SECONDS
gzip_cmd="gzip -6"
command -v pigz >/dev/null 2>&1 && gzip_cmd="pigz -6"
tar -C dist --sort=name --owner=0 --group=0 --numeric-owner -cf - zoomdesk \
  | $gzip_cmd > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"
log "tar took $((SECONDS - started)) s"

du -sh "$app" "$deb" "$tarball" >&2
