#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Write the compact copy of the POP909 development set that `bench tempo` and the tests read.

usage: python3 scripts/pop909-fixture.py SOURCE_DIR [DEST_DIR]

SOURCE_DIR holds truth.json, symbolic/NNN.json and transcribed/NNN.json (the set's own layout);
DEST_DIR defaults to Tests/SequencerTests/Fixtures/pop909. Each song and version becomes one text
file of notes in milliseconds, and truth.txt keeps only the fields the scoring needs. The format is
described in the destination's README.md. Python standard library only.
"""
import json, os, sys

def main():
    src = sys.argv[1]
    dest = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "Tests",
                                                              "SequencerTests", "Fixtures", "pop909")
    truth = json.load(open(os.path.join(src, "truth.json"), encoding="utf-8"))
    for version in ("symbolic", "transcribed"):
        os.makedirs(os.path.join(dest, version), exist_ok=True)
        for song in sorted(truth):
            task = json.load(open(os.path.join(src, version, song + ".json"), encoding="utf-8"))
            lines = []
            for instrument in task["instruments"]:
                lines.append("i " + instrument["name"])
                previous = 0
                for n in instrument["notes"]:
                    start = round(n["start"] * 1000)
                    length = max(1, round(n["end"] * 1000) - start)
                    velocity = max(1, min(127, round(n["velocity"] * 127)))
                    lines.append(f"{n['pitch']} {start - previous} {length} {velocity}")
                    previous = start
            with open(os.path.join(dest, version, song + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    with open(os.path.join(dest, "truth.txt"), "w", encoding="utf-8") as f:
        for song in sorted(truth):
            t = truth[song]
            beats = [round(b * 1000) for b in t["beats"]]
            downbeats = {round(d * 1000) for d in t["downbeats"]}
            # The beat times in ms, each bar start marked with a '|' before it.
            marked = " ".join(("|" if b in downbeats else "") + str(b) for b in beats)
            f.write(f"{song} {t['bpm']} {t['meter']} {marked}\n")

if __name__ == "__main__":
    main()
