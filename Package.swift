// swift-tools-version:6.1
import PackageDescription

// miditask: a real-time player for MIDI generation tasks.
//
// Library targets hold the logic; the `miditask` executable only parses
// arguments and calls them. The C libraries are reached through one
// system-library target each.
let package = Package(
    name: "miditask",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "miditask", targets: ["miditask"]),
        .library(name: "MIDITask", targets: ["MIDITask"]),
        .library(name: "Sequencer", targets: ["Sequencer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // The task model and its fast JSON decoder (all three API shapes).
        .target(name: "MIDITask"),
        // General MIDI names, the channel plan, the event timeline, the MIDI file writer.
        .target(name: "Sequencer", dependencies: ["MIDITask"]),
        // The scheduler thread, its clock and transport, and the output protocol.
        .target(name: "Playback", dependencies: ["Sequencer"]),
        // The C libraries, through pkg-config; apt names them for a fresh machine.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        // libsndfile, for FLAC and Ogg renders (libfluidsynth-dev already depends on it).
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        // Typed wrapper over the ALSA sequencer: ports, the output to hardware synths.
        .target(name: "ALSASequencer", dependencies: ["CALSA", "MIDITask", "Playback"]),
        // FluidSynth: a SoundFont to the sound card, or rendered offline to a file.
        .target(name: "FluidSynthOutput", dependencies: ["CFluidSynth", "CSndFile", "Playback", "Sequencer"]),
        // The task API: fetch by id, receive callbacks, the local library of tasks.
        .target(
            name: "TaskAPI",
            dependencies: [
                "MIDITask",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "miditask",
            dependencies: [
                "MIDITask", "Sequencer", "Playback", "ALSASequencer", "FluidSynthOutput", "TaskAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MIDITaskTests", dependencies: ["MIDITask"]),
        // Fixtures are read from the source tree by path, not bundled.
        .testTarget(name: "SequencerTests", dependencies: ["Sequencer", "MIDITask"], exclude: ["Fixtures"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "Sequencer", "MIDITask"]),
        .testTarget(name: "ALSASequencerTests", dependencies: ["ALSASequencer", "Playback"]),
        .testTarget(name: "FluidSynthOutputTests", dependencies: ["FluidSynthOutput", "Playback", "Sequencer", "MIDITask"]),
        .testTarget(
            name: "TaskAPITests",
            dependencies: [
                "TaskAPI", "MIDITask",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Runs the built binary; a stand-in API and HTTP clients exercise fetch and listen.
        .testTarget(
            name: "MiditaskCLITests",
            dependencies: [
                "miditask", "Sequencer", "MIDITask", "TaskAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
