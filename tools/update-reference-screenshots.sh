#!/usr/bin/env bash
# Renders every reference image listed in tests/reference/cases.txt (each page at 800x480,
# 1280x720 and 1920x720, night and day, English and Chinese, plus unit and state variants) from
# the fixed sample state. Run it after an intended visual change and commit the images with the
# change; tests/reference_screenshots.rs compares against them. Like the tests, it renders under a
# fontconfig that lists no font, so the images show only the fonts the binary ships.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
fontconfig=$(mktemp -d)
trap 'rm -rf "$fontconfig"' EXIT
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/cache</cachedir></fontconfig>\n' "$fontconfig" >"$fontconfig/fonts.conf"
export FONTCONFIG_FILE=$fontconfig/fonts.conf
rm -f tests/reference/*.png
grep -v '^#' tests/reference/cases.txt | while read -r name flags; do
  # shellcheck disable=SC2086 # the flags are words
  target/debug/opencabin screenshot --sample --time 09:41 $flags --out "tests/reference/$name" 2>/dev/null
done
ls tests/reference/*.png | wc -l
