/// A JSON value as the site writes it: strings and objects for the pages' machine files, lists and whole
/// numbers for the open data.
enum JSONValue {
    case string(String)
    /// A string given as its UTF-8 bytes.
    case utf8([UInt8])
    case object([String: JSONValue])
    /// An object given as its members in order of their keys, as `object` writes them (a member list out of
    /// order is sorted when written): no dictionary to build for the objects made for every plan.
    case members([(String, JSONValue)])
    case array([JSONValue])
    case integer(Int)
    /// JSON already written (`bytes` of another value), copied as it is.
    case written([UInt8])

    /// Compact JSON, keys sorted, safe inside an HTML `<script>` element: `<`, `>` and `&` are JSON escapes,
    /// as are the line separators U+2028/U+2029 that end a JavaScript line.
    var bytes: [UInt8] {
        var output: [UInt8] = []
        write(to: &output)
        return output
    }

    func write(to output: inout [UInt8]) {
        switch self {
        case .string(let text):
            JSONValue.writeString(text, to: &output)
        case .utf8(let bytes):
            bytes.withUnsafeBufferPointer { JSONValue.writeString(utf8: $0, to: &output) }
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .integer(let number):
            JSONValue.writeInteger(number, to: &output)
        case .written(let bytes):
            output.append(contentsOf: bytes)
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                members[key]!.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .members(let members):
            let inOrder = zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 }
            output.append(UInt8(ascii: "{"))
            for (position, member) in (inOrder ? members : members.sorted { $0.0 < $1.0 }).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.0, to: &output)
                output.append(UInt8(ascii: ":"))
                member.1.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `text` as a JSON string literal, copying runs of bytes that need no escape in one go.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { writeString(utf8: $0, to: &output) }
    }

    /// Appends `number` in decimal, without making a String (the search index writes millions of them).
    static func writeInteger(_ number: Int, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxIntegerLength) { buffer in
            let end = putInteger(number, into: buffer, at: 0)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }

    /// The longest an `Int` is in decimal: a sign and 19 digits (`Int.min`'s magnitude has 19).
    static let maxIntegerLength = 20

    /// Writes `number` in decimal into `buffer` from `start`, which has room for `maxIntegerLength` bytes;
    /// returns where it ends. For writers that fill a buffer themselves (`SearchIndex`'s postings).
    static func putInteger(_ number: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var at = start
        if number < 0 {
            buffer[at] = UInt8(ascii: "-")
            at += 1
        }
        var value = number.magnitude  // `Int.min` has a magnitude, too
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let end = at + digits
        var index = end
        repeat {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        } while value > 0
        return end
    }

    /// `writeString` of UTF-8 text given as bytes.
    static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        func flush(replacing count: Int, with escape: StaticString) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            escape.withUTF8Buffer { output.append(contentsOf: $0) }
            index += count
            runStart = index
        }
        let count = bytes.count
        while true {
            // Most bytes need no escape: eight at a time.
            index = ByteScan.next(in: bytes, from: index, stops: stops, needs: needsAttention)
            guard index < count else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): flush(replacing: 1, with: "\\\"")
            case UInt8(ascii: "\\"): flush(replacing: 1, with: "\\\\")
            case UInt8(ascii: "\n"): flush(replacing: 1, with: "\\n")
            case UInt8(ascii: "\r"): flush(replacing: 1, with: "\\r")
            case UInt8(ascii: "\t"): flush(replacing: 1, with: "\\t")
            case UInt8(ascii: "<"): flush(replacing: 1, with: "\\u003c")
            case UInt8(ascii: ">"): flush(replacing: 1, with: "\\u003e")
            case UInt8(ascii: "&"): flush(replacing: 1, with: "\\u0026")
            case 0..<0x20:
                // `\u00` and the control's two hex digits, lower case.
                let hex: StaticString = "0123456789abcdef"
                flush(replacing: 1, with: "\\u00")
                output += [hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]]
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                flush(replacing: 3, with: bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
            default:
                index += 1
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        output.append(UInt8(ascii: "\""))
    }

    /// The bytes `writeString` looks at: the escaped ASCII and the lead byte of U+2028/U+2029.
    @inline(__always)
    private static func needsAttention(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0xE2, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): true
        default: false
        }
    }

    /// The same bytes, for `ByteScan`.
    private static let stops = ByteScan.Stops(below: 0x20, bytes: (0xE2, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"),
                                                                     UInt8(ascii: ">"), UInt8(ascii: "&")))
}
