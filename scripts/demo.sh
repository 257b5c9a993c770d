#!/usr/bin/env bash
# First run on a fresh machine: installs what is needed, builds miditask, and
# runs it on the bundled example task: shows it, exports it as a MIDI file,
# renders it to a WAV file with a SoundFont, and plays it on the sound card
# when the machine has one.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
echo "== building miditask (release)"
swift build -c release --product miditask 2>&1 | grep -vE "prohibited flag" || true
bin=.build/release/miditask
task=Tests/MiditaskCLITests/Fixtures/demo.callback.json
mkdir -p out

"$bin" info "$task"
"$bin" export "$task" -o out/demo.mid --force
"$bin" render "$task" -o out/demo.wav --force
if [ -d /dev/snd ]; then
    "$bin" play "$task"
else
    echo "no sound card here (/dev/snd is missing): listen to out/demo.wav, or run '$bin play $task' on a machine with one"
fi
