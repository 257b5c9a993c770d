# Shared by Tests/RealDevice/alsa-*.sh and scripts/vm/alsa-bench.sh (sourced, inside the VM).
# Sets MIDITASK, OUT, VMDIR, PLAY (the subcommand that plays to --port), and helpers.

MIDITASK=${MIDITASK:-.build/debug/miditask}
OUT=${VM_OUT:-/tmp}/${ALSA_TEST_NAME:-alsa}
mkdir -p "$OUT"
ALSA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The capture tools are the VM harness's; until they are in this tree, the main checkout has them.
VMDIR=$ALSA_DIR
[ -f "$VMDIR/midi_capture.py" ] || VMDIR=/work/main/scripts/vm

fail() { echo "FAIL ${ALSA_TEST_NAME:-alsa}: $*" >&2; exit 1; }

PLAY=(play)

now_ns() { date +%s%N; }

# start_capture FILE: reads the VirMIDI raw device in the background until stop_capture.
start_capture() {
    python3 "$VMDIR/midi_capture.py" --out "$1" >"$1.ready" 2>"$1.log" &
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
