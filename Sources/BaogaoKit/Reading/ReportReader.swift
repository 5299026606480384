import Foundation

/// One report read and parsed: everything the index stores about it.
struct ParsedReport: Sendable {
    /// The path shown for the report: the file's path, `file.csv#row` for a collection row.
    var path: String
    var encoding: String
    var note: String?
    var metadata: ReportMetadata
    var structure: DocumentStructure
    /// Each passage's ``PassageTerms``, found by the parsing worker so that the writer only
    /// stores them.
    var terms: [PassageTerms]
    /// How many of its passages hold each ideograph, counted with ``terms``.
    var characters: CharacterCounts
}

/// One file read: its reports (one, or one per row of a collection) and its hash.
struct ParsedFile: Sendable {
    var file: FoundFile
    var hash: String
    var reports: [ParsedReport]
    /// Remarks for the summary (lossy decoding, rows left out).
    var notes: [String]
}

/// Reads one report file: bytes → format reader → text and marked headings → structure →
/// metadata. The same pipeline for every format after the reader.
///
/// ```swift
/// let parsed = try ReportReader.parse(data, file: file, options: ReadingOptions(), metadata: [:])
/// parsed.reports[0].structure.sections.map(\.heading)
/// ```
enum ReportReader {
    /// Files larger than this are not read.
    static let maximumSize: Int64 = 256 << 20

    /// The bytes of a file, bounded by ``maximumSize``.
    static func load(_ file: FoundFile) throws(BaogaoError) -> Data {
        try FileBytes.read(file.url, limit: maximumSize)
    }

    /// Parses a file's bytes with the reader of its extension. `metadata` holds the
    /// metadata.csv entries by report path.
    static func parse(_ data: Data, hash: String? = nil, file: FoundFile, options: ReadingOptions,
                      metadata: [String: MetadataFile.Entry]) throws(BaogaoError) -> ParsedFile {
        let ext = (file.relativePath as NSString).pathExtension
        guard let reader = ReportFormats.reader(forExtension: ext, options: options) else {
            throw BaogaoError(ReportFormats.unsupportedReason(ext) ?? "no reader for .\(ext) files")
        }
        let documents = try reader.read(ReportSource(data: data, url: file.url, path: file.relativePath))
        let reports = documents.map { document in
            assemble(document, path: file.relativePath + (document.row.map { "#\($0)" } ?? ""),
                     filePath: file.relativePath, aliases: options.aliases, metadata: metadata)
        }
        return ParsedFile(file: file, hash: hash ?? ContentHash.hex(of: data), reports: reports,
                          notes: documents.compactMap(\.note))
    }

    /// The shared pipeline after the reader: structure, marked headings, over-long
    /// paragraphs cut (``LongPassages``), pages, metadata.
    static func assemble(_ document: ExtractedDocument, path: String, filePath: String, aliases: UnitAliases,
                         metadata: [String: MetadataFile.Entry]) -> ParsedReport {
        let parsed = ExplicitHeadings.apply(document.headingLevels, to: StructureParser.parse(document.text))
        var structure = LongPassages.split(parsed)
        if document.page(ofLine: 1) != nil {
            for i in structure.passages.indices {
                structure.passages[i].page = document.page(ofLine: structure.passages[i].line)
            }
        }
        let meta = metadataOf(path: path, filePath: filePath, structure: structure, stated: document.stated,
                              aliases: aliases, entry: metadata[path])
        var tally = CharacterCounts.Tally()
        let terms = structure.passages.map { PassageTerms($0.text, tally: &tally) }
        return ParsedReport(path: path, encoding: document.encoding, note: document.note,
                            metadata: meta, structure: structure, terms: terms, characters: tally.counts)
    }

    /// A report's metadata: inferred from its path (a collection's row: from its text only)
    /// and text, then what its collection's columns state, then its metadata.csv entry.
    /// The indexer runs this again over stored passages when the rules or units.csv change.
    static func metadataOf(path: String, filePath: String, structure: DocumentStructure, stated: ReportMetadata,
                           aliases: UnitAliases, entry: MetadataFile.Entry?) -> ReportMetadata {
        let isRow = path != filePath
        var meta = MetadataInference.infer(path: isRow ? "" : filePath, structure: structure, aliases: aliases)
        if let unit = stated.unit {
            meta.unit = aliases.aliases[unit] ?? unit
            meta.unitName = unit
            meta.unitSource = stated.unitSource
        }
        if let year = stated.year { meta.year = year; meta.yearSource = stated.yearSource }
        if let title = stated.title { meta.title = title; meta.titleSource = stated.titleSource }
        entry?.apply(to: &meta)
        return meta
    }
}
