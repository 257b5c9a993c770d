#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Write a small deterministic MIDI generation task for the ALSA real-device tests.

Four instruments on a steady grid (piano chords, finger bass, strings held across
chord changes, drums on channel 10), so every kind of message the player sends
(bank select, program change, note on/off, drums) shows up, and onsets are dense
enough that a stop or a vanished destination mid-song always has notes sounding.

    alsa_task.py OUT.json [--seconds 4] [--step 0.125]
"""

import argparse
import json


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--step", type=float, default=0.125, help="grid step in seconds")
    a = ap.parse_args()

    steps = int(a.seconds / a.step)
    piano, bass, strings, drums = [], [], [], []
    chords = [(60, 64, 67), (57, 60, 64), (62, 65, 69), (55, 59, 62)]
    for i in range(steps):
        t = round(i * a.step, 6)
        bar = (i // 8) % len(chords)
        if i % 4 == 0:
            for k, pitch in enumerate(chords[bar]):
                piano.append({"pitch": pitch, "start": t, "end": round(t + 3 * a.step, 6),
                              "velocity": round(0.5 + 0.1 * k, 3)})
        if i % 2 == 0:
            bass.append({"pitch": chords[bar][0] - 24, "start": t, "end": round(t + 1.5 * a.step, 6),
                         "velocity": 0.8})
        if i % 8 == 0:
            strings.append({"pitch": chords[bar][2] + 12, "start": t, "end": round(t + 10 * a.step, 6),
                            "velocity": 0.4})
        drums.append({"pitch": 42, "start": t, "end": round(t + 0.05, 6), "velocity": 0.6})
        if i % 4 == 0:
            drums.append({"pitch": 36, "start": t, "end": round(t + 0.1, 6), "velocity": 0.9})
        if i % 4 == 2:
            drums.append({"pitch": 38, "start": t, "end": round(t + 0.1, 6), "velocity": 0.85})
    task = {"state": "complete", "instruments": [
        {"name": "Acoustic Grand Piano", "notes": piano},
        {"name": "Electric Bass (finger)", "notes": bass},
        {"name": "String Ensemble 1", "notes": strings},
        {"name": "Drums", "notes": drums},
    ]}
    with open(a.out, "w") as f:
        json.dump(task, f)


if __name__ == "__main__":
    main()
