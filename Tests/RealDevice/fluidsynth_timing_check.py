# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Onset timing of the loopback recordings made by fluidsynth-timing.sh.

usage: fluidsynth_timing_check.py OUT [--last]

OUT holds claves.json and, for each period P, miditask-P.wav and fluidsynth-P.wav,
and loop.wav. Each recorded onset is matched to the note it belongs to (the one
due nearest it once the constant latency is taken out, within 25 ms): an onset
that belongs to no note (an underrun's click, a hit's ringing rising again in the
emulated VM) is refused and counted, not taken for a note; a note with no onset
is missing. Exit 0 when miditask's error is no worse than the command's at every
period (median within 0.5 ms, 90th percentile within 1 ms) and in the loop.
Without --last, a period whose pass failed (either player missing a note, or
miditask worse: the emulated machine stalls now and then) is printed as
"again: P" and the exit status is 3, so the script records that pair once more;
with --last, any failure is final.
"""
import json
import statistics
import sys
import wave
from array import array

PERIODS = (64, 256, 512, 1024, 2048)
MATCH_S = 0.025


def onsets(path):
    with wave.open(path) as w:
        rate = w.getframerate()
        s = array("h", w.readframes(w.getnframes()))
    level = [max(abs(a), abs(b)) for a, b in zip(s[0::2], s[1::2])]
    peak = max(level) if level else 0
    loud, quiet = peak * 0.25, peak * 0.02
    found, i, n = [], 0, len(level)
    while i < n:
        if level[i] > loud:
            # Back to where it left the quiet floor: the hit's first sample.
            j = i
            while j > 0 and level[j - 1] > quiet:
                j -= 1
            found.append(j / rate)
            i += rate // 25            # 40 ms: the hit's own ringing
            continue
        i += 1
    return found


def match(found, due):
    """(pairs (onset, due) after the first note, refused onsets, missing notes, latency s).

    The latency is the most common onset-minus-due difference (in 1 ms bins); each
    note then takes the onset nearest its time plus the latency, within MATCH_S.
    """
    if not found:
        return [], 0, len(due), 0.0
    bins = {}
    for f in found:
        for t in due:
            d = f - t
            # Anything from a hair early to a minute late: the recording starts before
            # the player, whose start-up takes seconds in the emulated VM.
            if -0.05 <= d <= 60.0:
                bins[round(d * 1000)] = bins.get(round(d * 1000), 0) + 1
    best = max(bins, key=lambda k: (bins[k] + bins.get(k - 1, 0) + bins.get(k + 1, 0), -k)) if bins else 0
    rough = best / 1000
    used, pairs, missing = set(), [], 0
    for k, t in enumerate(due):
        near = min((i for i in range(len(found)) if i not in used), key=lambda i: abs(found[i] - t - rough),
                   default=None)
        if near is None or abs(found[near] - t - rough) > MATCH_S:
            missing += 1
            continue
        used.add(near)
        # The first hit is left out of the figures: in the emulated VM it comes late
        # while QEMU first translates the code that renders a voice.
        if k > 0:
            pairs.append((found[near], t))
    refused = len(found) - len(used)
    lat = statistics.median(f - t for f, t in pairs) if pairs else rough
    return pairs, refused, missing, lat


def errors(pairs, lat):
    return sorted(abs(f - t - lat) * 1000 for f, t in pairs)


def figures(errs):
    return statistics.median(errs), errs[int(len(errs) * 0.9)], errs[-1]


def describe(label, errs, lat, refused, missing):
    m, p90, mx = figures(errs)
    extra = (f", {refused} onset(s) refused" if refused else "") + (f", {missing} note(s) MISSING" if missing else "")
    return (f"{label}: onset error median {m:.2f} ms, 90th percentile {p90:.2f} ms, max {mx:.2f} ms "
            f"(latency {lat * 1000:.1f} ms{extra})")


def main():
    out = sys.argv[1]
    last = "--last" in sys.argv[2:]
    task = json.load(open(f"{out}/claves.json"))
    notes = [n["start"] for n in task["data"]["instruments"][0]["notes"]]
    problems, again, rows = [], [], {}
    for period in PERIODS:
        row = rows[period] = {}
        bad = []
        for tool in ("fluidsynth", "miditask"):
            pairs, refused, missing, lat = match(onsets(f"{out}/{tool}-{period}.wav"), notes)
            errs = errors(pairs, lat)
            row[tool] = figures(errs) if errs else (float("inf"),) * 3
            print(describe(f"period {period:5d}: {tool:10s}", errs, lat, refused, missing) if errs
                  else f"period {period}: {tool}: no onsets")
            if missing:
                bad.append(f"{tool} at {period}: {missing} of {len(notes)} notes have no onset")
        # The 90th percentile rather than the max: the emulated VM now and then
        # underruns (either player), and the notes after it come late for a while.
        (fm, f90, _), (mm, m90, _) = row["fluidsynth"], row["miditask"]
        if mm > fm + 0.5 or m90 > f90 + 1.0:
            bad.append(f"miditask worse than the command at {period}")
        if bad and not last:
            again.append(period)
            print(f"period {period}: recorded again once ({'; '.join(bad)})")
        problems += bad if last else []

    # The loop: playback starts at the loop's start, so the hits of 3-6 s again and again.
    a, b = 3.0, 6.0
    inside = [t for t in notes if a <= t < b]
    found = onsets(f"{out}/loop.wav")
    passes = max(1, -(-len(found) // len(inside)))
    due = [p * (b - a) + (t - a) for p in range(passes) for t in inside]
    pairs, refused, missing, lat = match(found, due)
    # The recording ends inside a pass: notes due after the last onset are not missing.
    matched = len(pairs) + 1
    if matched < 3 * len(inside):
        problems.append(f"loop: {matched} hits matched, fewer than three passes ({3 * len(inside)})")
    errs = errors(pairs, lat)
    if errs:
        print(describe(f"loop 3-6 s at 1024: {matched} hits of {len(inside)} a pass", errs, lat, refused, 0))
        lm, l90, _ = figures(errs)
        fm, f90, _ = rows[1024]["fluidsynth"]
        if lm > fm + 0.5 or l90 > f90 + 1.0:
            problems.append("miditask worse than the command in the loop at 1024")
    if again:
        print("again: " + " ".join(map(str, again)))
        return 3
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
