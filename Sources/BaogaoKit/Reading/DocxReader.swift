import Foundation

/// Reads Word .docx reports: the ZIP package opened in memory with bounded inflation, then
/// word/document.xml walked by ``DocxBody`` with the styles and lists of the package.
///
/// Corrupt, encrypted and over-large packages are refused with the reason; a damaged
/// styles.xml or numbering.xml only costs the headings and list numbers it would give.
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
        // Damaged styles or lists cost the headings and numbers they give, not the text.
        var problems: [String] = []
        var styles = DocxStyles()
        do { styles = try DocxStyles.parse(try zip.part("word/styles.xml")) } catch { problems.append(error.message) }
        var numbering = DocxNumbering()
        do { numbering = try DocxNumbering.parse(try zip.part("word/numbering.xml")) } catch { problems.append(error.message) }
        var document = ExtractedDocument(encoding: "docx")
        try DocxBody.read(body, styles: styles, numbering: &numbering, into: &document)
        if !problems.isEmpty {
            document.note = problems.joined(separator: "; ") + "; read without them"
        }
        return [document]
    }
}
