#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""The baseline for `miditask bench tempo`: pretty_midi's estimate_tempo on the same tasks.

Reads JSON lines, one task each: {"instruments": [{"drum": bool, "notes": [[pitch, start, end, velocity], ...]}]}
(times in seconds), builds a PrettyMIDI object from the notes (no MIDI file in between, so
nothing but the estimator differs) and prints one line per task: the tempo, or "error".
"""

import json
import sys
import time

import pretty_midi


def main():
    took = 0.0
    for line in sys.stdin:
        task = json.loads(line)
        pm = pretty_midi.PrettyMIDI()
        for part in task["instruments"]:
            inst = pretty_midi.Instrument(program=0, is_drum=part["drum"])
            for pitch, start, end, velocity in part["notes"]:
                inst.notes.append(pretty_midi.Note(velocity=max(1, min(127, round(velocity * 127))),
                                                   pitch=pitch, start=start, end=end))
            pm.instruments.append(inst)
        t = time.perf_counter()
        try:
            print(f"{pm.estimate_tempo():.4f}")
        except Exception as e:  # too few notes, say
            print("error", e, file=sys.stderr)
            print("error")
        took += time.perf_counter() - t
        sys.stdout.flush()
    print(f"seconds {took:.6f}")


if __name__ == "__main__":
    main()
