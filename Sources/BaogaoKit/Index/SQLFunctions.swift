import GRDB

/// SQL functions Baogao registers on every connection of an index.
enum SQLFunctions {
    /// `baogao_contains(text, needle)`: whether the folded `needle` occurs in the folded `text`
    /// (the same matching as search terms). Used by the section: and title: filters.
    static let contains = DatabaseFunction("baogao_contains", argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]),
              let needle = String.fromDatabaseValue(values[1]) else { return false }
        return FoldedText(text).contains(FoldedText(needle).scalars)
    }
}
