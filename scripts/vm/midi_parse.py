#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Turn a raw MIDI capture (from midi_capture.py) into timed MIDI messages.

Handles running status, system real-time bytes (0xF8 clock, 0xFA start, 0xFB continue,
0xFC stop, 0xFE active sensing, 0xFF reset) interleaved anywhere, even inside another
message or a SysEx, system common messages, and SysEx (0xF0 ... 0xF7).

A message gets the time of the chunk in which its last byte arrived (when it was
complete). A note_on with velocity 0 is reported as note_off (velocity 0).

As a module:
    from midi_parse import parse_capture_file, parse_chunks, Parser
    msgs = parse_capture_file("capture.jsonl")      # list of dicts
As a CLI (one JSON message per line):
    midi_parse.py capture.jsonl [--no-realtime] [--relative]
    midi_parse.py --self-test
"""

import argparse
import json
import sys

# Channel voice messages: status high nibble -> (type, number of data bytes).
CHANNEL_TYPES = {
    0x80: ("note_off", 2),
    0x90: ("note_on", 2),
    0xA0: ("polytouch", 2),
    0xB0: ("control_change", 2),
    0xC0: ("program_change", 1),
    0xD0: ("aftertouch", 1),
    0xE0: ("pitchwheel", 2),
}

# System common messages: status -> (type, number of data bytes).
COMMON_TYPES = {
    0xF1: ("quarter_frame", 1),
    0xF2: ("songpos", 2),
    0xF3: ("song_select", 1),
    0xF4: ("undefined_f4", 0),
    0xF5: ("undefined_f5", 0),
    0xF6: ("tune_request", 0),
}

REALTIME_TYPES = {
    0xF8: "clock",
    0xF9: "undefined_f9",
    0xFA: "start",
    0xFB: "continue",
    0xFC: "stop",
    0xFD: "undefined_fd",
    0xFE: "active_sensing",
    0xFF: "reset",
}

REALTIME = frozenset(REALTIME_TYPES)


def _channel_message(t_ns, status, data):
    kind, _n = CHANNEL_TYPES[status & 0xF0]
    msg = {"t_ns": t_ns, "type": kind, "channel": status & 0x0F}
    if kind in ("note_on", "note_off"):
        msg["note"], msg["velocity"] = data[0], data[1]
        if kind == "note_on" and data[1] == 0:
            msg["type"] = "note_off"
    elif kind == "polytouch":
        msg["note"], msg["value"] = data[0], data[1]
    elif kind == "control_change":
        msg["control"], msg["value"] = data[0], data[1]
    elif kind == "program_change":
        msg["program"] = data[0]
    elif kind == "aftertouch":
        msg["value"] = data[0]
    elif kind == "pitchwheel":
        msg["pitch"] = (data[0] | (data[1] << 7)) - 8192
    return msg


def _common_message(t_ns, status, data):
    kind, _n = COMMON_TYPES[status]
    msg = {"t_ns": t_ns, "type": kind}
    if kind == "quarter_frame":
        msg["frame_type"], msg["frame_value"] = data[0] >> 4, data[0] & 0x0F
    elif kind == "songpos":
        msg["pos"] = data[0] | (data[1] << 7)
    elif kind == "song_select":
        msg["song"] = data[0]
    return msg


class Parser:
    """Streaming MIDI byte parser. feed() returns the messages completed so far."""

    def __init__(self):
        self.running = None      # running status (channel voice only)
        self.status = None       # status of the message being assembled
        self.data = []           # its data bytes so far
        self.needed = 0          # data bytes it needs
        self.sysex = None        # data of an open SysEx, or None
        self.first_t = None      # time of the first byte of the pending message

    def feed(self, t_ns, data):
        out = []
        for b in data:
            self._byte(t_ns, b, out)
        return out

    def finish(self):
        """Report whatever is left incomplete at the end of the capture."""
        out = []
        if self.sysex is not None:
            out.append({"t_ns": self.first_t, "type": "sysex", "data": self.sysex,
                        "incomplete": True})
            self.sysex = None
        elif self.status is not None and self.data:
            out.append({"t_ns": self.first_t, "type": "incomplete",
                        "bytes": [self.status] + self.data})
        self.status = None
        self.data = []
        return out

    def _byte(self, t_ns, b, out):
        if b in REALTIME:
            # May appear anywhere, changes no state.
            out.append({"t_ns": t_ns, "type": REALTIME_TYPES[b]})
            return

        if b & 0x80:  # a status byte (not real-time)
            if self.sysex is not None:
                terminated = b == 0xF7
                msg = {"t_ns": t_ns, "type": "sysex", "data": self.sysex}
                if not terminated:
                    msg["incomplete"] = True
                out.append(msg)
                self.sysex = None
                if terminated:
                    return
            elif self.status is not None and self.data:
                out.append({"t_ns": self.first_t, "type": "incomplete",
                            "bytes": [self.status] + self.data})
            self.data = []
            self.status = None

            if b == 0xF0:
                self.sysex = []
                self.first_t = t_ns
                self.running = None
            elif b == 0xF7:
                out.append({"t_ns": t_ns, "type": "stray", "byte": b})
            elif b >= 0xF1:  # system common: clears running status
                self.running = None
                kind, n = COMMON_TYPES[b]
                if n == 0:
                    out.append(_common_message(t_ns, b, []))
                else:
                    self.status, self.needed, self.first_t = b, n, t_ns
            else:  # channel voice
                self.running = b
                self.status, self.needed, self.first_t = b, CHANNEL_TYPES[b & 0xF0][1], t_ns
            return

        # A data byte.
        if self.sysex is not None:
            self.sysex.append(b)
            return
        if self.status is None:
            if self.running is None:
                out.append({"t_ns": t_ns, "type": "stray", "byte": b})
                return
            # Running status: a new message with the last channel status.
            self.status = self.running
            self.needed = CHANNEL_TYPES[self.running & 0xF0][1]
            self.first_t = t_ns
        self.data.append(b)
        if len(self.data) == self.needed:
            if self.status >= 0xF0:
                out.append(_common_message(t_ns, self.status, self.data))
            else:
                out.append(_channel_message(t_ns, self.status, self.data))
            self.status = None
            self.data = []


def parse_chunks(chunks):
    """chunks: iterable of (t_ns, bytes-like or list of ints). Returns list of dicts."""
    p = Parser()
    msgs = []
    for t_ns, data in chunks:
        msgs.extend(p.feed(t_ns, data))
    msgs.extend(p.finish())
    return msgs


def read_capture(path):
    """Read a midi_capture.py JSON-lines file into a list of (t_ns, [bytes])."""
    chunks = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                obj = json.loads(line)
                chunks.append((int(obj["t_ns"]), obj["bytes"]))
    return chunks


def parse_capture_file(path):
    return parse_chunks(read_capture(path))


def is_realtime(msg):
    return msg["type"] in REALTIME_TYPES.values()


# --------------------------------------------------------------------------- self-test

def _strip(msgs):
    return [{k: v for k, v in m.items() if k != "t_ns"} for m in msgs]


def self_test():
    failures = []
    passed = [0]

    def check(name, got, want):
        if got != want:
            failures.append(name)
            print(f"FAIL {name}\n  got:  {got}\n  want: {want}")
        else:
            passed[0] += 1
            print(f"ok   {name}")

    # Running status, as virmidi sends it: 90 3c 64, 3d 64, 3c 00.
    got = _strip(parse_chunks([(1, [0x90, 0x3C, 0x64, 0x3D, 0x64]), (2, [0x3C, 0x00])]))
    check("running status", got, [
        {"type": "note_on", "channel": 0, "note": 60, "velocity": 100},
        {"type": "note_on", "channel": 0, "note": 61, "velocity": 100},
        {"type": "note_off", "channel": 0, "note": 60, "velocity": 0},
    ])

    # Clock bytes interleaved between and inside messages, keeping running status.
    got = _strip(parse_chunks([(1, [0xFA, 0xF8, 0x91, 0xF8, 0x40, 0xF8, 0x50, 0xF8,
                                    0x41, 0xF8, 0x00, 0xFC])]))
    check("interleaved clock", got, [
        {"type": "start"}, {"type": "clock"}, {"type": "clock"}, {"type": "clock"},
        {"type": "note_on", "channel": 1, "note": 64, "velocity": 80},
        {"type": "clock"}, {"type": "clock"},
        {"type": "note_off", "channel": 1, "note": 65, "velocity": 0},
        {"type": "stop"},
    ])

    # A message split over chunks gets the time of its last byte.
    msgs = parse_chunks([(10, [0xB2, 0x07]), (20, [0x64]), (30, [0xC2, 0x05])])
    check("split message times", [(m["t_ns"], m["type"]) for m in msgs],
          [(20, "control_change"), (30, "program_change")])
    check("control/program fields", _strip(msgs), [
        {"type": "control_change", "channel": 2, "control": 7, "value": 100},
        {"type": "program_change", "channel": 2, "program": 5},
    ])

    # Running status on a one-data-byte message.
    got = _strip(parse_chunks([(1, [0xC3, 0x01, 0x02])]))
    check("running status program_change", got, [
        {"type": "program_change", "channel": 3, "program": 1},
        {"type": "program_change", "channel": 3, "program": 2},
    ])

    # SysEx with a clock inside; it clears running status.
    got = _strip(parse_chunks([(1, [0x90, 0x30, 0x40, 0xF0, 0x7E, 0xF8, 0x7F, 0x09,
                                    0x01, 0xF7, 0x31, 0x40, 0x80, 0x30, 0x00])]))
    check("sysex", got, [
        {"type": "note_on", "channel": 0, "note": 48, "velocity": 64},
        {"type": "clock"},
        {"type": "sysex", "data": [0x7E, 0x7F, 0x09, 0x01]},
        {"type": "stray", "byte": 0x31}, {"type": "stray", "byte": 0x40},
        {"type": "note_off", "channel": 0, "note": 48, "velocity": 0},
    ])

    # Pitch wheel, system common, incomplete message cut by a new status.
    got = _strip(parse_chunks([(1, [0xE0, 0x00, 0x40, 0xF2, 0x10, 0x01, 0x90, 0x3C,
                                    0xB0, 0x40, 0x7F])]))
    check("pitchwheel, songpos, incomplete", got, [
        {"type": "pitchwheel", "channel": 0, "pitch": 0},
        {"type": "songpos", "pos": 0x10 | (0x01 << 7)},
        {"type": "incomplete", "bytes": [0x90, 0x3C]},
        {"type": "control_change", "channel": 0, "control": 64, "value": 127},
    ])

    # A system common message cancels running status.
    got = _strip(parse_chunks([(1, [0x90, 0x3C, 0x40, 0xF6, 0x3D, 0x40])]))
    check("system common clears running status", got, [
        {"type": "note_on", "channel": 0, "note": 60, "velocity": 64},
        {"type": "tune_request"},
        {"type": "stray", "byte": 0x3D}, {"type": "stray", "byte": 0x40},
    ])

    print(f"midi_parse: {passed[0]} passed, {len(failures)} failed")
    return 1 if failures else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description="Parse a midi_capture.py capture into MIDI messages.")
    ap.add_argument("capture", nargs="?", help="JSON-lines capture file")
    ap.add_argument("--self-test", action="store_true", help="run the built-in tests")
    ap.add_argument("--no-realtime", action="store_true",
                    help="leave out real-time messages (clock, start, stop, ...)")
    ap.add_argument("--relative", action="store_true",
                    help="times relative to the first message reported")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.capture:
        ap.error("a capture file is required (or --self-test)")
    msgs = parse_capture_file(args.capture)
    if args.no_realtime:
        msgs = [m for m in msgs if not is_realtime(m)]
    t0 = msgs[0]["t_ns"] if (args.relative and msgs) else 0
    for m in msgs:
        m = dict(m)
        m["t_ns"] -= t0
        print(json.dumps(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
