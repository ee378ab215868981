import Foundation

/// Stage 4 for files already in memory (`serve`, the first incremental build), and the file operations
/// `StagingWriter` is made of: the site goes into a staging folder beside the output folder and is swapped
/// in, so a failed build never leaves a half-written `public/`.
struct SiteWriter {
    let outputDirectory: String

    /// Files of the old output folder that are carried over (the committed note in `public/`).
    static let preservedFiles = ["README.md"]

    enum WriteError: Error {
        case unsafePath(String)
        case io(path: String, message: String)
    }

    /// Writes all `files` on all cores through a `StagingWriter` and swaps them in.
    func write(_ files: [OutputFile]) throws {
        let staging = try StagingWriter(outputDirectory: outputDirectory)
        _ = parallelMap(files) { staging.write($0) }
        do {
            try staging.commit()
        } catch {
            staging.abort()
            throw error
        }
    }

    /// Whether the file at `path` holds exactly `bytes` (sizes are compared first, so most changes cost a stat;
    /// then the file is read a block at a time up to its first difference, not all into memory).
    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        let blockSize = 1 << 16
        let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        return bytes.withUnsafeBytes { expected in
            var offset = 0
            while offset < expected.count {
                let count = read(descriptor, block, min(blockSize, expected.count - offset))
                guard count > 0, memcmp(block, expected.baseAddress! + offset, count) == 0 else { return false }
                offset += count
            }
            return read(descriptor, block, 1) == 0  // and the file did not grow meanwhile
        }
    }

    /// Removes staging and retired folders that a killed build left beside the output (`.public.staging-<pid>`,
    /// `.public.old-<pid>`); a fallback swap interrupted between its two renames is completed first.
    static func removeLeftovers(of output: URL) {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let siblings = (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []
        if !fileManager.fileExists(atPath: output.path), let retired = siblings.first(where: { $0.hasPrefix(".\(name).old-") }) {
            _ = rename(parent.appendingPathComponent(retired).path, output.path)
        }
        for sibling in siblings where sibling.hasPrefix(".\(name).staging-") || sibling.hasPrefix(".\(name).old-") {
            // A folder of a build that is still running (another process) is left alone.
            if let pid = Int32(sibling.split(separator: "-").last ?? ""), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM {
                continue
            }
            try? fileManager.removeItem(at: parent.appendingPathComponent(sibling))
        }
    }

    /// Writes bytes with plain POSIX calls (FileManager.createFile costs more than the write itself).
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw WriteError.io(path: path, message: "cannot write the file (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        try write(bytes, to: descriptor, path: path)
    }

    /// Writes all of `bytes` to an open file.
    static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else {
                throw WriteError.io(path: path, message: "cannot write the file (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
    }

    /// Why files cannot be created in `folder` (missing parents are created, so look for the nearest existing one).
    static func problem(writingInto folder: String) -> String? {
        let fileManager = FileManager.default
        var existing = folder
        while !fileManager.fileExists(atPath: existing), existing != "/", !existing.isEmpty {
            existing = (existing as NSString).deletingLastPathComponent
        }
        if existing.isEmpty { existing = "." }  // a relative path none of whose folders exists yet
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: existing, isDirectory: &isDirectory)
        let shown = Self.relative(existing)
        if !exists || !isDirectory.boolValue { return "`\(shown)` is a file, not a folder" }
        if access(existing, W_OK) != 0 { return "`\(shown)` is not writable" }
        return nil
    }

    /// A path relative to the working directory when it lies inside it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// The folder a written path is in: what comes before its last `/` (the path itself when it has none).
    static func folder(of path: String) -> String {
        String(path[..<(path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.endIndex)])
    }

    /// `relative` itself, if it stays inside the folder it is relative to (no `/` first, no `.` or `..`,
    /// no empty component); else it throws `unsafePath`.
    static func checked(_ relative: String) throws -> String {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !components.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }) else {
            throw WriteError.unsafePath(relative)
        }
        return relative
    }
}
