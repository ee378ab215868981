import FlyingFox
import Foundation
import PlanSite

/// `plansite serve`: builds the site, serves it on 127.0.0.1, rebuilds when a file under content/ or
/// templates/ changes, and makes open pages reload. A failed rebuild keeps the last good site online and
/// shows its diagnostics both in the terminal and in a banner on the page.
public final class DevServer: Sendable {
    public let options: BuildOptions
    public let port: UInt16
    let state = PreviewState()
    /// Rebuilds only what a change affects; used from the watcher task only.
    nonisolated(unsafe) let builder: IncrementalBuilder
    let report: @Sendable (_ diagnostics: [Diagnostic], _ summary: String) -> Void

    public init(options: BuildOptions, port: UInt16,
                report: @escaping @Sendable (_ diagnostics: [Diagnostic], _ summary: String) -> Void) {
        self.options = options
        self.port = port
        self.report = report
        self.builder = IncrementalBuilder(options: options)
    }

    /// Builds, then serves until cancelled. `onListening` gets the address once connections are accepted.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        do {
            let result = try builder.build()
            await state.succeeded()
            report(result.diagnostics, "built \(result.pagesRendered) pages in \(String(format: "%.2f", result.seconds)) s; serving")
        } catch {
            await state.failed(error.diagnostics)
            report(error.diagnostics, "build failed: fix the errors above; the preview starts with the next good build")
        }
        let handler = PreviewHandler(outputDirectory: options.outputDirectory, state: state)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, handler: handler)
        let watcher = Task { await watch() }
        defer { watcher.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                if case let .ip4(_, port)? = await server.listeningAddress {
                    onListening("http://127.0.0.1:\(port)/")
                }
            }
            try await group.next()
            try await group.next()
        }
    }

    /// One (incremental) build; the outcome becomes the state the pages poll.
    func rebuild() async {
        do {
            let result = try builder.rebuild()
            guard result.kind != .unchanged else { return }
            let seconds = String(format: "%.3f", result.seconds)
            await state.succeeded()
            report(result.diagnostics, "\(result.kind.rawValue) build: \(result.pagesRendered) pages rendered, \(result.filesWritten) files written in \(seconds) s; serving")
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            await state.failed(error.diagnostics)
            report(error.diagnostics, "build failed: \(errors) error\(errors == 1 ? "" : "s"); still serving the last good site")
        }
    }

    /// Asks the builder every 250 ms whether an input changed (inotify where there is one, else the files'
    /// stamps); a change triggers a rebuild once writes have settled.
    func watch() async {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 250_000_000)
            if builder.inputsChanged() {
                try? await Task.sleep(nanoseconds: 100_000_000)
                await rebuild()
            }
        }
    }
}

/// What open pages poll: a version that changes on every successful build, and the last failure.
actor PreviewState {
    private(set) var version = 0
    private(set) var errors: [Diagnostic] = []

    func succeeded() {
        version += 1
        errors = []
    }

    func failed(_ diagnostics: [Diagnostic]) {
        errors = diagnostics.filter { $0.severity == .error }
    }

    func statusJSON() -> Data {
        let text = errors.map(\.description).joined(separator: "\n")
        let object: [String: Any] = ["version": version, "errors": text]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
