#!/usr/bin/env bash
# Onset timing through FluidSynth to the loopback sound card: 40 claves hits at
# irregular times, played by `miditask play` and by the `fluidsynth` command
# (the same notes as a MIDI file, the same SoundFont), each recorded from the
# card's other side at audio periods of 64, 256, 512, 1024 and 2048 frames
# (small periods with more of them: at least 4096 frames buffered, which the
# emulated VM needs to keep up; the period is what the timing depends on). Every
# recorded onset is compared with its note's time (after the constant latency,
# the median); miditask's error must be no worse than the command's, give or
# take the VM's noise (median within 0.5 ms of it, 90th percentile within 1 ms).
# Run inside the VM.
# time-limit: 720
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
here=$(cd "$(dirname "$0")" && pwd)
MIDITASK=${MIDITASK:-.build/debug/miditask}
OUT=${VM_OUT:-$(mktemp -d)}
mkdir -p "$OUT"
fail() { echo "FAIL fluidsynth-timing: $*"; exit 1; }

[ -e /proc/asound/Loopback ] || modprobe snd-aloop 2>/dev/null || true
[ -e /proc/asound/Loopback ] || fail "no loopback card (snd-aloop); run inside scripts/vm/run.sh"
command -v fluidsynth >/dev/null || fail "no fluidsynth command (scripts/setup.sh installs it)"
SF2=soundfonts/miditask-gm.sf2
[ -f "$SF2" ] || fail "no $SF2"

# Times on whole ticks of the exported file (120 BPM, 960 a beat: 1/1920 s), so
# both players are asked for exactly the same instants.
python3 - "$OUT/claves.json" <<'PY'
import json, sys
gaps = [173, 241, 97, 311, 129, 263, 151, 89, 337, 205]  # doubled: 93–351 ms apart, in ticks of 1/1920 s
ticks, notes = 960, []
for k in range(40):
    ticks += gaps[k % len(gaps)] * 2 + (k * 37) % 61
    t = ticks / 1920
    notes.append({"pitch": 75, "start": t, "end": t + 0.05, "velocity": 0.9})
json.dump({"task_id": "claves-40", "data": {"state": "complete", "instruments": [{"name": "Drums", "notes": notes}]}},
          open(sys.argv[1], "w"))
PY
"$MIDITASK" export "$OUT/claves.json" -o "$OUT/claves.mid" --tempo keep --force 2>"$OUT/export.err" \
    || fail "export: $(cat "$OUT/export.err")"

record() {  # [EXPECT_STATUS=N] record NAME COMMAND...
    local name=$1; shift
    arecord -q -D hw:Loopback,1,0 -f S16_LE -r 44100 -c 2 "$OUT/$name.wav" 2>"$OUT/$name.arecord.err" &
    local recorder=$!
    sleep 0.5
    "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
    local rc=$?
    sleep 0.5
    kill -INT $recorder; wait $recorder
    [ $rc -eq "${EXPECT_STATUS:-0}" ] || fail "$name: $* exited $rc: $(cat "$OUT/$name.err")"
    echo "recorded $name"
}

for period in 64 256 512 1024 2048; do
    count=$(( period >= 512 ? 4 : 4096 / period ))
    record "miditask-$period" "$MIDITASK" play "$OUT/claves.json" --quiet --audio-driver alsa \
        --audio-device hw:Loopback,0,0 --buffer-size $period --buffer-count $count --no-reverb --no-chorus \
        --sample-rate 44100 --soundfont "$SF2"
    record "fluidsynth-$period" fluidsynth -ni -q -a alsa -o audio.alsa.device=hw:Loopback,0,0 \
        -o audio.period-size=$period -o audio.periods=$count -o synth.reverb.active=0 -o synth.chorus.active=0 \
        -r 44100 "$SF2" "$OUT/claves.mid"
done

# Transport through the timed driver: a loop from 3 s to 6 s, played over and
# over at 1024 frames (playback starts at 3 s) until SIGTERM, 45 s on: long
# enough for the emulated VM to start the debug binary (up to ~20 s) and play
# several passes; play's own status (143) is kept. Every jump back is a seek
# the scheduler makes while playing; the hits after it must keep their time as
# well as the plain playback's do (the recording itself is the clock).
EXPECT_STATUS=143 record loop timeout --preserve-status -s TERM 45 "$MIDITASK" play "$OUT/claves.json" --quiet \
    --loop 3:6 --audio-driver alsa --audio-device hw:Loopback,0,0 --buffer-size 1024 --buffer-count 4 \
    --no-reverb --no-chorus --sample-rate 44100 --soundfont "$SF2"

