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
    ],
    targets: [
        // The task model and its fast JSON decoder (all three API shapes).
        .target(name: "MIDITask"),
        // General MIDI names, the channel plan, the event timeline, the MIDI file writer.
        .target(name: "Sequencer", dependencies: ["MIDITask"]),
        .executableTarget(
            name: "miditask",
            dependencies: [
                "MIDITask", "Sequencer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MIDITaskTests", dependencies: ["MIDITask"]),
        .testTarget(name: "SequencerTests", dependencies: ["Sequencer", "MIDITask"]),
        .testTarget(name: "MiditaskCLITests", dependencies: ["miditask", "Sequencer", "MIDITask"]),
    ]
)
