// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ProcessTesting
import Testing

/// `--channel` and the channel plan, through the binary.
@Suite struct ChannelCommandTests {
    /// Three "Overdriven Guitar" and two "Choir Aahs" striking the same keys
    /// together, a bass and drums: 58 notes (12, 12, 4, 14, 4, 4, 8).
    let band = CommandRunner.packageRoot.appendingPathComponent("Tests/SequencerTests/Fixtures/unison-band.callback.json").path

    func infoJSON(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["info", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    func channels(_ object: [String: Any]) -> [Int?] {
        (object["instruments"] as! [[String: Any]]).map { $0["channel"] as? Int }
    }

    @Test func sameProgramInstrumentsGetChannelsOfTheirOwn() throws {
        let object = try infoJSON([band])
        #expect(channels(object) == [1, 2, 3, 4, 5, 6, 10])
        #expect(object["warnings"] as? [String] == [])
    }

    /// Every note-on of every instrument is in that instrument's own track of
    /// the exported file, on its own channel, as mido reads it.
    @Test func theExportKeepsEveryNoteInItsOwnTrack() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("band.mid")
        let result = try CommandRunner.run(["export", band, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(out): 58 notes, 7 tracks"))
        #expect(!result.stderr.contains("warning"))
        let tracks = try noteOnsPerTrack(out)
        #expect(tracks.map(\.name) == ["unison-band-0001", "Overdriven Guitar", "Overdriven Guitar", "Choir Aahs",
                                       "Overdriven Guitar", "Choir Aahs", "Electric Bass (finger)", "Drums"])
        #expect(tracks.map(\.noteOns) == [0, 12, 12, 4, 14, 4, 4, 8])
        #expect(tracks.map(\.channels) == [[], [0], [1], [2], [3], [4], [5], [9]])
    }

    @Test func chosenChannelsAreKeptAndSharingThemCountsMergedNotes() throws {
        let object = try infoJSON([band, "--channel", "choir aahs=16", "--channel", "7=9"])
        #expect(channels(object) == [1, 2, 16, 3, 16, 4, 9])
        #expect(object["warnings"] as? [String] == [
            #"the drums "Drums" (#7) are on channel 9 as asked ("7=9"): General MIDI synths play drums only on channel 10, so only a synth set to play drums on channel 9 plays them as drums"#,
            "4 notes were merged into another where instruments sharing a channel struck the same key at the same instant (channel 16: 4)",
        ])
    }

    @Test func theChosenChannelsReachTheExport() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("band.mid")
        let result = try CommandRunner.run(["export", band, "-o", out, "--channel", "Electric Bass (finger)=12", "--channel", "1=3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try noteOnsPerTrack(out).map(\.channels) == [[], [2], [0], [1], [3], [4], [11], [9]])
    }

    @Test func aMelodicInstrumentOnChannelTenIsAllowedOnceTheDrumsMove() throws {
        let refused = try CommandRunner.run(["info", band, "--channel", "6=10"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(#"--channel 6=10: channel 10 is where the drums "Drums" (#7) play: put them on another channel too, e.g. "7=N""#))
        let object = try infoJSON([band, "--channel", "6=10", "--channel", "Drums=11"])
        #expect(channels(object) == [1, 2, 3, 4, 5, 10, 11])
        #expect((object["warnings"] as? [String])?.contains(#""Electric Bass (finger)" (#6) is on channel 10 as asked ("6=10"): General MIDI synths, FluidSynth included, play channel 10 as drums, not as Electric Bass (finger) (program 33)"#) == true)
    }

    @Test(arguments: [
        ("Kazoo=2", #"--channel Kazoo=2: the task has no instrument named "Kazoo" (it has "Overdriven Guitar", "Choir Aahs", "Electric Bass (finger)", "Drums")"#),
        ("8=2", "--channel 8=2: the task has no instrument 8 (they are numbered 1–7, as info shows)"),
        ("Drums=0", #"--channel Drums=0: "0" is not a channel 1–16"#),
        ("Drums=17", #"--channel Drums=17: "17" is not a channel 1–16"#),
        ("Drums", #"--channel Drums: expected NAME=N or INDEX=N, e.g. "Bass=2" or "3=2""#),
        ("3=5", #"--channel 3=5: "Choir Aahs" (#3) plays Choir Aahs (program 52) but "Electric Bass (finger)" (#6) on channel 5 plays Electric Bass (finger) (program 33), and a channel plays one program at a time: give them different channels, or one program with --program"#),
    ])
    func badRequestsAreClearErrors(request: String, message: String) throws {
        // "3=5" clashes with the bass put on 5 first.
        let result = try CommandRunner.run(["info", band, "--channel", "6=5", "--channel", request])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func oneInstrumentGivenTwoChannelsIsAnError() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["export", band, "-o", folder.path("out.mid"), "--channel", "Drums=10", "--channel", "7=11"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(#"--channel 7=11: "Drums" (#7) is already put on channel 10 by "Drums=10""#))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.mid")))
    }

    /// Twenty melodic instruments: eight guitars striking one key together
    /// twice, and twelve other programs of other GM families.
    @Test func twentyMelodicInstrumentsShareWithWarningsNamingWhoAndCountingMerges() throws {
        let guitars = (0..<8).map { _ in
            #"{"name": "Overdriven Guitar", "notes": [{"pitch": 40, "start": 0, "end": 0.5, "velocity": 0.8}, {"pitch": 40, "start": 1, "end": 1.5, "velocity": 0.8}]}"#
        }
        let others = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12].map { family in
            #"{"name": "\#(programName(family * 8))", "notes": [{"pitch": 60, "start": 0, "end": 1, "velocity": 0.5}]}"#
        }
        let folder = try TemporaryFolder()
        let path = try folder.write("twenty.json", #"{"state": "complete", "instruments": ["# + (guitars + others).joined(separator: ", ") + "]}")
        let object = try infoJSON([path])
        #expect(channels(object) == [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16])
        #expect(object["warnings"] as? [String] == [
            #"20 melodic instruments for 15 channels: "Overdriven Guitar" (#1), "Overdriven Guitar" (#2), "Overdriven Guitar" (#3) and "Overdriven Guitar" (#4) share channel 1, playing Overdriven Guitar (program 29)"#,
            #"20 melodic instruments for 15 channels: "Overdriven Guitar" (#5) and "Overdriven Guitar" (#6) share channel 2, playing Overdriven Guitar (program 29)"#,
            #"20 melodic instruments for 15 channels: "Overdriven Guitar" (#7) and "Overdriven Guitar" (#8) share channel 3, playing Overdriven Guitar (program 29)"#,
            "10 notes were merged into another where instruments sharing a channel struck the same key at the same instant (channel 1: 6, channel 2: 2, channel 3: 2)",
        ])
        let export = try CommandRunner.run(["export", path, "-o", folder.path("twenty.mid")])
        #expect(export.status == 0)
        #expect(export.stderr.contains("wrote \(folder.path("twenty.mid")): 18 notes, 20 tracks"))
        #expect(export.stderr.contains("warning: 10 notes were merged"))
    }
}

/// GM program names the fixture above needs, by program number.
private func programName(_ program: Int) -> String {
    ["Acoustic Grand Piano", "Celesta", "Drawbar Organ", "Acoustic Guitar (nylon)", "Acoustic Bass", "Violin",
     "String Ensemble 1", "Trumpet", "Soprano Sax", "Piccolo", "Lead 1 (square)", "Pad 1 (new age)",
     "FX 1 (rain)", "Sitar", "Tinkle Bell", "Guitar Fret Noise"][program / 8]
}

/// One exported track as mido reads it: its name, its note-ons (velocity
/// above 0) and the channels they are on.
struct TrackNotes: Equatable {
    var name: String?
    var noteOns: Int
    var channels: [Int]
}

/// Reads a MIDI file with mido, an independent parser.
func noteOnsPerTrack(_ path: String) throws -> [TrackNotes] {
    let script = """
        import json, sys, mido
        out = []
        for track in mido.MidiFile(sys.argv[1]).tracks:
            name = next((m.name for m in track if m.type == "track_name"), None)
            ons = [m for m in track if m.type == "note_on" and m.velocity > 0]
            out.append({"name": name, "ons": len(ons), "channels": sorted({m.channel for m in ons})})
        json.dump(out, sys.stdout)
        """
    let data = try Mido.read(path, with: script)
    let tracks = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    return tracks.map { TrackNotes(name: $0["name"] as? String, noteOns: $0["ons"] as! Int, channels: $0["channels"] as! [Int]) }
}
