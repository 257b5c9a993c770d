"""Reads a Standard MIDI File with mido (an independent parser) and prints
its contents as JSON: format, ticks per beat, and per track its name, the
channel messages with absolute times in seconds (tempo map applied)."""
import json
import sys

import mido

mid = mido.MidiFile(sys.argv[1])
tempo = 500000
out = {"type": mid.type, "ticks_per_beat": mid.ticks_per_beat, "tracks": []}
# Tempo events live in track 0 for type-1 files written by miditask.
for msg in mid.tracks[0]:
    if msg.type == "set_tempo":
        tempo = msg.tempo
for track in mid.tracks:
    ticks = 0
    events = []
    name = None
    for msg in track:
        ticks += msg.time
        if msg.type == "track_name":
            name = msg.name
        elif not msg.is_meta:
            seconds = mido.tick2second(ticks, mid.ticks_per_beat, tempo)
            events.append({"t": seconds, "msg": msg.dict()})
    out["tracks"].append({"name": name, "events": events})
json.dump(out, sys.stdout)
