import CPlatform
import Foundation

/// Tells a rebuild which input files may have changed, so that it need not look at every file: inotify
/// events on the watched folders (Linux). Where there is no inotify, or when it lost track (events
/// dropped, a folder created, moved or removed, a symbolic link in the tree), `changedPaths()` is nil and
/// the caller must look at every file.
final class ChangeMonitor {
    private let descriptor: Int32
    /// Watched folders by watch descriptor.
    private var folders: [Int32: String] = [:]
    private(set) var isTracking: Bool

    init() {
        descriptor = plansite_watch_open()
        isTracking = descriptor >= 0
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Starts watching the entries of `folder`. Call it before reading the folder, so that no change
    /// between the two is missed.
    func watch(_ folder: String) {
        guard isTracking else { return }
        let watch = plansite_watch_add(descriptor, folder)
        if watch < 0 { isTracking = false } else { folders[watch] = folder }
    }

    /// Gives up: a file may change where no watched folder sees it.
    func loseTrack() {
        isTracking = false
    }

    /// The paths of every event since the last call (a superset of the changed files), or nil when every
    /// file must be looked at.
    func changedPaths() -> Set<String>? {
        guard isTracking else { return nil }
        var records = [CChar](repeating: 0, count: 256 * 1024)
        let count = plansite_watch_read(descriptor, &records, records.count)
        guard count >= 0 else {
            isTracking = false
            return nil
        }
        var paths: Set<String> = []
        let fields = records[..<count].split(separator: 0, omittingEmptySubsequences: false)
        for record in stride(from: 0, to: fields.count - 1, by: 2) {
            guard let watch = Int32(Self.string(fields[record])), let folder = folders[watch] else {
                isTracking = false
                return nil
            }
            paths.insert(InputStamps.path(Self.string(fields[record + 1]), in: folder))
        }
        return paths
    }

    private static func string(_ field: ArraySlice<CChar>) -> String {
        String(decoding: field.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
