import Foundation

/// Byte strings (ranges of a buffer) with an `Int` each, in an open-addressing hash table of 16-byte
/// entries, sized for what is expected at the start and doubled when half full. `SearchWords` keeps a plan's
/// spellings and folded words in them; `SearchIndexStream` the words of a whole language.
struct WordTable: ~Copyable {
    private struct Entry {
        var start: Int32
        /// -1 for an empty slot.
        var length: Int32
        /// `short(hash)`: it picks the slot and is compared first.
        var hash: UInt32
        var value: Int32
    }

    private var entries: UnsafeMutableBufferPointer<Entry>
    private var count = 0

    init(expected: Int) {
        var capacity = 256
        while capacity < 2 * expected { capacity *= 2 }
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(start: 0, length: -1, hash: 0, value: 0))
    }

    deinit { entries.deallocate() }

    /// The hash of `length` bytes at `bytes`, of which `readable` can be read: eight bytes at a time (a word
    /// is hashed once, when its end is found), the last few through one load when the buffer goes on.
    @inline(__always) static func hash(_ bytes: UnsafePointer<UInt8>, length: Int, readable: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes)
        var hash = 0x9E3779B97F4A7C15 ^ UInt64(length)
        var offset = 0
        while offset + 8 <= length {
            hash = mix(hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        let rest = length - offset
        if rest > 0 {
            var tail: UInt64 = 0
            if offset + 8 <= readable {
                tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & (~0 >> UInt64(64 - 8 * rest))
            } else {
                for index in stride(from: length - 1, through: offset, by: -1) { tail = tail << 8 | UInt64(bytes[index]) }
            }
            hash = mix(hash ^ tail)
        }
        return hash
    }

    @inline(__always) private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0x9FB21C651E98DF25)
        return product.high ^ product.low
    }

    /// 32 bits of a hash for the slot and the first comparison.
    @inline(__always) static func short(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash ^ (hash >> 32)) }

    /// The value of the string at `range` of `key`, whose keys are ranges of `known`.
    func find(_ range: Range<Int>, hash: UInt64, in key: UnsafePointer<UInt8>, among known: UnsafePointer<UInt8>?) -> Int? {
        let mask = entries.count - 1
        let short = Self.short(hash)
        var slot = Int(short) & mask
        while true {
            let entry = entries[slot]
            if entry.length < 0 { return nil }
            if entry.hash == short, Int(entry.length) == range.count, let known,
               memcmp(known + Int(entry.start), key + range.lowerBound, range.count) == 0 {
                return Int(entry.value)
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ range: Range<Int>, hash: UInt64, value: Int) {
        let mask = entries.count - 1
        let short = Self.short(hash)
        var slot = Int(short) & mask
        while entries[slot].length >= 0 { slot = (slot + 1) & mask }
        entries[slot] = Entry(start: Int32(range.lowerBound), length: Int32(range.count), hash: short, value: Int32(value))
        count += 1
        if count * 2 > entries.count { grow() }
    }

    /// Doubles the table; an entry's slot comes from the half of the hash it keeps.
    private mutating func grow() {
        let old = entries
        entries = .allocate(capacity: old.count * 2)
        entries.initialize(repeating: Entry(start: 0, length: -1, hash: 0, value: 0))
        let mask = entries.count - 1
        for entry in old where entry.length >= 0 {
            var slot = Int(entry.hash) & mask
            while entries[slot].length >= 0 { slot = (slot + 1) & mask }
            entries[slot] = entry
        }
        old.deallocate()
    }
}
