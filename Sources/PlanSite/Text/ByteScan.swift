/// Finding the next byte an escaper must look at, eight bytes at a time: most of a plan's text needs no
/// escape, and the writers of its JSON and XML go over some 50 KB of it per version.
///
/// A word of eight bytes is passed over when none of its bytes is below `below` and none equals one of six
/// given bytes (the SWAR tests "has a zero byte" and "has a byte less than n", exact for whether any byte
/// does). The byte-by-byte test `needs` decides the rest.
enum ByteScan {
    /// The bytes to stop at: those below `below`, and six others (repeat one to ask for fewer).
    struct Stops {
        var below: UInt8
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
    }

    /// The index of the first byte at or after `start` for which `needs` is true, or `buffer.count`. `needs`
    /// must be false for every byte that `stops` does not name.
    @inline(__always)
    static func next(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, stops: Stops, needs: (UInt8) -> Bool) -> Int {
        let count = buffer.count
        var index = start
        guard let base = buffer.baseAddress else { return count }
        let raw = UnsafeRawPointer(base)
        let below = broadcast(stops.below)
        let (a, b, c, d, e, f) = (broadcast(stops.bytes.0), broadcast(stops.bytes.1), broadcast(stops.bytes.2),
                                  broadcast(stops.bytes.3), broadcast(stops.bytes.4), broadcast(stops.bytes.5))
        while index < count {
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let hits = ((word &- below) & ~word) | hasZero(word ^ a) | hasZero(word ^ b) | hasZero(word ^ c)
                    | hasZero(word ^ d) | hasZero(word ^ e) | hasZero(word ^ f)
                if hits & high == 0 {
                    index += 8
                    continue
                }
                // Somewhere in these eight: byte by byte.
                let end = index + 8
                while index < end {
                    if needs(base[index]) { return index }
                    index += 1
                }
                continue
            }
            if needs(base[index]) { return index }
            index += 1
        }
        return count
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    @inline(__always) private static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// Has the high bit of some byte set when a byte of `word` is zero (and only then, for the word as a whole).
    @inline(__always) private static func hasZero(_ word: UInt64) -> UInt64 { (word &- ones) & ~word }
}
