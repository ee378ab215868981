import CPlatform
import Foundation

/// Stage 4 as a stream: files are written into a staging folder beside the output folder as soon as they are
/// rendered (from any thread), and the folder is swapped in by `commit()` once the whole build succeeded. A
/// rendered page is on disk and out of memory at once, so memory stays flat as the site grows.
///
/// `abort()` removes the staging folder: after a failed build `public/` is exactly as it was.
final class StagingWriter: @unchecked Sendable {
    private let output: URL
    private let staging: URL
    private let retired: URL
    /// The same folders as paths: files are placed by joining strings, not through `URL`.
    private let stagingPath: String
    /// Nil when there is no old site to link unchanged files from.
    private let oldSitePath: String?
    private let lock = NSLock()
    /// Folders known to exist in the staging folder (made by this writer) since the set was last emptied:
    /// it is emptied when it holds `foldersRemembered`.
    private var folders: Set<String> = []
    private let foldersRemembered: Int
    /// The first write that failed; the build reports it and aborts.
    private(set) var failure: Error?
    /// Files and HTML pages written so far (a streaming build keeps no list of them).
    private var counts = (files: 0, pages: 0)

    /// Prepares the staging folder; throws `SiteWriter.WriteError` when the output's folder cannot take it.
    init(outputDirectory: String, foldersRemembered: Int = 4096) throws {
        self.foldersRemembered = foldersRemembered
        output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        let parent = output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        retired = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        SiteWriter.removeLeftovers(of: output)
        if let problem = SiteWriter.problem(writingInto: parent.path) {
            throw SiteWriter.WriteError.io(path: outputDirectory, message: "cannot write the site: \(problem)")
        }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SiteWriter.WriteError.io(path: outputDirectory, message: "cannot write the site: \(error.localizedDescription)")
        }
        stagingPath = staging.path
        var isDirectory: ObjCBool = false
        let hasOldSite = FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) && isDirectory.boolValue
        oldSitePath = hasOldSite ? output.path : nil
    }

    /// Writes one file into the staging folder; a failure is kept in `failure` (the first one) and later
    /// files are skipped. Safe to call from several threads at once.
    func write(_ file: OutputFile) {
        if lock.withLock({ () -> Bool in
            counts.files += 1
            if file.path.hasSuffix(".html") { counts.pages += 1 }
            return failure != nil
        }) { return }
        do {
            let relative = try SiteWriter.checked(file.path)
            let target = stagingPath + "/" + relative
            try makeFolder(SiteWriter.folder(of: target))
            // An unchanged file is hard-linked from the old site: same bytes, same inode, same mtime, so rsync
            // and CDNs see no change; the old site stays whole until the swap.
            if let oldSitePath {
                let old = oldSitePath + "/" + relative
                if SiteWriter.sameBytes(old, file.bytes), link(old, target) == 0 { return }
            }
            try SiteWriter.writeFile(target, file.bytes)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }

    /// Writes a file made piece by piece (a corpus-wide data file): `make` appends to a `ByteStream` whose
    /// buffer goes to disk whenever it fills, so the file is never whole in memory. Returns its size.
    @discardableResult
    func writeStream(_ path: String, _ make: (inout ByteStream) -> Void) -> Int {
        var failed = lock.withLock { () -> Bool in
            counts.files += 1
            return failure != nil
        }
        var descriptor: Int32 = -1
        var target = ""
        if !failed {
            do {
                target = stagingPath + "/" + (try SiteWriter.checked(path))
                try makeFolder(SiteWriter.folder(of: target))
                descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if descriptor < 0 {
                    throw SiteWriter.WriteError.io(path: target, message: "cannot write the file (\(String(cString: strerror(errno))))")
                }
            } catch {
                lock.withLock { if failure == nil { failure = error } }
                failed = true
            }
        }
        defer { if descriptor >= 0 { close(descriptor) } }
        var stream = ByteStream { [self] bytes in
            guard descriptor >= 0 else { return }
            do { try SiteWriter.write(bytes, to: descriptor, path: target) } catch {
                lock.withLock { if failure == nil { failure = error } }
                close(descriptor)
                descriptor = -1
            }
        }
        make(&stream)
        stream.flush()
        return stream.count
    }

    /// A folder for the build's own scratch files (the search postings, `PostingSpill`): inside the staging
    /// folder, so a failed build drops it, and removed before the swap.
    var scratchFolder: String { stagingPath + "/.plansite-scratch" }

    /// Makes a failure of the build's own (a scratch file that cannot be written) the writer's failure.
    func report(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// How many files, and of them HTML pages, were handed to this writer.
    var written: (files: Int, pages: Int) { lock.withLock { counts } }

    /// Whether the staging folder has a file at `relative` (a path inside the site): what a streaming build's
    /// link check asks, instead of keeping the list of every file.
    func holds(_ relative: String) -> Bool {
        guard let checked = try? SiteWriter.checked(relative) else { return false }
        var info = stat()
        return stat(stagingPath + "/" + checked, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Makes `folder` and the missing folders above it (inside the staging folder). Two threads may race to
    /// make the same folder: `EEXIST` is fine, and a folder is recorded only once it exists.
    private func makeFolder(_ folder: String) throws {
        if folder == stagingPath || lock.withLock({ folders.contains(folder) }) { return }
        try makeFolder(SiteWriter.folder(of: folder))
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            throw SiteWriter.WriteError.io(path: folder, message: "cannot create the folder (\(String(cString: strerror(errno))))")
        }
        lock.withLock {
            // Only folders made since the set was last emptied are remembered (a national site has hundreds
            // of thousands): one forgotten is made again, and `EEXIST` is fine.
            if folders.count >= foldersRemembered { folders.removeAll(keepingCapacity: true) }
            folders.insert(folder)
        }
    }

    /// Carries over the preserved files and swaps the staging folder in, atomically where the system allows.
    func commit() throws {
        if let failure { throw failure }
        let fileManager = FileManager.default
        try? fileManager.removeItem(atPath: scratchFolder)
        for name in SiteWriter.preservedFiles {
            let old = output.appendingPathComponent(name)
            let new = staging.appendingPathComponent(name)
            if fileManager.fileExists(atPath: old.path), !fileManager.fileExists(atPath: new.path) {
                try fileManager.copyItem(at: old, to: new)
            }
        }
        if fileManager.fileExists(atPath: output.path) {
            // One atomic exchange: at every instant public/ is the whole old site or the whole new one.
            if plansite_exchange_paths(staging.path, output.path) == 0 {
                try? fileManager.removeItem(at: staging)  // now holds the old site
            } else {
                // Without renameat2 (another OS or file system): two renames, the old site kept aside meanwhile.
                try? fileManager.removeItem(at: retired)
                guard rename(output.path, retired.path) == 0 else {
                    throw SiteWriter.WriteError.io(path: output.path, message: "cannot move the old output aside (\(String(cString: strerror(errno))))")
                }
                guard rename(staging.path, output.path) == 0 else {
                    let message = String(cString: strerror(errno))
                    _ = rename(retired.path, output.path)
                    throw SiteWriter.WriteError.io(path: output.path, message: "cannot move the new site into place (\(message))")
                }
                try? fileManager.removeItem(at: retired)
            }
        } else {
            guard rename(staging.path, output.path) == 0 else {
                throw SiteWriter.WriteError.io(path: output.path, message: "cannot move the new site into place (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Removes the staging folder: the output folder is left as it was.
    func abort() {
        try? FileManager.default.removeItem(at: staging)
    }
}
