#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""The least a program can do with a key: put a message on the wire (runs in the VM).

    key_responder.py RAW_DEVICE      (in a terminal, e.g. a tmux pane)

Reads the terminal raw, and for each read writes all-notes-off (B0 7B 00) to the
raw MIDI device at once; ends after writing one for a "q". With the device's
sequencer port subscribed to itself, the bytes come back out where the capture
reads: the floor of the path from a key to the capture, against which a player's
key-to-wire time is measured in the emulated VM.
"""

import os
import sys
import tty


def main():
    out = os.open(sys.argv[1], os.O_WRONLY)
    tty.setraw(0)
    while True:
        data = os.read(0, 16)
        os.write(out, bytes([0xB0, 123, 0]))
        if not data or b"q" in data:
            break


if __name__ == "__main__":
    main()
