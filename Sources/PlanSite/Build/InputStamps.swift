import Foundation

/// What a rebuild compares to find changed inputs: modification time, size and inode of every regular file
/// under some folders. A file replaced by a rename (as editors save) gets a new inode; one rewritten in
/// place gets a new time or size.
struct InputStamps: Equatable {
    struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt
    }

    private(set) var files: [String: Stamp] = [:]

    /// Reads the stamps of every regular file under `folders`: one `stat` per entry, following symbolic
    /// links as the loaders do.
    init(_ folders: [String]) {
        for folder in folders { scan(folder) }
    }

    private mutating func scan(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                files[path] = Stamp(seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec,
                                    size: Int(info.st_size), inode: UInt(info.st_ino))
            case S_IFDIR:
                scan(path)
            default:
                continue
            }
        }
    }

    /// The paths added, removed or changed since `earlier`.
    func changes(since earlier: InputStamps) -> Set<String> {
        var changed: Set<String> = []
        var kept = 0
        for (path, stamp) in files {
            let before = earlier.files[path]
            if before != nil { kept += 1 }
            if before != stamp { changed.insert(path) }
        }
        if kept != earlier.files.count {
            for path in earlier.files.keys where files[path] == nil { changed.insert(path) }
        }
        return changed
    }

    func contains(_ path: String) -> Bool { files[path] != nil }
}
