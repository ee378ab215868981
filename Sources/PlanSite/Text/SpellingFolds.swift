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
/// One cache per thread (the rendering threads never share one, so there is no lock), of fixed size: when it
/// is full it takes no more spellings, and later ones are folded each time.
final class SpellingFolds {
    struct Fold {
        /// The folded bytes (in the cache's own memory, valid while the cache lives), or nil when the
        /// spelling has no letter or digit.
        var bytes: UnsafePointer<UInt8>?
        var count: Int
        /// `SearchWords`' hash of the folded bytes.
        var hash: UInt64

        /// The fold of a spelling with no letter or digit.
        static var noLetter: Fold { Fold(bytes: nil, count: 0, hash: 0) }
    }

    private struct Entry {
        var spellingStart: Int32
        /// -1 for an empty slot.
        var spellingLength: Int32
        var foldStart: Int32
        /// -1: the spelling has no letter or digit.
        var foldLength: Int32
        var spellingHash: UInt64
        var foldHash: UInt64
    }

    private static let slots = 1 << 17
    private static let arenaCapacity = 4 << 20
    private let entries: UnsafeMutablePointer<Entry>
    private let arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var count = 0

    private init() {
        entries = .allocate(capacity: Self.slots)
        entries.initialize(repeating: Entry(spellingStart: 0, spellingLength: -1, foldStart: 0, foldLength: -1,
                                            spellingHash: 0, foldHash: 0), count: Self.slots)
        arena = .allocate(capacity: Self.arenaCapacity)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
    }

    /// The fold of the `length` bytes at `spelling`, whose hash is `hash`, if this thread has met it.
    func fold(of spelling: UnsafePointer<UInt8>, length: Int, hash: UInt64) -> Fold? {
        let mask = Self.slots - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = entries[slot]
            if entry.spellingLength < 0 { return nil }
            if entry.spellingHash == hash, Int(entry.spellingLength) == length,
               memcmp(arena + Int(entry.spellingStart), spelling, length) == 0 {
                guard entry.foldLength >= 0 else { return .noLetter }
                return Fold(bytes: UnsafePointer(arena + Int(entry.foldStart)), count: Int(entry.foldLength), hash: entry.foldHash)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Records the fold of a spelling `fold(of:)` did not find; does nothing once the cache is full.
    func record(_ spelling: UnsafePointer<UInt8>, length: Int, hash: UInt64, fold: Fold) {
        guard count * 2 < Self.slots, arenaCount + length + fold.count <= Self.arenaCapacity else { return }
        let spellingStart = arenaCount
        (arena + arenaCount).update(from: spelling, count: length)
        arenaCount += length
        let foldStart = arenaCount
        if let bytes = fold.bytes {
            (arena + arenaCount).update(from: bytes, count: fold.count)
            arenaCount += fold.count
        }
        let mask = Self.slots - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while entries[slot].spellingLength >= 0 { slot = (slot + 1) & mask }
        entries[slot] = Entry(spellingStart: Int32(spellingStart), spellingLength: Int32(length), foldStart: Int32(foldStart),
                              foldLength: fold.bytes == nil ? -1 : Int32(fold.count), spellingHash: hash, foldHash: fold.hash)
        count += 1
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
