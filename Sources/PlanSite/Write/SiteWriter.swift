import CPlatform
import Foundation

/// Stage 4: writes the site into a staging folder beside the output folder, then swaps it in, so a failed
/// build never leaves a half-written `public/`.
struct SiteWriter {
    let outputDirectory: String

    /// Files of the old output folder that are carried over (the committed note in `public/`).
    static let preservedFiles = ["README.md"]

    enum WriteError: Error {
        case unsafePath(String)
        case io(path: String, message: String)
    }

    func write(_ files: [OutputFile]) throws {
        let fileManager = FileManager.default
        let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        let retired = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        Self.removeLeftovers(of: output)
        if let problem = Self.problem(writingInto: parent.path) {
            throw WriteError.io(path: outputDirectory, message: "cannot write the site: \(problem)")
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw WriteError.io(path: outputDirectory, message: "cannot write the site: \(error.localizedDescription)")
        }
        do {
            // Shared folders first, parents before children; then on all cores the files, each page's own
            // folder (`plans/<slug>/` for its `index.html`) made by the task that writes into it.
            let targets = try files.map { try Self.resolve($0.path, in: staging).path }
            let layout = FolderLayout(targets, root: staging.path)
            for folder in layout.shared where mkdir(folder, 0o755) != 0 && errno != EEXIST {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let failures = parallelMap(Array(files.indices)) { index -> Error? in
                if let folder = layout.own[index], mkdir(folder, 0o755) != 0, errno != EEXIST {
                    return WriteError.io(path: folder, message: "cannot create the folder (\(String(cString: strerror(errno))))")
                }
                // An unchanged file is hard-linked from the old site: same bytes, same inode, same mtime,
                // so rsync and CDNs see no change; the old site stays whole until the swap.
                let old = output.appendingPathComponent(files[index].path).path
                if Self.sameBytes(old, files[index].bytes), link(old, targets[index]) == 0 { return nil }
                do {
                    try Self.writeFile(targets[index], files[index].bytes)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            for name in Self.preservedFiles {
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
                        throw WriteError.io(path: output.path, message: "cannot move the old output aside (\(String(cString: strerror(errno))))")
                    }
                    guard rename(staging.path, output.path) == 0 else {
                        let message = String(cString: strerror(errno))
                        _ = rename(retired.path, output.path)
                        throw WriteError.io(path: output.path, message: "cannot move the new site into place (\(message))")
                    }
                    try? fileManager.removeItem(at: retired)
                }
            } else {
                guard rename(staging.path, output.path) == 0 else {
                    throw WriteError.io(path: output.path, message: "cannot move the new site into place (\(String(cString: strerror(errno))))")
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// The folders a set of files needs: `shared` ones (holding several files, or other folders), in an order
    /// that puts parents first, and for each file the folder only it lives in, if any.
    struct FolderLayout {
        var shared: [String]
        var own: [String?]

        init(_ targets: [String], root: String) {
            var files: [String: Int] = [:]
            var parents: Set<String> = []
            let folders = targets.map { ($0 as NSString).deletingLastPathComponent }
            for folder in folders {
                files[folder, default: 0] += 1
                var parent = (folder as NSString).deletingLastPathComponent
                while parent.count > root.count, parents.insert(parent).inserted {
                    parent = (parent as NSString).deletingLastPathComponent
                }
            }
            let isOwn = { (folder: String) in folder != root && files[folder] == 1 && !parents.contains(folder) }
            own = folders.map { isOwn($0) ? $0 : nil }
            shared = Set(folders).union(parents).filter { $0 != root && !isOwn($0) }.sorted()
        }
    }

    /// Whether the file at `path` holds exactly `bytes` (sizes are compared first, so most changes cost a stat).
    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
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
        var isDirectory: ObjCBool = false
        fileManager.fileExists(atPath: existing, isDirectory: &isDirectory)
        let shown = Self.relative(existing)
        if !isDirectory.boolValue { return "`\(shown)` is a file, not a folder" }
        if access(existing, W_OK) != 0 { return "`\(shown)` is not writable" }
        return nil
    }

    /// A path relative to the working directory when it lies inside it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// The target of a relative output path; refuses anything that would land outside the folder.
    static func resolve(_ relative: String, in folder: URL) throws -> URL {
        let components = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !components.isEmpty,
              !components.contains(where: { $0 == ".." || $0 == "." }) else {
            throw WriteError.unsafePath(relative)
        }
        return folder.appendingPathComponent(relative)
    }
}
