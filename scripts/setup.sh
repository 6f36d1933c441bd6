#!/usr/bin/env bash
# Installs what OpenCabin needs on Debian, Ubuntu or Raspberry Pi OS, and nothing that is there.
#   scripts/setup.sh run    what building and running the simulator needs
#   scripts/setup.sh kms    that, plus the -dev packages the `kms` feature (console, no desktop) builds with
#   scripts/setup.sh test   all of it, plus the real clients, X server and compositor the tests use
#   scripts/setup.sh package  what building and checking the Debian package needs: the kms
#                          packages, lintian, dpkg-dev and cargo-deb
# apt packages are installed when run as root or through sudo; otherwise the exact command is
# printed and the script stops. Rust comes from rustup (Debian's cargo is too old for Slint 1.18).
set -euo pipefail

RUST_MIN_MINOR=92 # Rust 1.92 or newer

# Build: a C toolchain for crates with C parts. Run: the D-Bus daemon, and the X11/Wayland/GL/
# fontconfig libraries the window loads at run time (the build itself needs no -dev package).
RUN_PACKAGES=(ca-certificates curl gcc libc6-dev dbus
  libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxi6 libxrender1 libxkbcommon0 libxkbcommon-x11-0
  libwayland-client0 libwayland-egl1 libegl1 libgl1 libegl-mesa0 libgl1-mesa-dri libfontconfig1)
# Tests: busctl (systemd), gdbus (libglib2.0-bin), playerctl, mpv with mpv-mpris, Xvfb, xdotool, and ImageMagick's import for screenshots of X.
# The kiosk test runs the UI under cage's headless backend as an unprivileged user (runuser,
# useradd) and captures it with grim; the packaging tests use systemd-analyze (which wants the
# kiosk units' programs, cage and weston, installed) and dbus-daemon, and python3 with dbus and gi
# to check signal delivery and sd_notify under the policy.
TEST_PACKAGES=(systemd libglib2.0-bin playerctl mpv mpv-mpris xvfb xdotool imagemagick
  cage weston grim xwayland util-linux passwd python3 python3-dbus python3-gi)
# Reading Chinese back from screenshots (tests/fonts.rs).
TEST_PACKAGES+=(tesseract-ocr tesseract-ocr-chi-sim)
# The companion's phone page in a real browser, from the car's QR code (tests/companion_browser.rs).
TEST_PACKAGES+=(chromium chromium-driver python3-selenium zbar-tools)
# Building and checking the .deb (packaging/tests/check-deb.sh also uses the test clients).
PACKAGE_PACKAGES=(lintian dpkg-dev)
CARGO_DEB_VERSION=3.8.0
# The `kms` feature links libinput, libudev, libseat, xkbcommon and gbm.
KMS_PACKAGES=(pkg-config libudev-dev libinput-dev libxkbcommon-dev libgbm-dev libseat-dev)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]})) || return 0
  local install=(apt-get install -y --no-install-recommends "${missing[@]}")
  if ((EUID == 0)); then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    echo "setup: installing ${missing[*]} (through sudo)"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them as root, then run this again:" >&2
    echo "  apt-get update && ${install[*]}" >&2
    exit 1
  fi
}

ensure_rust() {
  if [[ -f $HOME/.cargo/env ]]; then
    # shellcheck source=/dev/null
    source "$HOME/.cargo/env"
  fi
  if ! command -v cargo >/dev/null; then
    echo "setup: installing Rust with rustup (https://rustup.rs) into ~/.cargo"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
    # shellcheck source=/dev/null
    source "$HOME/.cargo/env"
  fi
  local minor
  minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
  if ((minor < RUST_MIN_MINOR)); then
    if command -v rustup >/dev/null; then
      echo "setup: Rust 1.$minor is older than 1.$RUST_MIN_MINOR; updating with rustup"
      rustup update stable
    else
      echo "setup: Rust 1.$minor is older than 1.$RUST_MIN_MINOR; install a newer one from https://rustup.rs" >&2
      exit 1
    fi
  fi
}

# A system CJK font as a user's machine may have one, for tests/fonts.rs: Debian's
# fonts-wqy-microhei unpacked next to the build (target/test-fonts), never installed, so that no
# other test and nothing run on this machine can pick it up.
ensure_test_font() {
  local dir
  dir=${CARGO_TARGET_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target}/test-fonts
  [[ -s $dir/wqy-microhei.ttc ]] && return 0
  local scratch
  scratch=$(mktemp -d)
  if ! (cd "$scratch" && apt-get download -q fonts-wqy-microhei >/dev/null 2>&1); then
    if ((EUID == 0)); then
      apt-get update -qq
    elif command -v sudo >/dev/null; then
      sudo apt-get update -qq
    fi
    (cd "$scratch" && apt-get download -q fonts-wqy-microhei >/dev/null)
  fi
  dpkg-deb -x "$scratch"/fonts-wqy-microhei_*.deb "$scratch/root"
  mkdir -p "$dir"
  cp "$scratch"/root/usr/share/fonts/truetype/wqy/wqy-microhei.ttc "$dir/"
  rm -rf "$scratch"
  echo "setup: unpacked the test font into $dir"
}

# cargo-deb, into ~/.cargo/bin (cargo finds `cargo deb` there even when it is not on PATH).
ensure_cargo_deb() {
  local installed
  installed=$(cargo deb --version 2>/dev/null || true)
  [[ $installed == *"$CARGO_DEB_VERSION"* ]] && return 0
  echo "setup: installing cargo-deb $CARGO_DEB_VERSION"
  cargo install --quiet --locked cargo-deb --version "$CARGO_DEB_VERSION"
}

case "${1:-}" in
  run) ensure_packages "${RUN_PACKAGES[@]}" ;;
  kms) ensure_packages "${RUN_PACKAGES[@]}" "${KMS_PACKAGES[@]}" ;;
  test)
    ensure_packages "${RUN_PACKAGES[@]}" "${KMS_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    ensure_test_font
    ;;
  package) ensure_packages "${RUN_PACKAGES[@]}" "${KMS_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" ;;
  *) echo "usage: scripts/setup.sh run|kms|test|package" >&2; exit 2 ;;
esac
ensure_rust
[[ ${1:-} == package ]] && ensure_cargo_deb
exit 0
