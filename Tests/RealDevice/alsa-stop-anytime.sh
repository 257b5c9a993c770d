#!/usr/bin/env bash
# A stop signal at any instant from launch to exit: SIGINT and SIGTERM at a dozen
# instants over the first 5 s after `play` starts (while it reads the task, estimates
# the tempo, resolves or waits for ports, builds the clock track, starts the player,
# plays), with --clock, with a --route, with --wait-for-port. Each must exit 130 or 143
# within 2 s, leave nothing sounding on the wire, and send MIDI Stop after any Start.
# Then SIGINT inherited as ignored (a background job of a script): ignored throughout,
# and SIGTERM still stops it.
# Run inside the VM.
# time-limit: 600
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

# Job control: each background job gets SIGINT at its default, as a command typed
# at a terminal would (without it, a script's background jobs ignore SIGINT).
set -m
n=0
# One capture for all the runs, stamped on the wall clock that date +%s%N reads:
# each run is what came from its launch to the next one's (checked at the end, by
# one python: a python start-up costs seconds in the emulated VM).
start_capture "$OUT/runs.jsonl" --realtime
: >"$OUT/windows"
for sig in INT TERM; do
    for i in "${!instants[@]}"; do
        n=$((n + 1))
        t=${instants[$i]}
        read -r -a opts <<<"${variants[$((i % 3))]}"
        name="$sig-$i"
        late=""
        if [[ "${opts[*]}" == *aseqdump* ]]; then
            # The routed port appears 2.5 s after launch: earlier signals land in the wait.
            (sleep 2.5; exec aseqdump >/dev/null 2>&1) &
            late=$!
        fi
        echo "SIG$sig@${t}s($(IFS=_; echo "${opts[*]}")) $(now_ns)" >>"$OUT/windows"
        "$MIDITASK" "${PLAY[@]}" --port virmidi "${opts[@]}" "$OUT/long.json" >"$OUT/$name.out" 2>"$OUT/$name.err" &
        pid=$!
        sleep "$t"
        kill -s "$sig" "$pid"
        sent=$(now_ns)
        wait "$pid"
        rc=$?
        took=$(( ($(now_ns) - sent) / 1000000 ))
        [ -n "$late" ] && { kill "$late" 2>/dev/null; pkill -x aseqdump; wait "$late" 2>/dev/null; }
        want=$((128 + $(kill -l "$sig")))
        [ "$rc" -eq "$want" ] || fail "SIG$sig at $t s (${opts[*]}): exit $rc, wanted $want: $(tail -n 3 "$OUT/$name.err")"
        [ "$took" -le 2000 ] || fail "SIG$sig at $t s (${opts[*]}): took $took ms to exit"
        echo "SIG$sig at $t s (${opts[*]}): exit $rc after $took ms"
        sleep 0.3   # the last bytes of its closing silence, before the next launch
    done
done
stop_capture
python3 "$ALSA_DIR/alsa_check.py" windows --capture "$OUT/runs.jsonl" --windows "$OUT/windows" \
    || fail "a run left the wire wrong (see above)"
set +m

# Inherited "ignored": started as a script's background job, SIGINT is ignored from
# launch to exit (as the shell meant); SIGTERM still stops it.
start_capture "$OUT/ignored.jsonl"
"$MIDITASK" "${PLAY[@]}" --port virmidi "$OUT/long.json" >"$OUT/ignored.out" 2>"$OUT/ignored.err" &
pid=$!
sleep 0.2; kill -INT "$pid"
# Again once it plays (its start-up takes seconds in the emulated VM, more on a busy host).
for _ in $(seq 300); do [ -s "$OUT/ignored.jsonl" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
[ -s "$OUT/ignored.jsonl" ] || fail "it never played (or SIGINT at 0.2 s stopped it)"
sleep 1; kill -INT "$pid"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "an inherited-ignored SIGINT stopped it"
signal_at TERM "$pid" >/dev/null
wait "$pid"
rc=$?
stop_capture
[ "$rc" -eq 143 ] || fail "SIGTERM after ignored SIGINTs: exit $rc"
python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/ignored.jsonl" --min-notes 10 || fail "left sounding"
echo "ignored SIGINT twice (0.2 s after launch, and while playing): still playing; SIGTERM: exit 143, silent"
echo "$n signals at instants from launch: all exited as asked, silent"
