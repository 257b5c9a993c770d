#!/usr/bin/env bash
# A stop signal at any instant from launch to exit: SIGINT and SIGTERM at a dozen
# instants over the first 5 s after `play` starts (while it reads the task, estimates
# the tempo, resolves or waits for ports, builds the clock track, starts the player,
# plays), with --clock, with a --route, with --wait-for-port. Each must exit 130 or 143
# within 2 s, leave nothing sounding on the wire, and send MIDI Stop after any Start.
# Then SIGINT inherited as ignored (a background job of a script): ignored throughout,
# and SIGTERM still stops it.
# Run inside the VM.
# time-limit: 1200
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-stop-anytime
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task long 30
instants=(0.1 0.3 0.6 1.0 1.4 1.8 2.3 2.8 3.4 4.0 4.5 5.0)
variants=("--clock" "--route Drums=14:0 --clock" "--route Drums=aseqdump --wait-for-port 20")

# check_wire CAPTURE: nothing left sounding; Stop after the last Start, no clock after it.
check_wire() {
    python3 "$ALSA_DIR/alsa_check.py" silent --capture "$1" --min-notes 0 >/dev/null || return 1
    python3 - "$VMDIR" "$1" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
kinds = [m["type"] for m in parse_capture_file(sys.argv[2]) if m["type"] in ("start", "continue", "stop", "clock")]
started = [i for i, k in enumerate(kinds) if k in ("start", "continue")]
if started:
    stops = [i for i, k in enumerate(kinds) if k == "stop" and i > started[-1]]
    if not stops:
        sys.exit(f"no Stop after Start: {kinds[-5:]}")
    if "clock" in kinds[stops[0]:]:
        sys.exit("clock after Stop")
PY
}

# Job control: each background job gets SIGINT at its default, as a command typed
# at a terminal would (without it, a script's background jobs ignore SIGINT).
set -m
n=0
for sig in INT TERM; do
    for i in "${!instants[@]}"; do
        n=$((n + 1))
        t=${instants[$i]}
        read -r -a opts <<<"${variants[$((i % 3))]}"
        name="$sig-$i"
        start_capture "$OUT/$name.jsonl"
        late=""
        if [[ "${opts[*]}" == *aseqdump* ]]; then
            # The routed port appears 2.5 s after launch: earlier signals land in the wait.
            (sleep 2.5; exec aseqdump >/dev/null 2>&1) &
            late=$!
        fi
        "$MIDITASK" "${PLAY[@]}" --port virmidi "${opts[@]}" "$OUT/long.json" >"$OUT/$name.out" 2>"$OUT/$name.err" &
        pid=$!
        sleep "$t"
        kill -s "$sig" "$pid"
        sent=$(now_ns)   # wall clock on both sides: no slow python start-up in between
        wait "$pid"
        rc=$?
        took=$(( ($(now_ns) - sent) / 1000000 ))
        stop_capture
        [ -n "$late" ] && { kill "$late" 2>/dev/null; pkill -x aseqdump; wait "$late" 2>/dev/null; }
        want=$((128 + $(kill -l "$sig")))
        [ "$rc" -eq "$want" ] || fail "SIG$sig at $t s (${opts[*]}): exit $rc, wanted $want: $(tail -n 3 "$OUT/$name.err")"
        [ "$took" -le 2000 ] || fail "SIG$sig at $t s (${opts[*]}): took $took ms to exit"
        check_wire "$OUT/$name.jsonl" || fail "SIG$sig at $t s (${opts[*]}): the wire was left wrong"
        ons=$(python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/$name.jsonl" --min-notes 0 | awk '{print $1}')
        echo "SIG$sig at $t s (${opts[*]}): exit $rc after $took ms, $ons note-ons, silent"
    done
done
set +m

# Inherited "ignored": started as a script's background job, SIGINT is ignored from
# launch to exit (as the shell meant); SIGTERM still stops it.
start_capture "$OUT/ignored.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi "$OUT/long.json" >"$OUT/ignored.out" 2>"$OUT/ignored.err" &
pid=$!
sleep 0.2; kill -INT "$pid"
sleep 3; kill -INT "$pid"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "an inherited-ignored SIGINT stopped it"
signal_at TERM "$pid" >/dev/null
wait "$pid"
rc=$?
stop_capture
[ "$rc" -eq 143 ] || fail "SIGTERM after ignored SIGINTs: exit $rc"
python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/ignored.jsonl" --min-notes 10 || fail "left sounding"
echo "ignored SIGINT twice (0.2 s, 3.2 s): still playing; SIGTERM: exit 143, silent"
echo "$n signals at instants from launch: all exited as asked, silent"
