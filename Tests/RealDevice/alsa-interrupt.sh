#!/usr/bin/env bash
# Ctrl-C (SIGINT) and SIGTERM mid-song on the snd-virmidi port: every sounding
# note gets its note-off and every used channel all-notes-off; zero notes left on.
# Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-interrupt
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task long 30   # long enough that the slow emulated VM still stops it mid-song
# Job control: the background player gets SIGINT at its default, as a command typed at
# a terminal does (a script's background jobs otherwise ignore SIGINT, and an
# inherited ignore is honoured: see alsa-stop-anytime.sh).
set -m
for sig in INT TERM; do
    start_capture "$OUT/$sig.jsonl"
    "$MIDITASK" "${PLAY[@]}" --port virmidi "$OUT/long.json" >"$OUT/$sig.out" 2>"$OUT/$sig.err" &
    pid=$!
    # Mid-song: wait until notes are flowing, then a little more.
    for _ in $(seq 200); do [ -s "$OUT/$sig.jsonl" ] && break; sleep 0.05; done
    sleep 1.3
    sent=$(signal_at "$sig" "$pid")
    started=$(now_ns)   # after python's slow start-up in the VM, not before
    wait "$pid"
    rc=$?
    exit_ms=$(( ($(now_ns) - started) / 1000000 ))
    stop_capture
    ms=$(silenced_after "$OUT/$sig.jsonl" "$sent")
    [ $rc -ne 0 ] || fail "SIG$sig: exited 0 though stopped mid-song"
    [ $rc -ne 139 ] && [ $rc -ne 134 ] || fail "SIG$sig: crashed (status $rc): $(cat "$OUT/$sig.err")"
    [ "$ms" -ge 0 ] || fail "SIG$sig: no all-notes-off after the signal"
    [ "$ms" -le 1000 ] || fail "SIG$sig: took $ms ms to silence"
    [ $exit_ms -le 5000 ] || fail "SIG$sig: took $exit_ms ms to exit"
    python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/$sig.jsonl" --min-notes 10 \
        || fail "SIG$sig left notes sounding"
    echo "SIG$sig: silenced in $ms ms, exited in $exit_ms ms, status $rc"
done
echo "PASS alsa-interrupt"
