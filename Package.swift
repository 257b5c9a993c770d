// swift-tools-version:6.1

// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import PackageDescription

// miditask: a real-time player for MIDI generation tasks.
//
// Library targets hold the logic; the `miditask` executable only parses
// arguments and calls them. The C libraries are reached through one
// system-library target each.
let package = Package(
    name: "miditask",
    // Linux only: the backends are ALSA and FluidSynth through Glibc, so no
    // Apple platform is claimed.
    products: [
        .executable(name: "miditask", targets: ["miditask"]),
        .executable(name: "miditask-api", targets: ["miditask-api"]),
        .library(name: "MIDITask", targets: ["MIDITask"]),
        .library(name: "Sequencer", targets: ["Sequencer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.0.0"),
        // 1.16: LogEvent, which the listener's journald log handler takes.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Both already in the graph through async-http-client: the listener
        // serves TLS, and checks that a key belongs to its certificate.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
    ],
    targets: [
        // Time and the operating system, below everything else: monotonic
        // instants and amounts of time, the clock read and sleep, the threads
        // we start, stop signals, and the audio clock any backend that renders
        // in periods may use. No MIDI.
        .target(name: "SystemClock"),
        // The message on the wire (typed kind, channel, controller) and the
        // MIDIOutput protocol every backend implements (its due times are
        // SystemClock instants). No timeline, no threads.
        .target(name: "MIDIWire", dependencies: ["SystemClock"]),
        // The task model and its fast JSON decoder (all three API shapes), file input and output.
        .target(name: "MIDITask"),
        // General MIDI names, the channel plan, the event timeline and its one
        // same-time order, the MIDI clock track, the MIDI file writer.
        .target(name: "Sequencer", dependencies: ["MIDITask", "MIDIWire"]),
        // The scheduler thread, its clock and transport, silencing.
        .target(name: "Playback", dependencies: ["Sequencer", "MIDIWire", "SystemClock"]),
        // The C libraries, through pkg-config; apt names them for a fresh machine.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        // libsndfile, which writes every render format (libfluidsynth-dev already depends on it).
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        // Cairo, which draws the piano-roll pictures and writes PNG, SVG and PDF.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // Backends: each over its C target and the wire, never the scheduler.
        // Typed wrapper over the ALSA sequencer: ports, the output to hardware synths.
        .target(name: "ALSASequencer", dependencies: ["CALSA", "MIDITask", "MIDIWire", "SystemClock"]),
        // FluidSynth: a SoundFont to the sound card, or rendered offline to a file.
        .target(name: "FluidSynthOutput", dependencies: ["CFluidSynth", "CSndFile", "MIDITask", "MIDIWire", "Sequencer", "SystemClock"]),
        // Piano-roll pictures drawn with Cairo, and the compact roll printed to a terminal.
        .target(name: "PianoRoll", dependencies: ["CCairo", "MIDITask", "Sequencer"]),
        // The task API: fetch by id, receive callbacks, the local library of tasks.
        .target(
            name: "TaskAPI",
            dependencies: [
                "MIDITask",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What `miditask doctor` checks: the sequencer, real-time priority, the
        // sound card, the SoundFont, the library and config; each check a pure
        // function of facts read from the machine.
        // The task library's and the API settings' findings come from the
        // caller, so that the playback program checks the machine without the
        // HTTP stack.
        .target(name: "Doctor", dependencies: ["ALSASequencer", "FluidSynthOutput", "MIDITask", "SystemClock"]),
        // `doctor [--json]` as both programs offer it, each with its own
        // source of the library's and settings' findings.
        .target(name: "DoctorCommand", dependencies: [
            "Doctor", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // What the benchmarks and the tests measure against: a seeded random
        // generator, generated tasks, songs of known tempo (generated and real).
        // No HTTP, no threads, so the low test targets can use it cheaply.
        .target(name: "BenchmarkData", dependencies: ["MIDITask", "Sequencer"]),
        // What `miditask bench` runs: the scheduler and view load tests, and
        // the one latency report. Kept out of the libraries' API.
        .target(
            name: "Benchmarks",
            dependencies: ["BenchmarkData", "MIDITask", "MIDIWire", "Sequencer", "Playback", "LiveView", "SystemClock"]
        ),
        // What `miditask bench listen` runs: a burst of callbacks against an
        // in-process listener. Apart from Benchmarks, as it needs the HTTP stack.
        .target(
            name: "ListenBenchmarks",
            dependencies: [
                "Benchmarks", "BenchmarkData", "MIDITask", "TaskAPI", "SystemClock",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the two programs share: standard error, table columns, numbers
        // formatted without Foundation's formatter, the version, the options
        // both take, child processes, and finding each other.
        .target(name: "CommandLineSupport", dependencies: [
            "SystemClock", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // What the task API's tests share: a stand-in API server, a server run for a test's length.
        .target(
            name: "TaskAPITesting",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The live player in a terminal: keys, layout, screen updates, the terminal's mode.
        .target(name: "LiveView", dependencies: ["Playback", "Sequencer", "MIDIWire", "SystemClock"]),
        // Test doubles: an output that records, a clock that moves when told.
        .target(name: "PlaybackTesting", dependencies: ["Playback", "MIDIWire", "SystemClock"]),
        // What tests that run other programs share: a child process run to its
        // end with both pipes read at once, and MIDI files read with mido.
        .target(name: "ProcessTesting"),
        // The playback program: info, export, play, render, roll, ports,
        // panic, doctor and the benchmarks. No Foundation (FoundationEssentials
        // only) and no HTTP stack, which keeps it small; fetch, listen, tasks
        // and task ids are handed to miditask-api.
        .executableTarget(
            name: "miditask",
            dependencies: [
                "MIDITask", "MIDIWire", "Sequencer", "Playback", "ALSASequencer", "FluidSynthOutput",
                "Benchmarks", "BenchmarkData", "PianoRoll", "LiveView", "Doctor", "DoctorCommand", "SystemClock", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The online program: fetch, listen, tasks, task ids for the playback
        // program, and doctor with the library and API settings. It carries
        // the HTTP, TLS and database stack, and Foundation with it.
        .executableTarget(
            name: "miditask-api",
            dependencies: [
                "MIDITask", "TaskAPI", "Doctor", "DoctorCommand", "ListenBenchmarks", "CommandLineSupport", "SystemClock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SystemClockTests", dependencies: ["SystemClock"]),
        .testTarget(name: "MIDIWireTests", dependencies: ["MIDIWire"]),
        .testTarget(name: "ProcessTestingTests", dependencies: ["ProcessTesting"]),
        .testTarget(name: "CommandLineSupportTests", dependencies: ["CommandLineSupport", "SystemClock"]),
        .testTarget(name: "MIDITaskTests", dependencies: ["MIDITask", "BenchmarkData"]),
        // Fixtures are read from the source tree by path, not bundled.
        .testTarget(name: "SequencerTests", dependencies: ["Sequencer", "MIDITask", "MIDIWire", "BenchmarkData", "ProcessTesting"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "PlaybackTesting", "Sequencer", "MIDITask", "MIDIWire", "SystemClock"]),
        .testTarget(name: "ALSASequencerTests", dependencies: ["ALSASequencer", "CALSA", "MIDITask", "MIDIWire"]),
        // Renders are read back through libsndfile, as any player would.
        .testTarget(name: "FluidSynthOutputTests",
                    dependencies: ["FluidSynthOutput", "CSndFile", "Sequencer", "MIDITask", "MIDIWire", "ProcessTesting"]),
        .testTarget(name: "LiveViewTests", dependencies: ["LiveView", "Playback", "Sequencer", "MIDITask", "MIDIWire"]),
        .testTarget(name: "DoctorTests", dependencies: ["Doctor", "ALSASequencer"]),
        .testTarget(name: "PianoRollTests", dependencies: ["PianoRoll", "MIDITask", "Sequencer"]),
        .testTarget(
            name: "TaskAPITests",
            dependencies: [
                "TaskAPI", "TaskAPITesting", "MIDITask", "BenchmarkData", "ProcessTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built binary; a stand-in API and HTTP clients exercise fetch and listen.
        .testTarget(
            name: "MiditaskCLITests",
            dependencies: [
                "miditask", "miditask-api", "MIDITask", "TaskAPI", "TaskAPITesting", "BenchmarkData", "ProcessTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
