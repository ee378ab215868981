/// Renders parsed templates to UTF-8 bytes. Every `{{name}}` is HTML-escaped (`& < > " '`), so no value can
/// open a tag or leave an attribute; only `{{{name}}}` writes a value as is.
struct TemplateRenderer {
    let templates: [String: [TemplateNode]]

    /// How deep partials may nest. A partial that includes itself ends when its data does (an empty list);
    /// one whose data never ends would recurse until the stack overflows, so past this depth rendering stops.
    static let maximumPartialDepth = 64

    /// The output of `name` rendered with `value`: nil if the template does not exist; a `PartialDepthError` if
    /// partials nest deeper than `maximumPartialDepth`.
    func render(_ name: String, _ value: TemplateValue) throws(PartialDepthError) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output = Output()
        output.bytes.reserveCapacity(32 * 1024)
        var stack = [value]
        var partials: [String] = []
        try render(nodes, stack: &stack, partials: &partials, into: &output)
        return output.bytes
    }

    /// The bytes written so far, and the indentation of the standalone partials being rendered: as the spec
    /// says, it goes before each line of the partial's template text, never inside an interpolated value.
    private struct Output {
        var bytes: [UInt8] = []
        var indentation: [UInt8] = []
        var atLineStart = false

        mutating func appendText(_ text: [UInt8]) {
            guard !indentation.isEmpty else { return bytes.append(contentsOf: text) }
            var lineStart = 0
            while lineStart < text.count {
                let newline = text[lineStart...].firstIndex(of: 0x0A)
                let lineEnd = newline.map { $0 + 1 } ?? text.count
                if atLineStart { bytes.append(contentsOf: indentation) }
                bytes.append(contentsOf: text[lineStart..<lineEnd])
                atLineStart = newline != nil
                lineStart = lineEnd
            }
        }

        /// Before a value: a value that starts a line of the template is indented like the line.
        mutating func beginValue() {
            if atLineStart, !indentation.isEmpty { bytes.append(contentsOf: indentation) }
            atLineStart = false
        }
    }

    /// `partials` holds the names of the partials being rendered, outermost first.
    private func render(_ nodes: [TemplateNode], stack: inout [TemplateValue], partials: inout [String],
                        into output: inout Output) throws(PartialDepthError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.appendText(bytes)
            case .variable(let name, let escaped):
                guard let value = Self.lookup(name, in: stack) else { continue }
                switch value {
                case .string(let text):
                    output.beginValue()
                    if escaped { Self.appendEscaped(text, to: &output.bytes) } else { output.bytes.append(contentsOf: text.utf8) }
                case .bytes(let bytes):
                    output.beginValue()
                    if escaped {
                        bytes.withUnsafeBufferPointer { Self.appendEscaped($0, to: &output.bytes) }
                    } else {
                        output.bytes.append(contentsOf: bytes)
                    }
                case .bool(let flag):
                    output.beginValue()
                    output.bytes.append(contentsOf: (flag ? "true" : "false").utf8)
                case .null, .list, .object:
                    break
                }
            case .section(let name, let children, let inverted):
                let value = Self.lookup(name, in: stack) ?? .null
                if inverted {
                    if !value.isTrue { try render(children, stack: &stack, partials: &partials, into: &output) }
                    continue
                }
                guard value.isTrue else { continue }
                if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(children, stack: &stack, partials: &partials, into: &output)
                        stack.removeLast()
                    }
                } else {
                    stack.append(value)
                    try render(children, stack: &stack, partials: &partials, into: &output)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                guard let partial = templates[name] else { continue }
                partials.append(name)
                defer { partials.removeLast() }
                if partials.count > Self.maximumPartialDepth { throw PartialDepthError(chain: partials) }
                if indentation.isEmpty {
                    try render(partial, stack: &stack, partials: &partials, into: &output)
                } else {
                    // A standalone tag: its line was cut from the text, so the partial starts a line.
                    let outer = output.indentation
                    output.indentation = outer + indentation
                    output.atLineStart = true
                    defer { output.indentation = outer }
                    try render(partial, stack: &stack, partials: &partials, into: &output)
                }
            }
        }
    }

    /// The first part of a dotted name is looked up from the innermost value outwards; the rest inside it.
    /// A leading dot (`.name`) looks in the innermost value only.
    /// Walks the stack by index, so that no value but the one found is copied (each copy is a retain).
    static func lookup(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue? {
        let parts = name.parts
        guard let first = parts.first else { return stack.last }
        if first.isEmpty, parts.count > 1 {
            // `.name`: looked up in the current value only, never further out.
            var found = stack.last
            for part in parts.dropFirst() { found = found?[part] }
            return found
        }
        var level = stack.count - 1
        while level >= 0 {
            if case .object(let members) = stack[level], let member = members[first] {
                var found: TemplateValue? = member
                for part in parts.dropFirst() { found = found?[part] }
                return found
            }
            level -= 1
        }
        return nil
    }

    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &output) }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        // The runs between the markup characters are found eight bytes at a time and copied whole.
        var index = ByteScan.next(in: bytes, from: 0, stops: escapeStops, needs: isMarkup)
        while index < bytes.count {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            default: replacement = "&#39;"
            }
            output.append(contentsOf: bytes[runStart..<index])
            replacement.withUTF8Buffer { output.append(contentsOf: $0) }
            runStart = index + 1
            index = ByteScan.next(in: bytes, from: runStart, stops: escapeStops, needs: isMarkup)
        }
        output.append(contentsOf: bytes[runStart..<bytes.count])
    }

    @inline(__always)
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    /// The markup characters for `ByteScan` (no byte is below 0; `&` stands twice for the sixth).
    private static let escapeStops = ByteScan.Stops(below: 0, bytes: (UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                                                                      UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&")))
}

/// Partials nested deeper than `TemplateRenderer.maximumPartialDepth`: `chain` names them, outermost first.
struct PartialDepthError: Error, Equatable {
    var chain: [String]

    /// The chain as printed in a diagnostic: its start and the partial that repeats, without 64 names.
    var shortChain: String {
        let shown = chain.count > 6 ? chain.prefix(3) + ["…"] + chain.suffix(2) : chain[...]
        return shown.joined(separator: " > ")
    }
}
