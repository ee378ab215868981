import Foundation
import Yams

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterFile {
    /// The YAML between the `---` lines.
    var yaml: String
    /// The Markdown after the closing `---`.
    var body: String
    /// File line on which the YAML's first line sits (2: right after the opening `---`).
    var yamlFirstLine: Int
    /// File line on which the body starts.
    var bodyFirstLine: Int
    /// The UTF-8 length of the whole text.
    var textLength: Int

    enum SplitError: Error, Equatable {
        case empty
        case noOpeningFence
        case noClosingFence
    }

    /// Splits `text` (already LF-normalised). The front matter must open on the first line. Works on UTF-8
    /// bytes and reads only as far as the closing fence: plan files are large and this runs for every one of
    /// them. The parts are copied out of `text` as substrings, so they are not validated again.
    static func split(_ text: String) -> Result<FrontMatterFile, SplitError> {
        var text = text
        let fences = text.withUTF8(Fences.init)
        let utf8 = text.utf8
        switch fences {
        case .noOpening:
            return utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 }) ? .failure(.empty) : .failure(.noOpeningFence)
        case .noClosing:
            return .failure(.noClosingFence)
        case let .found(yaml, bodyStart, closeLine):
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return .success(FrontMatterFile(yaml: String(text[index(yaml.lowerBound)..<index(yaml.upperBound)]),
                                            body: String(text[index(bodyStart)...]),
                                            yamlFirstLine: 2, bodyFirstLine: closeLine + 2, textLength: utf8.count))
        }
    }

    /// Where the fences of a file are, as UTF-8 offsets.
    private enum Fences {
        case noOpening
        case noClosing
        /// The YAML between the fences, where the body starts, and the 0-based line of the closing fence.
        case found(yaml: Range<Int>, bodyStart: Int, closeLine: Int)

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            /// The end of the line starting at `start` (the index of its LF, or `count`).
            func lineEnd(_ start: Int) -> Int {
                var end = start
                while end < count, bytes[end] != 10 { end += 1 }
                return end
            }
            /// Whether the line `start..<end`, trailing blanks dropped, is `fence` three times.
            func isFence(_ start: Int, _ end: Int, _ fence: UInt8) -> Bool {
                var last = end
                while last > start, bytes[last - 1] == 32 || bytes[last - 1] == 9 { last -= 1 }
                return last - start == 3 && bytes[start] == fence && bytes[start + 1] == fence && bytes[start + 2] == fence
            }
            let firstEnd = lineEnd(0)
            guard isFence(0, firstEnd, UInt8(ascii: "-")) else { self = .noOpening; return }
            var start = firstEnd + 1, line = 1
            while start <= count {
                let end = lineEnd(start)
                if isFence(start, end, UInt8(ascii: "-")) || isFence(start, end, UInt8(ascii: ".")) {
                    self = .found(yaml: firstEnd + 1..<max(firstEnd + 1, start - 1), bodyStart: min(end + 1, count), closeLine: line)
                    return
                }
                start = end + 1
                line += 1
            }
            self = .noClosing
        }
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

/// Typed, located access to a YAML mapping. Every problem becomes a diagnostic pointing at the key or value.
struct YAMLFields {
    let file: String
    /// Added to Yams' 1-based line numbers to get file lines.
    let lineOffset: Int
    let node: Node
    private(set) var log = DiagnosticLog()
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []

    init(file: String, lineOffset: Int, node: Node, context: String) {
        self.file = file
        self.lineOffset = lineOffset
        self.node = node
        if let mapping = node.mapping {
            for (key, value) in mapping {
                pairs.append((key.string ?? "", key, value))
            }
        } else {
            log.report(.error(file, line: line(of: node), column: column(of: node),
                              "\(context) must be a mapping of `key: value` lines",
                              hint: "write one field per line, e.g. `title: …`"))
        }
    }

    func line(of node: Node) -> Int { (node.mark?.line ?? 1) + lineOffset - 1 }
    func column(of node: Node) -> Int { node.mark?.column ?? 1 }

    /// Location of the mapping itself, for "missing field" diagnostics.
    var mappingLine: Int { line(of: node) }

    func value(_ key: String) -> Node? {
        pairs.first { $0.key == key }?.value
    }

    func keyNode(_ key: String) -> Node? {
        pairs.first { $0.key == key }?.keyNode
    }

    var keys: [(String, Node)] { pairs.map { ($0.key, $0.keyNode) } }

    /// An absent value: YAML null, or an empty or blank text (a scaffold's `""` not yet filled in).
    private static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        if scalar.string.allSatisfy(\.isWhitespace) { return true }
        return scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func error(_ node: Node, _ message: String, hint: String) {
        log.report(.error(file, line: line(of: node), column: column(of: node), message, hint: hint))
    }

    mutating func warning(_ node: Node, _ message: String, hint: String) {
        log.report(.warning(file, line: line(of: node), column: column(of: node), message, hint: hint))
    }

    mutating func missing(_ key: String, hint: String) {
        log.report(.error(file, line: mappingLine, column: 1, "missing required field `\(key)`", hint: hint))
    }

