// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// An instrument put on a channel the user chose, as in `--channel "Bass=2"`.
///
/// For multitimbral hardware whose parts listen on fixed channels. The
/// instrument is selected as every option selects one (`InstrumentSelector`:
/// by name, every instrument of that name, or by its number in `miditask
/// info`). `ChannelPlan` checks the request against the task.
public struct ChannelRequest: Sendable, Hashable {
    /// Which instrument or instruments the request moves.
    public typealias Target = InstrumentSelector

    public var target: Target
    public var channel: MIDIChannel
    /// The request as the user wrote it, for messages.
    public var text: String

    public init(target: Target, channel: MIDIChannel, text: String) {
        self.target = target
        self.channel = channel
        self.text = text
    }

    /// Reads `NAME=N` or `INDEX=N`, N being a channel 1–16; the last `=`
    /// splits, so a name may hold one.
    public init(parsing text: String) throws(ChannelRequestError) {
        guard let eq = text.lastIndex(of: "=") else {
            throw ChannelRequestError(request: text, reason: "expected NAME=N or INDEX=N, e.g. \"Bass=2\" or \"3=2\"")
        }
        let who = String(text[..<eq]).trimmingBlanks()
        let value = String(text[text.index(after: eq)...]).trimmingBlanks()
        guard !who.isEmpty else {
            throw ChannelRequestError(request: text, reason: "no instrument before \"=\": expected NAME=N or INDEX=N")
        }
        guard let number = Int(value), (1...16).contains(number) else {
            throw ChannelRequestError(request: text, reason: "\"\(value)\" is not a channel 1–16")
        }
        self.text = text
        self.channel = MIDIChannel(UInt8(number - 1))
        self.target = InstrumentSelector(who)
    }
}

/// A channel request that cannot be met, with the request it is about (if
/// one request is to blame) and why.
public struct ChannelRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request as written, or nil when the requests together are at fault.
    public var request: String?
    public var reason: String

    public init(request: String?, reason: String) {
        self.request = request
        self.reason = reason
    }

    public var description: String { request.map { "\($0): \(reason)" } ?? reason }
}

private extension String {
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
