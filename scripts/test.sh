#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs the unit and
# end-to-end tests, then the live player's tests in a real terminal on their
# own, fuzzes the task decoder for a minute, builds the Debian package and
# installs it into a clean Debian 12 root, then the
# real-device tests (a real ALSA sequencer, virtual MIDI interface and
# loopback sound card in a small VM).
#
#   scripts/test.sh               everything
#   scripts/test.sh --no-vm       only what runs on this machine directly
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

vm=1
[ "${1:-}" = "--no-vm" ] && vm=0

if [ $vm -eq 1 ]; then scripts/setup.sh --vm; else scripts/setup.sh; fi || exit 1

echo "== imports declared"
scripts/check-imports.py || exit 1

# Every source file carries the Apache-2.0 header (scripts/license-headers.sh adds it).
echo "== licence headers"
scripts/license-headers.sh --check || exit 1

echo "== build"
swift build --build-tests 2>&1 | grep -vE "prohibited flag" || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; exit 1; }

echo "== unit and end-to-end tests"
swift test --skip-build --skip LivePlayerTests --skip FloodTests
unit=$?

# The listener's flood tests open thousands of loopback connections for
# about 11 s and take much of the CPU: on their own, for the same reason.
echo "== listener under a connection flood"
swift test --skip-build --filter FloodTests
flood=$?

# The live player's terminal tests play in real time (FluidSynth, a real-time
# scheduler thread, tmux) for about 20 s: on their own, so that they neither
# starve nor are starved by the timing-sensitive listener tests.
echo "== live player in a real terminal (tmux)"
swift test --skip-build --filter LivePlayerTests
live=$?

echo "== fuzzing the task decoder (60 s)"
scripts/fuzz.sh 60
fuzz=$?

# The Debian package: a release build with the Swift runtime linked in, then
# installed with apt into a clean Debian 12 root (debootstrap) and run there.
echo "== the Debian package on a clean Debian 12"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo Tests/Package/deb-install.sh
package=$?

real=0
if [ $vm -eq 1 ]; then
    echo "== real-device tests (VM)"
    scripts/vm/real-tests.sh
    real=$?
fi

if [ $unit -ne 0 ] || [ $flood -ne 0 ] || [ $live -ne 0 ] || [ $fuzz -ne 0 ] || [ $package -ne 0 ] || [ $real -ne 0 ]; then
    echo "FAILED: unit/end-to-end status $unit, flood status $flood, terminal status $live, fuzz status $fuzz, package status $package, real-device status $real"
    exit 1
fi
echo "all tests passed"
