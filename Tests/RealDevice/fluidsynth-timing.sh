#!/usr/bin/env bash
# Onset timing through FluidSynth to the loopback sound card: 40 claves hits at
# irregular times, played by `miditask play` and by the `fluidsynth` command
# (the same notes as a MIDI file, the same SoundFont), each recorded from the
# card's other side at audio periods of 64, 256, 512, 1024 and 2048 frames
# (small periods with more of them: at least 4096 frames buffered, which the
# emulated VM needs to keep up; the period is what the timing depends on). Every
# recorded onset is matched to its note's time (after the constant latency);
# miditask's error must be no worse than the command's, give or take the VM's
# noise (median within 0.5 ms of it, 90th percentile within 1 ms). See
# fluidsynth_timing_check.py for onsets that match no note and passes run again.
# Run inside the VM.
# time-limit: 900
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

record_period() {  # record_period P: both players at period P
    local period=$1 count=$(( $1 >= 512 ? 4 : 4096 / $1 ))
    record "miditask-$period" "$MIDITASK" play "$OUT/claves.json" --quiet --audio-driver alsa \
        --audio-device hw:Loopback,0,0 --buffer-size $period --buffer-count $count --no-reverb --no-chorus \
        --sample-rate 44100 --soundfont "$SF2"
    record "fluidsynth-$period" fluidsynth -ni -q -a alsa -o audio.alsa.device=hw:Loopback,0,0 \
        -o audio.period-size=$period -o audio.periods=$count -o synth.reverb.active=0 -o synth.chorus.active=0 \
        -r 44100 "$SF2" "$OUT/claves.mid"
}
for period in 64 256 512 1024 2048; do record_period $period; done

# Transport through the timed driver: a loop from 3 s to 6 s, played over and
# over at 1024 frames (playback starts at 3 s) until SIGTERM, 45 s on: long
# enough for the emulated VM to start the debug binary (up to ~20 s) and play
# several passes; play's own status (143) is kept. Every jump back is a seek
# the scheduler makes while playing; the hits after it must keep their time as
# well as the plain playback's do (the recording itself is the clock).
EXPECT_STATUS=143 record loop timeout --preserve-status -s TERM 45 "$MIDITASK" play "$OUT/claves.json" --quiet \
    --loop 3:6 --audio-driver alsa --audio-device hw:Loopback,0,0 --buffer-size 1024 --buffer-count 4 \
    --no-reverb --no-chorus --sample-rate 44100 --soundfont "$SF2"

# Onsets matched to their notes (one that matches none is refused and counted); a
# period whose pass failed (the emulated machine stalls now and then, under either
# player) is recorded once more, said in the output, and that second pass decides.
python3 "$here/fluidsynth_timing_check.py" "$OUT" | tee "$OUT/check.txt"
status=${PIPESTATUS[0]}
if [ "$status" -eq 3 ]; then
    for period in $(sed -n 's/^again: //p' "$OUT/check.txt"); do record_period "$period"; done
    python3 "$here/fluidsynth_timing_check.py" "$OUT" --last
    status=$?
fi
[ "$status" -eq 0 ] || fail "miditask's onsets are less accurate than the fluidsynth command's"
echo "PASS fluidsynth-timing"
