#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Checks for the routing and panic real-device tests (runs inside the VM).

    route_check.py split --mid F.mid --main A.jsonl --routed B.jsonl --routed-channels 9
        every note of the MIDI file reached exactly one port: the routed channels'
        notes the routed port, the others the main port, and neither port got a
        channel message of the other's channels.
    route_check.py panic --capture F.jsonl
        16 channels x 128 note-offs, then all-sound-off, all-notes-off, sustain off
        and reset-all-controllers on each.
"""

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from alsa_check import captured, expected  # noqa: E402


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def note_ons(messages):
    return collections.Counter(m[1:] for m in messages if m[0] == "note_on")


def check_split(a):
    routed = set(a.routed_channels)
    exp = [m for _, m in expected(a.mid)]
    main = [m for _, m in captured(a.main)]
    side = [m for _, m in captured(a.routed)]
    want_main = note_ons(m for m in exp if m[1] not in routed)
    want_side = note_ons(m for m in exp if m[1] in routed)
    if not want_main or not want_side:
        fail("the test song needs notes on both sides")
    stray_main = sorted({m[1] for m in main if len(m) > 1 and m[1] in routed})
    stray_side = sorted({m[1] for m in side if len(m) > 1 and m[1] not in routed})
    if stray_main:
        fail(f"main port got messages on routed channels {stray_main}")
    if stray_side:
        fail(f"routed port got messages on other channels {stray_side}")
    for label, want, got in (("main", want_main, note_ons(main)), ("routed", want_side, note_ons(side))):
        if want != got:
            missing = want - got
            extra = got - want
            fail(f"{label} port: {sum(missing.values())} note-ons missing {sorted(missing)[:5]}, "
                 f"{sum(extra.values())} unexpected {sorted(extra)[:5]}")
    print(f"main port: {sum(want_main.values())} note-ons on channels {sorted({k[0] for k in want_main})}; "
          f"routed port: {sum(want_side.values())} on channels {sorted({k[0] for k in want_side})}")


def check_panic(a):
    cap = [m for _, m in captured(a.capture)]
    for ch in range(16):
        offs = {m[2] for m in cap if m[0] == "note_off" and m[1] == ch}
        if offs != set(range(128)):
            fail(f"channel {ch}: note-offs for {len(offs)} keys, not 128")
        ccs = [m[2] for m in cap if m[0] == "cc" and m[1] == ch and m[3] == 0]
        if ccs != [120, 123, 64, 121]:
            fail(f"channel {ch}: controllers {ccs}, wanted [120, 123, 64, 121]")
    ons = [m for m in cap if m[0] == "note_on"]
    if ons:
        fail(f"panic sent {len(ons)} note-ons")
    print(f"panic: 16 channels x 128 note-offs, then CC 120/123/64/121 on each ({len(cap)} messages)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("split")
    p.add_argument("--mid", required=True)
    p.add_argument("--main", required=True)
    p.add_argument("--routed", required=True)
    p.add_argument("--routed-channels", type=int, nargs="+", required=True)
    p = sub.add_parser("panic")
    p.add_argument("--capture", required=True)
    a = ap.parse_args()
    {"split": check_split, "panic": check_panic}[a.cmd](a)


if __name__ == "__main__":
    main()
