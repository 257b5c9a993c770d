#!/usr/bin/env bash
# `miditask ports` on a real ALSA sequencer: lists the snd-virmidi and Midi Through
# ports (kernel, software) and a user-space client's port (aseqdump), never the
# system client; a name spec selects the right port; unknown and ambiguous specs fail
# clearly. Run inside the VM: scripts/vm/run.sh -- Tests/RealDevice/alsa-ports.sh
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
MIDITASK=${MIDITASK:-.build/debug/miditask}
out=${VM_OUT:-/tmp}
mkdir -p "$out"
fail() { echo "FAIL alsa-ports: $*" >&2; [ -z "${dump_pid:-}" ] || kill "$dump_pid" 2>/dev/null; exit 1; }

aseqdump >/dev/null 2>&1 &
dump_pid=$!
stop_dump() { kill "$dump_pid" 2>/dev/null; wait "$dump_pid" 2>/dev/null; }
for _ in $(seq 50); do aconnect -o | grep -q aseqdump && break; sleep 0.1; done

"$MIDITASK" ports --json >"$out/ports.json" 2>"$out/err" || fail "ports --json exited $?: $(cat "$out/err")"
"$MIDITASK" ports >"$out/ports.txt" 2>"$out/err" || fail "ports exited $?: $(cat "$out/err")"
aplaymidi -l >"$out/aplaymidi.txt" || fail "aplaymidi -l failed"
stop_dump

python3 - "$out" <<'PY' || exit 1
import json, sys
out = sys.argv[1]
ports = json.load(open(f"{out}/ports.json"))
text = open(f"{out}/ports.txt").read()
def fail(msg):
    print(f"FAIL alsa-ports: {msg}\n{json.dumps(ports, indent=1)}", file=sys.stderr); sys.exit(1)
keys = {"address", "client", "port", "clientName", "portName", "kind", "clientType"}
for p in ports:
    if set(p) != keys: fail(f"fields {sorted(p)}")
    if p["address"] != f'{p["client"]}:{p["port"]}': fail(f"address {p['address']} vs numbers")
    if p["client"] == 0: fail("system client listed")
    if "miditask" in p["clientName"]: fail("our own client listed")
def one(pred, what):
    m = [p for p in ports if pred(p)]
    if len(m) != 1: fail(f"expected one {what}, got {m}")
    return m[0]
vir = one(lambda p: p["portName"].startswith("VirMIDI"), "VirMIDI port")
thr = one(lambda p: p["portName"] == "Midi Through Port-0", "Midi Through port")
dump = one(lambda p: p["clientName"] == "aseqdump", "aseqdump port")
for p, kind, ctype in [(vir, "software", "kernel"), (thr, "software", "kernel"), (dump, "software", "user")]:
    if (p["kind"], p["clientType"]) != (kind, ctype): fail(f"{p['portName']}: {p['kind']}/{p['clientType']}, expected {kind}/{ctype}")
# aplaymidi -l lists the same ports at the same addresses.
apl = {line.split()[0] for line in open(f"{out}/aplaymidi.txt").read().splitlines()[1:]}
for p in (vir, thr, dump):
    if p["address"] not in apl: fail(f"{p['address']} not in aplaymidi -l: {sorted(apl)}")
    if p["address"] not in text or p["portName"] not in text: fail(f"{p['address']} missing from the table:\n{text}")
open(f"{out}/virmidi.addr", "w").write(vir["address"])
open(f"{out}/through.addr", "w").write(thr["address"])
PY

vir=$(cat "$out/virmidi.addr"); thr=$(cat "$out/through.addr")
check_select() {  # spec expected-address
    got=$("$MIDITASK" ports --json "$1" 2>"$out/err") || fail "ports '$1' exited $?: $(cat "$out/err")"
    addr=$(printf '%s' "$got" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(",".join(x["address"] for x in p))')
    [ "$addr" = "$2" ] || fail "spec '$1' selected '$addr', expected $2"
}
# Each spec kind once; a comma list keeps order (invocations are slow in the emulated VM).
check_select "virmidi,Midi Through:0" "$vir,$thr"
check_select "MIDI THROUGH,VIRTUAL RAW,$vir" "$thr,$vir"

if "$MIDITASK" ports nosuchsynth >/dev/null 2>"$out/err"; then fail "unknown spec succeeded"; fi
grep -q 'no writable MIDI port matches "nosuchsynth"' "$out/err" || fail "unknown spec message: $(cat "$out/err")"
grep -q "$vir" "$out/err" || fail "unknown spec message does not list $vir: $(cat "$out/err")"
if "$MIDITASK" ports midi >/dev/null 2>"$out/err"; then fail "ambiguous spec 'midi' succeeded"; fi
grep -q '"midi" matches' "$out/err" && grep -q "$thr" "$out/err" && grep -q "$vir" "$out/err" \
    || fail "ambiguous spec message: $(cat "$out/err")"
echo "PASS alsa-ports: virmidi $vir, Midi Through $thr, aseqdump listed; name specs resolve"
