/// A plan version's body as the per-plan data files need it: its blocks, its plain text, and every citation
/// with where it is written. Made in the plan page's render job by parsing the body again and linking it with
/// the same `CitationLinker` as the page, so the citations are the page's own, in the same order.
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

    indirect enum Inline {
        case text(String)
        /// A citation, by its position in `citations`, and its text.
        case citation(Int, [Inline])
        case link(url: String, [Inline])
        case emphasis([Inline]), strong([Inline])
        case code(String)
        case lineBreak
    }

    indirect enum Block {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case list(ordered: Bool, start: Int, items: [[Block]])
        case quote([Block])
        case code(String)
        case rule
    }

    var blocks: [Block] = []
    var citations: [Reference] = []
    /// The body's text: text and code, a space for each line break, a line feed after each paragraph and heading.
    var text: String = ""

    /// A link destination cmark cannot produce from Markdown (a control character), marking a citation.
    private static let marker = "\u{1}plansite-citation:"

    init(_ source: PlanSource, index: DocumentIndex, options: MarkdownOptions) {
        let linker = CitationLinker(index: index, markdownOptions: options)
        var ignored = DiagnosticLog()
        var found: [Citation] = []
        var spots: [Reference] = []
        var locator = ByteLocator(body: source.body, firstLine: source.bodyStartLine)
        let document = MarkdownDocument(parsing: source.body, options: options)
        document.rewriteText(where: CitationGrammar.mayContainSymbol(bytes:)) { text, blockLine in
            let before = found.count
            guard let pieces = linker.pieces(for: text, in: source, citations: &found, log: &ignored, locate: { _ in (blockLine, 1) }) else {
                return nil
            }
            var next = before
            return pieces.map { piece in
                guard case let .link(_, title, written) = piece, next < found.count else { return piece }
                let (line, column) = locator.locate(written, fromLine: blockLine)
                spots.append(Reference(target: found[next].target, written: written, field: "body", line: line, column: column))
                next += 1
                return .link(url: Self.marker + String(spots.count - 1), title: title, text: written)
            }
        }
        citations = spots
        build(document)
        // The title's citations come after the body's, as on the page (`CitationLinker.link`).
        var titleCitations: [Citation] = []
        if let pieces = linker.pieces(for: source.title, in: source, citations: &titleCitations, log: &ignored, locate: { _ in (1, 1) }) {
            var next = 0, column = 1
            for piece in pieces {
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
        var text = ""
        func append(_ piece: String) {
            text += piece
            scalars += piece.unicodeScalars.count
        }
        document.walk { node, entering in
            switch node.kind {
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .emphasis, .strong, .link, .image:
                if entering {
                    if node.kind == .link, let url = node.url, url.hasPrefix(Self.marker),
                       let position = Int(url.dropFirst(Self.marker.count)), position < citations.count {
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
                    let url = node.url ?? ""
                    if url.hasPrefix(Self.marker), let position = Int(url.dropFirst(Self.marker.count)), position < citations.count {
                        stack[stack.count - 1].inlines.append(.citation(position, frame.inlines))
                    } else {
                        stack[stack.count - 1].inlines.append(.link(url: url, frame.inlines))
                    }
                default: break
                }
            case .text:
                stack[stack.count - 1].inlines.append(.text(node.literal ?? ""))
                append(node.literal ?? "")
            case .code:
                stack[stack.count - 1].inlines.append(.code(node.literal ?? ""))
                append(node.literal ?? "")
            case .softBreak:
                stack[stack.count - 1].inlines.append(.text(" "))
                append(" ")
            case .lineBreak:
                stack[stack.count - 1].inlines.append(.lineBreak)
                append(" ")
            case .codeBlock:
                stack[stack.count - 1].blocks.append(.code(node.literal ?? ""))
                append((node.literal ?? "") + "\n")
            case .thematicBreak:
                stack[stack.count - 1].blocks.append(.rule)
            case .htmlBlock, .htmlInline, .customBlock, .customInline, .unknown:
                break  // raw HTML is not part of the text (the page drops it too unless allowed)
            }
        }
        while text.hasSuffix("\n") { text.removeLast() }
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
        let column = String(decoding: bytes[lineStarts[low]..<found], as: UTF8.self).count + 1
        return (firstLine + low, column)
    }
}
