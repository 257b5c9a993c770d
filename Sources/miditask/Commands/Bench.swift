import ArgumentParser

/// The benchmarks, each printing its figures.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure decoding, scheduling, rendering and callback throughput.",
        subcommands: [DecodeBench.self, SchedulerBench.self, ViewBench.self, TempoBench.self, RenderBench.self, ListenBench.self])
}
