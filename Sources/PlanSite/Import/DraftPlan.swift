/// What `plansite import` recognised in a document: the fields of a plan file, its body blocks, and the
/// account of everything that did not go into them.
public struct DraftPlan: Sendable, Equatable {
    public var type = ""
    public var number = ""
    public var numberNote: String?
    public var status = "issued"
    public var system = ""
    public var parentIssuer = ""
    public var issuer = ""
    public var issuerNote: String?
    public var place = ""
    public var placeNote: String?
    public var date: PartialDate?
    public var dateNote: String?
    public var title = ""
    public var basis: [String] = []
    public var signatureLines: [String] = []
    public var signatureName = ""
    public var recipients: [String] = []
    public var blocks: [DraftBlock] = []
    public var footnotes: [String] = []
    public var appendices: [DraftAppendix] = []
    /// Fields an editor must check, each with why, in the order of the front matter.
    public var checks: [FieldCheck] = []
    /// Text of the document that is in neither the fields nor the body, and why.
    public var dropped: [DroppedText] = []

    public init() {}
}

/// One block of the body, written as one Markdown block.
public struct DraftBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `## I. …` (roman sections), `### 1. …` (numbered titles), `#### 1.1 …`.
        case heading(level: Int)
        /// A paragraph; `1\. …` when it starts with its printed number.
        case paragraph
        /// A `-` or `+` bullet.
        case item(marker: Character)
    }

    public var kind: Kind
    /// The text as it will stand in the file, Markdown escapes included.
    public var markdown: String
    /// The line of the extracted text it starts on, for diagnostics.
    public var line: Int
}

/// A phụ lục table: its heading lines and one row per document.
public struct DraftAppendix: Sendable, Equatable {
    public var title = ""
    public var note = ""
    public var rows: [Row] = []

    public struct Row: Sendable, Equatable {
        public var symbol: String
        /// The Nội dung cell as printed.
        public var printed: String
        /// The Ghi chú cell.
        public var notes: String
    }
}

public struct FieldCheck: Sendable, Equatable {
    public var field: String
    public var reason: String
}

public struct DroppedText: Sendable, Equatable {
    /// Line of the extracted text (1-based).
    public var line: Int
    public var text: String
    public var reason: String
}

extension DraftPlan {
    /// The left-out pieces with the same text and reason taken together ("“-” on lines 110–115"), in the
    /// order of their first line.
    public var droppedGroups: [(text: String, reason: String, lines: [Int])] {
        var groups: [(text: String, reason: String, lines: [Int])] = []
        var index: [String: Int] = [:]
        for item in dropped {
            let key = item.text + "\u{1F}" + item.reason
            if let position = index[key] {
                groups[position].lines.append(item.line)
            } else {
                index[key] = groups.count
                groups.append((item.text, item.reason, [item.line]))
            }
        }
        return groups
    }

    /// "line 12", "lines 110, 111, 112", "lines 131, 132, … (14 lines)".
    public static func describe(lines: [Int], word: (one: String, many: String) = ("line", "lines")) -> String {
        guard lines.count > 1 else { return "\(word.one) \(lines.first ?? 0)" }
        let shown = lines.prefix(4).map(String.init).joined(separator: ", ")
        return "\(word.many) \(shown)" + (lines.count > 4 ? ", … (\(lines.count) \(word.many))" : "")
    }
}
