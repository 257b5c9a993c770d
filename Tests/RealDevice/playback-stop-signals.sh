#!/usr/bin/env bash
# Ctrl-C and SIGTERM during `miditask play --port` end every sounding note on a
# real ALSA sequencer port (snd-virmidi), read back as MIDI bytes, and exit with
# 130 and 143.
#
# Run inside the VM: scripts/vm/run.sh -- Tests/RealDevice/playback-stop-signals.sh
set -u
MIDITASK=${MIDITASK:-.build/debug/miditask}
out=${VM_OUT:?run this inside scripts/vm/run.sh, which sets VM_OUT}
vm=scripts/vm
fail() { echo "FAIL: $*"; exit 1; }

[ -x "$MIDITASK" ] || fail "no miditask binary at $MIDITASK (build it, or set MIDITASK)"
port=$(aplaymidi -l | awk '/Virtual Raw MIDI/ { print $1; exit }')
[ -n "$port" ] || fail "no VirMIDI sequencer port in 'aplaymidi -l'"

# Eight long notes on two instruments, all still sounding 2 s in, when the signal comes.
task="$out/long-notes.json"
python3 - "$task" <<'PY'
import json, sys
notes = lambda base: [{"pitch": base + i, "start": i * 0.1, "end": 30.0, "velocity": 0.8} for i in range(4)]
json.dump({"state": "complete", "instruments": [
    {"name": "Acoustic Grand Piano", "notes": notes(60)},
    {"name": "Violin", "notes": notes(72)}]}, open(sys.argv[1], "w"))
PY

for signal in INT TERM; do
    capture="$out/capture-$signal.jsonl"
    python3 "$vm/midi_capture.py" --out "$capture" >"$out/capture-$signal.stdout" 2>&1 &
    capturer=$!
    for _ in $(seq 100); do grep -q ready "$out/capture-$signal.stdout" 2>/dev/null && break; sleep 0.1; done
    grep -q ready "$out/capture-$signal.stdout" || fail "midi_capture.py did not start: $(cat "$out/capture-$signal.stdout")"

    "$MIDITASK" play "$task" --port "$port" --quiet 2>"$out/play-$signal.stderr" &
    player=$!
    sleep 2
    kill -0 "$player" 2>/dev/null || fail "play ended before SIG$signal: $(cat "$out/play-$signal.stderr")"
    kill -"$signal" "$player"
    # A hang is a failure too: give it 10 s (emulated VM).
    for _ in $(seq 100); do kill -0 "$player" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$player" 2>/dev/null; then kill -KILL "$player"; fail "play did not end within 10 s of SIG$signal"; fi
    wait "$player"
    status=$?
    sleep 0.5
    kill "$capturer"; wait "$capturer"

    expected=$([ "$signal" = INT ] && echo 130 || echo 143)
    [ "$status" -eq "$expected" ] || fail "SIG$signal: exit status $status, expected $expected; stderr: $(cat "$out/play-$signal.stderr")"

    python3 - "$vm" "$capture" "$signal" <<'PY' || exit 1
import sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
messages = [m for m in parse_capture_file(sys.argv[2]) if m["type"] in ("note_on", "note_off", "control_change")]
sounding, used = set(), set()
for m in messages:
    key = (m["channel"], m.get("note"))
    if m["type"] == "note_on":
        sounding.add(key); used.add(m["channel"])
    elif m["type"] == "note_off":
        sounding.discard(key)
ons = sum(m["type"] == "note_on" for m in messages)
if ons < 8:
    sys.exit(f"FAIL: SIG{sys.argv[3]}: only {ons} note-ons arrived before the signal (expected all 8)")
if sounding:
    sys.exit(f"FAIL: SIG{sys.argv[3]}: notes left without a note-off: {sorted(sounding)}")
last_on = max(i for i, m in enumerate(messages) if m["type"] == "note_on")
after = [(m["channel"], m["control"], m["value"]) for m in messages[last_on:] if m["type"] == "control_change"]
for ch in sorted(used):
    for cc in (120, 123, 64):
        if (ch, cc, 0) not in after:
            sys.exit(f"FAIL: SIG{sys.argv[3]}: channel {ch + 1} did not get CC{cc}=0 after the last note-on")
print(f"SIG{sys.argv[3]}: {ons} notes, all ended; CC120/123/64 on channels {[c + 1 for c in sorted(used)]}")
PY
done
echo "PASS: SIGINT and SIGTERM stopped play cleanly on $port"
