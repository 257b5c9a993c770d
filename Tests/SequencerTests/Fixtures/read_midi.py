# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Reads a Standard MIDI File with mido (an independent parser) and prints
its contents as JSON: format, ticks per beat, the tempo and time-signature
events of track 0, and per track its name and the channel messages with
absolute times in seconds (the whole tempo map applied)."""
import json
import sys

import mido

mid = mido.MidiFile(sys.argv[1])
# The tempo map, from track 0 (where miditask's type-1 files keep it): (tick, tempo).
changes = []
signatures = []
ticks = 0
for msg in mid.tracks[0]:
    ticks += msg.time
    if msg.type == "set_tempo":
        changes.append((ticks, msg.tempo))
    elif msg.type == "time_signature":
        signatures.append({"tick": ticks, "numerator": msg.numerator, "denominator": msg.denominator})
if not changes or changes[0][0] != 0:
    changes.insert(0, (0, 500000))


def seconds(tick):
    total = 0.0
    for i, (start, tempo) in enumerate(changes):
        end = changes[i + 1][0] if i + 1 < len(changes) else None
        if end is not None and tick >= end:
            total += mido.tick2second(end - start, mid.ticks_per_beat, tempo)
        else:
            return total + mido.tick2second(tick - start, mid.ticks_per_beat, tempo)
    return total


out = {"type": mid.type, "ticks_per_beat": mid.ticks_per_beat, "tracks": [],
       "tempos": [{"tick": t, "tempo": v} for t, v in changes], "time_signatures": signatures}
for track in mid.tracks:
    ticks = 0
    events = []
    name = None
    for msg in track:
        ticks += msg.time
        if msg.type == "track_name":
            name = msg.name
        elif not msg.is_meta:
            events.append({"t": seconds(ticks), "tick": ticks, "msg": msg.dict()})
    out["tracks"].append({"name": name, "events": events})
json.dump(out, sys.stdout)
