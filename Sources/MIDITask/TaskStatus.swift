// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Turning the fields found by the walk into a task, or into the error that
/// says why there is none: the shape, then the API's own status fields.
extension TaskWalker.Document {
    func task(source: String, problems: NoteProblems) throws(TaskDecodingError) -> MIDITask {
        let shape: MIDITask.Shape
        let taskId: String?
        let state: String?
        let instruments: DecodedInstruments?
        if hasData || code != nil {
            if hasMidiData || successFlag != nil || dataTaskId != nil {
                shape = .recordInfo
                state = midiState ?? dataState
                instruments = midiInstruments ?? dataInstruments
            } else {
                shape = .callback
                state = dataState
                instruments = dataInstruments
            }
            taskId = topTaskId ?? dataTaskId
        } else if self.instruments != nil || self.state != nil {
            shape = .bare
            taskId = topTaskId
            state = self.state
            instruments = self.instruments
        } else {
            throw .notATask(source: source, path: "",
                            reason: "not a MIDI task: expected a callback body {task_id, code, data}, a record-info "
                                + "response {code, data: {midiData}}, or {state, instruments}")
        }

        if let code, code != "200" {
            throw .taskFailed(source: source, taskId: taskId, details: apiDetails(code: code))
        }
        if shape == .recordInfo, let flag = successFlag {
            switch flag {
            case "1": break
            case "0":
                throw .taskPending(source: source, taskId: taskId, details: "successFlag 0 (pending)")
            case "2":
                throw .taskFailed(source: source, taskId: taskId, details: apiDetails(flag: "2 (failed to create task)"))
            case "3":
                throw .taskFailed(source: source, taskId: taskId, details: apiDetails(flag: "3 (MIDI generation failed)"))
            default:
                throw .taskFailed(source: source, taskId: taskId, details: apiDetails(flag: "\(flag) (unknown)"))
            }
        }
        if let state, state.lowercased() != "complete" {
            let pendingStates: Set<String> = ["pending", "processing", "running", "queued", "waiting", "in_progress", "generating"]
            let details = "state \(quoted(state))" + (msg.map { ", msg \(quoted($0))" } ?? "")
            if pendingStates.contains(state.lowercased()) {
                throw .taskPending(source: source, taskId: taskId, details: details)
            }
            throw .taskFailed(source: source, taskId: taskId, details: details)
        }
        if shape == .callback, dataIsNull {
            throw .taskFailed(source: source, taskId: taskId, details: apiDetails(code: code ?? "200") + ", but data is null")
        }
        var task = MIDITask(taskId: taskId, state: state, shape: shape, instruments: instruments?.instruments ?? [],
                            warnings: problems.warnings)
        task.noteSources = instruments?.sources
        return task
    }

    private func apiDetails(code: String? = nil, flag: String? = nil) -> String {
        var parts: [String] = []
        if let code { parts.append("code \(code)") }
        if let flag { parts.append("successFlag \(flag)") }
        if let msg { parts.append("msg \(quoted(msg))") }
        if let errorCode { parts.append("errorCode \(quoted(errorCode))") }
        if let errorMessage { parts.append("errorMessage \(quoted(errorMessage))") }
        return parts.joined(separator: ", ")
    }
}

func quoted(_ s: String) -> String { "\"\(s)\"" }
