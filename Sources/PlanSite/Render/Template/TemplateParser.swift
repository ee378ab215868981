/// A parsed template: text and tags of the Mustache subset the site's templates use.
enum TemplateNode {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (as is).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; a standalone partial tag's indentation is put before each line of the partial.
    case partial(String, indentation: [UInt8])
}

/// A dotted name: `t.site_name` is `["t", "site_name"]`; `.` (the current value) is `[]`.
struct TemplateName: Equatable {
    var parts: [String]

    init(_ text: String) {
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// A template that cannot be parsed, with the 1-based line and column (in characters) of the problem.
struct TemplateSyntaxError: Error, Equatable {
    var message: String
    var line: Int
    var column: Int
}

/// Parses Mustache: variables, sections, inverted sections, partials and comments, with the spec's rule
/// that a section, partial or comment tag alone on its line removes that whole line from the output.
/// Set-delimiter tags are refused.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(bytes: Array(text.utf8))
        var stack: [(name: String, inverted: Bool, start: Int, nodes: [TemplateNode])] = []
        var nodes: [TemplateNode] = []
        while let token = try parser.next() {
            switch token {
            case .text(let text):
                nodes.append(.text(text))
            case .variable(let name, let escaped):
                nodes.append(.variable(TemplateName(name), escaped: escaped))
            case .open(let name, let inverted, let start):
                stack.append((name, inverted, start, nodes))
                nodes = []
            case .close(let name, let start):
                guard let open = stack.popLast(), open.name == name else {
                    throw parser.error("a section is closed with a different name than it was opened with", at: start)
                }
                let section = TemplateNode.section(TemplateName(open.name), nodes, inverted: open.inverted)
                nodes = open.nodes + [section]
            case .partial(let name, let indentation):
                nodes.append(.partial(name, indentation: indentation))
            }
        }
        if let open = stack.last {
            throw parser.error("a section is never closed", at: open.start)
        }
        return nodes
    }

    private enum Token {
        case text([UInt8])
        case variable(String, escaped: Bool)
        case open(String, inverted: Bool, start: Int)
        case close(String, start: Int)
        case partial(String, indentation: [UInt8])
    }

    private static let open = Array("{{".utf8)

    /// The next token; text runs are cut at tags, and standalone lines are removed here.
    private mutating func next() throws(TemplateSyntaxError) -> Token? {
        while position < bytes.count {
            guard let tagStart = find(Self.open, from: position) else {
                defer { position = bytes.count }
                return .text(Array(bytes[position...]))
            }
            if tagStart > position {
                // Text up to the tag; a standalone tag's indentation is cut off here and comes back as the tag's.
                let lineStart = lineStart(before: tagStart)
                let end = isStandaloneCandidate(at: tagStart) && standaloneBounds(tagStart: tagStart) != nil
                    ? max(position, lineStart) : tagStart
                if end > position {
                    defer { position = end }
                    return .text(Array(bytes[position..<end]))
                }
            }
            if let token = try tag(at: tagStart) { return token }
        }
        return nil
    }

    /// Whether the tag at `start` is of a kind that can stand alone on its line.
    private func isStandaloneCandidate(at start: Int) -> Bool {
        guard start + 2 < bytes.count else { return false }
        return [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!")].contains(bytes[start + 2])
    }

    /// For a tag alone on its line (only spaces or tabs around it): the line's start and the index after its
    /// line break. `tagEnd` is found by scanning for the closing braces.
    private func standaloneBounds(tagStart: Int) -> (lineStart: Int, next: Int)? {
        let lineStart = lineStart(before: tagStart)
        guard bytes[lineStart..<tagStart].allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
              let close = find(Array("}}".utf8), from: tagStart + 2) else { return nil }
        var index = close + 2
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index == bytes.count { return (lineStart, index) }
        if bytes[index] == 0x0A { return (lineStart, index + 1) }
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (lineStart, index + 2) }
        return nil
    }

    private func lineStart(before index: Int) -> Int {
        var start = index
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        return start
    }

    /// Reads the tag at `start` (`position` may be at its line's start when it is standalone); nil for a comment.
    private mutating func tag(at start: Int) throws(TemplateSyntaxError) -> Token? {
        let standalone = isStandaloneCandidate(at: start) ? standaloneBounds(tagStart: start) : nil
        let indentation = Array(bytes[(standalone?.lineStart ?? start)..<start])
        var index = start + 2
        let sigil: UInt8? = index < bytes.count && "{&#^/>!=".utf8.contains(bytes[index]) ? bytes[index] : nil
        if sigil != nil { index += 1 }
        if sigil == UInt8(ascii: "=") { throw error("set-delimiter tags are not supported", at: start) }
        if sigil == UInt8(ascii: "!") {
            guard let close = find(Array("}}".utf8), from: index) else { throw error("a tag is not closed with }}", at: start) }
            position = standalone?.next ?? close + 2
            return nil
        }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let nameStart = index
        while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let closing = Array((sigil == UInt8(ascii: "{") ? "}}}" : "}}").utf8)
        guard bytes[index...].starts(with: closing) else { throw error("a tag is not closed with }}", at: index) }
        guard !name.isEmpty else { throw error("a tag has no name", at: nameStart) }
        position = standalone?.next ?? index + closing.count
        switch sigil {
        case UInt8(ascii: "#"): return .open(name, inverted: false, start: start)
        case UInt8(ascii: "^"): return .open(name, inverted: true, start: start)
        case UInt8(ascii: "/"): return .close(name, start: start)
        case UInt8(ascii: ">"): return .partial(name, indentation: standalone == nil ? [] : indentation)
        case UInt8(ascii: "{"), UInt8(ascii: "&"): return .variable(name, escaped: false)
        default: return .variable(name, escaped: true)
        }
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "{")
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func error(_ message: String, at index: Int) -> TemplateSyntaxError {
        let lineStart = lineStart(before: min(index, bytes.count))
        let line = bytes[..<lineStart].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        // Columns count characters: every byte that does not continue a UTF-8 sequence.
        let column = bytes[lineStart..<min(index, bytes.count)].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}
