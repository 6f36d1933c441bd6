#!/usr/bin/env bash
# Sets up this machine (scripts/setup.sh test) and runs the whole test suite: unit tests, the
# services through busctl on private buses, the UI on Slint's testing backend, screenshots, and
# the simulator under Xvfb. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
[[ -f $HOME/.cargo/env ]] && source "$HOME/.cargo/env"
cargo test --locked "$@"
