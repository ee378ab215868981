import Foundation

/// Bytes appended piece by piece, handed on whenever `capacity` of them are waiting (to a file, by
/// `StagingWriter.writeStream`), or all kept when there is nowhere to hand them (`drain` nil).
struct ByteStream {
    static let capacity = 1 << 18
    private(set) var buffer: [UInt8] = []
    /// Bytes appended so far, handed on or not.
    private(set) var count = 0
    private let drain: (([UInt8]) -> Void)?

    init(drain: (([UInt8]) -> Void)? = nil) {
        self.drain = drain
        if drain != nil { buffer.reserveCapacity(Self.capacity) }
    }

    mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        count += buffer.count - before
        if drain != nil, buffer.count >= Self.capacity { flush() }
    }

    mutating func append(_ byte: UInt8) {
        buffer.append(byte)
        count += 1
    }

    /// Hands on what is waiting (nothing happens without a drain).
    mutating func flush() {
        guard let drain, !buffer.isEmpty else { return }
        drain(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Machine files made piece by piece, such as the corpus-wide data files. With a staging writer each goes to
/// disk as it is made and is never whole in memory (`written` lists them, without their bytes); without one
/// (`plansite check`, the tests, the incremental builder) each is made in memory and returned.
final class StreamedFiles: @unchecked Sendable {
    private let sink: StagingWriter?
    private let lock = NSLock()
    private var writtenFiles: [OutputFile] = []

    init(sink: StagingWriter?) {
        self.sink = sink
    }

    /// Makes the file at `path` (relative to the output folder): its bytes when there is no sink, else nil
    /// (it is written); and its size either way.
    func make(_ path: String, _ body: (inout ByteStream) -> Void) -> (file: OutputFile?, size: Int) {
        guard let sink else {
            var stream = ByteStream()
            body(&stream)
            return (OutputFile(path: path, bytes: stream.buffer), stream.count)
        }
        let size = sink.writeStream(path, body)
        lock.withLock { writtenFiles.append(OutputFile(path: path, bytes: [])) }
        return (nil, size)
    }

    /// The files written to the sink, without their bytes.
    var written: [OutputFile] { lock.withLock { writtenFiles } }
}
