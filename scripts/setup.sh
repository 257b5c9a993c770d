#!/usr/bin/env bash
# Installs what miditask needs on a fresh Debian 12 machine: the ALSA and
# FluidSynth development packages, a General MIDI SoundFont, the fluidsynth
# and ALSA command-line tools (used by tests and benchmarks), tmux (the live
# view is tested in a real terminal), openssl, curl and systemd-analyze (the
# listener's HTTPS and service tests), what scripts/package.sh builds and checks
# the Debian package with (dpkg-dev, binutils, lintian) and debootstrap (the
# package is installed into a clean Debian 12 root), and mido for
# Python (the independent MIDI-file reader the tests compare against).
#
#   scripts/setup.sh         the build and unit-test needs
#   scripts/setup.sh --vm    also what the real-ALSA VM tests need
#
# Quiet and quick when everything is already there. Needs root or sudo.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# openssl and curl make and check the listener's HTTPS certificates in the
# tests; systemd brings systemd-analyze, which verifies the packaged unit.
packages=(pkg-config libasound2-dev libfluidsynth-dev libsndfile1-dev libcairo2-dev fluidsynth fluid-soundfont-gm alsa-utils
          groff-base man-db tmux openssl curl systemd
          dpkg-dev binutils lintian debootstrap util-linux)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! python3 -c "import mido" 2>/dev/null; then
    echo "setup: installing mido (Python) for the tests"
    python3 -m pip install --quiet mido 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages mido
fi

# pretty_midi: the baseline `miditask bench tempo` compares against (the bench
# runs without it, saying so; so does setup, if PyPI cannot be reached).
if ! python3 -c "import pretty_midi" 2>/dev/null; then
    echo "setup: installing pretty_midi (Python) for bench tempo's baseline"
    python3 -m pip install --quiet pretty_midi 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages pretty_midi 2>/dev/null \
        || echo "setup: pretty_midi could not be installed: bench tempo will run without its baseline" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: no Swift toolchain on PATH: miditask needs Swift 6.1 or newer (swift.org/install)" >&2
    exit 1
fi

if [ "${1:-}" = "--vm" ]; then
    scripts/vm/setup.sh
fi
