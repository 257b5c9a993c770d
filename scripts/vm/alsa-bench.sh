#!/usr/bin/env bash
# Onset accuracy on a real ALSA sequencer: the same song played to the snd-virmidi
# port by aplaymidi (ALSA's kernel-queued player, from the exported MIDI file) and
# by miditask (its own scheduler thread, direct output), each captured from the raw
# MIDI device; prints onset-error p50/p99/max for both, side by side.
#
#   scripts/vm/run.sh -- scripts/vm/alsa-bench.sh [TASK.json] [--runs N]
#
# Without a task, a generated 20 s, four-instrument song. MIDITASK picks the binary
# (a release build is fairer: swift build -c release, MIDITASK=.build/release/miditask).
# Timings inside the VM are emulated: compare the two columns, not absolute figures.
set -u
ALSA_TEST_NAME=alsa-bench
. "$(dirname "$0")/alsa_lib.sh"

task=""
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        *) task=$1; shift ;;
    esac
done
if [ -z "$task" ]; then
    python3 "$ALSA_DIR/alsa_task.py" "$OUT/bench.json" --seconds 20 || fail "alsa_task.py failed"
    task=$OUT/bench.json
fi
"$MIDITASK" export "$task" -o "$OUT/bench.mid" --force 2>"$OUT/export.log" || fail "export: $(cat "$OUT/export.log")"
port=$(aplaymidi -l | awk '/VirMIDI/ { print $1; exit }')
[ -n "$port" ] || fail "no VirMIDI port: $(aplaymidi -l)"

results=$OUT/results.jsonl
: >"$results"
for run in $(seq "$runs"); do
    start_capture "$OUT/aplaymidi-$run.jsonl"
    aplaymidi -p "$port" "$OUT/bench.mid" || fail "aplaymidi failed"
    stop_capture
    python3 "$ALSA_DIR/alsa_check.py" onsets --mid "$OUT/bench.mid" --capture "$OUT/aplaymidi-$run.jsonl" \
        --label aplaymidi >>"$results" || fail "aplaymidi capture unreadable"

    start_capture "$OUT/miditask-$run.jsonl"
    "$MIDITASK" "${PLAY[@]}" --port "$port" "$task" 2>"$OUT/miditask-$run.err" || fail "miditask: $(cat "$OUT/miditask-$run.err")"
    stop_capture
    python3 "$ALSA_DIR/alsa_check.py" onsets --mid "$OUT/bench.mid" --capture "$OUT/miditask-$run.jsonl" \
        --label miditask >>"$results" || fail "miditask capture unreadable"
done

python3 - "$results" "$task" "$port" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
a = [r for r in rows if r["label"] == "aplaymidi"]
m = [r for r in rows if r["label"] == "miditask"]
def cols(r, key):
    s = r[key]
    return f"{s['p50_ms']:>7.3f} {s['p99_ms']:>7.3f} {s['max_ms']:>7.3f}"
print(f"onset error (ms) of {sys.argv[2]} played to {sys.argv[3]} (VirMIDI), captured from the raw device")
print("  from first: time 0 = arrival of the song's first message")
print("  steady:     time 0 fitted (median offset); start = that offset, the start latency")
head = f"{'p50':>7} {'p99':>7} {'max':>7}"
print(f"{'':>4}  {'aplaymidi from first':^23}  {'steady':^23} {'start':>6}   {'miditask from first':^23}  {'steady':^23} {'start':>6}")
print(f"{'run':>4}  {head}  {head} {'':>6}   {head}  {head} {'':>6}")
for i, (x, y) in enumerate(zip(a, m), 1):
    print(f"{i:>4}  {cols(x, 'first')}  {cols(x, 'steady')} {x['start_ms']:>6.1f}   "
          f"{cols(y, 'first')}  {cols(y, 'steady')} {y['start_ms']:>6.1f}"
          + (f"  missing {x['missing']}/{y['missing']}" if x['missing'] or y['missing'] else ""))
PY
