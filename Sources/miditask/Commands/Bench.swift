// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport

/// The benchmarks, each printing its figures.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure decoding, scheduling, rendering and callback throughput.",
        subcommands: [DecodeBench.self, SchedulerBench.self, ViewBench.self, TempoBench.self, RenderBench.self, ListenBench.self])
}
