#!/usr/bin/env bash
# The VM itself: ports exist, aplaymidi reaches the virtual MIDI interface and
# fluidsynth reaches the loopback sound card. When this fails, the other
# real-device tests' failures are about the environment, not miditask.
exec bash scripts/vm/smoke.sh
