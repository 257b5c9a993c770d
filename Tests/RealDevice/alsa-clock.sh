#!/usr/bin/env bash
# MIDI clock at the song's own tempo on the snd-virmidi port: a groove at
# 97.3 BPM whose first bar starts at 0.73 s, played with --clock and no --bpm.
# The clock must start on that first downbeat, tick 60/(24·BPM) apart at the
# tempo `info` estimates, land its every 24th tick on the drums' beats, and
# end with Stop (no clock after) when Ctrl-C stops the song. Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-clock
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

python3 - "$OUT/groove.json" <<'PY' || fail "writing the groove failed"
import json, random, sys
random.seed(7)
beat, first = 60 / 97.3, 0.73
drums, bass = [], []
def hit(notes, pitch, t, length, velocity):
    t += random.gauss(0, 0.006)
    notes.append({"pitch": pitch, "start": round(t, 4), "end": round(t + length, 4), "velocity": velocity})
for k in range(40):                     # ten bars of 4/4
    t = first + k * beat
    hit(drums, 36 if k % 2 == 0 else 38, t, 0.1, 0.9)
    hit(drums, 42, t, 0.05, 0.6)
    hit(drums, 42, t + beat / 2, 0.05, 0.4)
    hit(bass, [40, 45, 43, 38][(k // 4) % 4], t, beat * 0.8, 0.8)
json.dump({"task_id": "groove-97", "data": {"state": "complete", "instruments": [
    {"name": "Drums", "notes": drums}, {"name": "Electric Bass (finger)", "notes": bass}]}}, open(sys.argv[1], "w"))
PY

"$MIDITASK" info --json "$OUT/groove.json" >"$OUT/info.json" 2>"$OUT/info.err" || fail "info failed: $(cat "$OUT/info.err")"

start_capture "$OUT/clock.jsonl"
# Started with job control, so SIGINT is at its default (a script's background jobs ignore it).
set -m
"$MIDITASK" "${PLAY[@]}" --port virmidi --clock "$OUT/groove.json" >"$OUT/play.out" 2>"$OUT/play.err" &
pid=$!
set +m
for _ in $(seq 200); do [ -s "$OUT/clock.jsonl" ] && break; sleep 0.05; done
sleep 9
signal_at INT "$pid" >/dev/null
wait "$pid"
rc=$?
stop_capture
[ $rc -eq 130 ] || fail "Ctrl-C: exit $rc, expected 130: $(cat "$OUT/play.err")"
grep -q "tempo is not clear" "$OUT/play.err" && fail "the groove's tempo was not trusted: $(cat "$OUT/play.err")"

python3 - "$VMDIR" "$OUT/clock.jsonl" "$OUT/info.json" "$OUT/groove.json" <<'PY' || fail "the clock does not follow the song"
import json, sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
msgs = parse_capture_file(sys.argv[2])
tempo = json.load(open(sys.argv[3]))["tempo"]
task = json.load(open(sys.argv[4]))
bpm, first_beat = tempo["bpm"], tempo["firstBeatSeconds"]
if abs(bpm / 97.3 - 1) > 0.01:
    sys.exit(f"info estimated {bpm:.2f} BPM for a 97.3 BPM groove")

rt = [m for m in msgs if m["type"] in ("start", "stop", "continue", "clock")]
kinds = [m["type"] for m in rt]
if not kinds or kinds[0] != "start" or kinds[-1] != "stop" or "stop" in kinds[:-1]:
    sys.exit(f"expected Start, clocks, then Stop last: {kinds[:3]} ... {kinds[-3:]}")
start = rt[0]["t_ns"]
clocks = [m["t_ns"] for m in rt if m["type"] == "clock"]

# Start on the first downbeat: the song's first note-on is its earliest note.
ons = [m for m in msgs if m["type"] == "note_on" and m["velocity"] > 0]
song_start = min(n["start"] for i in task["data"]["instruments"] for n in i["notes"])
expected = ons[0]["t_ns"] + (first_beat - song_start) * 1e9
if abs(start - expected) > 25e6:
    sys.exit(f"Start came {(start - expected) / 1e6:+.1f} ms from the first downbeat")

# The interval: a line through all the clocks (the VM's wake-up jitter averages
# out), and the median gap; both 60/(24·BPM) of the estimate.
n = len(clocks)
xs = range(n)
mx, my = (n - 1) / 2, sum(clocks) / n
slope = sum((x - mx) * (y - my) for x, y in zip(xs, clocks)) / sum((x - mx) ** 2 for x in xs)
gaps = sorted(b - a for a, b in zip(clocks, clocks[1:]))
median = gaps[len(gaps) // 2]
want = 60e9 / (24 * bpm)
print(f"clock: {n} clocks, interval {slope / 1e6:.3f} ms by fit, median {median / 1e6:.3f} ms; "
      f"60/(24·{bpm:.2f} BPM) = {want / 1e6:.3f} ms")
if abs(slope / want - 1) > 0.002:
    sys.exit(f"clock interval {slope / 1e6:.3f} ms, expected {want / 1e6:.3f}")
if abs(median / want - 1) > 0.05:
    sys.exit(f"median clock gap {median / 1e6:.3f} ms, expected {want / 1e6:.3f}")

# Phase: every 24th clock is a beat; the kicks and snares are on the beats.
beat_clocks = clocks[::24]
drums = [m["t_ns"] for m in ons if m["channel"] == 9 and m["note"] in (36, 38)]
offsets = sorted(abs(min(beat_clocks, key=lambda c: abs(c - d)) - d) / 1e6 for d in drums if d < clocks[-1])
med = offsets[len(offsets) // 2]
print(f"phase: kicks and snares {med:.1f} ms (median) from the beat clocks, {len(offsets)} hits")
if med > 15:
    sys.exit(f"the clock's beats are {med:.1f} ms from the drums' (median)")

# Ctrl-C: Stop is the last real-time message; nothing ticks after it.
if any(m["type"] == "clock" and m["t_ns"] > rt[-1]["t_ns"] for m in msgs):
    sys.exit("clock after Stop")
PY
echo "PASS alsa-clock"
