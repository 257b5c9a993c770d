#!/usr/bin/env bash
# `miditask doctor` where the sequencer exists: the ALSA sequencer opens, the
# virtual MIDI ports and the loopback card are listed, playback can work (exit
# 0); real-time priority is granted to root and refused to an unprivileged user
# whose RLIMIT_RTPRIO is 0. Run inside the VM:
# scripts/vm/run.sh -- Tests/RealDevice/doctor.sh
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
MIDITASK=${MIDITASK:-.build/debug/miditask}
out=${VM_OUT:-/tmp}
mkdir -p "$out"
fail() { echo "FAIL doctor: $*" >&2; exit 1; }
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/config" XDG_DATA_HOME="$out/home/data"
mkdir -p "$HOME"

"$MIDITASK" doctor >"$out/doctor.txt" 2>"$out/err"
status=$?
cat "$out/doctor.txt"
[ $status -eq 0 ] || fail "doctor exited $status where playback can work: $(cat "$out/err")"
[ "$(wc -l < "$out/doctor.txt")" -eq 12 ] || fail "expected 12 lines"
grep -q "^Playback can work: to [0-9]* MIDI ports* through the ALSA sequencer" "$out/doctor.txt" \
    || fail "the verdict does not name the sequencer's ports"

"$MIDITASK" doctor --json >"$out/doctor.json" 2>"$out/err" || fail "doctor --json exited $?: $(cat "$out/err")"
python3 - "$out/doctor.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
checks = {c["name"]: c for c in d["checks"]}
def fail(msg):
    print(f"FAIL doctor: {msg}\n{json.dumps(d, indent=1)}", file=sys.stderr); sys.exit(1)
if not d["playbackCanWork"]: fail("playback cannot work")
for name in ("sequencer", "ports", "cards", "realtime"):
    if checks[name]["status"] != "ok": fail(f"{name} is not ok")
if "VirMIDI" not in checks["ports"]["summary"] and "Midi Through" not in checks["ports"]["summary"]:
    fail("the virtual ports are not listed")
if "Loopback" not in checks["cards"]["summary"]: fail("the loopback card is not listed")
if checks["timer"]["status"] == "warning" and checks["timer"]["fix"] != "sudo modprobe snd-hrtimer":
    fail("a timer warning without the fix")
if not checks["realtime"]["summary"].startswith("real-time priority 30 granted"): fail("root was not granted real-time priority")
PY

# An unprivileged user with no real-time allowance is refused, and told how.
chmod 755 "$out" "$HOME"
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all prlimit --rtprio=0 \
    "$MIDITASK" doctor --json >"$out/nobody.json" 2>"$out/err"
python3 - "$out/nobody.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
rt = {c["name"]: c for c in d["checks"]}["realtime"]
if rt["status"] != "warning" or "refused (RLIMIT_RTPRIO 0" not in rt["summary"] or "rtprio 95" not in (rt["fix"] or ""):
    print(f"FAIL doctor: unprivileged realtime check {rt}", file=sys.stderr); sys.exit(1)
PY
echo "PASS doctor: sequencer, ports and loopback card found, exit 0; real-time granted to root, refused to nobody"
