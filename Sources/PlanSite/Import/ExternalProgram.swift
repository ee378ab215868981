import Foundation

/// A program of the machine that `plansite import` reads documents with (poppler's pdftotext, pdfinfo and
/// pdftoppm, pandoc, Tesseract). Output goes to files, not pipes, so a large output cannot stall the child.
struct ExternalProgram {
    let name: String
    /// The Debian package that installs it, for the hint when it is missing.
    let package: String

    static let pdfinfo = ExternalProgram(name: "pdfinfo", package: "poppler-utils")
    static let pdftotext = ExternalProgram(name: "pdftotext", package: "poppler-utils")
    static let pdftoppm = ExternalProgram(name: "pdftoppm", package: "poppler-utils")
    static let pandoc = ExternalProgram(name: "pandoc", package: "pandoc")
    static let tesseract = ExternalProgram(name: "tesseract", package: "tesseract-ocr tesseract-ocr-vie")

    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
        var timedOut: Bool
    }

    /// The program's path on `PATH`, or nil.
    var path: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return (directories + ["/usr/bin", "/usr/local/bin"]).lazy
            .map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var missing: Diagnostic {
        .error(name, "`\(name)` is not installed; plansite import needs it for this kind of file",
               hint: "run `make deps` (it installs Debian's \(package)), or `apt-get install \(package)`")
    }

    /// Runs the program to its end or until `timeout` seconds have passed (then it is killed).
    func run(_ arguments: [String], timeout: TimeInterval, environment extra: [String: String] = [:]) throws(Diagnostic) -> Output {
        guard let path else { throw missing }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-\(name)-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .error(name, "cannot start `\(name)`: \(error.localizedDescription)", hint: "check that \(package) is installed correctly")
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        let stdout = (try? Data(contentsOf: outURL)) ?? Data()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}
