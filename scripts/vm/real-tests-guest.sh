#!/usr/bin/env bash
# Inside the VM: runs each Tests/RealDevice/*.sh with its own scratch folder
# and a time limit (300 s, or what a "# time-limit: SECONDS" line in the test
# says), and writes the closing count to $VM_OUT/summary.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
passed=0
failed=0
failures=()
for test in Tests/RealDevice/*.sh; do
    [ -e "$test" ] || continue
    name=$(basename "$test" .sh)
    case "$name" in *"${REAL_TEST_PATTERN:-}"*) ;; *) continue ;; esac
    scratch="$VM_OUT/$name"
    mkdir -p "$scratch"
    limit=$(sed -n 's/^# time-limit: *\([0-9][0-9]*\)$/\1/p' "$test" | head -n 1)
    start=$(date +%s)
    VM_OUT="$scratch" timeout "${limit:-300}" bash "$test" >"$scratch/log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    if [ $status -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name (${seconds}s)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "FAIL $name (status $status, ${seconds}s); its log:"
        sed 's/^/    /' "$scratch/log" | tail -n 40
    fi
done
{
    [ ${#failures[@]} -eq 0 ] || echo "failed: ${failures[*]}"
    echo "real-device: $passed passed, $failed failed"
} > "$VM_OUT/summary"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
