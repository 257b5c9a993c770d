#!/usr/bin/env bash
# Runs every real-device test (Tests/RealDevice/*.sh) inside one VM boot with
# a real ALSA kernel, and prints a line per test and a closing count.
#
#   scripts/vm/real-tests.sh [NAME-PATTERN]
#
# Each test is a bash script run from the repository root with $MIDITASK
# (the built binary) and $VM_OUT (a writable folder of its own); exit 0 means
# it passed. The binary must be built first (swift build).
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

pattern="${1:-}"
binary="${MIDITASK:-$PWD/.build/debug/miditask}"
[ -x "$binary" ] || { echo "real-tests: $binary is not built (swift build)" >&2; exit 1; }

out="$PWD/out/real-tests"
rm -rf "$out"
mkdir -p "$out"

VM_TIMEOUT="${VM_TIMEOUT:-3600}" scripts/vm/run.sh --rwdir "$out" \
    --env "MIDITASK=$binary" --env "REAL_TEST_PATTERN=$pattern" -- scripts/vm/real-tests-guest.sh
status=$?
[ -f "$out/summary" ] || { echo "real-tests: the VM run ended without a summary (status $status)"; exit 1; }
cat "$out/summary"
exit $status
