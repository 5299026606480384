/// Decodes HTML character references: `&amp;`, `&nbsp;`, `&ldquo;`, `&#20013;`, `&#x4E2D;`.
///
/// The named references are the ones Chinese web pages use (punctuation, spaces, symbols);
/// numeric references cover everything, with the windows-1252 mapping that browsers apply
/// to `&#128;`–`&#159;`.
///
/// ```swift
/// HTMLEntities.decode(named: "ldquo")    // "“"
/// HTMLEntities.decode(number: "x4E2D")   // "中"
/// ```
enum HTMLEntities {
    /// The text of a named reference (without `&` and `;`), or `nil` when unknown.
    static func decode(named name: String) -> String? {
        named[name]
    }

    /// The text of a numeric reference (without `&#` and `;`): decimal, or hex after x/X.
    static func decode(number: String) -> String? {
        let value: UInt32?
        if number.first == "x" || number.first == "X" {
            value = UInt32(number.dropFirst(), radix: 16)
        } else {
            value = UInt32(number)
        }
        guard let value else { return nil }
        if let mapped = windows1252[value] { return String(mapped) }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }

    /// Names that may appear without their closing `;` in old pages.
    static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT"]

    private static let windows1252: [UInt32: Character] = [
        0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
        0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "AMP": "&", "LT": "<", "GT": ">", "QUOT": "\"",
        "nbsp": "\u{A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "shy": "\u{AD}", "ideographicspace": "\u{3000}",
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
        "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "bull": "•", "prime": "′", "Prime": "″",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "micro": "µ", "para": "¶", "sect": "§", "cent": "¢", "pound": "£", "yen": "¥", "euro": "€", "curren": "¤",
        "permil": "‰", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³",
        "iexcl": "¡", "iquest": "¿", "brvbar": "¦", "not": "¬", "macr": "¯", "acute": "´", "cedil": "¸",
        "ordf": "ª", "ordm": "º", "uml": "¨", "dagger": "†", "Dagger": "‡", "loz": "◊", "spades": "♠",
        "clubs": "♣", "hearts": "♥", "diams": "♦", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓",
        "harr": "↔", "lArr": "⇐", "rArr": "⇒", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "equiv": "≡",
        "minus": "−", "lowast": "∗", "radic": "√", "infin": "∞", "sum": "∑", "prod": "∏", "part": "∂",
        "forall": "∀", "exist": "∃", "isin": "∈", "cap": "∩", "cup": "∪", "int": "∫", "there4": "∴",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ",
        "pi": "π", "sigma": "σ", "omega": "ω", "Alpha": "Α", "Beta": "Β", "Delta": "Δ", "Omega": "Ω",
        "Sigma": "Σ", "Pi": "Π", "theta": "θ", "phi": "φ", "oline": "‾", "frasl": "⁄", "circ": "ˆ",
        "tilde": "˜", "agrave": "à", "aacute": "á", "eacute": "é", "egrave": "è", "ouml": "ö", "uuml": "ü",
        "auml": "ä", "szlig": "ß", "ccedil": "ç", "ntilde": "ñ", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü",
    ]
}
