#!/usr/bin/env bash
# Render the app icon from its SVG sources into every size the packages use.
# The outputs are committed, so builds never need this script or its tools;
# run it again after editing resources/icons/zoomdesk.svg or zoomdesk-16.svg.
#
#   resources/icons/hicolor/<N>x<N>/apps/zoomdesk.png   N = 16 24 32 48 64 128 256 512
#   resources/icons/zoomdesk.ico                         Windows (16-256)
#   resources/icons/zoomdesk.icns                        macOS (16-1024, PNG entries)
#
# Needs: rsvg-convert (librsvg2-bin) or inkscape; convert (imagemagick) for .ico;
# python3 for .icns.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$repo/resources/icons"
svg="$icons/zoomdesk.svg"
svg16="$icons/zoomdesk-16.svg"   # hand-aligned to the pixel grid for 16 px
sizes=(16 24 32 48 64 128 256 512)

render() { # render SRC SIZE OUT
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert --width "$2" --height "$2" --output "$3" "$1"
  elif command -v inkscape >/dev/null 2>&1; then
    inkscape "$1" --export-type=png --export-width="$2" --export-height="$2" \
      --export-filename="$3" >/dev/null 2>&1
  else
    echo "render-icons: needs rsvg-convert (apt-get install librsvg2-bin) or inkscape" >&2
    exit 1
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for n in "${sizes[@]}"; do
  dir="$icons/hicolor/${n}x${n}/apps"
  mkdir -p "$dir"
  src="$svg"
  [ "$n" -eq 16 ] && src="$svg16"
  render "$src" "$n" "$dir/zoomdesk.png"
done
render "$svg" 1024 "$tmp/zoomdesk-1024.png"

if ! command -v convert >/dev/null 2>&1; then
  echo "render-icons: needs convert for the .ico (apt-get install imagemagick)" >&2
  exit 1
fi
ico_inputs=()
for n in 16 24 32 48 64 128 256; do
  ico_inputs+=("$icons/hicolor/${n}x${n}/apps/zoomdesk.png")
done
convert "${ico_inputs[@]}" "$icons/zoomdesk.ico"

# .icns: a header and one PNG-payload entry per OSType (macOS 10.7+ reads PNG entries).
python3 - "$icons" "$tmp/zoomdesk-1024.png" <<'PY'
import struct
import sys
from pathlib import Path

icons, big = Path(sys.argv[1]), Path(sys.argv[2])
png = {n: icons / f"hicolor/{n}x{n}/apps/zoomdesk.png" for n in (16, 32, 64, 128, 256, 512)}
png[1024] = big
entries = [  # (OSType, pixel size): 1x and @2x variants
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512),
    (b"ic10", 1024),
]
body = b"".join(
    kind + struct.pack(">I", 8 + len(data)) + data
    for kind, size in entries
    for data in [png[size].read_bytes()]
)
(icons / "zoomdesk.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY

echo "render-icons: wrote ${#sizes[@]} PNG sizes, zoomdesk.ico and zoomdesk.icns under $icons" >&2
