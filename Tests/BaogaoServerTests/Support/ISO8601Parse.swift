import Foundation

enum ISO8601Parse {
    static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
}
