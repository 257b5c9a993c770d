// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import CommandLineSupport
import MIDIWire
import Sequencer

/// `--route NAME|INDEX=PORT`: an instrument to an ALSA port of its own.
///
/// Shared by `play` (which opens the ports) and `info` (which shows the plan).
struct RouteOptions: ParsableArguments {
    @Option(name: .customLong("route"), parsing: .singleValue,
            help: ArgumentHelp("""
                Send an instrument (by name or number in `miditask info`) to its own ALSA port, \
                given as --port takes it; the others go to --port (or FluidSynth without one). \
                Repeatable.
                """, valueName: "NAME|INDEX=PORT"))
    var values: [String] = []

    func validate() throws {
        for value in values { _ = try Self.split(value) }
    }

    /// Where routed instruments go: the port specs in order of first
    /// mention, and for each instrument routed, the index of its spec.
    struct Plan {
        /// Each distinct PORT text, in order of first mention.
        var specs: [String] = []
        /// Instrument index → index into `specs`.
        var routeOf: [Int: Int] = [:]
        /// Channel → index into `specs`, for the channels routed instruments play on.
        var channels: [MIDIChannel: Int] = [:]

        var isEmpty: Bool { specs.isEmpty }

        /// The port text an instrument is routed to, if any.
        func spec(forInstrument index: Int) -> String? { routeOf[index].map { specs[$0] } }
    }

    /// Resolves the routes against the channel plan.
    ///
    /// An instrument routed twice, or a channel that would go to two ports
    /// (two instruments sharing a channel — several drum kits on channel 10,
    /// or instruments sharing past 15 — routed apart, or one routed and one
    /// not), is an error: one channel's messages go to one port.
    func plan(for channelPlan: ChannelPlan) throws -> Plan {
        var plan = Plan()
        let names = channelPlan.assignments.map(\.name)
        for value in values {
            let (name, port) = try Self.split(value)
            let specIndex = plan.specs.firstIndex(of: port) ?? { plan.specs.append(port); return plan.specs.count - 1 }()
            for i in try InstrumentSelector.positions(name, in: names, option: "--route") {
                if let earlier = plan.routeOf[i], earlier != specIndex {
                    throw ValidationError("--route \(value): \"\(names[i])\" is already routed to \"\(plan.specs[earlier])\"")
                }
                plan.routeOf[i] = specIndex
            }
        }
        for (i, assignment) in channelPlan.assignments.enumerated() {
            let route = plan.routeOf[i]
            for (j, other) in channelPlan.assignments.enumerated() where j < i && other.channel == assignment.channel {
                let otherRoute = plan.routeOf[j]
                guard route != otherRoute else { continue }
                let place: (Int?) -> String = { $0.map { "to \"\(plan.specs[$0])\"" } ?? "unrouted" }
                throw ValidationError("--route: \"\(other.name)\" (\(place(otherRoute))) and \"\(assignment.name)\" "
                    + "(\(place(route))) share channel \(assignment.channel), and a channel goes to one port: "
                    + "route them together, or give one its own channel with --channel")
            }
            if let route { plan.channels[assignment.channel] = route }
        }
        return plan
    }

    static func split(_ value: String) throws -> (name: String, port: String) {
        guard let eq = value.firstIndex(of: "=") else {
            throw ValidationError("--route \(value): expected NAME|INDEX=PORT, e.g. \"Drums=TR-8\"")
        }
        let name = value[..<eq].trimmingCharacters(in: .whitespaces)
        let port = value[value.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !port.isEmpty, !PortSpec.list(from: [port]).isEmpty else {
            throw ValidationError("--route \(value): expected NAME|INDEX=PORT, e.g. \"Drums=TR-8\"")
        }
        return (name, port)
    }
}
