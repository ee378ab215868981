import Foundation

/// What a rebuild compares to find changed inputs: modification time, size and inode of every regular file
/// under some folders. A file replaced by a rename (as editors save) gets a new inode; one rewritten in
/// place gets a new time or size.
struct InputStamps {
    struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt
    }

    private(set) var files: [String: Stamp] = [:]

    init() {}

    /// Reads the stamps of every regular file under `folders`, following symbolic links as the loaders do.
    /// Each folder is given to `monitor` before it is read; a symbolic link makes the monitor lose track.
    init(_ folders: [String], monitor: ChangeMonitor? = nil) {
        for folder in folders { scan(folder, monitor: monitor) }
    }

    private mutating func scan(_ folder: String, monitor: ChangeMonitor?) {
        monitor?.watch(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = Self.path(name, in: folder)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                monitor?.loseTrack()
                guard stat(path, &info) == 0 else { continue }
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files[path] = Self.stamp(info)
            case S_IFDIR: scan(path, monitor: monitor)
            default: continue
            }
        }
    }

    /// Looks again at `paths` only (the monitor's events): their stamps now, nil for those gone. The stamps
    /// are not changed: `apply` puts these in once the rebuild they are for has succeeded (a copy of every
    /// stamp, to change a few, would cost time in proportion to the corpus at every edit).
    func restamped(_ paths: Set<String>, monitor: ChangeMonitor) -> [String: Stamp?] {
        var stamps: [String: Stamp?] = [:]
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else {
                stamps[path] = .some(nil)
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                monitor.loseTrack()
                guard stat(path, &info) == 0 else {
                    stamps[path] = .some(nil)
                    continue
                }
            }
            stamps[path] = .some((info.st_mode & S_IFMT) == S_IFREG ? Self.stamp(info) : nil)
        }
        return stamps
    }

    /// Puts in the stamps `restamped` gave.
    mutating func apply(_ restamped: [String: Stamp?]) {
        for (path, stamp) in restamped { files[path] = stamp }
    }

    /// `folder/name`, spelled as `NSString.appendingPathComponent` spells it for the loaders' paths.
    static func path(_ name: String, in folder: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func stamp(_ info: stat) -> Stamp {
        Stamp(seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec, size: Int(info.st_size), inode: UInt(info.st_ino))
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
