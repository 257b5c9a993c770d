#!/usr/bin/env bash
# FluidSynth plays a task to the loopback sound card (ALSA driver, hw:Loopback,0,0)
# while arecord records the other side (hw:Loopback,1,0): the recording is not
# silent, sounds as long as the task (plus release), and its onsets are spaced
# like the task's notes (coarse bound: the VM is emulated). Run inside the VM:
#   scripts/vm/run.sh --timeout 600 -- Tests/RealDevice/fluidsynth-play.sh
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
here=$(cd "$(dirname "$0")" && pwd)
MIDITASK=${MIDITASK:-.build/debug/miditask}
OUT=${VM_OUT:-$(mktemp -d)}
fail() { echo "FAIL: $*"; exit 1; }

[ -x "$MIDITASK" ] || fail "no miditask binary at $MIDITASK (build it first)"
[ -e /proc/asound/Loopback ] || modprobe snd-aloop 2>/dev/null || true
[ -e /proc/asound/Loopback ] || fail "no loopback card (snd-aloop); run inside scripts/vm/run.sh"

# Piano, bass and drums, 0.5 s apart, short notes: onsets stand clear of releases.
# An organ note ends the song: it holds its level until the note-off, so the end
# of the sound is the note-off (plus release), not a decaying sample's.
cat >"$OUT/task.json" <<'JSON'
{"state": "complete", "instruments": [
  {"name": "Acoustic Grand Piano", "notes": [
    {"pitch": 60, "start": 0.5, "end": 0.65, "velocity": 0.8},
    {"pitch": 64, "start": 1.0, "end": 1.15, "velocity": 0.8},
    {"pitch": 67, "start": 1.5, "end": 1.65, "velocity": 0.8}]},
  {"name": "Drawbar Organ", "notes": [
    {"pitch": 72, "start": 3.0, "end": 3.3, "velocity": 0.8}]},
  {"name": "Electric Bass (finger)", "notes": [
    {"pitch": 40, "start": 2.0, "end": 2.2, "velocity": 0.9}]},
  {"name": "Drums", "notes": [
    {"pitch": 38, "start": 2.5, "end": 2.6, "velocity": 0.9}]}]}
JSON

# `play` once it drives FluidSynth; until then the benchmark's live mode
# (the same FluidSynthMIDIOutput driven by the same Player).
if "$MIDITASK" play --help 2>/dev/null | grep -q -- "--audio-driver"; then
    PLAY=("$MIDITASK" play)
else
    PLAY=("$MIDITASK" bench render --play)
fi

# The project's small SoundFont loads in a second where FluidR3 takes ~15 s emulated.
SOUNDFONT=()
[ -f soundfonts/miditask-gm.sf2 ] && SOUNDFONT=(--soundfont soundfonts/miditask-gm.sf2)

# Record from before the synth starts until after it closed (arecord writes a
# whole WAV file when interrupted).
arecord -q -D hw:Loopback,1,0 -f S16_LE -r 44100 -c 2 "$OUT/recording.wav" 2>"$OUT/arecord.err" &
recorder=$!
sleep 0.5
# Larger buffers than FluidSynth's 64 x 16 frames: the emulated VM underruns small ones.
"${PLAY[@]}" --audio-driver alsa --audio-device hw:Loopback,0,0 --buffer-size 512 --buffer-count 8 \
    --no-reverb --no-chorus \
    ${SOUNDFONT[@]+"${SOUNDFONT[@]}"} "$OUT/task.json" >"$OUT/play.out" 2>"$OUT/play.err"
rc=$?
sleep 0.5
kill -INT $recorder
wait $recorder
rec_rc=$?
# Stopped by our SIGINT, as intended: arecord then exits 1 (or 130) with the file whole.
case $rec_rc in 1|130) rec_rc=0 ;; esac
cat "$OUT/play.out"
[ $rc -eq 0 ] || fail "${PLAY[*]} exited $rc: $(cat "$OUT/play.err")"
[ $rec_rc -eq 0 ] || fail "arecord exited $rec_rc: $(cat "$OUT/arecord.err")"
python3 "$here/fluidsynth_check.py" "$OUT/task.json" "$OUT/recording.wav" || fail "the recording does not match the task"
echo "PASS fluidsynth-play"
