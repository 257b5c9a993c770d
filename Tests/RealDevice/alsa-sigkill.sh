#!/usr/bin/env bash
# What SIGKILL leaves: `play` with a long look-ahead (2 s of events queued in the
# sequencer ahead of the wire) killed mid-song. The kernel frees the client and its
# queue once the process is gone (its files closed), so nothing queued reaches the
# wire after that; the notes that were sounding stay on (nothing can catch SIGKILL),
# and `miditask panic` ends them.
# Run inside the VM.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-sigkill
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task long 30
start_capture "$OUT/kill.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi --lookahead 2000 "$OUT/long.json" >"$OUT/kill.out" 2>"$OUT/kill.err" &
pid=$!
for _ in $(seq 200); do [ -s "$OUT/kill.jsonl" ] && break; sleep 0.05; done
sleep 3
read -r killed gone < <(kill_until_gone "$pid") || fail "SIGKILL did not end play"
wait "$pid"
rc=$?
sleep 2.5   # longer than the look-ahead: anything still queued would have arrived
panicked=$(python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC))')
"$MIDITASK" panic --port virmidi >"$OUT/panic.out" 2>&1 || fail "panic failed: $(cat "$OUT/panic.out")"
stop_capture
[ $rc -eq 137 ] || fail "expected death by SIGKILL (137), got $rc"
python3 - "$VMDIR" "$OUT/kill.jsonl" "$killed" "$gone" "$panicked" <<'PY' || fail "the wire after SIGKILL"
import sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
msgs = list(parse_capture_file(sys.argv[2]))
killed, gone, panicked = (int(a) for a in sys.argv[3:6])
before = [m for m in msgs if m["t_ns"] < killed]
# Until the process is gone its client lives and its queue plays on, as the kernel's
# timer sends what is due: those are shown, not refused. After that, a few ms for bytes
# already on their way through the virtual device.
dying = [m for m in msgs if killed <= m["t_ns"] < gone + 5_000_000]
after = [m for m in msgs if gone + 5_000_000 <= m["t_ns"] < panicked]
if len([m for m in before if m["type"] == "note_on"]) < 10:
    sys.exit("it did not play before the kill")
print(f"SIGKILL: the process was gone {(gone - killed) / 1e6:.1f} ms after it; "
      f"{len(dying)} messages were due and sent meanwhile")
if after:
    sys.exit(f"{len(after)} messages reached the wire after the process was gone, e.g. {after[:3]}")
sounding = set()
for m in before:
    key = (m.get("channel"), m.get("note"))
    if m["type"] == "note_on" and m.get("velocity", 0) > 0:
        sounding.add(key)
    elif m["type"] in ("note_on", "note_off"):
        sounding.discard(key)
print(f"SIGKILL: nothing queued reached the wire once it was gone; {len(sounding)} notes were left sounding until panic")
PY
python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/kill.jsonl" --min-notes 10 || fail "panic did not end every note"
echo "PASS alsa-sigkill"
