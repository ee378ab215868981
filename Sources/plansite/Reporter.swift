import Foundation
import PlanSite

/// Everything the CLI prints: diagnostics on standard error (compiler style, plus GitHub Actions annotations
/// in CI), progress on a terminal, and one summary line on standard output.
struct Reporter {
    var quiet = false
    var verbose = false
    private let annotate: Bool
    private let terminal: Bool
    private let start = Date()

    init(quiet: Bool, verbose: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.quiet = quiet
        self.verbose = verbose
        annotate = environment["CI"] == "true" || environment["GITHUB_ACTIONS"] == "true"
        terminal = isatty(STDERR_FILENO) == 1
    }

    func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func diagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            error(diagnostic.description)
            if annotate { error(Self.annotation(diagnostic)) }
        }
    }

    /// `::error file=…,line=…,col=…::message`, escaped as GitHub documents.
    static func annotation(_ diagnostic: Diagnostic) -> String {
        var properties = ["file=\(escapeProperty(diagnostic.file))"]
        if let line = diagnostic.line { properties.append("line=\(line)") }
        if let column = diagnostic.column { properties.append("col=\(column)") }
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "\n" + hint }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Progress: on a terminal, a line that rewrites itself; with --verbose, each stage on its own line with
    /// the time since the start (also when the output is a log, as in CI).
    var progress: ProgressHandler? {
        guard !quiet, terminal || verbose else { return nil }
        let verbose = self.verbose, terminal = self.terminal, start = self.start
        return { stage, done, total in
            let elapsed = String(format: "%.2f", Date().timeIntervalSince(start))
            let line = (total > 1 ? "\(stage) \(done)/\(total)" : stage) + (verbose ? " (\(elapsed) s)" : "")
            if terminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
                if done == total, total > 1 { FileHandle.standardError.write(Data((verbose ? "\n" : "\r\u{1B}[K").utf8)) }
            } else {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }

    func info(_ text: String) {
        if verbose { error(text) }
    }

    /// The last line of every command.
    func summary(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    var seconds: String { String(format: "%.2f", Date().timeIntervalSince(start)) }

    static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
