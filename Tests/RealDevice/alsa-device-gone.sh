#!/usr/bin/env bash
# A destination vanishing mid-song (a user-space sequencer client, aseqdump,
# killed) ends playback within a second (the remaining port is silenced by
# then) with a clear error and a non-zero status; the other destination (snd-virmidi) is left with no note sounding.
# Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-device-gone
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task long 30   # long enough that the slow emulated VM still stops it mid-song
aseqdump >"$OUT/aseqdump.out" 2>&1 &
dump=$!
for _ in $(seq 100); do aconnect -o | grep -q aseqdump && break; sleep 0.05; done
aconnect -o | grep -q aseqdump || fail "aseqdump did not start"

start_capture "$OUT/gone.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi,aseqdump "$OUT/long.json" >"$OUT/gone.out" 2>"$OUT/gone.err" &
pid=$!
for _ in $(seq 200); do [ -s "$OUT/gone.jsonl" ] && break; sleep 0.05; done
sleep 1.3
grep -q "Note on" "$OUT/aseqdump.out" || { kill "$pid"; fail "aseqdump received no notes: $(head "$OUT/aseqdump.out")"; }
killed=$(signal_at KILL "$dump")
started=$(now_ns)   # after python's slow start-up in the VM, not before
wait "$pid"
rc=$?
exit_ms=$(( ($(now_ns) - started) / 1000000 ))
wait "$dump" 2>/dev/null
stop_capture
ms=$(silenced_after "$OUT/gone.jsonl" "$killed")

grep -q "controller 123" "$OUT/aseqdump.out" && fail "the song had ended before aseqdump was killed (slow VM?)"
[ $rc -ne 0 ] || fail "exited 0 after its destination vanished"
[ $rc -ne 139 ] && [ $rc -ne 134 ] || fail "crashed (status $rc): $(cat "$OUT/gone.err")"
# Noticed and ended = the remaining port silenced; the emulated VM is slow to tear a process down.
[ "$ms" -ge 0 ] || fail "no all-notes-off reached the remaining port after the kill"
[ "$ms" -le 1000 ] || fail "took $ms ms to notice and silence (limit 1000): $(cat "$OUT/gone.err")"
[ $exit_ms -le 5000 ] || fail "took $exit_ms ms to exit"
grep -q "aseqdump" "$OUT/gone.err" && grep -qi "went away\|removed\|disconnected" "$OUT/gone.err" \
    || fail "the error does not say which port went away: $(cat "$OUT/gone.err")"
python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/gone.jsonl" --min-notes 10 \
    || fail "notes left sounding on the remaining port"
echo "silenced $ms ms and exited $exit_ms ms after the destination was killed, status $rc: $(tail -n 1 "$OUT/gone.err")"
echo "PASS alsa-device-gone"
