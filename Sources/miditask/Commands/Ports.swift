import ALSASequencer
import ArgumentParser
import Glibc
import Playback
import Sequencer
import Synchronization

struct Ports: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the MIDI ports that play --port can send to: synths, MIDI interfaces, recorders.",
        subcommands: [PortsList.self, PortsSend.self],
        defaultSubcommand: PortsList.self)
}

struct PortsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the MIDI ports that play --port can send to: synths, MIDI interfaces, recorders.",
        discussion: """
            Like `aplaymidi -l`: ports that accept subscriptions for writing, except the \
            system's and miditask's own. `kind` is hardware for device ports (a MIDI \
            interface, a sound card's synth) and software for programs and virtual \
            kernel devices; `clientType` says whether the client is a kernel driver or a process.
            """)

    @Argument(help: "Show only the port each spec selects, as --port would (client:port or a name).")
    var specs: [String] = []

    @Flag(help: "Print a JSON array of {address, client, port, clientName, portName, kind, clientType}.")
    var json = false

    func run() throws {
        var ports = try PortList.playable()
        if !specs.isEmpty {
            ports = try PortSpec.resolve(PortSpec.list(from: specs), in: ports)
        }
        print(json ? PortListing.json(ports) : PortListing.table(ports), terminator: "")
    }
}

/// Plays a task straight to sequencer ports: the hardware path on its own,
/// for the real-device tests, without the rest of `play`'s choices.
struct PortsSend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Play a task to sequencer ports (the ALSA path of play, for tests).",
        shouldDisplay: false)

    @OptionGroup var source: SourceOptions
    @OptionGroup var ports: PortOptions

    func validate() throws {
        if ports.specs.isEmpty { throw ValidationError("no port: give --port or set $MIDITASK_PORT") }
    }

    func run() throws {
        let task = try source.loadTask()
        var timeline = try source.timeline(of: task)
        printWarnings(task.warnings + timeline.warnings)
        if ports.clock { timeline = MIDIClockTrack(bpm: ports.bpm).adding(to: timeline) }
        let output = try ports.openOutput()
        printError("playing to " + output.destinations.map(\.listing).joined(separator: ", "))
        let player = Player(timeline: timeline, output: output)
        let result = try SendStopSignals.play(player)
        switch result {
        case .finished: break
        case .stopped: throw ExitCode(130)
        case .failed(let error): throw error
        }
    }
}

/// Ctrl-C and SIGTERM stop playback cleanly instead of killing the process
/// with notes sounding.
enum SendStopSignals {
    private static let received = Atomic<Int32>(0)

    /// Starts the player and waits for it, turning SIGINT/SIGTERM into `stop()`.
    static func play(_ player: Player) throws -> PlaybackResult {
        signal(SIGINT) { SendStopSignals.received.store($0, ordering: .relaxed) }
        signal(SIGTERM) { SendStopSignals.received.store($0, ordering: .relaxed) }
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        try player.start()
        if let notice = player.notice { printError("note: \(notice)") }
        var stopping = false
        while !player.isFinished {
            if !stopping && received.load(ordering: .relaxed) != 0 {
                player.stop()
                stopping = true
            }
            usleep(5_000)
        }
        return player.wait()
    }
}
