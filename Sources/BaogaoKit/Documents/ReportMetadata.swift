/// Who wrote a report, for which year, under which title, and where each fact came from.
///
/// ```swift
/// let meta = ReportMetadata(unit: "市XX办", year: 2021, title: "2021年度机关党建工作总结")
/// ```
public struct ReportMetadata: Sendable, Hashable, Codable {
    /// Where a metadata field was found.
    public enum Source: String, Sendable, Hashable, Codable {
        case fileName = "file-name"
        /// A folder holding the file (`2019/`, `市农业农村局/`).
        case folderName = "folder-name"
        case text = "text"
        case metadataFile = "metadata.csv"
        /// A column of a .csv/.jsonl collection.
        case column = "column"
    }

    public var unit: String?
    public var year: Int?
    public var title: String?
    public var unitSource: Source?
    public var yearSource: Source?
    public var titleSource: Source?
    /// The unit's name as found, before ``UnitAliases`` gave it its one name.
    public var unitName: String?

    public init(unit: String? = nil, year: Int? = nil, title: String? = nil,
                unitSource: Source? = nil, yearSource: Source? = nil, titleSource: Source? = nil,
                unitName: String? = nil) {
        self.unit = unit
        self.year = year
        self.title = title
        self.unitSource = unitSource
        self.yearSource = yearSource
        self.titleSource = titleSource
        self.unitName = unitName
    }
}
