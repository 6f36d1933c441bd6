#!/usr/bin/env bash
# Sets up this machine (scripts/setup.sh run), builds OpenCabin in release mode and starts the
# desktop simulator. Extra arguments go to `opencabin sim` (see `--help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
[[ -f $HOME/.cargo/env ]] && source "$HOME/.cargo/env"
cargo build --release --locked
exec target/release/opencabin sim "$@"
