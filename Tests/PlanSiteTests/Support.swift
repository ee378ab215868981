import Foundation
import Testing
@testable import PlanSite

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root (this file is Tests/PlanSiteTests/Support.swift).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let content = root.appendingPathComponent("content")
    static let templates = root.appendingPathComponent("templates")
    /// Test data kept in the project (Tests/PlanSiteTests/Fixtures); nothing outside the package is read.
    static let fixtures = root.appendingPathComponent("Tests/PlanSiteTests/Fixtures")

    /// The `plansite` executable built beside the test bundle.
    static var plansite: URL {
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = binDirectory.appendingPathComponent("plansite")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return root.appendingPathComponent(".build/debug/plansite")
    }

    struct ProcessResult {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// The items of a language's search index: the manifest gives the count and the chunks' folder.
    static func searchItems(in output: URL, language: String) throws -> [[String: Any]] {
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("\(language)/search-index.json"))) as? [String: Any])
        let count = try #require(manifest["count"] as? Int), size = try #require(manifest["chunk"] as? Int)
        let folder = try #require(manifest["items"] as? String)
        #expect(count > 0)
        return try (0..<((count + size - 1) / size)).flatMap { chunk -> [[String: Any]] in
            let data = try Data(contentsOf: output.appendingPathComponent(String(folder.dropFirst()) + "\(chunk).json"))
            return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]])
        }
    }

    /// The words of a language's search index, each with its postings (item number → weight), from every shard.
    static func searchWords(in output: URL, language: String) throws -> [String: [Int: Int]] {
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("\(language)/search-index.json"))) as? [String: Any])
        let folder = try #require(manifest["words"] as? String), keys = try #require(manifest["keys"] as? [String])
        var words: [String: [Int: Int]] = [:]
        for key in keys {
            let name = key.utf8.map { String(format: "%02x", $0) }.joined()
            let data = try Data(contentsOf: output.appendingPathComponent(String(folder.dropFirst()) + name + ".json"))
            let shard = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["w"] as? [String: [Int]])
            for (word, list) in shard {
                #expect(word.unicodeScalars.starts(with: key.unicodeScalars), "\(word) is in the shard of \(key)")
                for pair in stride(from: 0, to: list.count, by: 2) { words[word, default: [:]][list[pair]] = list[pair + 1] }
            }
        }
        return words
    }

    /// The test runner's environment without the CI switches: CI sets `CI=true`, which would make every
    /// child `plansite` add GitHub annotations to stderr. Tests that want annotations set them explicitly.
    static var hermeticEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = nil
        environment["GITHUB_ACTIONS"] = nil
        return environment
    }

    /// Runs a program with optional standard input and waits for it. Input and standard error go through
    /// temporary files, so no pipe can fill up and block either side.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, cwd: URL? = nil,
                    environment: [String: String]? = nil) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        let inputFile = scratch.appendingPathExtension("in"), errorFile = scratch.appendingPathExtension("err")
        try (stdin ?? Data()).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: inputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        process.environment = environment ?? hermeticEnvironment
        let outPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        try process.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = (try? Data(contentsOf: errorFile)) ?? Data()
        return ProcessResult(status: process.terminationStatus, stdout: out, stderr: String(decoding: err, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String = "plansite") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file under `folder` with its bytes, keyed by relative path.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let paths = FileManager.default.subpaths(atPath: folder.path) ?? []
        for path in paths {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}

/// A small deterministic generator (SplitMix64): a test that draws from it gives the same inputs on every
/// machine, and a failing sequence can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
