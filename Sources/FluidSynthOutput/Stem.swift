// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

/// One instrument's part of a song, and the file it goes to.
///
/// A stem replays the whole song's channel set-up (every program, bank and
/// controller message) but only this instrument's notes (see
/// `RenderParts.instruments`), so it sounds in it exactly as in the mix,
/// and two instruments sharing a channel (two drum kits on channel 10)
/// still come apart: the timeline's `track` says whose each note is.
public struct Stem: Sendable {
    /// The instrument's index in the task.
    public var instrument: Int
    /// The instrument's name as the task gives it.
    public var name: String
    public var file: RenderFile

    /// The stems of a timeline's instruments, in task order, and the
    /// indices of those with no note in it (nothing to write for them).
    ///
    /// Files are named `NN-slug.ext` in `directory`, NN being the
    /// instrument's number in the task (from 01), whichever are skipped.
    public static func plan(_ timeline: Timeline, instrumentNames: [String], directory: String,
                            format: AudioFileFormat, sampleFormat: SampleFormat?,
                            overwrite: Bool) -> (stems: [Stem], empty: [Int]) {
        var sounding = Set<Int>()
        for event in timeline.events where event.message.startsNote && event.track != TimelineEvent.setupTrack {
            sounding.insert(Int(event.track))
        }
        var stems: [Stem] = [], empty: [Int] = []
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        for (index, name) in instrumentNames.enumerated() {
            guard sounding.contains(index) else {
                empty.append(index)
                continue
            }
            let path = folder + fileName(number: index + 1, name: name, format: format)
            stems.append(Stem(instrument: index, name: name,
                              file: RenderFile(path: path, format: format, sampleFormat: sampleFormat, overwrite: overwrite)))
        }
        return (stems, empty)
    }

    /// "02-electric-bass-finger.wav": the number in two digits at least,
    /// then the name in lowercase with every run of other characters than
    /// ASCII letters and digits made one hyphen.
    public static func fileName(number: Int, name: String, format: AudioFileFormat) -> String {
        let digits = String(number)
        let slug = slug(name)
        return String(repeating: "0", count: max(0, 2 - digits.count)) + digits
            + "-" + (slug.isEmpty ? "instrument" : slug) + "." + format.fileExtension
    }

    static func slug(_ name: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
