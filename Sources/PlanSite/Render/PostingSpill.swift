import Foundation

/// Packed search postings kept on disk while the plans are linked: one scratch file per partition, in a
/// folder of the build's staging folder (`StagingWriter.scratchFolder`), read back one partition at a time
/// by `SearchIndexStream.finish()` and removed. A write or read failure goes to `report` (the staging
/// writer's failure, so the build fails and `public/` stays as it was).
final class PostingSpill: @unchecked Sendable {
    private let folder: String
    private let name: String
    private let report: @Sendable (Error) -> Void
    /// Open scratch files, by partition (the caller serialises `append`).
    private var descriptors: [Int: Int32] = [:]

    /// Files `<folder>/<name>-<partition>.postings`.
    init(folder: String, name: String, report: @escaping @Sendable (Error) -> Void) {
        self.folder = folder
        self.name = name
        self.report = report
    }

    private func path(_ partition: Int) -> String { "\(folder)/\(name)-\(partition).postings" }

    /// Appends postings to a partition's file, little-endian.
    func append(_ postings: [UInt64], partition: Int) {
        // Eight bytes each, little-endian, copied in one go.
        let bytes = postings.map { $0.littleEndian }.withUnsafeBytes { [UInt8]($0) }
        do {
            if descriptors[partition] == nil {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let descriptor = open(path(partition), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                guard descriptor >= 0 else {
                    throw SiteWriter.WriteError.io(path: path(partition), message: "cannot write the search index's scratch file (\(String(cString: strerror(errno))))")
                }
                descriptors[partition] = descriptor
            }
            try SiteWriter.write(bytes, to: descriptors[partition]!, path: path(partition))
        } catch {
            report(error)
        }
    }

    /// Every posting of a partition's file, in the order they were appended, in an array with room for
    /// `extra` more; the file is removed.
    func read(partition: Int, reservingExtra extra: Int = 0) -> [UInt64] {
        guard let descriptor = descriptors.removeValue(forKey: partition) else { return [] }
        close(descriptor)
        defer { unlink(path(partition)) }
        guard let handle = FileHandle(forReadingAtPath: path(partition)) else {
            report(SiteWriter.WriteError.io(path: path(partition), message: "cannot read the search index's scratch file back"))
            return []
        }
        defer { try? handle.close() }
        var postings: [UInt64] = []
        var carried: [UInt8] = []  // a read may end inside a posting: the next one goes on with it
        do {
            postings.reserveCapacity(Int(try handle.seekToEnd()) / 8 + extra)
            try handle.seek(toOffset: 0)
            while let data = try handle.read(upToCount: 1 << 22), !data.isEmpty {
                data.withUnsafeBytes { raw in
                    var offset = 0
                    if !carried.isEmpty {
                        offset = min(8 - carried.count, raw.count)
                        carried += raw[..<offset]
                        guard carried.count == 8 else { return }
                        postings.append(carried.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
                        carried = []
                    }
                    // Whole postings, eight bytes each, little-endian as `append` wrote them.
                    while offset + 8 <= raw.count {
                        postings.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                        offset += 8
                    }
                    carried += raw[offset...]
                }
            }
        } catch {
            report(error)
        }
        return postings
    }

    /// Removes the files and the folder (when empty).
    func remove() {
        for (partition, descriptor) in descriptors {
            close(descriptor)
            unlink(path(partition))
        }
        descriptors = [:]
        rmdir(folder)
    }
}
