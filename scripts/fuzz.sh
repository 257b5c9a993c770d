#!/usr/bin/env bash
# Fuzzes the task decoder with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS]     default 60
#
# Builds Fuzz/TaskDecoderFuzzer.swift with Sources/MIDITask/*.swift straight
# through swiftc (-sanitize=fuzzer,address), outside the SwiftPM package, then
# runs it on a copy of the committed seed corpus (Fuzz/corpus is never written
# to). Exits non-zero on any crash, hang (over FUZZ_TIMEOUT s for one input),
# memory blow-up (over FUZZ_RSS_MB) or sanitizer report; the input that did it
# is kept in .build/fuzz/artifacts/ and printed, ready to become a regression
# test. Prints the number of executions.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2; }
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
max_len=${FUZZ_MAX_LEN:-16384}

out=.build/fuzz
mkdir -p "$out/artifacts"
binary=$out/task-decoder-fuzzer

echo "== fuzz: building $binary"
# lld, because gold warns about every ASan symbol it cannot export.
linker=()
command -v ld.lld >/dev/null 2>&1 && linker=(-use-ld=lld)
if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name MIDITask \
        "${linker[@]}" Sources/MIDITask/*.swift Fuzz/TaskDecoderFuzzer.swift -o "$binary" \
        > "$out/build.log" 2>&1; then
    cat "$out/build.log"
    echo "fuzz: build failed" >&2
    exit 1
fi

# The fuzzer adds what it finds to its first corpus folder: a scratch copy.
work=$(mktemp -d "${TMPDIR:-/tmp}/miditask-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp Fuzz/corpus/* "$work/"
rm -f "$out"/artifacts/*

echo "== fuzz: ${seconds}s on $(ls Fuzz/corpus | wc -l) seeds (per input ${timeout_s}s, memory ${rss_mb} MB)"
log=$out/fuzz.log
# Swift's own backtracer would catch the trap of a failed check before
# libFuzzer does (and keep the log's pipe open): libFuzzer reports crashes.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
"$binary" "$work" -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" \
    -max_len="$max_len" -artifact_prefix="$out/artifacts/" -print_final_stats=1 \
    > "$log" 2>&1
status=$?

runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
[ -n "$runs" ] || runs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)
echo "fuzz: ${runs:-unknown number of} executions in ${seconds}s, corpus grew to $(ls "$work" | wc -l) inputs (scratch copy, discarded)"

artifacts=$(ls "$out"/artifacts/ 2>/dev/null)
if [ $status -ne 0 ] || [ -n "$artifacts" ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: ' "$log"; then
    grep -E 'ERROR:|SUMMARY:|Fatal error|Precondition failed|deadly signal|timeout|out-of-memory' "$log" | head -20
    echo "fuzz: FAILED (status $status); full log $log; inputs:" >&2
    for a in $artifacts; do echo "  $out/artifacts/$a"; done >&2
    exit 1
fi
echo "fuzz: no crash, hang or sanitizer report"
