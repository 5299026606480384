import Foundation

/// Reads Word .docx reports: the ZIP package opened in memory with bounded inflation, then
/// word/document.xml walked by ``DocxBody`` with the styles and lists of the package.
///
/// Corrupt, encrypted and over-large packages are refused with the reason.
///
/// ```swift
/// let doc = try DocxReader().read(source).first!
/// doc.headingLevels   // [2: 1, 5: 2] — a Heading 1 on line 2, a Heading 2 on line 5
/// ```
struct DocxReader: ReportFormatReader {
    static let extensions: Set<String> = ["docx", "docm"]

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        var zip = try ZipPackage(source.data, path: source.path)
        guard let body = try zip.part("word/document.xml") else {
            throw BaogaoError("not a Word document (the package has no word/document.xml)")
        }
        let styles = try DocxStyles.parse(try zip.part("word/styles.xml"))
        var numbering = try DocxNumbering.parse(try zip.part("word/numbering.xml"))
        var document = ExtractedDocument(encoding: "docx")
        try DocxBody.read(body, styles: styles, numbering: &numbering, into: &document)
        return [document]
    }
}
