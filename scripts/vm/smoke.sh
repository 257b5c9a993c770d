#!/usr/bin/env bash
# End-to-end check of the VM harness; runs INSIDE the VM:
#
#   scripts/vm/run.sh -- scripts/vm/smoke.sh
#
# 1. lists the sequencer ports, finds the VirMIDI port by name;
# 2. captures /dev/snd/midiC*D* (midi_capture.py) while aplaymidi plays a small MIDI
#    file made with mido to that port, then parses the capture (midi_parse.py) and
#    checks that the expected messages arrived, in order, at about the right times;
# 3. plays the file with FluidSynth to hw:Loopback,0,0 while arecord records
#    hw:Loopback,1,0, and checks the recording is not silent.
# Results go to $VM_OUT/smoke/. Exit status 0 only if every check passed.
# SMOKE_TIMING_TOL_MS (default 150): allowed onset error of each MIDI message.
# SMOKE_SF2: soundfont (default /usr/share/sounds/sf2/FluidR3_GM.sf2, else default-GM.sf2).
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -z "${VM_OUT:-}" ]; then
    echo "smoke.sh: VM_OUT is not set; run it as: scripts/vm/run.sh -- scripts/vm/smoke.sh" >&2
    exit 2
fi
out="$VM_OUT/smoke"
rm -rf "$out"
mkdir -p "$out" || exit 2

t_start=$(date +%s%N)
log() { printf '[smoke %6.2fs] %s\n' "$(( ($(date +%s%N) - t_start) / 1000000 ))e-3" "$*"; }
fail() { echo "smoke.sh: FAIL: $*" >&2; exit 1; }

