/// One Unicode scalar read from UTF-8 bytes by hand: the loops over every byte of a plan (NFC check,
/// citation text, search words) cost several times more through the standard library's scalar views.
enum UTF8Scalar {
    /// The scalar value starting at `index` and how many bytes it takes. The bytes must be valid UTF-8 (a
    /// Swift string's are); a sequence cut short by the end of the buffer is read as far as it goes.
    @inline(__always)
    static func decode<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Bytes.Index) -> (value: UInt32, length: Int)
    where Bytes.Index == Int {
        let lead = bytes[index]
        var length = 1
        var value = UInt32(lead)
        if lead >= 0xF0 { length = 4; value &= 0x07 } else if lead >= 0xE0 { length = 3; value &= 0x0F } else if lead >= 0xC0 { length = 2; value &= 0x1F }
        if length > 1 {
            for offset in 1..<length where index + offset < bytes.endIndex {
                value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
            }
        }
        return (value, length)
    }

    /// How many scalars valid UTF-8 `bytes` hold: the bytes that are not continuation bytes (`10xxxxxx`),
    /// counted eight at a time.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuations = 0, index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte's top bit set and the bit below it clear: shifted left by one, the bit below lands on the top bit.
            continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return bytes.count - continuations
    }
}
