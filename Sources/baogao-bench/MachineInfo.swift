import Foundation
import GRDB

/// The machine a run was measured on, and how busy it was.
struct MachineInfo: Codable {
    var cores: Int
    var memoryGiB: Double
    var os: String
    var sqlite: String
    /// `/proc/loadavg`'s 1, 5 and 15-minute load when the run started and ended.
    var loadAtStart: String
    var loadAtEnd: String

    static func current() -> MachineInfo {
        let sqlite = (try? DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") }) ?? nil
        return MachineInfo(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
            os: ProcessInfo.processInfo.operatingSystemVersionString,
            sqlite: sqlite ?? "?",
            loadAtStart: load(), loadAtEnd: "")
    }

    static func load() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
