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

# Each stage's wall time, printed at the end: where the suite's time goes.
times=""
stage_start=$SECONDS
stage() {
    [ -n "${stage_name:-}" ] && times="$times  $stage_name $((SECONDS - stage_start)) s\n"
    stage_name=$1
    stage_start=$SECONDS
    [ -n "$1" ] && echo "== $1"
}
stage_name=setup

if [ $vm -eq 1 ]; then scripts/setup.sh --vm; else scripts/setup.sh; fi || exit 1

stage "imports declared"
scripts/check-imports.py || exit 1

# Every source file carries the Apache-2.0 header (scripts/license-headers.sh adds it).
stage "licence headers"
scripts/license-headers.sh --check || exit 1

stage "build"
swift build --build-tests 2>&1 | grep -vE "prohibited flag" || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; exit 1; }

stage "unit and end-to-end tests"
swift test --skip-build --skip LivePlayerTests --skip FloodTests
unit=$?

# The listener's flood tests open thousands of loopback connections for
# about 11 s and take much of the CPU: on their own, for the same reason.
stage "listener under a connection flood"
swift test --skip-build --filter FloodTests
flood=$?

# The live player's terminal tests play in real time (FluidSynth, a real-time
# scheduler thread, tmux) for about 20 s: on their own, so that they neither
# starve nor are starved by the timing-sensitive listener tests.
stage "live player in a real terminal (tmux)"
swift test --skip-build --filter LivePlayerTests
live=$?

stage "fuzzing the task decoder (60 s)"
scripts/fuzz.sh 60
fuzz=$?

# The Debian package: a release build with the Swift runtime linked in, then
# installed with apt into a clean Debian 12 root (debootstrap) and run there.
stage "the Debian package on a clean Debian 12"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo Tests/Package/deb-install.sh
package=$?

real=0
if [ $vm -eq 1 ]; then
    stage "real-device tests (VM)"
    scripts/vm/real-tests.sh
    real=$?
fi

stage ""
printf "stage times (total %d s):\n$times" "$SECONDS"

if [ $unit -ne 0 ] || [ $flood -ne 0 ] || [ $live -ne 0 ] || [ $fuzz -ne 0 ] || [ $package -ne 0 ] || [ $real -ne 0 ]; then
    echo "FAILED: unit/end-to-end status $unit, flood status $flood, terminal status $live, fuzz status $fuzz, package status $package, real-device status $real"
    exit 1
fi
echo "all tests passed"
