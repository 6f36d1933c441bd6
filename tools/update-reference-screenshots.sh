#!/usr/bin/env bash
# Renders every reference image listed in tests/reference/cases.txt (each page at 800x480,
# 1280x720 and 1920x720, night and day, English and Chinese, plus unit and state variants) from
# the fixed sample state. Run it after an intended visual change and commit the images with the
# change; tests/reference_screenshots.rs compares against them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
rm -f tests/reference/*.png
grep -v '^#' tests/reference/cases.txt | while read -r name flags; do
  # shellcheck disable=SC2086 # the flags are words
  target/debug/opencabin screenshot --sample --time 09:41 $flags --out "tests/reference/$name" 2>/dev/null
done
ls tests/reference/*.png | wc -l
