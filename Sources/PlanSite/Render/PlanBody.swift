/// A plan version's body as the per-plan data files need it: its blocks, its plain text, and every citation
/// with where it is written. Made from the tree `CitationLinker.link` parsed and linked for the page
/// (`CitationLinker.linkWithBody`), so the citations are the page's own, in the same order; `init(_:index:options:)`
/// parses and links the body again, for builds that render a page's data files apart from its linking.
struct PlanBody {
    /// A citation: the document it links to, the symbol as written, and where it is.
    struct Reference {
        var target: DocumentTarget
        var written: String
        /// `body` or `title` (the front-matter field).
        var field: String
        /// Line in the source file and column (1-based, in characters) on that line; for the title, the
        /// column within the title's value.
        var line: Int
        var column: Int
        /// Offset in Unicode scalars in `text` (body citations only).
        var textOffset: Int?
    }

    /// Text is kept as UTF-8 bytes, as cmark gives it and the data files write it.
    enum Inline {
        case text([UInt8])
        /// A citation, by its position in `citations`, and its text.
        case citation(Int, [Inline])
        case link(url: String, [Inline])
        case emphasis([Inline]), strong([Inline])
        case code([UInt8])
        case lineBreak
    }

    enum Block {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case list(ordered: Bool, start: Int, items: [[Block]])
        case quote([Block])
        case code([UInt8])
        case rule
    }

    var blocks: [Block] = []
    var citations: [Reference] = []
    /// The body's text, as UTF-8: text and code, a space for each line break, a line feed after each paragraph
    /// and heading.
    var text: [UInt8] = []

    /// Notes where each body citation is written while the linker rewrites the body's text nodes, one
    /// `Reference` per link it makes, in the order it makes them (the order of `MarkdownNode.insertedLink`).
    struct Spots {
        private var locator: ByteLocator
        private(set) var references: [Reference] = []

        init(_ source: PlanSource) {
            locator = ByteLocator(body: source.body, firstLine: source.bodyStartLine)
        }

        /// Records the links among `pieces`, which cited `citations[firstNew...]`, written in the block at `blockLine`.
        mutating func add(_ pieces: [InlinePiece], citations: [Citation], from firstNew: Int, blockLine: Int) {
            var next = firstNew
            for case let .link(_, _, written) in pieces where next < citations.count {
                let (line, column) = locator.locate(written, fromLine: blockLine)
                references.append(Reference(target: citations[next].target, written: written, field: "body", line: line, column: column))
                next += 1
            }
        }
    }

    /// The body of `document`, linked by the linker; `spots` noted its body citations, `titlePieces` are the
    /// title's pieces, whose links cited `titleCitations` in order. The title's citations come after the body's,
    /// as on the page (`CitationLinker.link`).
    init(_ source: PlanSource, document: MarkdownDocument, spots: Spots, titlePieces: [InlinePiece]?,
         titleCitations: ArraySlice<Citation>) {
        citations = spots.references
        build(document)
        guard let titlePieces else { return }
        var next = titleCitations.startIndex, column = 1
        for piece in titlePieces {
            switch piece {
            case .text(let run): column += run.count
            case .link(_, _, let written):
                citations.append(Reference(target: titleCitations[next].target, written: written, field: "title",
                                          line: source.fieldLines["title"] ?? 1, column: column))
                next += 1
                column += written.count
            }
        }
    }

    /// Parses and links the body again with the page's `CitationLinker`.
    init(_ source: PlanSource, index: DocumentIndex, options: MarkdownOptions) {
        let linker = CitationLinker(index: index, markdownOptions: options)
        var ignored = DiagnosticLog()
        var found: [Citation] = []
        var spots = Spots(source)
        let document = MarkdownDocument(parsing: source.body, options: options)
        document.rewriteText(where: CitationGrammar.mayContainSymbol(bytes:)) { text, blockLine in
            let before = found.count
            let pieces = linker.pieces(for: text, in: source, citations: &found, log: &ignored, locate: { _ in (blockLine, 1) })
            if let pieces { spots.add(pieces, citations: found, from: before, blockLine: blockLine) }
            return pieces
        }
        var titleCitations: [Citation] = []
        let titlePieces = linker.pieces(for: source.title, in: source, citations: &titleCitations, log: &ignored, locate: { _ in (1, 1) })
        self.init(source, document: document, spots: spots, titlePieces: titlePieces, titleCitations: titleCitations[...])
    }

