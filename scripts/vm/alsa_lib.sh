# Shared by Tests/RealDevice/alsa-*.sh and scripts/vm/alsa-bench.sh (sourced, inside the VM).
# Sets MIDITASK, OUT, VMDIR, PLAY (the subcommand that plays to --port), and helpers.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0

MIDITASK=${MIDITASK:-.build/debug/miditask}
OUT=${VM_OUT:-/tmp}/${ALSA_TEST_NAME:-alsa}
mkdir -p "$OUT"
ALSA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The capture tools (midi_capture.py, midi_parse.py) are the VM harness's, next to this file.
VMDIR=$ALSA_DIR

fail() { echo "FAIL ${ALSA_TEST_NAME:-alsa}: $*" >&2; exit 1; }

PLAY=(play)

now_ns() { date +%s%N; }

# signal_at SIGNAL PID: sends it and prints the CLOCK_MONOTONIC instant (ns), the
# clock midi_capture.py stamps bytes with.
signal_at() {
    python3 -c 'import os, sys, time; t = time.clock_gettime_ns(time.CLOCK_MONOTONIC); os.kill(int(sys.argv[2]), int(sys.argv[1])); print(t)' \
        "$(kill -l "$1")" "$2"
}

# kill_until_gone PID: sends SIGKILL and prints two CLOCK_MONOTONIC instants (ns): when
# it was sent and when the process was gone (a zombie or reaped). Only then are its
# files closed, so only then does the kernel free its sequencer client and queue; an
# emulated machine can take tens of ms between the two.
kill_until_gone() {
    python3 - "$1" <<'PY'
import os, signal, sys, time
pid = int(sys.argv[1])
sent = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
os.kill(pid, signal.SIGKILL)
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        break
    if state in ("Z", "X"):
        break
    time.sleep(0.0002)
else:
    sys.exit(f"process {pid} still alive 10 s after SIGKILL")
print(sent, time.clock_gettime_ns(time.CLOCK_MONOTONIC))
PY
}

# silenced_after CAPTURE NS: ms from NS to the first all-notes-off (CC 123) captured after it.
silenced_after() {
    python3 - "$VMDIR" "$1" "$2" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from midi_parse import parse_capture_file
since = int(sys.argv[3])
for m in parse_capture_file(sys.argv[2]):
    if m["t_ns"] >= since and m["type"] == "control_change" and m["control"] == 123:
        print((m["t_ns"] - since) // 1_000_000)
        break
else:
    print(-1)
PY
}

# start_capture FILE [ARGS...]: reads the VirMIDI raw device in the background until
# stop_capture (ARGS go to midi_capture.py, e.g. --realtime).
# The capture is the measuring instrument: it runs at real-time priority where it
# can, so that a load meant for the players does not delay its stamps.
start_capture() {
    local rt=()
    chrt -f 90 true 2>/dev/null && rt=(chrt -f 90)
    "${rt[@]}" python3 "$VMDIR/midi_capture.py" --out "$1" "${@:2}" >"$1.ready" 2>"$1.log" &
    capture_pid=$!
    for _ in $(seq 100); do
        grep -q ready "$1.ready" 2>/dev/null && return 0
        kill -0 "$capture_pid" 2>/dev/null || fail "midi_capture.py died: $(cat "$1.log")"
        sleep 0.05
    done
    fail "midi_capture.py not ready: $(cat "$1.log")"
}

stop_capture() {
    sleep 0.3   # the last bytes of the closing silence
    kill -TERM "$capture_pid" 2>/dev/null
    wait "$capture_pid" 2>/dev/null
}

# make_task NAME SECONDS: writes $OUT/NAME.json and its MIDI file $OUT/NAME.mid.
make_task() {
    python3 "$ALSA_DIR/alsa_task.py" "$OUT/$1.json" --seconds "$2" || fail "alsa_task.py failed"
    "$MIDITASK" export "$OUT/$1.json" -o "$OUT/$1.mid" --force 2>"$OUT/$1.export.log" \
        || fail "export failed: $(cat "$OUT/$1.export.log")"
}

# start_load: a busy loop on every CPU plus one, as another user (daemon), the way a
# busy desktop competes with the player; stop_load ends them.
start_load() {
    load_pids=()
    local n
    for n in $(seq $(( $(nproc) + 1 ))); do
        setpriv --reuid=1 --regid=1 --clear-groups sh -c 'while :; do :; done' &
        load_pids+=($!)
    done
}
stop_load() {
    [ ${#load_pids[@]} -gt 0 ] || return 0
    kill "${load_pids[@]}" 2>/dev/null
    wait "${load_pids[@]}" 2>/dev/null
    load_pids=()
}

# as_user USER COMMAND...: runs COMMAND as USER, an ordinary user (no capabilities,
# so no real-time priority), or as it is for root. The sequencer device is opened to
# everyone first, as a desktop session grants its user.
as_user() {
    local user=$1; shift
    if [ "$user" = root ]; then
        "$@"
    else
        chmod a+rw /dev/snd/seq
        setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --inh-caps=-all "$@"
    fi
}
