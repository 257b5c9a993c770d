import Foundation

/// What a run of the built `miditask` printed, and how it ended.
struct MiditaskRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `miditask` (beside this test bundle) to its end, without
/// blocking a thread of the concurrency pool while it runs.
func runMiditask(_ arguments: [String], environment: [String: String]) async throws -> MiditaskRun {
    let scratch = temporaryDirectory("run")
    let out = scratch + "/stdout", err = scratch + "/stderr"
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try ListenCrashTests.binary())
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = FileHandle(forWritingAtPath: out)
    process.standardError = FileHandle(forWritingAtPath: err)
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    return MiditaskRun(status: status,
                       stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}