    /// Turns the parsed tree into blocks and the plain text, noting where each citation starts in it.
    private mutating func build(_ document: MarkdownDocument) {
        struct Frame {
            var node: MarkdownNode
            var blocks: [Block] = []
            var inlines: [Inline] = []
            var items: [[Block]] = []
        }
        var stack: [Frame] = []
        var scalars = 0
        // The text as UTF-8 bytes; a scalar starts at each byte that is not a continuation byte.
        var text: [UInt8] = []
        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            text.append(contentsOf: bytes)
            scalars += UTF8Scalar.count(bytes)
        }
        func append(_ byte: StaticString) { byte.withUTF8Buffer { append($0) } }
        let noBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        document.walk(literalBytes: { node, literal, entering in
            switch node.kind {
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .emphasis, .strong, .link, .image:
                if entering {
                    if let position = node.insertedLink, position < citations.count {
                        citations[position].textOffset = scalars
                    }
                    stack.append(Frame(node: node))
                    return
                }
                let frame = stack.removeLast()
                if (node.kind == .paragraph || node.kind == .heading) { append("\n") }
                guard !stack.isEmpty else { blocks = frame.blocks; return }
                switch node.kind {
                case .paragraph: stack[stack.count - 1].blocks.append(.paragraph(frame.inlines))
                case .heading: stack[stack.count - 1].blocks.append(.heading(level: node.headingLevel, frame.inlines))
                case .blockQuote: stack[stack.count - 1].blocks.append(.quote(frame.blocks))
                case .item: stack[stack.count - 1].items.append(frame.blocks)
                case .list: stack[stack.count - 1].blocks.append(.list(ordered: node.isOrderedList, start: node.listStart, items: frame.items))
                case .emphasis: stack[stack.count - 1].inlines.append(.emphasis(frame.inlines))
                case .strong: stack[stack.count - 1].inlines.append(.strong(frame.inlines))
                case .image: stack[stack.count - 1].inlines += frame.inlines  // its description, as text
                case .link:
                    if let position = node.insertedLink, position < citations.count {
                        stack[stack.count - 1].inlines.append(.citation(position, frame.inlines))
                    } else {
                        stack[stack.count - 1].inlines.append(.link(url: node.url ?? "", frame.inlines))
                    }
                default: break
                }
            case .text:
                stack[stack.count - 1].inlines.append(.text(Array(literal ?? noBytes)))
                append(literal ?? noBytes)
            case .code:
                stack[stack.count - 1].inlines.append(.code(Array(literal ?? noBytes)))
                append(literal ?? noBytes)
            case .softBreak:
                stack[stack.count - 1].inlines.append(.text([UInt8(ascii: " ")]))
                append(" ")
            case .lineBreak:
                stack[stack.count - 1].inlines.append(.lineBreak)
                append(" ")
            case .codeBlock:
                stack[stack.count - 1].blocks.append(.code(Array(literal ?? noBytes)))
                append(literal ?? noBytes)
                append("\n")
            case .thematicBreak:
                stack[stack.count - 1].blocks.append(.rule)
            case .htmlBlock, .htmlInline, .customBlock, .customInline, .unknown:
                break  // raw HTML is not part of the text (the page drops it too unless allowed)
            }
        })
        // Trailing line feeds off, as `String.hasSuffix("\n")` sees them: not one that ends a "\r\n".
        while text.last == UInt8(ascii: "\n"), text.dropLast().last != UInt8(ascii: "\r") { text.removeLast() }
        self.text = text
    }
}

