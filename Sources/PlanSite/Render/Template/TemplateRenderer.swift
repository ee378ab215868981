/// Renders parsed templates to UTF-8 bytes. Every `{{name}}` is HTML-escaped (`& < > " '`), so no value can
/// open a tag or leave an attribute; only `{{{name}}}` writes a value as is.
struct TemplateRenderer {
    let templates: [String: [TemplateNode]]

    func render(_ name: String, _ value: TemplateValue) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        var stack = [value]
        render(nodes, stack: &stack, into: &output)
        return output
    }

    private func render(_ nodes: [TemplateNode], stack: inout [TemplateValue], into output: inout [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = Self.lookup(name, in: stack) else { continue }
                switch value {
                case .string(let text):
                    if escaped { Self.appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
                case .bytes(let bytes):
                    if escaped { bytes.withUnsafeBufferPointer { Self.appendEscaped($0, to: &output) } } else { output.append(contentsOf: bytes) }
                case .bool(let flag):
                    output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .null, .list, .object:
                    break
                }
            case .section(let name, let children, let inverted):
                let value = Self.lookup(name, in: stack) ?? .null
                if inverted {
                    if !value.isTrue { render(children, stack: &stack, into: &output) }
                    continue
                }
                guard value.isTrue else { continue }
                if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, into: &output)
                        stack.removeLast()
                    }
                } else {
                    stack.append(value)
                    render(children, stack: &stack, into: &output)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                guard let partial = templates[name] else { continue }
                if indentation.isEmpty {
                    render(partial, stack: &stack, into: &output)
                } else {
                    var inner: [UInt8] = []
                    render(partial, stack: &stack, into: &inner)
                    var atLineStart = true
                    for byte in inner {
                        if atLineStart { output.append(contentsOf: indentation) }
                        output.append(byte)
                        atLineStart = byte == 0x0A
                    }
                }
            }
        }
    }

    /// The first part of a dotted name is looked up from the innermost value outwards; the rest inside it.
    /// Walks the stack by index, so that no value but the one found is copied (each copy is a retain).
    static func lookup(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue? {
        let parts = name.parts
        guard let first = parts.first else { return stack.last }
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
        for index in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            output.append(contentsOf: bytes[runStart..<index])
            replacement.withUTF8Buffer { output.append(contentsOf: $0) }
            runStart = index + 1
        }
        output.append(contentsOf: bytes[runStart..<bytes.count])
    }
}
