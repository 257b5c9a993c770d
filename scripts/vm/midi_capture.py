#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Capture raw MIDI bytes with arrival timestamps (runs inside the VM).

Opens a raw MIDI device (default: the first /dev/snd/midiC*D* of the VirMIDI card)
non-blocking, waits with poll() and reads whatever arrived, stamping each chunk with
CLOCK_MONOTONIC (or CLOCK_REALTIME, --realtime) in nanoseconds. Writes one JSON object per chunk to --out:

    {"t_ns": 123456789, "bytes": [144, 60, 100]}

flushing after each line. Prints "ready" on stdout (flushed) once the device is open.
Stops on SIGTERM/SIGINT or after --duration seconds.

    midi_capture.py --out capture.jsonl [--device /dev/snd/midiC0D0] [--duration S] [--realtime]
"""

import argparse
import errno
import glob
import json
import os
import re
import select
import signal
import sys
import time


def card_id(card):
    """The ALSA id of card number `card` ("VirMIDI", "Loopback", ...), or ""."""
    for path in (f"/proc/asound/card{card}/id", f"/sys/class/sound/card{card}/id"):
        try:
            with open(path) as f:
                return f.read().strip()
        except OSError:
            pass
    return ""


def find_virmidi_device():
    """Path of the first raw MIDI device node that belongs to the VirMIDI card."""
    nodes = []
    for path in glob.glob("/dev/snd/midiC*D*"):
        m = re.fullmatch(r"/dev/snd/midiC(\d+)D(\d+)", path)
        if m:
            nodes.append((int(m.group(1)), int(m.group(2)), path))
    for card, _dev, path in sorted(nodes):
        if card_id(card).lower().startswith("virmidi"):
            return path
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="JSON lines output file ('-' for stdout)")
    ap.add_argument("--device", help="raw MIDI device (default: first VirMIDI /dev/snd/midiC*D*)")
    ap.add_argument("--realtime", action="store_true",
                    help="stamp with CLOCK_REALTIME (a shell's date +%%s%%N) instead of CLOCK_MONOTONIC")
    ap.add_argument("--duration", type=float, default=None,
                    help="stop after this many seconds (default: until SIGTERM/SIGINT)")
    args = ap.parse_args(argv)

    device = args.device or find_virmidi_device()
    if not device:
        print("midi_capture: no VirMIDI raw MIDI device found "
              "(is snd-virmidi loaded? see /proc/asound/cards)", file=sys.stderr)
        return 2

    stop = False

    def on_signal(_signo, _frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        fd = os.open(device, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        print(f"midi_capture: cannot open {device}: {e}", file=sys.stderr)
        return 2

    out = sys.stdout if args.out == "-" else open(args.out, "w")
    clock = time.CLOCK_REALTIME if args.realtime else time.CLOCK_MONOTONIC
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
    deadline = None
    if args.duration is not None:
        deadline = time.clock_gettime_ns(time.CLOCK_MONOTONIC) + int(args.duration * 1e9)

    print("ready", flush=True)
    print(f"midi_capture: reading {device}", file=sys.stderr, flush=True)

    chunks = 0
    nbytes = 0
    try:
        while not stop:
            timeout_ms = 100
            if deadline is not None:
                left_ns = deadline - time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                if left_ns <= 0:
                    break
                timeout_ms = max(1, min(timeout_ms, left_ns // 1_000_000))
            try:
                events = poller.poll(timeout_ms)
            except InterruptedError:
                continue
            if not events:
                continue
            # Drain everything available; stamp each read as it returns.
            while True:
                try:
                    data = os.read(fd, 4096)
                except BlockingIOError:
                    break
                except InterruptedError:
                    continue
                except OSError as e:
                    if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                        break
                    raise
                t_ns = time.clock_gettime_ns(clock)
                if not data:
                    break
                out.write(json.dumps({"t_ns": t_ns, "bytes": list(data)}) + "\n")
                out.flush()
                chunks += 1
                nbytes += len(data)
            if any(ev & (select.POLLERR | select.POLLHUP) for _, ev in events):
                print("midi_capture: device reported error/hangup", file=sys.stderr)
                break
    finally:
        os.close(fd)
        if out is not sys.stdout:
            out.close()
    print(f"midi_capture: {nbytes} bytes in {chunks} chunks", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
