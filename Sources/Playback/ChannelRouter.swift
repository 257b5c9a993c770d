// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import SystemClock

/// Sends each channel's messages to the output it is routed to: drums to a
/// drum machine, bass to a bass synth, the rest to a default output.
///
/// Channel messages go to their channel's output; system messages (the
/// MIDI clock) go to every output, since any of them may follow the tempo.
/// `flush` flushes every output, trying each even when one fails.
///
/// An output that reports itself gone is not sent to again, so the
/// silencing that follows (`SilencingOutput.silence`) still reaches the
/// others: every port that remains is left silent.
///
/// Like any output, used from the scheduler thread only.
public final class ChannelRouter: MIDIOutput {
    public let outputs: [any MIDIOutput]
    /// Index into `outputs` for each channel 0–15.
    private let route: [Int]
    private var gone: [Bool]

    /// - Parameters:
    ///   - outputs: at least one; `outputs[defaultOutput]` takes every channel not in `routes`.
    ///   - routes: channel → index into `outputs`.
    public init(outputs: [any MIDIOutput], routes: [MIDIChannel: Int], defaultOutput: Int = 0) {
        precondition(outputs.indices.contains(defaultOutput), "the default output must be one of the outputs")
        precondition(routes.values.allSatisfy(outputs.indices.contains), "a route names an output that is not there")
        self.outputs = outputs
        route = (0..<16).map { routes[MIDIChannel(UInt8($0))] ?? defaultOutput }
        gone = [Bool](repeating: false, count: outputs.count)
    }

    /// The output a channel's messages go to.
    public func output(for channel: MIDIChannel) -> Int { route[Int(channel.rawValue)] }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        if let channel = message.channel {
            try send(message, to: route[Int(channel.rawValue)])
            return
        }
        var firstError: MIDIOutputError?
        for i in outputs.indices {
            do throws(MIDIOutputError) { try send(message, to: i) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    public func flush() throws(MIDIOutputError) {
        var firstError: MIDIOutputError?
        for i in outputs.indices where !gone[i] {
            do throws(MIDIOutputError) {
                try outputs[i].flush()
            } catch {
                if error.deviceGone { gone[i] = true }
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    public func setDueTime(_ instant: MonotonicInstant) {
        for output in outputs { output.setDueTime(instant) }
    }

    /// Only when every output queues can messages be handed ahead: one that
    /// plays them at once would sound them early.
    public var queuesAhead: Bool { outputs.allSatisfy(\.queuesAhead) }

    /// Takes back from every output still there; certain from the latest instant any gives.
    public func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant {
        var certain = instant
        var firstError: MIDIOutputError?
        for i in outputs.indices where !gone[i] {
            do throws(MIDIOutputError) {
                certain = max(certain, try outputs[i].retract(from: instant))
            } catch {
                if error.deviceGone { gone[i] = true }
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return certain
    }

    private func send(_ message: MIDIMessage, to i: Int) throws(MIDIOutputError) {
        guard !gone[i] else { return }
        do throws(MIDIOutputError) {
            try outputs[i].send(message)
        } catch {
            if error.deviceGone { gone[i] = true }
            throw error
        }
    }
}
