// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ProcessTesting
import Testing

/// `miditask doctor` on this machine, whatever it has: the verdict and the
/// exit status agree, each check is one line, the key is never printed, and
/// real-time priority is reported as granted or refused as it really is.
@Suite struct DoctorCommandTests {
    static let checkNames = ["sequencer", "timer", "ports", "realtime", "memlock", "cards",
                             "driver", "soundfont", "library", "config", "apikey"]

    /// A home of its own, so the user's library and config do not count.
    private func environment(_ home: TemporaryFolder, _ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.url.path, "XDG_CONFIG_HOME": home.path("config"), "XDG_DATA_HOME": home.path("data"),
         "MIDITASK_API_KEY": "", "MIDITASK_LIBRARY": ""].merging(extra) { _, new in new }
    }

    private func checks(_ stdout: String) throws -> (canWork: Bool, checks: [String: [String: Any]]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let list = try #require(object["checks"] as? [[String: Any]])
        var byName: [String: [String: Any]] = [:]
        for check in list { byName[check["name"] as? String ?? ""] = check }
        #expect(list.map { $0["name"] as? String ?? "" } == Self.checkNames)
        return (try #require(object["playbackCanWork"] as? Bool), byName)
    }

    @Test func textIsOneLinePerCheckThenTheVerdictAndTheStatusFollowsIt() throws {
        let home = try TemporaryFolder()
        let result = try CommandRunner.run(["doctor"], environment: environment(home))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == Self.checkNames.count + 1, "\(result.stdout)")
        for (line, name) in zip(lines, Self.checkNames) {
            let fields = line.split(separator: " ")
            #expect(fields.count >= 3 && ["OK", "warning", "error"].contains(String(fields[0])) && fields[1] == name,
                    "\(line)")
        }
        let canWork = lines.last?.hasPrefix("Playback can work") == true
        #expect(result.status == (canWork ? 0 : 1))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func jsonAgreesWithTheExitStatus() throws {
        let home = try TemporaryFolder()
        let result = try CommandRunner.run(["doctor", "--json"], environment: environment(home))
        let (canWork, checks) = try checks(result.stdout)
        #expect(result.status == (canWork ? 0 : 1))
        for (name, check) in checks {
            #expect(["ok", "warning", "error"].contains(check["status"] as? String ?? ""), "\(name)")
        }
    }

    @Test func withoutTheSequencerDeviceItSaysSoAndHowToFixIt() throws {
        try #require(!FileManager.default.fileExists(atPath: "/dev/snd/seq"), "this machine has a sequencer")
        let home = try TemporaryFolder()
        let result = try CommandRunner.run(["doctor", "--json"], environment: environment(home))
        let (_, checks) = try checks(result.stdout)
        #expect(checks["sequencer"]?["status"] as? String == "error")
        #expect((checks["sequencer"]?["fix"] as? String)?.isEmpty == false)
    }

    @Test func theKeyIsReportedButNeverPrinted() throws {
        let home = try TemporaryFolder()
        let secret = "sk-doctor-test-7f3a9c"
        let result = try CommandRunner.run(["doctor"], environment: environment(home, ["MIDITASK_API_KEY": secret]))
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        #expect(result.stdout.contains("configured (from MIDITASK_API_KEY)"))
    }

    @Test func aConfigFileOpenToOthersIsAnErrorAndTheKeyInItStaysHidden() throws {
        let home = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: home.path("config/miditask"), withIntermediateDirectories: true)
        let path = try home.write("config/miditask/config", "api_key = sk-in-file-41d2\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        var result = try CommandRunner.run(["doctor", "--json"], environment: environment(home))
        var (_, checks) = try checks(result.stdout)
        #expect(checks["config"]?["status"] as? String == "error")
        #expect(checks["config"]?["fix"] as? String == "chmod 600 \(path)")
        #expect(!result.stdout.contains("sk-in-file-41d2"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        result = try CommandRunner.run(["doctor", "--json"], environment: environment(home))
        (_, checks) = try self.checks(result.stdout)
        #expect(checks["config"]?["status"] as? String == "ok")
        #expect(checks["apikey"]?["summary"] as? String == "configured (from \(path))")
        #expect(!result.stdout.contains("sk-in-file-41d2"))
    }

    @Test func theSoundFontNamedByTheEnvironmentIsTheOneReported() throws {
        let home = try TemporaryFolder()
        let soundFont = CommandRunner.packageRoot.appendingPathComponent("soundfonts/miditask-gm.sf2").path
        var result = try CommandRunner.run(["doctor", "--json"],
                                           environment: environment(home, ["MIDITASK_SOUNDFONT": soundFont]))
        var (_, checks) = try checks(result.stdout)
        #expect(checks["soundfont"]?["status"] as? String == "ok")
        #expect((checks["soundfont"]?["summary"] as? String)?.hasPrefix(soundFont) == true)

        result = try CommandRunner.run(["doctor", "--json"],
                                       environment: environment(home, ["MIDITASK_SOUNDFONT": home.path("none.sf2")]))
        (_, checks) = try self.checks(result.stdout)
        #expect(checks["soundfont"]?["status"] as? String == "error")
    }

    /// Runs doctor --json under `wrapper` (setpriv, prlimit) and returns the realtime check.
    private func realTimeCheck(_ wrapper: [String], _ home: TemporaryFolder) throws -> [String: Any] {
        let run = try ChildProcess.run(wrapper[0], Array(wrapper.dropFirst()) + [CommandRunner.executable.path, "doctor", "--json"],
                                       environment: environment(home))
        let (_, checks) = try checks(run.stdout)
        return try #require(checks["realtime"])
    }

    @Test func realTimePriorityGrantedToRootAndRefusedToAnUnprivilegedUser() throws {
        try #require(getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                     "needs root and setpriv to run doctor as another user")
        let home = try TemporaryFolder()
        chmod(home.url.path, 0o755)
        let rootCheck = try realTimeCheck(["/usr/bin/prlimit", "--rtprio=0"], home)
        let capabilities = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        if let line = capabilities.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
           let bits = UInt64(line.split(separator: "\t").last ?? "", radix: 16), bits & (1 << 23) != 0 {
            #expect(rootCheck["status"] as? String == "ok", "\(rootCheck)")
            #expect((rootCheck["summary"] as? String)?.hasSuffix("granted by CAP_SYS_NICE") == true)
        }
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                      "/usr/bin/prlimit", "--rtprio=0"]
        let refused = try realTimeCheck(nobody, home)
        #expect(refused["status"] as? String == "warning", "\(refused)")
        #expect((refused["summary"] as? String)?.hasPrefix("real-time priority refused (RLIMIT_RTPRIO 0, no CAP_SYS_NICE)") == true)
        #expect((refused["fix"] as? String)?.contains("rtprio 95") == true)
    }
}
