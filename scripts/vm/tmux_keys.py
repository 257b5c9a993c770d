#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Types keys into a tmux session and says when (runs inside the VM).

    tmux_keys.py SOCKET SESSION      (reads one tmux key name per line on stdin)

Attaches once as a tmux control client (no process started per key: a start-up
costs a second or more in the emulated VM), and for each key sends `send-keys`
and prints "T0 T1": CLOCK_MONOTONIC (ns, the clock midi_capture.py stamps bytes
with) just before the command was written and just after tmux answered it. The
server writes the key to the pane between the two.
"""

import subprocess
import sys
import time


def main():
    socket, session = sys.argv[1], sys.argv[2]
    client = subprocess.Popen(
        ["tmux", "-L", socket, "-C", "attach-session", "-t", session, "-f", "no-output,ignore-size"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def command(text):
        t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        client.stdin.write((text + "\n").encode())
        while True:
            line = client.stdout.readline()
            if not line:
                sys.exit("tmux_keys: the control client ended")
            if line.startswith(b"%end") or line.startswith(b"%error"):
                t1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                return t0, t1, line.startswith(b"%error")

    # The attach answers first, with a block of its own: read past it, to the end of
    # a marker's answer, so that each later answer is its own command's.
    client.stdin.write(b"display-message -p tmux-keys-ready\n")
    for line in iter(client.stdout.readline, b""):
        if line.strip() == b"tmux-keys-ready":
            break
    for line in iter(client.stdout.readline, b""):
        if line.startswith(b"%end"):
            break
    print("ready", flush=True)
    for key in sys.stdin:
        key = key.strip()
        if not key:
            continue
        t0, t1, failed = command(f"send-keys -t {session} {key}")
        if failed:
            sys.exit(f"tmux_keys: send-keys {key} failed")
        print(t0, t1, flush=True)
    client.stdin.close()
    client.wait()


if __name__ == "__main__":
    main()
