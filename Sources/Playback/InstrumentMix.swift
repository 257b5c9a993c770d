// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Which instruments a listener has muted or soloed, and so which are heard.
///
/// As on a mixing desk: a muted instrument is silent; while any instrument
/// is soloed, only soloed ones are heard (a soloed instrument that is also
/// muted stays silent). Give `silent` to `Player.setSilentInstruments`.
public struct InstrumentMix: Sendable, Hashable {
    /// How many instruments there are; indexes outside are ignored.
    public let count: Int
    public private(set) var muted: Set<Int> = []
    public private(set) var soloed: Set<Int> = []

    public init(count: Int, muted: Set<Int> = [], soloed: Set<Int> = []) {
        self.count = count
        self.muted = muted.filter { (0..<count).contains($0) }
        self.soloed = soloed.filter { (0..<count).contains($0) }
    }

    public mutating func toggleMute(_ instrument: Int) {
        guard (0..<count).contains(instrument) else { return }
        if muted.remove(instrument) == nil { muted.insert(instrument) }
    }

    public mutating func toggleSolo(_ instrument: Int) {
        guard (0..<count).contains(instrument) else { return }
        if soloed.remove(instrument) == nil { soloed.insert(instrument) }
    }

    public func isAudible(_ instrument: Int) -> Bool {
        !muted.contains(instrument) && (soloed.isEmpty || soloed.contains(instrument))
    }

    /// The instruments not heard.
    public var silent: Set<Int> { Set((0..<count).filter { !isAudible($0) }) }
}
