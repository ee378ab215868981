/// An XML document being written as UTF-8 bytes: markup is appended as it is, text and attribute values are
/// escaped byte by byte by the rules of `XMLText.escape` (no intermediate strings for the body of a plan).
struct XMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// Appends markup, not escaped.
    static func += (out: inout XMLBytes, markup: String) {
        out.bytes.append(contentsOf: markup.utf8)
    }

    /// Appends `value` as text content, escaped.
    mutating func text<Text: StringProtocol>(_ value: Text) {
        XMLText.escape(value.utf8, into: &bytes)
    }

    /// Appends UTF-8 text given as bytes as text content, escaped.
    mutating func text<Bytes: Collection<UInt8>>(utf8 value: Bytes) {
        XMLText.escape(value, into: &bytes)
    }

    /// Appends `value` as a quoted attribute value, escaped.
    mutating func attribute(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        XMLText.escape(value.utf8, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Escaping for XML 1.0 text and attribute values: the five predefined entities, and the characters XML
/// cannot hold (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) left out.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most texts hold nothing to escape or leave out: returned as they are, after one look at their bytes.
        var text = text
        if text.withUTF8({ ByteScan.next(in: $0, from: 0, stops: stops, needs: needsAttention) == $0.count }) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text.utf8, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped form of valid UTF-8 `utf8` to `out`. Works on bytes: the markup characters and
    /// controls are ASCII, and U+FFFE and U+FFFF are the only scalars encoded `EF BF BE` and `EF BF BF`.
    static func escape<UTF8Bytes: Collection<UInt8>>(_ utf8: UTF8Bytes, into out: inout [UInt8]) {
        // A native string's bytes are looked at as one buffer, in runs; other collections byte by byte.
        if utf8.withContiguousStorageIfAvailable({ escape(buffer: $0, into: &out) }) != nil { return }
        if !utf8.contains(where: needsAttention) {
            out.append(contentsOf: utf8)
            return
        }
        var position = utf8.startIndex
        while position != utf8.endIndex {
            let byte = utf8[position]
            utf8.formIndex(after: &position)
            guard needsAttention(byte) else {
                out.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&apos;".utf8)
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): out.append(byte)
            case UInt8(ascii: "\r"): out.append(contentsOf: "&#13;".utf8)
            case 0xEF: appendUnlessNonCharacter(utf8, at: &position, into: &out)
            default: break  // another C0 control: left out
            }
        }
    }

    /// `escape` of a buffer: the runs between the bytes that need attention are copied whole.
    private static func escape(buffer bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        var index = ByteScan.next(in: bytes, from: 0, stops: stops, needs: needsAttention)
        if index == count {
            out.append(contentsOf: bytes)
            return
        }
        out.reserveCapacity(out.count + count + 16)
        func flush(skipping skipped: Int, adding replacement: StaticString?) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            if let replacement { out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)) }
            index += skipped
            runStart = index
        }
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "&"): flush(skipping: 1, adding: "&amp;")
            case UInt8(ascii: "<"): flush(skipping: 1, adding: "&lt;")
            case UInt8(ascii: ">"): flush(skipping: 1, adding: "&gt;")
            case UInt8(ascii: "\""): flush(skipping: 1, adding: "&quot;")
            case UInt8(ascii: "'"): flush(skipping: 1, adding: "&apos;")
            case UInt8(ascii: "\r"): flush(skipping: 1, adding: "&#13;")
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): index += 1  // kept, in the run
            case 0xEF:
                // U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`) are left out; any other scalar stays in the run.
                if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                    flush(skipping: 3, adding: nil)
                } else {
                    index += 1
                }
            default: flush(skipping: 1, adding: nil)  // another C0 control: left out
            }
            index = ByteScan.next(in: bytes, from: index, stops: stops, needs: needsAttention)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
    }

    /// The bytes `needsAttention` is true for, for `ByteScan`.
    private static let stops = ByteScan.Stops(below: 0x20, bytes: (0xEF, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                                                                     UInt8(ascii: "\""), UInt8(ascii: "'")))

    /// After a lead byte `EF`: leaves out U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`), copies any other scalar.
    private static func appendUnlessNonCharacter<UTF8Bytes: Collection<UInt8>>(
        _ utf8: UTF8Bytes, at position: inout UTF8Bytes.Index, into out: inout [UInt8]
    ) {
        let rest = utf8[position...].prefix(2)
        if rest.first == 0xBF, let last = rest.dropFirst().first, last == 0xBE || last == 0xBF {
            position = rest.endIndex
            return
        }
        out.append(0xEF)
    }

    /// The bytes that may need escaping or leaving out: the five markup characters, C0 controls, and the
    /// lead byte of U+FFFE and U+FFFF. (A function, not a table: a static table costs a `swift_once` per byte.)
    @inline(__always)
    private static func needsAttention(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0xEF, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }
}
