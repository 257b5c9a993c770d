import Glibc
import Testing
@testable import ALSASequencer

// The build machines have no /dev/snd; everything past opening is proven in
// the VM (Tests/RealDevice/alsa-*.sh). These tests only run where that holds.
private let noSequencer = access("/dev/snd/seq", F_OK) != 0

@Test(.enabled(if: noSequencer, "needs a machine without /dev/snd/seq"))
func openingWithoutASequencerThrowsAplaymidiShapedError() {
    #expect(throws: ALSAError(operation: "open sequencer", code: -ENOENT, reason: "No such file or directory")) {
        _ = try SequencerClient(name: "miditask-test")
    }
    let error = ALSAError(operation: "open sequencer", code: -ENOENT, reason: "No such file or directory")
    #expect(error.description == "Cannot open sequencer - No such file or directory")
}

@Test(.enabled(if: noSequencer, "needs a machine without /dev/snd/seq"))
func openingAnOutputWithoutASequencerThrowsTheOpenError() {
    #expect(throws: ALSAError(operation: "open sequencer", code: -ENOENT, reason: "No such file or directory")) {
        _ = try ALSAMIDIOutput(ports: [.name("virmidi")])
    }
}

@Test func checkPassesSuccessAndThrowsNegativeStatusWithLibraryText() throws {
    #expect(try check(3, "x") == 3)
    #expect(throws: ALSAError(operation: "connect to port 20:0", code: -EPERM, reason: "Operation not permitted")) {
        try check(-EPERM, "connect to port 20:0")
    }
}