    /// A text value. `required` fields report a missing or empty value. Hints (here and below) are made
    /// only when reported: many interpolate lists, and every plan file asks for every field.
    mutating func string(_ key: String, required: Bool, hint: @autoclosure () -> String) -> String? {
        guard let node = value(key), !Self.isNull(node) else {
            if required { missing(key, hint: hint()) }
            return nil
        }
        guard let scalar = node.scalar else {
            error(node, "`\(key)` must be text, not \(Self.shape(of: node))", hint: hint())
            return nil
        }
        return scalar.string
    }

    /// A list of text values; a missing key is an empty list unless required.
    mutating func strings(_ key: String, required: Bool, hint: @autoclosure () -> String) -> [String] {
        guard let node = value(key), !Self.isNull(node) else {
            if required { missing(key, hint: hint()) }
            return []
        }
        guard let sequence = node.sequence else {
            error(node, "`\(key)` must be a list, not \(Self.shape(of: node))", hint: hint())
            return []
        }
        var result: [String] = []
        for item in sequence {
            guard let scalar = item.scalar, !Self.isNull(item) else {
                error(item, "each entry of `\(key)` must be text", hint: hint())
                continue
            }
            result.append(scalar.string)
        }
        return result
    }

    mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let node = value(key), !Self.isNull(node) else { return defaultValue }
        guard let bool = node.bool, node.scalar != nil else {
            error(node, "`\(key)` must be true or false", hint: "write `\(key): true` or `\(key): false`")
            return defaultValue
        }
        return bool
    }

    /// A nested mapping, read by the caller with its own `YAMLFields`.
    mutating func mapping(_ key: String, required: Bool, hint: @autoclosure () -> String) -> YAMLFields? {
        guard let node = value(key), !Self.isNull(node) else {
            if required { missing(key, hint: hint()) }
            return nil
        }
        guard node.mapping != nil else {
            error(node, "`\(key)` must be a mapping of fields, not \(Self.shape(of: node))", hint: hint())
            return nil
        }
        return YAMLFields(file: file, lineOffset: lineOffset, node: node, context: "`\(key)`")
    }

    /// A list of mappings.
    mutating func mappings(_ key: String, hint: @autoclosure () -> String) -> [YAMLFields] {
        guard let node = value(key), !Self.isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            error(node, "`\(key)` must be a list, not \(Self.shape(of: node))", hint: hint())
            return []
        }
        return sequence.map { YAMLFields(file: file, lineOffset: lineOffset, node: $0, context: "each entry of `\(key)`") }
    }

    /// Takes over the diagnostics of a nested reader.
    mutating func absorb(_ nested: YAMLFields) {
        log.report(contentsOf: nested.log.diagnostics)
    }

    static func shape(of node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Reads a whole YAML file (site config, registry, catalog) into a node. A missing file is reported with
    /// `missing` (message, hint); nil means a diagnostic was reported.
    static func loadFile(_ path: String, missing: (message: String, hint: String), log: inout DiagnosticLog) -> Node? {
        guard let data = FileManager.default.contents(atPath: path) else {
            log.report(.error(path, missing.message, hint: missing.hint))
            return nil
        }
        let text: String
        switch SourceText.decode([UInt8](data)) {
        case .success(let decoded): text = decoded
        case .failure(.invalidUTF8(let line, let column)):
            log.report(.error(path, line: line, column: column, "the file is not valid UTF-8",
                              hint: "save the file as UTF-8 in your editor (Save with Encoding → UTF-8)"))
            return nil
        }
        switch compose(text, file: path, lineOffset: 1, isFrontMatter: false) {
        case .success(let node): return node
        case .failure(let diagnostic):
            log.report(diagnostic)
            return nil
        }
    }

    /// Parses YAML into a node, turning Yams errors into a located diagnostic.
    ///
    /// Front matter is read with Yams' basic resolver: its fields are all read as text (`YAMLFields` never asks
    /// for a tag), and the default resolver runs five regular expressions on every plain scalar. The encoding
    /// is given because Yams' default reads the process environment on every call.
    static func compose(_ yaml: String, file: String, lineOffset: Int, isFrontMatter: Bool = true) -> Result<Node, Diagnostic> {
        do {
            guard let node = try Yams.compose(yaml: yaml, isFrontMatter ? .basic : .default, .default, .utf8) else {
                return .failure(isFrontMatter
                    ? .error(file, line: lineOffset, column: 1, "the front matter is empty",
                             hint: "fill in the fields between the `---` lines (see `plansite new plan`)")
                    : .error(file, line: 1, "the file is empty", hint: "restore it from git, or see the README for its fields"))
            }
            return .success(node)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error(file, line: lineOffset, "could not read the YAML: \(error)",
                                   hint: "check the front matter syntax"))
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        let hint = "check indentation, the `key: value` form, and quote values that contain `:` or `#` (\"…\")"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "malformed YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset - 1))" }
            return .error(file, line: mark.line + lineOffset - 1, column: mark.column, message, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(file, line: context.mark.line + lineOffset - 1, column: context.mark.column,
                          "duplicate field \(duplicates.map { "`\($0)`" }.joined(separator: ", "))",
                          hint: "keep one line per field")
        default:
            return .error(file, line: lineOffset, "malformed YAML: \(error)", hint: hint)
        }
    }
}
