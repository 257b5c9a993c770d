// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// The set-up of each channel at a point of the song: program, bank and
/// controllers, as left by the events before it.
///
/// Used after a seek, a loop wrap or a resume, so that notes from the new
/// position sound with the instrument the song has there. Storage is
/// allocated at init; `rebuild` and `replay` do not allocate.
struct ChannelState {
    /// Program per channel, -1 if none yet.
    private var programs: [Int16]
    /// Controller value per channel × 128 controllers, -1 if never set.
    private var controllers: [Int16]

    init() {
        programs = [Int16](repeating: -1, count: 16)
        controllers = [Int16](repeating: -1, count: 16 * 128)
    }

    var isEmpty: Bool { programs.allSatisfy { $0 < 0 } && controllers.allSatisfy { $0 < 0 } }

    /// Resets to the state left by `timeline`'s events before index `end`.
    mutating func rebuild(from timeline: PreparedTimeline, before end: Int) {
        for i in programs.indices { programs[i] = -1 }
        for i in controllers.indices { controllers[i] = -1 }
        var i = 0
        while i < end {
            let m = timeline.messages[i]
            if let channel = m.channel.map({ Int($0.rawValue) }) {
                switch m.kind {
                case .programChange: programs[channel] = Int16(m.program & 0x7F)
                case .controlChange where !m.controller.isChannelMode:
                    // Channel mode messages (all notes off, resets) are commands, not state.
                    controllers[channel * 128 + Int(m.controller.rawValue)] = Int16(m.value & 0x7F)
                default: break
                }
            }
            i += 1
        }
    }

    /// Sends the state channel by channel: bank select first (it only takes
    /// effect at the next program change), then the program, then the other
    /// controllers in number order.
    func replay(to output: some MIDIOutput) throws(MIDIOutputError) {
        for ch in 0..<16 {
            let channel = MIDIChannel(UInt8(ch))
            let base = ch * 128
            for bank in [Controller.bankSelectMSB, .bankSelectLSB] where controllers[base + Int(bank.rawValue)] >= 0 {
                try output.send(.control(channel, bank, UInt8(controllers[base + Int(bank.rawValue)])))
            }
            if programs[ch] >= 0 {
                try output.send(.program(channel, UInt8(programs[ch])))
            }
            for cc in 1..<120 where cc != Int(Controller.bankSelectLSB.rawValue) && controllers[base + cc] >= 0 {
                try output.send(.control(channel, Controller(UInt8(cc)), UInt8(controllers[base + cc])))
            }
        }
    }
}
