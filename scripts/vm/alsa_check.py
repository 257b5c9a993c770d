#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Check MIDI bytes captured from the VirMIDI port against what a task should play.

The expected stream is the task exported as a MIDI file (`miditask export`), read
with mido. The capture is midi_capture.py's JSON lines, decoded by midi_parse.py
(running status aware).

    alsa_check.py playback --mid T.mid --capture C.jsonl [--max-error-ms 80]
        Every expected message, in order (messages due at the same instant may come
        in any order, except that a key's note-off precedes its note-on), then only
        the closing silence (all-sound-off, all-notes-off, sustain-off per channel).
        The note-offs of the song's last instant may come among that silence: both
        are handed to the queue for the same time.
        Onset errors of the note-ons (once the start latency, the median offset
        from the first message, is taken out) within the bound, and the start
        latency within its own.
    alsa_check.py silent --capture C.jsonl [--expect-notes-off-ratio R]
        Zero notes left on; every channel used got all-notes-off after its last note.
    alsa_check.py windows --capture C.jsonl --windows W.txt
        One capture of several runs (W.txt: "NAME START_NS" per line, in order; the
        capture stamped with CLOCK_REALTIME): each run from its start to the next's
        left nothing sounding, and sent Stop after any Start with no clock after it.
    alsa_check.py onsets --mid T.mid --capture C.jsonl --label NAME [--capture … --label …]
        Prints onset-error figures (ms) for a benchmark, one JSON line per capture.
"""

import argparse
import json
import os
import sys

# midi_parse.py is the VM harness's, next to this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from midi_parse import parse_capture_file  # noqa: E402


def norm(kind, ch, a=None, b=None):
    if kind == "note_on" and b == 0:
        kind = "note_off"
    if kind == "note_off":
        return ("note_off", ch, a)
    if kind == "note_on":
        return ("note_on", ch, a, b)
    if kind == "control_change":
        return ("cc", ch, a, b)
    if kind == "program_change":
        return ("pc", ch, a)
    return None


def expected(mid_path):
    """[(seconds, message)] from a MIDI file, in file order (tracks merged by time)."""
    import mido
    out, t = [], 0.0
    for msg in mido.MidiFile(mid_path):
        t += msg.time
        if msg.is_meta:
            continue
        if msg.type in ("note_on", "note_off"):
            m = norm(msg.type, msg.channel, msg.note, msg.velocity)
        elif msg.type == "control_change":
            m = norm(msg.type, msg.channel, msg.control, msg.value)
        elif msg.type == "program_change":
            m = norm(msg.type, msg.channel, msg.program)
        else:
            continue
        out.append((round(t, 6), m))
    return out


def captured(path, realtime=False):
    """[(ns, message)] decoded from a capture; real-time bytes only if asked."""
    out = []
    for msg in parse_capture_file(path):
        kind = msg["type"]
        if kind in ("clock", "start", "stop", "continue"):
            if realtime:
                out.append((msg["t_ns"], (kind,)))
            continue
        if kind in ("note_on", "note_off"):
            m = norm(kind, msg["channel"], msg["note"], msg["velocity"])
        elif kind == "control_change":
            m = norm(kind, msg["channel"], msg["control"], msg["value"])
        elif kind == "program_change":
            m = norm(kind, msg["channel"], msg["program"])
        else:
            m = ("other", json.dumps(msg))
        out.append((msg["t_ns"], m))
    return out


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


def onset_pairs(exp, cap):
    """(expected s, captured ns) of each expected note-on found; and how many are missing."""
    queues = {}
    for t, m in cap:
        if m[0] == "note_on":
            queues.setdefault(m[:3], []).append(t)
    pairs, missing = [], 0
    for t, m in exp:
        if m[0] != "note_on":
            continue
        q = queues.get(m[:3])
        if not q:
            missing += 1
            continue
        pairs.append((t, q.pop(0)))
    return pairs, missing


def onset_errors(exp, cap):
    """Onset errors (ms) of the note-ons, two ways.

    "from first": the song's time 0 is when its first message arrived, so a slow
    start shows as every later note being early. "steady": the time 0 that fits
    best (the median offset), so only the spread remains; the offset between
    the two is the start latency.
    """
    pairs, missing = onset_pairs(exp, cap)
    t0 = cap[0][0]
    from_first = [abs((c - t0) / 1e6 - t * 1000) for t, c in pairs]
    offsets = sorted((c - t0) / 1e6 - t * 1000 for t, c in pairs)
    median = offsets[len(offsets) // 2] if offsets else 0.0
    steady = [abs(o - median) for o in offsets]
    return from_first, steady, -median, missing


def stats(errors):
    return {"n": len(errors), "p50_ms": round(percentile(errors, 50), 3),
            "p99_ms": round(percentile(errors, 99), 3), "max_ms": round(max(errors), 3) if errors else None}


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check_playback(a):
    exp = expected(a.mid)
    cap = captured(a.capture)
    if not cap:
        fail("nothing was captured")
    msgs = [m for _, m in cap]
    i = 0
    g = 0
    together = 0
    while g < len(exp):
        h = g
        while h < len(exp) and exp[h][0] == exp[g][0]:
            h += 1
        want = [m for _, m in exp[g:h]]
        if h == len(exp) and all(m[0] == "note_off" for m in want):
            # The song's last instant: its note-offs and the closing silence are
            # handed to the queue for the same time, and may reach the wire in
            # either order (a note-off after all-notes-off ends nothing); each
            # note-off must come, the silence is checked below.
            used = sorted({m[1] for m in msgs[:i]} | {m[1] for m in want})
            span = len(want) + 3 * len(used)
            window = msgs[i:i + span]
            if all(m in window for m in want):
                rest = list(window)
                for m in want:
                    rest.remove(m)
                if sorted(window[:len(want)]) != sorted(want):
                    together = len(want)
                msgs = msgs[:i] + want + rest + msgs[i + span:]
        got = msgs[i:i + len(want)]
        if sorted(got) != sorted(want):
            fail(f"at {exp[g][0]} s (captured messages {i}..{i + len(want) - 1}): expected {sorted(want)}, "
                 f"got {got}")
        for key in {m[:3] for m in got if m[0] == "note_on"}:
            on = got.index(key + (next(m for m in got if m[:3] == key)[3],))
            off = [j for j, m in enumerate(got) if m == ("note_off",) + key[1:]]
            if off and off[0] > on:
                fail(f"at {exp[g][0]} s: note-on of {key} before its note-off: {got}")
        i += len(want)
        g = h
    tail = msgs[i:]
    used = sorted({m[1] for m in msgs[:i]})
    want_tail = sorted(("cc", ch, cc, 0) for ch in used for cc in (120, 123, 64))
    if sorted(tail) != want_tail:
        fail(f"after the song expected only the closing silence {want_tail}, got {tail}")
    from_first, steady, start_ms, missing = onset_errors(exp, cap)
    if missing:
        fail(f"{missing} note-ons missing")
    f, s = stats(from_first), stats(steady)
    if together:
        print(f"the last {together} note-off(s) came among the closing silence, due at the same instant")
    print(f"messages {i} in order + {len(tail)} closing; {s['n']} onsets: error from the first message "
          f"p50 {f['p50_ms']} p99 {f['p99_ms']} max {f['max_ms']} ms; steady (start latency "
          f"{start_ms:.1f} ms removed) p50 {s['p50_ms']} p99 {s['p99_ms']} max {s['max_ms']} ms")
    if s["max_ms"] > a.max_error_ms:
        fail(f"onset error {s['max_ms']} ms exceeds {a.max_error_ms} ms")
    if abs(start_ms) > a.max_start_ms:
        fail(f"start latency {start_ms:.1f} ms exceeds {a.max_start_ms} ms")


def silence_problems(cap, min_notes):
    """(note-ons, channels used, problems) of a capture that should end silent."""
    sounding = {}
    last_on = {}
    notes_off = {}
    ons = 0
    for idx, (_, m) in enumerate(cap):
        if m[0] == "note_on":
            sounding[m[1:3]] = sounding.get(m[1:3], 0) + 1
            last_on[m[1]] = idx
            ons += 1
        elif m[0] == "note_off":
            if sounding.get(m[1:3]):
                sounding[m[1:3]] -= 1
        elif m[0] == "cc" and m[2] == 123:
            notes_off[m[1]] = idx
    problems = []
    left = {k: n for k, n in sounding.items() if n}
    if left:
        problems.append(f"notes left sounding (channel, key): {sorted(left)}")
    channels = sorted({m[1] for _, m in cap if m[0] in ("note_on", "note_off", "cc", "pc")})
    for ch in channels:
        if ch not in notes_off or notes_off[ch] < last_on.get(ch, -1):
            problems.append(f"channel {ch} got no all-notes-off after its last note-on")
    if ons < min_notes:
        problems.append(f"only {ons} note-ons captured (wanted at least {min_notes}: did it play?)")
    return ons, channels, problems


def transport_problems(cap):
    """Stop after the last Start or Continue, and no clock after that Stop."""
    kinds = [m[0] for _, m in cap if m[0] in ("start", "continue", "stop", "clock")]
    started = [i for i, k in enumerate(kinds) if k in ("start", "continue")]
    if not started:
        return []
    stops = [i for i, k in enumerate(kinds) if k == "stop" and i > started[-1]]
    if not stops:
        return [f"no Stop after Start: {kinds[-5:]}"]
    if "clock" in kinds[stops[0]:]:
        return ["clock after Stop"]
    return []


def check_silent(a):
    cap = captured(a.capture)
    ons, channels, problems = silence_problems(cap, a.min_notes)
    if problems:
        fail("; ".join(problems))
    print(f"{ons} note-ons, zero left sounding; all-notes-off on channels {channels}")


def check_windows(a):
    """One capture of several runs, each from its start instant to the next's."""
    cap = captured(a.capture, realtime=True)
    runs = [line.split() for line in open(a.windows) if line.strip()]
    bad = 0
    for i, (name, start) in enumerate(runs):
        end = int(runs[i + 1][1]) if i + 1 < len(runs) else None
        part = [(t, m) for t, m in cap if t >= int(start) and (end is None or t < end)]
        notes = [(t, m) for t, m in part if m[0] not in ("clock", "start", "stop", "continue")]
        ons, _, problems = silence_problems(notes, 0)
        problems += transport_problems(part)
        transport = " ".join(k for k in ("start", "continue", "stop") if any(m[0] == k for _, m in part))
        print(f"{name}: {ons} note-ons" + (f", {transport}" if transport else "")
              + (": " + "; ".join(problems) if problems else ", silent"))
        bad += bool(problems)
    if bad:
        fail(f"{bad} of {len(runs)} runs left the wire wrong")


def report_onsets(a):
    """One JSON line per (capture, label): --capture and --label as many times as
    there are runs (one python start-up and one read of the MIDI file for all)."""
    exp = expected(a.mid)
    if len(a.capture) != len(a.label):
        fail("as many --label as --capture")
    for capture, label in zip(a.capture, a.label):
        report_run(exp, capture, label)


def report_run(exp, capture, label):
    cap = captured(capture)
    if not cap:
        fail(f"{label}: nothing captured")
    from_first, steady, start_ms, missing = onset_errors(exp, cap)
    # The song's first instant apart: every player's first notes (aplaymidi's too)
    # reach the capture a few ms late against the rest, however early they were queued.
    pairs, _ = onset_pairs(exp, cap)
    first_t = min(t for t, _ in pairs) if pairs else 0
    t0 = cap[0][0]
    later = [abs((c - t0) / 1e6 - t * 1000 + start_ms) for t, c in pairs if t > first_t]
    print(json.dumps({"label": label, "missing": missing, "start_ms": round(start_ms, 3),
                      "first": stats(from_first), "steady": stats(steady), "later": stats(later)}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("playback")
    p.add_argument("--mid", required=True)
    p.add_argument("--capture", required=True)
    p.add_argument("--max-error-ms", type=float, default=80, help="bound on the steady onset error")
    p.add_argument("--max-start-ms", type=float, default=250, help="bound on the start latency")
    p.set_defaults(fn=check_playback)
    p = sub.add_parser("silent")
    p.add_argument("--capture", required=True)
    p.add_argument("--min-notes", type=int, default=1)
    p.set_defaults(fn=check_silent)
    p = sub.add_parser("windows")
    p.add_argument("--capture", required=True, help="stamped with CLOCK_REALTIME (midi_capture.py --realtime)")
    p.add_argument("--windows", required=True, help="lines NAME START_NS, in order")
    p.set_defaults(fn=check_windows)
    p = sub.add_parser("onsets")
    p.add_argument("--mid", required=True)
    p.add_argument("--capture", required=True, action="append")
    p.add_argument("--label", required=True, action="append")
    p.set_defaults(fn=report_onsets)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
