/// The unit, year and title in a report's file name, `{unit}_{year}_{title}.ext`.
///
/// ```swift
/// ReportFileName("reports/上海市_2026_政府工作报告.txt")
/// // ReportFileName(unit: "上海市", year: 2026, title: "政府工作报告")
/// ReportFileName("2023年度工作总结.txt") // nil
/// ```
public struct ReportFileName: Sendable, Hashable {
    public var unit: String
    public var year: Int
    public var title: String

    /// Reads a file name (leading directories are ignored); nil unless it has all three
    /// parts and the year is four digits in 1949–2100.
    public init?(_ fileName: String) {
        let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let stem = Self.droppingExtension(base)
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let unit = ReportText.trimmed(parts[0])
        let yearText = parts[1]
        let title = ReportText.trimmed(parts[2...].joined(separator: "_")[...])
        guard !unit.isEmpty, !title.isEmpty, yearText.unicodeScalars.count == 4,
              yearText.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
              let year = Int(yearText), ReportDates.validYears.contains(year) else { return nil }
        self.unit = String(unit)
        self.year = year
        self.title = String(title)
    }

    /// "a_b_c.txt" → "a_b_c"; an extension is one to five ASCII letters or digits.
    static func droppingExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let ext = name[name.index(after: dot)...]
        guard (1...5).contains(ext.count),
              ext.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        else { return name }
        return String(name[..<dot])
    }
}
