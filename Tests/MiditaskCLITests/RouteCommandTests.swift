// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `--route` and `panic`: what is checked before any port is opened. (Ports
/// themselves are tested in the VM: Tests/RealDevice/alsa-route.sh.)
@Suite struct RouteCommandTests {
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func aRouteNamesAnInstrumentOfTheTask() throws {
        let result = try CommandRunner.run(["play", demo, "--route", "Banjo=20:0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--route Banjo: the task has no instrument named \"Banjo\""))
        let number = try CommandRunner.run(["play", demo, "--route", "9=20:0"])
        #expect(number.status != 0)
        #expect(number.stderr.contains("--route 9: the task has no instrument 9 (they are numbered 1–4, as info shows)"))
    }

    @Test func aRouteNeedsAnInstrumentAndAPort() throws {
        for value in ["Drums", "=20:0", "Drums=", "Drums= , "] {
            let result = try CommandRunner.run(["play", demo, "--route", value])
            #expect(result.status == 64, "\(value)")
            #expect(result.stderr.contains("expected NAME|INDEX=PORT"), "\(value): \(result.stderr)")
        }
    }

    @Test func instrumentsSharingAChannelCannotGoToDifferentPorts() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("kits.json", """
            {"state": "complete", "instruments": [
              {"name": "Drums", "notes": [{"pitch": 36, "start": 0, "end": 0.1, "velocity": 0.9}]},
              {"name": "Percussion", "notes": [{"pitch": 39, "start": 0.5, "end": 0.6, "velocity": 0.9}]},
              {"name": "Electric Bass (finger)", "notes": [{"pitch": 40, "start": 0, "end": 1, "velocity": 0.8}]}]}
            """)
        let result = try CommandRunner.run(["play", task, "--route", "Drums=20:0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(
            "--route: \"Drums\" (to \"20:0\") and \"Percussion\" (unrouted) share channel 10, and a channel goes to one port"),
            "\(result.stderr)")
        let twice = try CommandRunner.run(["play", task, "--route", "1=20:0", "--route", "Drums=21:0"])
        #expect(twice.status != 0)
        #expect(twice.stderr.contains("\"Drums\" is already routed to \"20:0\""), "\(twice.stderr)")
    }

    @Test func infoShowsWhereEachInstrumentIsRouted() throws {
        let text = try CommandRunner.run(["info", demo, "--route", "Drums=TR-8", "--route", "2=Bass Station:0"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Port"))
        let rows = text.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("Drums") && $0.hasSuffix("TR-8") })
        #expect(rows.contains { $0.contains("Electric Bass (finger)") && $0.hasSuffix("Bass Station:0") })
        #expect(rows.contains { $0.contains("Acoustic Grand Piano") && $0.hasSuffix("  -") })

        let json = try CommandRunner.run(["info", demo, "--json", "--route", "Drums=TR-8"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let instruments = try #require(object?["instruments"] as? [[String: Any]])
        #expect(instruments.map { $0["port"] as? String } == ["TR-8", nil, nil, nil])
        #expect(instruments.filter { $0.keys.contains("port") }.count == 1)

        let plain = try CommandRunner.run(["info", demo])
        #expect(!plain.stdout.contains("Port"))
    }

    @Test func clockAcceptsRoutesAsDestinations() throws {
        let result = try CommandRunner.run(["play", demo, "--clock"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--clock needs --port or --route"))
    }

    @Test func panicRejectsAnEmptyPortSpec() throws {
        let result = try CommandRunner.run(["panic", "--port", " , "])
        #expect(result.status == 64)
        #expect(result.stderr.contains("empty port spec"))
    }
}
