import ArgumentParser

@main
struct Miditask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miditask",
        abstract: "Play, render and export MIDI generation tasks.",
        subcommands: [Info.self, Export.self, Play.self, Render.self, Ports.self,
                      Fetch.self, Listen.self, Tasks.self, Panic.self, Bench.self]
    )
}
