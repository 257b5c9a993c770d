#!/usr/bin/env bash
# Timing on a busy machine: a busy loop on every CPU plus one (another user), and the
# same 16 s band played to snd-virmidi by aplaymidi and by miditask (its default
# look-ahead: the sequencer's own queue), as root and as an ordinary user (no
# real-time priority), captured at the device, two rounds. miditask must play every
# note in every run, and its best run's median and max must be within +0.3 and +2 ms
# of aplaymidi's worst run's (one run's figures are the draw of the emulated machine's
# stalls, which fall on either player: see scripts/vm/alsa-bench.sh).
# Run inside the VM.
# time-limit: 900
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u
ALSA_TEST_NAME=alsa-load
export ALSA_TEST_NAME
bash "$(dirname "$0")/../../scripts/vm/alsa-bench.sh" --runs 2 --load --user nobody --user root \
    --lookahead default --check
