/// Escaping for text placed into HTML built outside templates (templates escape on their own).
enum HTML {
    /// The same escapes as the templates' `{{value}}` (`TemplateRenderer.appendEscaped`).
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text  // most texts: nothing to escape
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        TemplateRenderer.appendEscaped(text, to: &bytes)
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
