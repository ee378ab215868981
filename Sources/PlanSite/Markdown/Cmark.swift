import CCmark
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// This file owns every unsafe pointer into libcmark. Nothing else in PlanSite imports CCmark.

/// How Markdown is turned into HTML.
public struct MarkdownOptions: Sendable, Equatable {
    /// Pass raw HTML and unsafe URLs (`javascript:`, `vbscript:`, `file:`, most `data:`) through.
    /// Off by default, as in cmark: raw HTML becomes `<!-- raw HTML omitted -->` and unsafe URLs become empty.
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }

    /// The cmark option bits; identical to what the `cmark` CLI uses (with `--unsafe` when raw HTML is allowed).
    var cmarkFlags: Int32 {
        allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    }
}

/// One node of a parsed document, as the later stages see it: a value, no pointer.
public struct MarkdownNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        case unknown
    }

    public var kind: Kind
    /// The text of a text, code, code block or HTML node.
    public var literal: String?
    /// The destination of a link or image.
    public var url: String?
    /// 1-based line and column in the Markdown source (block nodes; inline nodes report their block's position in cmark 0.30).
    public var line: Int
    public var column: Int
    /// A heading's level (1–6); 0 for other nodes.
    public var headingLevel: Int = 0
    /// Whether a list is ordered, and the number it starts at (lists only).
    public var isOrderedList: Bool = false
    public var listStart: Int = 0
    /// For a link made by `rewriteText`, its position among the links that call made, in document order;
    /// nil for links written in the Markdown.
    public var insertedLink: Int?
}

/// A run of inline content that replaces a text node.
public enum InlinePiece: Sendable, Equatable {
    case text(String)
    case link(url: String, title: String?, text: String)
}

/// A CommonMark document parsed by cmark. The tree is freed when the value is released.
public final class MarkdownDocument {
    private let root: OpaquePointer
    public let options: MarkdownOptions

    /// Parses `source`. The length passed to cmark is the UTF-8 byte count, never a Character count.
    public convenience init(parsing source: String, options: MarkdownOptions = MarkdownOptions()) {
        self.init(parsing: Array(source.utf8), options: options)
    }

