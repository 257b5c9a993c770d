#!/usr/bin/env bash
# The VM itself: ports exist, aplaymidi reaches the virtual MIDI interface and
# fluidsynth reaches the loopback sound card. When this fails, the other
# real-device tests' failures are about the environment, not miditask.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
exec bash scripts/vm/smoke.sh
