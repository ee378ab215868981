/// Escaping for text placed into HTML built outside templates (templates escape on their own).
enum HTML {
    static func escape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }  // most texts: nothing to escape
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Inline pieces as HTML, for short texts (titles, notes) that are not Markdown.
    static func render(_ pieces: [InlinePiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): escape(text)
            case let .link(url, title, text):
                "<a href=\"\(escape(url))\"\(title.map { " title=\"\(escape($0))\"" } ?? "")>\(escape(text))</a>"
            }
        }.joined()
    }
}