    /// Parses raw bytes as cmark does (invalid UTF-8 is left for cmark to replace, as the `cmark` CLI does).
    public init(parsing bytes: [UInt8], options: MarkdownOptions = MarkdownOptions()) {
        let flags = options.cmarkFlags
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, flags)
            }
        }
        guard let parsed else {
            // cmark only returns NULL when it cannot allocate memory.
            fatalError("cmark could not allocate a document")
        }
        self.root = parsed
        self.options = options
    }

    deinit {
        cmark_node_free(root)
    }

    /// The HTML fragment, byte-identical to `cmark` (or `cmark --unsafe`) on the same input.
    public func renderHTML() -> String {
        String(decoding: renderHTMLBytes(), as: UTF8.self)
    }

    /// The HTML fragment as the exact bytes cmark produced.
    public func renderHTMLBytes() -> [UInt8] {
        guard let html = cmark_render_html(root, options.cmarkFlags) else { return [] }
        defer { Self.freeCString(html) }
        let length = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Visits every node in document order. `entering` is false when leaving a container node.
    public func walk(_ visit: (_ node: MarkdownNode, _ entering: Bool) -> Void) {
        forEachNode { node, entering in visit(Self.value(of: node), entering) }
    }

    /// `walk`, with the literal of a text, code or code block node given as its UTF-8 bytes (valid during the
    /// call) rather than as the node's `literal`: a caller that keeps bytes makes no `String` of them.
    public func walk(literalBytes visit: (_ node: MarkdownNode, _ literal: UnsafeBufferPointer<UInt8>?, _ entering: Bool) -> Void) {
        forEachNode { node, entering in
            let value = Self.value(of: node, textLiteral: false)
            let literal: UnsafeBufferPointer<UInt8>?
            switch value.kind {
            case .text, .code, .codeBlock:
                literal = cmark_node_get_literal(node).map { text in
                    UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
                }
            default:
                literal = nil
            }
            visit(value, literal, entering)
        }
    }

    /// Each node of the tree in document order, with whether it is entered (false when leaving a container).
    private func forEachNode(_ visit: (_ node: OpaquePointer, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }

    /// Convenience: all nodes of the document in order (entering events only).
    public var nodes: [MarkdownNode] {
        var result: [MarkdownNode] = []
        walk { node, entering in if entering { result.append(node) } }
        return result
    }

    /// The text content (text and code nodes), one line per block, for summaries and search.
    public var plainText: String { String(decoding: plainTextBytes, as: UTF8.self) }

    /// `plainText` as UTF-8 bytes, collected straight from cmark's literals.
    public var plainTextBytes: [UInt8] {
        var bytes: [UInt8] = []
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        func append(_ literal: UnsafePointer<CChar>?) {
            guard let literal else { return }
            let length = strlen(literal)
            literal.withMemoryRebound(to: UInt8.self, capacity: length) {
                bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if entering { append(cmark_node_get_literal(node)) }
            case CMARK_NODE_CODE_BLOCK:
                if entering { append(cmark_node_get_literal(node)); bytes.append(10) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                bytes.append(32)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if !entering { bytes.append(10) }
            default:
                break
            }
        }
        while bytes.last == 10 { bytes.removeLast() }
        return bytes
    }

    /// The destination of every link and image, in document order, with the start line of the paragraph or
    /// heading it sits in. Reads only link and image nodes (no text is copied).
    public func linkDestinations() -> [(url: String, isImage: Bool, blockLine: Int)] {
        var result: [(url: String, isImage: Bool, blockLine: Int)] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        var blockLine = 1
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                let line = Int(cmark_node_get_start_line(node))
                if line > 0 { blockLine = line }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard let url = cmark_node_get_url(node) else { continue }
                result.append((String(cString: url), type == CMARK_NODE_IMAGE, blockLine))
            default:
                break
            }
        }
        return result
    }

    /// Replaces text nodes by runs of text and links, e.g. to turn document symbols into links.
    ///
    /// Only text nodes outside links and images are offered (never code, which is not a text node, and never
    /// a link's own text). `transform` gets the node's text and the source line of its block, and returns nil
    /// to keep the node as it is; only nodes whose UTF-8 bytes pass `mayMatter` are offered, and the others
    /// never become Swift strings. Must be called before `renderHTML()`.
    public func rewriteText(where mayMatter: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true },
                            _ transform: (_ text: String, _ blockLine: Int) -> [InlinePiece]?) {
        // Collect first: changing the tree while a cmark iterator walks it is undefined.
        var targets: [(node: OpaquePointer, text: String, line: Int)] = []
        guard let iterator = cmark_iter_new(root) else { return }
        var linkDepth = 0
        var blockLine = 1
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            } else if event == CMARK_EVENT_ENTER, cmark_node_get_start_line(node) > 0,
                      type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                blockLine = Int(cmark_node_get_start_line(node))
            } else if type == CMARK_NODE_TEXT, linkDepth == 0, let literal = cmark_node_get_literal(node) {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self),
                                                count: strlen(literal))
                if mayMatter(bytes) { targets.append((node, String(decoding: bytes, as: UTF8.self), blockLine)) }
            }
        }
        cmark_iter_free(iterator)
        var inserted = 0
        for target in targets {
            guard let pieces = transform(target.text, target.line) else { continue }
            for piece in pieces {
                guard let replacement = Self.makeNode(piece, linkNumber: inserted) else { continue }
                if case .link = piece { inserted += 1 }
                cmark_node_insert_before(target.node, replacement)
            }
            cmark_node_free(target.node)  // also unlinks it
        }
    }

    /// A node for `piece`; a link carries `linkNumber + 1` as its user data (`MarkdownNode.insertedLink`).
    private static func makeNode(_ piece: InlinePiece, linkNumber: Int) -> OpaquePointer? {
        switch piece {
        case .text(let text):
            guard !text.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
            cmark_node_set_literal(node, text)
            return node
        case .link(let url, let title, let text):
            guard let link = cmark_node_new(CMARK_NODE_LINK), let label = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
            cmark_node_set_url(link, url)
            cmark_node_set_title(link, title)
            cmark_node_set_literal(label, text)
            cmark_node_append_child(link, label)
            cmark_node_set_user_data(link, UnsafeMutableRawPointer(bitPattern: linkNumber + 1))
            return link
        }
    }

    /// The node as a value; with `textLiteral` false, a text, code or code block node's `literal` is left nil
    /// (`walk(literalBytes:)` gives it as bytes).
    private static func value(of node: OpaquePointer, textLiteral: Bool = true) -> MarkdownNode {
        let kind = Self.kind(of: cmark_node_get_type(node))
        var literal: String?
        var url: String?
        var inserted: Int?
        switch kind {
        case .text, .code, .codeBlock:
            if textLiteral { literal = cmark_node_get_literal(node).map { String(cString: $0) } }
        case .htmlBlock, .htmlInline:
            literal = cmark_node_get_literal(node).map { String(cString: $0) }
        case .link, .image:
            url = cmark_node_get_url(node).map { String(cString: $0) }
            inserted = cmark_node_get_user_data(node).map { Int(bitPattern: $0) - 1 }
        default:
            break
        }
        var value = MarkdownNode(
            kind: kind,
            literal: literal,
            url: url,
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node))
        )
        value.insertedLink = inserted
        if kind == .heading { value.headingLevel = Int(cmark_node_get_heading_level(node)) }
        if kind == .list {
            value.isOrderedList = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            value.listStart = Int(cmark_node_get_list_start(node))
        }
        return value
    }

    private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .unknown
        }
    }

    private static func freeCString(_ pointer: UnsafeMutablePointer<CChar>) {
        let allocator = cmark_get_default_mem_allocator()
        allocator?.pointee.free(pointer)
    }
}

/// Renders a Markdown fragment exactly as the `cmark` CLI does.
public func renderMarkdown(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> String {
    MarkdownDocument(parsing: source, options: options).renderHTML()
}
