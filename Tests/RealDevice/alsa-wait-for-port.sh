#!/usr/bin/env bash
# --wait-for-port: a destination that appears after the command started (a
# sequencer client started 2 s later, as a USB interface plugged in would) is
# found by name and played to; one that never appears fails clearly once the
# wait is over. Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-wait-for-port
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task short 1
started=$(now_ns)
"$MIDITASK" "${PLAY[@]}" --port aseqdump --wait-for-port 30 "$OUT/short.json" >"$OUT/wait.out" 2>"$OUT/wait.err" &
pid=$!
sleep 2
kill -0 "$pid" 2>/dev/null || fail "gave up before the port appeared: $(cat "$OUT/wait.err")"
aseqdump >"$OUT/aseqdump.out" 2>&1 &
dump=$!
wait "$pid"
rc=$?
sleep 0.3
kill "$dump" 2>/dev/null; wait "$dump" 2>/dev/null
[ $rc -eq 0 ] || fail "exited $rc: $(cat "$OUT/wait.err")"
ons=$(grep -c "Note on" "$OUT/aseqdump.out")
[ "$ons" -gt 0 ] || fail "the late port got no notes: $(head "$OUT/aseqdump.out")"
echo "played $ons note-ons to the port that appeared after $(( ($(now_ns) - started) / 1000000 )) ms in all"

started=$(now_ns)
if "$MIDITASK" "${PLAY[@]}" --port nosuchsynth --wait-for-port 1.5 "$OUT/short.json" >/dev/null 2>"$OUT/never.err"; then
    fail "succeeded with a port that never appeared"
fi
ms=$(( ($(now_ns) - started) / 1000000 ))
grep -q 'no writable MIDI port matching "nosuchsynth" appeared within 1.5 s' "$OUT/never.err" \
    || fail "timeout message: $(cat "$OUT/never.err")"
[ $ms -ge 1500 ] || fail "gave up after $ms ms, before the 1.5 s wait"
echo "gave up on a port that never appeared after $ms ms: $(head -n 1 "$OUT/never.err")"
echo "PASS alsa-wait-for-port"
