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
        var text = UnsafeBufferPointer(
            start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        // A glued query token ("\u{E000}网络", built by TermPlan) stays glued.
        let glue = BigramTokenizer.glueBytes
        var prefix: [UInt8] = []
        if mode == .query, text.count > glue.count, Array(text.prefix(glue.count)) == glue {
            prefix = glue
            text = UnsafeBufferPointer(rebasing: text[glue.count...])
        }
        var code = SQLITE_OK
        _ = BigramTokenizer.tokenize(text, mode: mode) { token, start, end, colocated in
            let flags: CInt = colocated ? FTS5_TOKEN_COLOCATED : 0
            if prefix.isEmpty {
                code = token.withMemoryRebound(to: CChar.self) { chars in
                    tokenCallback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
                }
            } else {
                let glued = prefix + Array(token)
                code = glued.withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        tokenCallback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
                    }
                }
            }
            return code == SQLITE_OK
        }
        return code
    }
}
