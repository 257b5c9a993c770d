#!/usr/bin/env bash
# Ctrl-C (SIGINT) and SIGTERM mid-song on the snd-virmidi port: every sounding
# note gets its note-off and every used channel all-notes-off; zero notes left on.
# Run inside the VM.
set -u
ALSA_TEST_NAME=alsa-interrupt
. "$(dirname "$0")/../../scripts/vm/alsa_lib.sh"

make_task long 10
for sig in INT TERM; do
    start_capture "$OUT/$sig.jsonl"
    "$MIDITASK" "${PLAY[@]}" --port virmidi "$OUT/long.json" >"$OUT/$sig.out" 2>"$OUT/$sig.err" &
    pid=$!
    # Mid-song: wait until notes are flowing, then a little more.
    for _ in $(seq 200); do [ -s "$OUT/$sig.jsonl" ] && break; sleep 0.05; done
    sleep 1.3
    sent=$(now_ns)
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    ms=$(( ($(now_ns) - sent) / 1000000 ))
    stop_capture
    [ $rc -ne 0 ] || fail "SIG$sig: exited 0 though stopped mid-song"
    [ $rc -ne 139 ] && [ $rc -ne 134 ] || fail "SIG$sig: crashed (status $rc): $(cat "$OUT/$sig.err")"
    [ $ms -lt 2000 ] || fail "SIG$sig: took $ms ms to stop"
    python3 "$ALSA_DIR/alsa_check.py" silent --capture "$OUT/$sig.jsonl" --min-notes 10 \
        || fail "SIG$sig left notes sounding"
    echo "SIG$sig: stopped in $ms ms, status $rc"
done
echo "PASS alsa-interrupt"
