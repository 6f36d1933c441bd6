#!/usr/bin/env bash
# Renders every page at 800x480, 1280x720 and 1920x720, night and day, English and Chinese, from
# the fixed sample state, into tests/reference/. Run it after an intended visual change and commit
# the images with the change; tests/reference_screenshots.rs compares against them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
mkdir -p tests/reference
for page in home media vehicle climate settings; do
  for size in 800x480 1280x720 1920x720; do
    for theme in night day; do
      for lang in en zh-CN; do
        target/debug/opencabin screenshot --sample --time 09:41 --page "$page" --size "$size" \
          --theme "$theme" --lang "$lang" --out "tests/reference/$page-$size-$theme-$lang.png" 2>/dev/null
      done
    done
  done
done
ls tests/reference | wc -l