/// Where a symbol is written in a body, as `SourceLocator` finds it for diagnostics (the next occurrence at or
/// after its block's first line, repeated strings each at their own place; column in characters), but on the
/// body's bytes: every citation of every plan is located here, and splitting each body into lines of
/// characters took more time than rendering the page.
struct ByteLocator {
    private let bytes: [UInt8]
    private let firstLine: Int
    /// The byte offset where each line of the body starts.
    private let lineStarts: [Int]
    private var cursors: [String: Int] = [:]
    /// The last match located: its line (index into `lineStarts`), its offset, and the characters before it on
    /// its line, when they were counted on the bytes.
    private var counted: (line: Int, offset: Int, characters: Int)?

    init(body: String, firstLine: Int) {
        bytes = Array(body.utf8)
        self.firstLine = firstLine
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// File line and 1-based column (in characters) of the next occurrence of `needle`.
    mutating func locate(_ needle: String, fromLine blockLine: Int) -> (Int, Int) {
        let blockStart = lineStarts[min(max(blockLine - 1, 0), lineStarts.count - 1)]
        let start = max(cursors[needle] ?? 0, blockStart)
        guard let found = CitationLinker.firstIndex(of: Array(needle.utf8), in: bytes, from: start) else {
            return (firstLine + blockLine - 1, 1)
        }
        cursors[needle] = found + needle.utf8.count
        // The last line that starts at or before the match.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= found { low = middle } else { high = middle - 1 }
        }
        // The characters before the match: from the last match on the same line when it was counted on the
        // bytes (a long paragraph citing many documents is counted once, not once per citation).
        let lineStart = lineStarts[low]
        let (from, before) = counted.flatMap { $0.line == low && $0.offset <= found ? ($0.offset, $0.characters) : nil } ?? (lineStart, 0)
        if let characters = Self.countedOnBytes(bytes[from..<found]) {
            counted = (low, found, before + characters)
            return (firstLine + low, before + characters + 1)
        }
        counted = nil
        return (firstLine + low, String(decoding: bytes[lineStart..<found], as: UTF8.self).count + 1)
    }

    /// The number of characters (grapheme clusters) in `line`, which holds no line feed. Counted on the
    /// bytes when every scalar is one whose cluster is the scalar alone: below U+0300 (ASCII, Latin-1, Latin
    /// Extended-A and B, IPA, modifier letters), U+1E00…U+1EFF (the composed Vietnamese letters) and the
    /// dashes, quotes and ellipsis of U+2010…U+2027 and U+2030…U+205E. Anything else (a combining mark, a
    /// joiner, another script) is counted by `String`.
    static func characterCount(_ line: ArraySlice<UInt8>) -> Int {
        countedOnBytes(line) ?? String(decoding: line, as: UTF8.self).count
    }

    /// `characterCount` when every scalar of `line` is a character of its own; nil otherwise.
    private static func countedOnBytes(_ line: ArraySlice<UInt8>) -> Int? {
        line.withUnsafeBufferPointer { bytes in
            var count = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                } else if byte >= 0xC2, byte <= 0xCB, index + 1 < bytes.count {
                    index += 2  // U+0080…U+02FF
                } else if byte == 0xE1 || byte == 0xE2, index + 2 < bytes.count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    let single = byte == 0xE1
                        ? second >= 0xB8 && second <= 0xBB                                    // U+1E00…U+1EFF
                        : second == 0x80 && ((third >= 0x90 && third <= 0xA7) || third >= 0xB0)  // U+2010…U+2027, U+2030…U+203F
                            || second == 0x81 && third <= 0x9E                                  // U+2040…U+205E
                    guard single else { return nil }
                    index += 3
                } else {
                    return nil
                }
                count += 1
            }
            return count
        }
    }
}
