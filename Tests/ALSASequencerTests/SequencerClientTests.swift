// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Glibc
import Testing
@testable import ALSASequencer

// The build machines have no /dev/snd; everything past opening is proven in
// the VM (Tests/RealDevice/alsa-*.sh). These tests only run where that holds.
private let noSequencer = access("/dev/snd/seq", F_OK) != 0

/// What opening where there is no sequencer throws: the library's error and what to do.
private let missingSequencer = ALSAError(operation: "open sequencer", code: -ENOENT, reason: "No such file or directory",
                                         advice: SequencerClient.missingSequencerAdvice)

@Test(.enabled(if: noSequencer, "needs a machine without /dev/snd/seq"))
func openingWithoutASequencerThrowsAplaymidiShapedErrorWithWhatToDo() {
    #expect(throws: missingSequencer) {
        _ = try SequencerClient(name: "miditask-test")
    }
}

@Test(.enabled(if: noSequencer, "needs a machine without /dev/snd/seq"))
func theMissingSequencerMessageNamesTheDeviceAndTheModule() throws {
    let error = try #require(throws: ALSAError.self) { _ = try SequencerClient(name: "miditask-test") }
    #expect(error.description == "Cannot open sequencer - No such file or directory (the ALSA sequencer is missing: "
        + "there is no /dev/snd/seq; load the snd-seq kernel module, e.g. `sudo modprobe snd-seq`)")
}

@Test(.enabled(if: noSequencer, "needs a machine without /dev/snd/seq"))
func openingAnOutputWithoutASequencerThrowsTheOpenError() {
    #expect(throws: missingSequencer) {
        _ = try ALSAMIDIOutput(ports: [.name("virmidi")])
    }
}

@Test func anErrorWithoutAdviceReadsLikeAplaymidi() {
    let error = ALSAError(operation: "open sequencer", code: -EACCES, reason: "Permission denied")
    #expect(error.description == "Cannot open sequencer - Permission denied")
}

@Test func checkPassesSuccessAndThrowsNegativeStatusWithLibraryText() throws {
    #expect(try check(3, "x") == 3)
    #expect(throws: ALSAError(operation: "connect to port 20:0", code: -EPERM, reason: "Operation not permitted")) {
        try check(-EPERM, "connect to port 20:0")
    }
}
