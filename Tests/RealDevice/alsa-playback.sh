#!/usr/bin/env bash
# Playing a task to the snd-virmidi port puts exactly the expected MIDI bytes on
# the wire (decoded with running status): bank, program, controllers and every
# note-on/off of piano, bass, strings and drums, in order, then the closing
# silence; onsets within a coarse bound of the task's times (the VM is emulated).
# Also: MIDI clock with --clock (start, 24 per beat, stop). Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-playback
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task song 4
start_capture "$OUT/song.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi "$OUT/song.json" >"$OUT/play.out" 2>"$OUT/play.err"
rc=$?
stop_capture
[ $rc -eq 0 ] || fail "play exited $rc: $(cat "$OUT/play.err")"
python3 "$ALSA_DIR/alsa_check.py" playback --mid "$OUT/song.mid" --capture "$OUT/song.jsonl" \
    --max-error-ms "${ALSA_MAX_ERROR_MS:-80}" || fail "the captured stream differs (see above)"

# The clock: start first, stop last, 24 clocks per quarter note at --bpm.
make_task short 1
start_capture "$OUT/clock.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi --clock --bpm 150 "$OUT/short.json" >"$OUT/clock.out" 2>"$OUT/clock.err"
rc=$?
stop_capture
[ $rc -eq 0 ] || fail "play --clock exited $rc: $(cat "$OUT/clock.err")"
python3 - "$VMDIR" "$OUT/clock.jsonl" <<'PY' || fail "clock stream wrong"
import sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
msgs = parse_capture_file(sys.argv[2])
rt = [m for m in msgs if m["type"] in ("start", "stop", "clock")]
kinds = [m["type"] for m in rt]
if not kinds or kinds[0] != "start" or kinds[-1] != "stop" or "start" in kinds[1:] or "stop" in kinds[:-1]:
    sys.exit(f"FAIL: expected start, clocks, stop; got {kinds[:5]} ... {kinds[-5:]}")
clocks = [m["t_ns"] for m in rt if m["type"] == "clock"]
# 1 s + end of last note at 150 bpm: 60 clocks per second; the song lasts 1.0–1.2 s.
span = (msgs[-1]["t_ns"] - msgs[0]["t_ns"]) / 1e9
gaps = sorted((b - a) / 1e6 for a, b in zip(clocks, clocks[1:]))
p50 = gaps[len(gaps) // 2]
if not (abs(p50 - 1000 / 60) < 2):
    sys.exit(f"FAIL: median clock interval {p50:.2f} ms, expected {1000/60:.2f}")
if abs(len(clocks) - 60 * span) > 3:
    sys.exit(f"FAIL: {len(clocks)} clocks over {span:.3f} s at 150 bpm")
print(f"clock: {len(clocks)} clocks, median interval {p50:.2f} ms (expected 16.67)")
PY
echo "PASS alsa-playback"