pids=()
cleanup() {
    for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null; done
    for p in ${pids[@]+"${pids[@]}"}; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

log "guest uptime at start: $(cut -d' ' -f1 /proc/uptime) s (kernel $(uname -r))"

# Python: run.sh passes the host's real interpreter as $VM_PYTHON. Every Python start
# costs seconds in the emulated guest, so there are only three: the capture, the MIDI
# file (needs mido) and one final check. The stdlib-only ones run with -S (no site:
# this machine's site-packages has a .pth that imports certifi at every start).
PY="${VM_PYTHON:-$(command -v python3)}"
[ -n "$PY" ] || fail "no python3"
log "python: $PY"

# ---------------------------------------------------------------- ports
log "sound cards:"
cat /proc/asound/cards
log "aplaymidi -l:"
aplaymidi -l | tee "$out/ports.txt" || fail "aplaymidi -l failed"
log "aconnect -l:"
aconnect -l

virmidi_port=$(awk 'NR > 1 && /VirMIDI/ { print $1; exit }' "$out/ports.txt")
through_port=$(awk 'NR > 1 && /Midi Through/ { print $1; exit }' "$out/ports.txt")
[ -n "$virmidi_port" ] || fail "no VirMIDI port in aplaymidi -l"
[ -n "$through_port" ] || fail "no Midi Through port in aplaymidi -l"
loop_card=$(awk '$3 == "Loopback" || /\[Loopback/ { print $1; exit }' /proc/asound/cards)
[ -n "$loop_card" ] || fail "no Loopback card in /proc/asound/cards"
log "virmidi port $virmidi_port, Midi Through port $through_port, Loopback card $loop_card"

# ---------------------------------------------------------------- MIDI file
# The capture starts now, so its start-up overlaps the MIDI file's.
"$PY" -S -u "$here/midi_capture.py" --out "$out/capture.jsonl" \
    >"$out/capture.stdout" 2>"$out/capture.stderr" &
cap_pid=$!
pids+=("$cap_pid")

log "making the MIDI file with mido"
"$PY" - "$out" <<'EOF' || fail "could not write the MIDI file (is mido installed? scripts/vm/setup.sh)"
import json, sys
import mido

out = sys.argv[1]
tpb = 480                       # 120 bpm: 480 ticks = 0.5 s
events = [                      # (tick, message)
    (0, mido.Message("program_change", channel=0, program=19)),
    (0, mido.Message("control_change", channel=1, control=7, value=100)),
    (0, mido.Message("note_on", channel=0, note=60, velocity=100)),
    (240, mido.Message("note_on", channel=1, note=64, velocity=90)),
    (480, mido.Message("note_off", channel=0, note=60, velocity=64)),
    (480, mido.Message("note_on", channel=0, note=62, velocity=100)),
    (720, mido.Message("note_off", channel=1, note=64, velocity=0)),
    (960, mido.Message("note_off", channel=0, note=62, velocity=0)),
    (960, mido.Message("note_on", channel=1, note=67, velocity=80)),
    (1440, mido.Message("note_on", channel=1, note=67, velocity=0)),  # = note off
]
mf = mido.MidiFile(type=0, ticks_per_beat=tpb)
track = mido.MidiTrack()
mf.tracks.append(track)
track.append(mido.MetaMessage("set_tempo", tempo=500000, time=0))
last = 0
for tick, msg in events:
    track.append(msg.copy(time=tick - last))
    last = tick
track.append(mido.MetaMessage("end_of_track", time=0))
mf.save(f"{out}/smoke.mid")

expected = []
for tick, msg in events:
    d = {"t_s": tick / tpb * 0.5, "type": msg.type, "channel": msg.channel}
    if msg.type in ("note_on", "note_off"):
        d["note"], d["velocity"] = msg.note, msg.velocity
        if msg.type == "note_on" and msg.velocity == 0:
            d["type"] = "note_off"
    elif msg.type == "control_change":
        d["control"], d["value"] = msg.control, msg.value
    elif msg.type == "program_change":
        d["program"] = msg.program
    expected.append(d)
with open(f"{out}/expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print(f"wrote {out}/smoke.mid: {len(events)} events, {mf.length:.2f} s")
EOF

# ---------------------------------------------------------------- capture + play
for _ in $(seq 1200); do
    grep -qx ready "$out/capture.stdout" 2>/dev/null && break
    kill -0 "$cap_pid" 2>/dev/null || { cat "$out/capture.stderr" >&2; fail "midi_capture.py exited early"; }
    sleep 0.1
done
grep -qx ready "$out/capture.stdout" || fail "midi_capture.py not ready after 120 s"
log "capture ready: $(cat "$out/capture.stderr")"

log "aplaymidi -p $virmidi_port smoke.mid"
aplaymidi -p "$virmidi_port" "$out/smoke.mid" || fail "aplaymidi failed"
sleep 0.3
kill -TERM "$cap_pid"
wait "$cap_pid"
cap_rc=$?
[ "$cap_rc" -eq 0 ] || { cat "$out/capture.stderr" >&2; fail "midi_capture.py exited $cap_rc"; }
log "capture stopped ($(tail -n 1 "$out/capture.stderr")); raw chunks:"
head -n 20 "$out/capture.jsonl"

# ---------------------------------------------------------------- audio via loopback
# SMOKE_SF2 picks another soundfont (soundfonts/miditask-gm.sf2 loads faster).
sf2="${SMOKE_SF2:-}"
if [ -z "$sf2" ]; then
    for f in /usr/share/sounds/sf2/FluidR3_GM.sf2 /usr/share/sounds/sf2/default-GM.sf2; do
        [ -r "$f" ] && { sf2=$f; break; }
    done
fi
[ -n "$sf2" ] && [ -r "$sf2" ] || fail "no GM soundfont in /usr/share/sounds/sf2 (apt-get install fluid-soundfont-gm)"

# Both sides of the loopback must use the same rate, format and channels: the side
# opened first (arecord) fixes them for the other. arecord runs until FluidSynth is
# done (loading the soundfont alone takes seconds here), then gets SIGINT, on which it
# finishes the WAV file. It records into the guest's own /tmp (memory) rather than
# the rwdir (a 9p mount with sync writes) and the file is copied afterwards.
wav="$out/loopback.wav"
guest_tmp=$(mktemp -d /tmp/smoke.XXXXXX) || fail "mktemp failed"
log "arecord -D hw:Loopback,1,0 -f S16_LE -r 44100 -c 2 -B 4000000 (background)"
# A 4 s capture buffer (default 0.5 s) rides out the guest being starved of CPU on a
# busy host; FluidSynth, opening the other side second, gets matching period/buffer.
arecord -D hw:Loopback,1,0 -f S16_LE -r 44100 -c 2 -B 4000000 -d "${SMOKE_RECORD_MAX_S:-120}" \
    "$guest_tmp/loopback.wav" 2>"$out/arecord.stderr" &
rec_pid=$!
pids+=("$rec_pid")
sleep 0.5
kill -0 "$rec_pid" 2>/dev/null || { cat "$out/arecord.stderr" >&2; fail "arecord exited early"; }
# dynamic-sample-loading: load only the samples the song uses; FluidR3_GM.sf2 is
# 148 MB and every byte of it would come through 9p.
# Note the hardware parameters both sides got, once FluidSynth has opened its side.
pcm=/proc/asound/card$loop_card
(
    for _ in $(seq 1200); do
        if ! grep -q closed "$pcm/pcm0p/sub0/hw_params" 2>/dev/null; then
            { echo "playback (hw:Loopback,0,0):"; cat "$pcm/pcm0p/sub0/hw_params"
              echo "capture (hw:Loopback,1,0):"; cat "$pcm/pcm1c/sub0/hw_params"; } >"$out/hw_params.txt"
            exit 0
        fi
        sleep 0.1
    done
) &
pids+=($!)
log "fluidsynth -ni -a alsa -o audio.alsa.device=hw:Loopback,0,0 -r 44100 $sf2 smoke.mid"
fluidsynth -ni -a alsa -o audio.alsa.device=hw:Loopback,0,0 -r 44100 -g 1.0 \
    -o synth.dynamic-sample-loading=1 \
    "$sf2" "$out/smoke.mid" >"$out/fluidsynth.log" 2>&1
fs_rc=$?
sed 's/^/  fluidsynth: /' "$out/fluidsynth.log"
[ "$fs_rc" -eq 0 ] || fail "fluidsynth exited $fs_rc"
sleep 0.5
log "fluidsynth done; stopping arecord"
kill -INT "$rec_pid" 2>/dev/null
wait "$rec_pid"
rec_rc=$?
sed 's/^/  arecord: /' "$out/arecord.stderr"
[ ! -s "$out/hw_params.txt" ] || sed 's/^/  /' "$out/hw_params.txt"
# arecord exits 1 when stopped by a signal; the WAV file is checked below.
[ "$rec_rc" -le 1 ] || fail "arecord exited $rec_rc"
cp "$guest_tmp/loopback.wav" "$wav" || fail "cannot copy the recording to $out"
if command -v sox >/dev/null 2>&1; then
    sox "$wav" -n stat 2>&1 | sed 's/^/  sox: /'
fi

# ---------------------------------------------------------------- checks
log "checking the MIDI capture and the recording"
"$PY" -S - "$here" "$out" "$wav" "${SMOKE_TIMING_TOL_MS:-150}" <<'EOF'
import array, json, math, sys, wave
sys.path.insert(0, sys.argv[1])
import midi_parse

out, wav_path, tol_ms = sys.argv[2], sys.argv[3], float(sys.argv[4])
failed = []

# MIDI: the expected messages, in order, at about the right times.
expected = json.load(open(f"{out}/expected.json"))
msgs = [m for m in midi_parse.parse_capture_file(f"{out}/capture.jsonl")
        if not midi_parse.is_realtime(m)]
with open(f"{out}/parsed.jsonl", "w") as f:
    for m in msgs:
        f.write(json.dumps(m) + "\n")

def key(m):
    return {k: v for k, v in m.items() if k not in ("t_ns", "t_s")}

got_keys, want_keys = [key(m) for m in msgs], [key(e) for e in expected]
for i in range(max(len(got_keys), len(want_keys))):
    g = got_keys[i] if i < len(got_keys) else None
    w = want_keys[i] if i < len(want_keys) else None
    if g == w:
        print(f"  ok  {g}")
    else:
        print(f"  BAD got  {g}\n      want {w}")
if got_keys != want_keys:
    failed.append(f"MIDI messages differ (got {len(msgs)}, expected {len(expected)})")
else:
    t0 = msgs[0]["t_ns"]
    errs = [abs((m["t_ns"] - t0) / 1e6 - e["t_s"] * 1000) for m, e in zip(msgs, expected)]
    print(f"  MIDI: {len(msgs)} messages in order; onset error vs file: "
          f"max {max(errs):.2f} ms, mean {sum(errs) / len(errs):.2f} ms (tolerance {tol_ms:g} ms)")
    if max(errs) > tol_ms:
        failed.append("MIDI timing out of tolerance")

# Audio: the loopback recording is not silent. Pure-Python loops over a million
# samples take a minute in the emulated guest; audioop (C, Python <= 3.12) does not.
import warnings
warnings.simplefilter("ignore", DeprecationWarning)
try:
    import audioop
except ImportError:
    audioop = None
w = wave.open(wav_path)
rate, width, ch = w.getframerate(), w.getsampwidth(), w.getnchannels()
raw = w.readframes(w.getnframes())
n = len(raw) // (width * ch)
block = rate // 100 * width * ch                                # 10 ms blocks
if audioop and width == 2:
    peak, rms = audioop.max(raw, 2), audioop.rms(raw, 2)
    levels = [audioop.max(raw[i:i + block], 2) for i in range(0, len(raw), block)]
else:
    a = array.array("h", raw)
    if sys.byteorder != "little":
        a.byteswap()
    peak = max(max(a, default=0), -min(a, default=0))
    rms = int(math.sqrt(sum(x * x for x in a[::16]) / max(1, len(a[::16]))))
    step = block // 2
    levels = [max(max(a[i:i + step]), -min(a[i:i + step])) for i in range(0, len(a), step)]
loud = [i for i, lv in enumerate(levels) if lv > 328]           # above 1% of full scale
span = f"{loud[0] / 100:.2f}-{(loud[-1] + 1) / 100:.2f} s" if loud else "none"
print(f"  audio: {n} frames, {rate} Hz, {width * 8} bit, {ch} ch ({n / rate:.2f} s); "
      f"peak {peak}, rms {rms}, sound at {span}")
if not (width == 2 and ch == 2 and peak > 1000 and rms > 20):
    failed.append("recording is silent or has the wrong format")

for f in failed:
    print(f"FAIL: {f}")
sys.exit(1 if failed else 0)
EOF
[ $? -eq 0 ] || fail "checks failed (see above; files in $out)"
log "SMOKE PASSED (files in $out)"
