import CPlatform
import Foundation

/// How an incremental rebuild puts what it made on disk: only the files whose bytes changed, each replaced
/// atomically, on both cores.
extension IncrementalBuilder {
    /// Writes the files whose bytes differ from those on disk, each through a temporary file put in its place
    /// (`replace`), then deletes `removed` and the folders that this leaves empty; returns how many files it
    /// wrote or deleted.
    /// The files are written on two threads, each about half of the bytes (an edit's few large open-data files
    /// against its pages and search files), once their folders exist. The paths in `differing` are known to
    /// hold other bytes than the file on disk (a part of the plan files whose records changed) and are not
    /// compared with it: at 100,000 plans such a 4.7 MB part is no longer in the page cache, and a count that
    /// goes from 1 to 2 keeps its size, so the comparison would read it from the disk.
    func write(_ files: [OutputFile], removing removed: [String], differing: Set<String> = []) throws(BuildFailure) -> Int {
        do {
            // Paths are Strings joined by hand: `URL` cost more than the writes of a text edit's pages.
            let output = options.outputDirectory.hasSuffix("/") ? String(options.outputDirectory.dropLast()) : options.outputDirectory
            // A path made twice is written once, with its last bytes (the two threads must not share a path).
            let last = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: max)
            let targets = try files.enumerated().filter { last[$1.path] == $0 }
                .map { (file: $1, target: output + "/" + (try SiteWriter.checked($1.path))) }
            for folder in Set(targets.map { SiteWriter.folder(of: $0.target) }).sorted() {
                var info = stat()
                if stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { continue }
                // Missing (or a file in the way, which this reports).
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            var halves: [[(file: OutputFile, target: String)]] = [[], []]
            var bytes = [0, 0]
            for entry in targets.sorted(by: { $0.file.bytes.count > $1.file.bytes.count }) {
                let half = bytes[0] <= bytes[1] ? 0 : 1
                halves[half].append(entry)
                bytes[half] += entry.file.bytes.count
            }
            var written = 0
            for result in parallelMap(halves, { half in Result { () throws -> Int in try Self.replaceChanged(half, differing: differing) } }) {
                written += try result.get()
            }
            for path in removed {
                let target = output + "/" + (try SiteWriter.checked(path))
                if unlink(target) == 0 { written += 1 } else if errno != ENOENT {
                    throw SiteWriter.WriteError.io(path: target, message: "cannot remove the file")
                }
                // A clean build has no empty folder (a "Cited by" page that went leaves `page/5/`); `checked`
                // leaves no `..` in the path, so each folder up to the output is inside it.
                var folder = SiteWriter.folder(of: target)
                while folder.utf8.count > output.utf8.count, rmdir(folder) == 0 { folder = SiteWriter.folder(of: folder) }
            }
            return written
        } catch SiteWriter.WriteError.io(let path, let message) {
            throw BuildFailure([.error(path, message, hint: "check that the output folder is writable")])
        } catch {
            throw BuildFailure([.error(options.outputDirectory, "cannot write the site: \(error)", hint: "check that the output folder is writable")])
        }
    }

    /// Replaces each target whose bytes differ from its file's (or whose path is in `differing`), through a
    /// temporary file; returns how many it replaced.
    private static func replaceChanged(_ files: [(file: OutputFile, target: String)], differing: Set<String>) throws -> Int {
        var replaced = 0
        for (file, target) in files where differing.contains(file.path) || !SiteWriter.sameBytes(target, file.bytes) {
            let temporary = target + ".plansite-tmp"
            try SiteWriter.writeFile(temporary, file.bytes)
            try replace(target, with: temporary)
            replaced += 1
        }
        return replaced
    }

    /// Puts the file at `temporary` in the place of `target`, atomically: a reader opens the old file or the new
    /// one, never a missing or a partial one. An existing file is exchanged with the new one (renameat2's
    /// RENAME_EXCHANGE) and the old one, now at `temporary`, deleted. A rename over it would do the same, but
    /// ext4 then flushes the new file's blocks on the spot (`auto_da_alloc`): about 4 ms for a 5 MB part of the
    /// open data, against 0.2 ms for the exchange. Where there is no file to exchange with (nothing, or a
    /// folder in the way, which the rename then reports), or the file system cannot exchange, it is a rename.
    static func replace(_ target: String, with temporary: String) throws {
        var info = stat()
        if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, plansite_exchange_paths(temporary, target) == 0 {
            guard unlink(temporary) == 0 else {
                throw SiteWriter.WriteError.io(path: temporary, message: "cannot remove the replaced file (\(String(cString: strerror(errno))))")
            }
            return
        }
        guard rename(temporary, target) == 0 else {
            throw SiteWriter.WriteError.io(path: target, message: "cannot replace the file")
        }
    }
}
