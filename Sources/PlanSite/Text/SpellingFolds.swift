#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folds of spellings already met on this thread, across plans: a plan's text has about 800 spellings it
/// has not met before out of 2,800 words, but the site's vocabulary is far smaller than its text, so most of
/// them were folded for an earlier plan. Folding is a pure function, so the cache changes no output, only
/// how often `SearchWords` folds.
///
/// One cache per thread (the rendering threads never share one, so there is no lock). Its table starts small
/// and doubles when half full, so that it is only as large as the vocabulary (a 10,000-plan corpus has about
/// 20,000 spellings: 1 MB of table; one of the largest size, 5 MB, missed the core's cache at nearly every
/// look). Once it has `maximumSlots` it takes no more spellings, and later ones are folded each time.
final class SpellingFolds {
    struct Fold {
        /// The folded bytes (in the cache's own memory, valid while the cache lives), or nil when the
        /// spelling has no letter or digit.
        var bytes: UnsafePointer<UInt8>?
        var count: Int
        /// A `WordTable` hash of the folded bytes: `WordTable.short` of it is that of the fold's full hash,
        /// all a `WordTable` uses.
        var hash: UInt64

        /// The fold of a spelling with no letter or digit.
        static var noLetter: Fold { Fold(bytes: nil, count: 0, hash: 0) }
    }

    /// 16 bytes: the spelling at `arena[start...]`, its fold right after it.
    private struct Entry {
        var start: UInt32
        /// 0 for an empty slot (an empty spelling is never looked up).
        var spellingLength: UInt16
        /// -1: the spelling has no letter or digit.
        var foldLength: Int16
        /// `WordTable.short` of the hashes.
        var spellingHash: UInt32
        var foldHash: UInt32

        static let empty = Entry(start: 0, spellingLength: 0, foldLength: -1, spellingHash: 0, foldHash: 0)
    }

    static let initialSlots = 1 << 12
    static let maximumSlots = 1 << 17
    private static let arenaCapacity = 4 << 20
    private var entries: UnsafeMutableBufferPointer<Entry>
    private let arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var count = 0

    private init() {
        entries = .allocate(capacity: Self.initialSlots)
        entries.initialize(repeating: .empty)
        arena = .allocate(capacity: Self.arenaCapacity)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
    }

    /// The fold of the `length` bytes at `spelling`, whose `WordTable` hash is `hash`, if this thread has met it.
    func fold(of spelling: UnsafePointer<UInt8>, length: Int, hash: UInt64) -> Fold? {
        let short = WordTable.short(hash)
        let mask = entries.count - 1
        var slot = Int(short) & mask
        while true {
            let entry = entries[slot]
            if entry.spellingLength == 0 { return nil }
            if entry.spellingHash == short, Int(entry.spellingLength) == length,
               memcmp(arena + Int(entry.start), spelling, length) == 0 {
                guard entry.foldLength >= 0 else { return .noLetter }
                return Fold(bytes: UnsafePointer(arena + Int(entry.start) + length), count: Int(entry.foldLength),
                            hash: UInt64(entry.foldHash))
            }
            slot = (slot + 1) & mask
        }
    }

    /// Records the fold of a spelling `fold(of:)` did not find; does nothing once the cache is full, or for a
    /// spelling or fold too long for an entry.
    func record(_ spelling: UnsafePointer<UInt8>, length: Int, hash: UInt64, fold: Fold) {
        guard length > 0, length <= Int(UInt16.max), fold.count <= Int(Int16.max),
              arenaCount + length + fold.count <= Self.arenaCapacity else { return }
        if (count + 1) * 2 > entries.count {
            guard entries.count < Self.maximumSlots else { return }
            grow()
        }
        let start = arenaCount
        (arena + arenaCount).update(from: spelling, count: length)
        arenaCount += length
        if let bytes = fold.bytes {
            (arena + arenaCount).update(from: bytes, count: fold.count)
            arenaCount += fold.count
        }
        let short = WordTable.short(hash)
        place(Entry(start: UInt32(start), spellingLength: UInt16(length), foldLength: fold.bytes == nil ? -1 : Int16(fold.count),
                    spellingHash: short, foldHash: WordTable.short(fold.hash)), in: entries)
        count += 1
    }

    private func place(_ entry: Entry, in table: UnsafeMutableBufferPointer<Entry>) {
        let mask = table.count - 1
        var slot = Int(entry.spellingHash) & mask
        while table[slot].spellingLength != 0 { slot = (slot + 1) & mask }
        table[slot] = entry
    }

    /// Doubles the table.
    private func grow() {
        let old = entries
        entries = .allocate(capacity: old.count * 2)
        entries.initialize(repeating: .empty)
        for entry in old where entry.spellingLength != 0 { place(entry, in: entries) }
        old.deallocate()
    }

    /// This thread's cache, made at its first use and released when the thread ends.
    static var current: SpellingFolds {
        if let stored = pthread_getspecific(key) {
            return Unmanaged<SpellingFolds>.fromOpaque(stored).takeUnretainedValue()
        }
        let made = SpellingFolds()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { stored in
            let stored: UnsafeMutableRawPointer? = stored  // optional on Linux, not on Darwin
            guard let stored else { return }
            Unmanaged<SpellingFolds>.fromOpaque(stored).release()
        }
        return key
    }()
}
