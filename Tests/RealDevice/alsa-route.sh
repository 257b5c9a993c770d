#!/usr/bin/env bash
# --route on two virtual MIDI ports: drums to one, the rest to the other; each
# port's bytes carry exactly its instruments' notes. Ctrl-C silences both.
# `panic` reaches a port: every key off and the resets on all 16 channels.
# Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-route
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

# Two VirMIDI devices for this test (the harness loads one); back to one after.
restore() { rmmod snd_virmidi 2>/dev/null; modprobe snd-virmidi midi_devs=1; }
trap restore EXIT
rmmod snd_virmidi || fail "cannot unload snd-virmidi"
modprobe snd-virmidi midi_devs=2 || fail "modprobe snd-virmidi midi_devs=2 failed"
for _ in $(seq 100); do [ "$(ls /dev/snd/midiC*D* 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.05; done
devices=($(ls /dev/snd/midiC*D* | sort))
[ ${#devices[@]} -ge 2 ] || fail "expected two VirMIDI raw devices, found: ${devices[*]}"

# The two ports by name, as a user would give them (VirMIDI N-0, VirMIDI N-1).
mapfile -t names < <("$MIDITASK" ports --json | python3 -c '
import json, sys
for p in sorted(json.load(sys.stdin), key=lambda p: (p["client"], p["port"])):
    if p["portName"].startswith("VirMIDI"):
        print(p["portName"])')
[ ${#names[@]} -eq 2 ] || fail "expected two VirMIDI ports, found: ${names[*]}"
main_port=${names[0]}; drum_port=${names[1]}
echo "main port: $main_port (${devices[0]}), drum port: $drum_port (${devices[1]})"

capture_two() {
    python3 "$VMDIR/midi_capture.py" --device "${devices[0]}" --out "$1.main.jsonl" >"$1.main.ready" 2>&1 &
    cap_main=$!
    python3 "$VMDIR/midi_capture.py" --device "${devices[1]}" --out "$1.drums.jsonl" >"$1.drums.ready" 2>&1 &
    cap_drums=$!
    for _ in $(seq 200); do
        grep -q ready "$1.main.ready" 2>/dev/null && grep -q ready "$1.drums.ready" 2>/dev/null && return 0
        sleep 0.05
    done
    fail "captures not ready: $(cat "$1.main.ready" "$1.drums.ready")"
}
stop_two() { sleep 0.3; kill -TERM "$cap_main" "$cap_drums" 2>/dev/null; wait "$cap_main" "$cap_drums" 2>/dev/null; }

# 1. A whole song: every note on the port its instrument is routed to.
make_task song 4
capture_two "$OUT/song"
"$MIDITASK" play --port "$main_port" --route "Drums=$drum_port" "$OUT/song.json" >"$OUT/song.out" 2>"$OUT/song.err" \
    || fail "play --route failed: $(cat "$OUT/song.err")"
stop_two
python3 "$VMDIR/route_check.py" split --mid "$OUT/song.mid" --main "$OUT/song.main.jsonl" \
    --routed "$OUT/song.drums.jsonl" --routed-channels 9 || fail "notes went to the wrong port"
for side in main drums; do
    python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/song.$side.jsonl" --min-notes 10 \
        || fail "$side port left notes sounding after the song"
done

# 2. Ctrl-C mid-song: both ports silenced.
make_task long 30
capture_two "$OUT/int"
# Started with job control, so SIGINT is at its default (a script's background jobs ignore it).
set -m
"$MIDITASK" play --port "$main_port" --route "4=$drum_port" "$OUT/long.json" >"$OUT/int.out" 2>"$OUT/int.err" &
pid=$!
set +m
for _ in $(seq 200); do [ -s "$OUT/int.drums.jsonl" ] && [ -s "$OUT/int.main.jsonl" ] && break; sleep 0.05; done
sleep 1.3
kill -INT "$pid"
wait "$pid"
rc=$?
stop_two
[ $rc -eq 130 ] || fail "Ctrl-C: exit status $rc, wanted 130: $(cat "$OUT/int.err")"
for side in main drums; do
    python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/int.$side.jsonl" --min-notes 5 \
        || fail "Ctrl-C left notes sounding on the $side port"
done

# 3. panic reaches a port.
start_capture "$OUT/panic.jsonl"
"$MIDITASK" panic --port "$main_port" >"$OUT/panic.out" 2>"$OUT/panic.err" || fail "panic failed: $(cat "$OUT/panic.err")"
stop_capture
python3 "$VMDIR/route_check.py" panic --capture "$OUT/panic.jsonl" || fail "panic bytes wrong"
echo "PASS alsa-route"