python3 - "$OUT" <<'PY' || fail "miditask's onsets are less accurate than the fluidsynth command's"
import json, statistics, sys, wave
from array import array
out = sys.argv[1]
task = json.load(open(f"{out}/claves.json"))
notes = [n["start"] for n in task["data"]["instruments"][0]["notes"]]

def onsets(path):
    with wave.open(path) as w:
        rate = w.getframerate()
        s = array("h", w.readframes(w.getnframes()))
    level = [max(abs(a), abs(b)) for a, b in zip(s[0::2], s[1::2])]
    peak = max(level)
    loud, quiet = peak * 0.25, peak * 0.02
    found, i, n = [], 0, len(level)
    while i < n:
        if level[i] > loud:
            # Back to where it left the quiet floor: the hit's first sample.
            j = i
            while j > 0 and level[j - 1] > quiet:
                j -= 1
            found.append(j / rate)
            i += rate // 25            # 40 ms: the hit's own ringing
            continue
        i += 1
    return found

worse, rows = [], {}
for period in (64, 256, 512, 1024, 2048):
    row = rows[period] = {}
    for tool in ("fluidsynth", "miditask"):
        found = onsets(f"{out}/{tool}-{period}.wav")
        if len(found) != len(notes):
            sys.exit(f"{tool} at {period}: {len(found)} onsets for {len(notes)} notes")
        # The first hit is left out: in the emulated VM it comes late while QEMU
        # first translates the code that renders a voice.
        lat = statistics.median(f - t for f, t in zip(found[1:], notes[1:]))
        errs = sorted(abs(f - t - lat) * 1000 for f, t in zip(found[1:], notes[1:]))
        row[tool] = (statistics.median(errs), errs[int(len(errs) * 0.9)], errs[-1])
        print(f"period {period:5d}: {tool:10s} onset error median {row[tool][0]:.2f} ms, 90th percentile "
              f"{row[tool][1]:.2f} ms, max {row[tool][2]:.2f} ms (latency {lat * 1000:.1f} ms)")
    # The 90th percentile rather than the max: the emulated VM now and then
    # underruns (either player), and the notes after it come late for a while.
    (fm, f90, _), (mm, m90, _) = row["fluidsynth"], row["miditask"]
    if mm > fm + 0.5 or m90 > f90 + 1.0:
        worse.append(period)

# The loop: playback starts at the loop's start, so the hits of 3-6 s again and again.
a, b = 3.0, 6.0
inside = [t for t in notes if a <= t < b]
found = onsets(f"{out}/loop.wav")
if len(found) < 3 * len(inside):
    sys.exit(f"loop: {len(found)} onsets, fewer than three passes ({3 * len(inside)})")
expected, passes = [], 0
while len(expected) < len(found):
    expected += [passes * (b - a) + (t - a) for t in inside]
    passes += 1
expected = expected[:len(found)]
lat = statistics.median(f - t for f, t in zip(found[1:], expected[1:]))
errs = [abs(f - t - lat) * 1000 for f, t in zip(found[1:], expected[1:])]
after_jump = [errs[i - 1] for i in range(len(inside), len(found), len(inside))]
errs.sort()
lm, l90, lmax = statistics.median(errs), errs[int(len(errs) * 0.9)], errs[-1]
print(f"loop 3-6 s at 1024: {len(found)} onsets ({passes} passes), onset error median {lm:.2f} ms, "
      f"90th percentile {l90:.2f} ms, max {lmax:.2f} ms; first hit after each jump "
      + ", ".join(f"{e:.2f}" for e in after_jump) + " ms")
# Against the command's plain playback at the same period, with the same slack.
fm, f90, _ = rows[1024]["fluidsynth"]
if lm > fm + 0.5 or l90 > f90 + 1.0:
    worse.append("1024 (loop)")
if worse:
    sys.exit(f"worse than the fluidsynth command at periods {worse}")
PY
echo "PASS fluidsynth-timing"
