import Foundation
import Yams

/// How far two plan files agree: the fields of the header and closing, and the body block by block. Used to
/// check an import against the published plan (`plansite compare`, the import tests).
///
/// Fields agree when equal after whitespace is folded. A block is a heading, a paragraph, a list item or a
/// footnote; two blocks agree when they are of the same kind and their rendered text (cmark's plain text,
/// so Markdown escapes and emphasis marks do not count) is equal, or differs in at most 2 % of its
/// characters, the size of an editor's correction of a tone mark or a misprint. Blocks are paired in order
/// (a longest common subsequence), so one missing block does not shift the rest.
public struct PlanComparison: Sendable {
    public struct Field: Sendable, Equatable {
        public var field: String
        public var imported: String
        public var reference: String
        public var agree: Bool { imported == reference }
    }

    public struct Block: Sendable, Equatable {
        public var kind: String
        public var text: String
    }

    public var fields: [Field]
    public var importedBlocks: [Block]
    public var referenceBlocks: [Block]
    /// Pairs of agreeing blocks (index in imported, index in reference), in order.
    public var pairs: [(imported: Int, reference: Int, exact: Bool)]

    public static let comparedFields = ["type", "number", "place", "date", "title", "basis", "signature", "recipients"]
    /// The share of characters in which two agreeing blocks may differ.
    public static let tolerance = 0.02

    public var agreeing: Int { pairs.count }
    public var exact: Int { pairs.filter(\.exact).count }
    public var ratio: Double { referenceBlocks.isEmpty ? 1 : Double(agreeing) / Double(referenceBlocks.count) }

    public init(imported: String, reference: String) {
        let (importedFields, importedBody) = Self.split(imported)
        let (referenceFields, referenceBody) = Self.split(reference)
        fields = Self.comparedFields.map { Field(field: $0, imported: Self.value($0, importedFields), reference: Self.value($0, referenceFields)) }
        importedBlocks = Self.blocks(importedBody)
        referenceBlocks = Self.blocks(referenceBody)
        pairs = Self.align(importedBlocks, referenceBlocks)
    }

    // MARK: Fields

    private static func split(_ text: String) -> ([String: Any], String) {
        guard case .success(let file) = FrontMatterFile.split(text),
              let fields = (try? Yams.load(yaml: file.yaml)) as? [String: Any] else { return ([:], text) }
        return (fields, file.body)
    }

    static func value(_ field: String, _ fields: [String: Any]) -> String {
        let raw: String
        switch field {
        case "basis", "recipients": raw = (fields[field] as? [Any] ?? []).map { "\($0)" }.joined(separator: " | ")
        case "signature":
            let signature = fields["signature"] as? [String: Any] ?? [:]
            raw = ((signature["lines"] as? [Any] ?? []).map { "\($0)" } + ["\(signature["name"] ?? "")"]).joined(separator: " | ")
        default: raw = fields[field].map { "\($0)" } ?? ""
        }
        return folded(raw)
    }

    static func folded(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Blocks

    /// The blocks of a body: chunks between blank lines, each list item its own block, footnotes after `---`.
    static func blocks(_ body: String) -> [Block] {
        var blocks: [Block] = []
        var inFootnotes = false
        var chunk: [Substring] = []
        func flush() {
            defer { chunk = [] }
            guard !chunk.isEmpty else { return }
            var items: [[Substring]] = []
            for line in chunk {
                if line.hasPrefix("- ") || line.hasPrefix("+ ") || items.isEmpty { items.append([line]) } else { items[items.count - 1].append(line) }
            }
            for item in items {
                let markdown = item.joined(separator: "\n")
                let kind: String
                if inFootnotes {
                    kind = "footnote"
                } else if let hashes = markdown.prefixMatch(of: ImportPatterns.markdownHeading) {
                    kind = "heading \(hashes.output.count - 1)"
                } else if markdown.hasPrefix("- ") || markdown.hasPrefix("+ ") {
                    kind = "item"
                } else {
                    kind = "paragraph"
                }
                blocks.append(Block(kind: kind, text: folded(MarkdownDocument(parsing: markdown).plainText)))
            }
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
            } else if line == "---" {
                flush()
                inFootnotes = true
            } else {
                chunk.append(line)
            }
        }
        flush()
        return blocks
    }

    /// The longest run of agreeing pairs, in order.
    static func align(_ imported: [Block], _ reference: [Block]) -> [(imported: Int, reference: Int, exact: Bool)] {
        let n = imported.count, m = reference.count
        var agreement = [[UInt8]](repeating: [UInt8](repeating: 0, count: m), count: n)  // 0 no, 1 near, 2 exact
        for i in 0..<n {
            for j in 0..<m where imported[i].kind == reference[j].kind {
                if imported[i].text == reference[j].text { agreement[i][j] = 2 } else if near(imported[i].text, reference[j].text) { agreement[i][j] = 1 }
            }
        }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = agreement[i][j] > 0 ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs: [(imported: Int, reference: Int, exact: Bool)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if agreement[i][j] > 0, table[i][j] == table[i + 1][j + 1] + 1 {
                pairs.append((i, j, agreement[i][j] == 2))
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    /// Whether two texts differ in at most `tolerance` of their characters (edit distance). Texts whose
    /// lengths or letter counts already differ more are turned down without the distance.
    static func near(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let limit = Int(Double(max(x.count, y.count)) * tolerance)
        guard limit > 0, abs(x.count - y.count) <= limit else { return false }
        var histogram: [Unicode.Scalar: Int] = [:]
        for scalar in x { histogram[scalar, default: 0] += 1 }
        for scalar in y { histogram[scalar, default: 0] -= 1 }
        // Each edit changes the letter counts by two at most.
        guard histogram.values.reduce(0, { $0 + abs($1) }) <= 2 * limit else { return false }
        var previous = Array(0...y.count), current = previous
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...y.count {
                current[j] = min(previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return false }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit
    }

    /// The comparison as JSON (for scripts and CI), with the blocks that found no partner.
    public var json: String {
        let matchedImported = Set(pairs.map(\.imported)), matchedReference = Set(pairs.map(\.reference))
        func quote(_ text: String) -> String { String(decoding: JSONValue.string(text).bytes, as: UTF8.self) }
        let fieldItems = fields.map { "{\"field\": \(quote($0.field)), \"agree\": \($0.agree), \"imported\": \(quote($0.imported)), \"reference\": \(quote($0.reference))}" }
        let differences = referenceBlocks.indices.filter { !matchedReference.contains($0) }
            .map { "{\"side\": \"reference\", \"index\": \($0), \"kind\": \(quote(referenceBlocks[$0].kind)), \"text\": \(quote(String(referenceBlocks[$0].text.prefix(160))))}" }
            + importedBlocks.indices.filter { !matchedImported.contains($0) }
            .map { "{\"side\": \"imported\", \"index\": \($0), \"kind\": \(quote(importedBlocks[$0].kind)), \"text\": \(quote(String(importedBlocks[$0].text.prefix(160))))}" }
        let ratioText = String(format: "%.3f", ratio)
        return """
        {"fields": [\(fieldItems.joined(separator: ", "))],
         "blocks": {"reference": \(referenceBlocks.count), "imported": \(importedBlocks.count), "agree": \(agreeing), "exact": \(exact), "ratio": \(ratioText)},
         "differences": [\(differences.joined(separator: ", "))]}

        """
    }
}
