/// Escaping for text placed into HTML built outside templates (templates escape on their own).
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
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
