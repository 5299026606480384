import GRDB
import GRDBSQLite

/// The bridge between ``BigramTokenizer`` and SQLite FTS5: the only file that touches FTS5's
/// tokenizer API.
///
/// Registered on every connection of an index (see ``IndexDatabase``):
///
/// ```swift
/// config.prepareDatabase { db in db.add(tokenizer: BaogaoFTS5Tokenizer.self) }
/// ```
final class BaogaoFTS5Tokenizer: FTS5CustomTokenizer {
    static let name = "baogao"

    init(db: Database, arguments: [String]) throws {}

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let mode: BigramTokenizer.Mode = tokenization.contains(.query) ? .query : .document
        let text = UnsafeBufferPointer(
            start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        var code = SQLITE_OK
        _ = BigramTokenizer.tokenize(text, mode: mode) { token, start, end in
            code = token.withMemoryRebound(to: CChar.self) { chars in
                tokenCallback(context, 0, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
            }
            return code == SQLITE_OK
        }
        return code
    }
}
