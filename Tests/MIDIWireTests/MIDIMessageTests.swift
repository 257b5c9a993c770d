// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Testing

@Test func channelMessagesCarryKindAndChannelInTheStatusByte() {
    let on = MIDIMessage.noteOn(MIDIChannel(9), key: 36, velocity: 100)
    #expect([on.status, on.data1, on.data2] == [0x99, 36, 100])
    #expect(on.kind == .noteOn)
    #expect(on.channel == MIDIChannel(9))
    #expect(MIDIMessage.noteOff(MIDIChannel(0), key: 60).status == 0x80)
    #expect(MIDIMessage.control(MIDIChannel(3), .allNotesOff, 0).status == 0xB3)
    #expect(MIDIMessage.control(MIDIChannel(3), .allNotesOff, 0).controller == .allNotesOff)
    #expect(MIDIMessage.program(MIDIChannel(15), 40).status == 0xCF)
    #expect(MIDIMessage.program(MIDIChannel(15), 40).program == 40)
}

@Test func systemMessagesHaveNoChannel() {
    for status in [MIDIMessage.SystemStatus.clock, .start, .continue, .stop] {
        let message = MIDIMessage.system(status)
        #expect(message.kind == .system)
        #expect(message.channel == nil)
        #expect(message.length == 1)
    }
}

@Test func noteOnWithVelocityZeroEndsANote() {
    let silent = MIDIMessage.noteOn(MIDIChannel(1), key: 50, velocity: 0)
    #expect(!silent.startsNote)
    #expect(silent.endsNote)
    #expect(MIDIMessage.noteOn(MIDIChannel(1), key: 50, velocity: 1).startsNote)
    #expect(MIDIMessage.noteOff(MIDIChannel(1), key: 50).endsNote)
    #expect(!MIDIMessage.control(MIDIChannel(1), .sustain, 0).endsNote)
}

@Test func bankSelectAndProgramChangeSetTheProgram() {
    #expect(MIDIMessage.control(MIDIChannel(0), .bankSelectMSB, 0).setsProgram)
    #expect(MIDIMessage.control(MIDIChannel(0), .bankSelectLSB, 0).setsProgram)
    #expect(MIDIMessage.program(MIDIChannel(0), 3).setsProgram)
    #expect(!MIDIMessage.control(MIDIChannel(0), Controller(7), 90).setsProgram)
}

@Test func songPositionSplitsSixteenthsIntoTwoSevenBitBytes() {
    let position = MIDIMessage.songPosition(sixteenths: 300)
    #expect([position.status, position.data1, position.data2] == [0xF2, 44, 2])  // 300 = 2 × 128 + 44
    #expect(position.length == 3)
    #expect(position.channel == nil)
}

@Test func wireLengthFollowsTheKind() {
    #expect(MIDIMessage.program(MIDIChannel(0), 1).length == 2)
    #expect(MIDIMessage(status: 0xD0, data1: 5).length == 2)
    #expect(MIDIMessage.noteOn(MIDIChannel(0), key: 1, velocity: 1).length == 3)
    #expect(MIDIMessage(status: 0xE0, data1: 0, data2: 64).length == 3)
}

@Test func channelModeControllersAreNotState() {
    #expect(Controller.allSoundOff.isChannelMode)
    #expect(Controller.allNotesOff.isChannelMode)
    #expect(Controller.resetAllControllers.isChannelMode)
    #expect(!Controller.sustain.isChannelMode)
    #expect(!Controller(119).isChannelMode)
}

@Test func channelsCountFromOneForMusicians() {
    #expect(MIDIChannel.drums.number == 10)
    #expect(MIDIChannel.melodic.count == 15)
    #expect(!MIDIChannel.melodic.contains(.drums))
}

@Test func panicReleasesEveryKeyThenResetsTheChannel() {
    let channel = MIDIChannel(4)
    let messages = MIDIMessage.panic(channel)
    #expect(messages.count == 132)
    #expect(messages.prefix(128).map(\.key) == (0..<128).map { UInt8($0) })
    #expect(messages.prefix(128).allSatisfy { $0.kind == .noteOff && $0.channel == channel })
    #expect(messages.suffix(4) == [.control(channel, .allSoundOff, 0), .control(channel, .allNotesOff, 0),
                                   .control(channel, .sustain, 0), .control(channel, .resetAllControllers, 0)])
}
