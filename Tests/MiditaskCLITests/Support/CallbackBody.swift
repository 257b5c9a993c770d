import MIDITask

/// A complete-task callback body as the API sends it: one bass instrument
/// with `notes` notes.
func callbackBody(id: String, notes: Int) -> [UInt8] {
    var parts: [String] = []
    for i in 0..<notes {
        let start = Double(i) * 0.25
        parts.append("{\"pitch\":\(40 + i % 40),\"start\":\(start),\"end\":\(start + 0.2),\"velocity\":0.8}")
    }
    let json = """
        {"task_id":\(JSONText.quote(id)),"code":200,"msg":"success","data":{"state":"complete",\
        "instruments":[{"name":"Electric Bass (finger)","notes":[\(parts.joined(separator: ","))]}]}}
        """
    return Array(json.utf8)
}
