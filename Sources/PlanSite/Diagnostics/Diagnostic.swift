/// A problem found in the user's input, reported compiler-style:
/// `content/plans/x.vi.md:12:5: error: what is wrong` followed by a hint of what to do.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// Path as the user would type it (relative to the working directory when possible).
    public var file: String
    /// 1-based line, or nil when the problem concerns the whole file or folder.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public static func error(_ file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
    }

    public static func warning(_ file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message, hint: hint)
    }

    /// `file:line:column`, leaving out what is unknown.
    public var location: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// One line, then the hint on its own indented line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Collects diagnostics while a stage runs, so that one build reports every problem, not only the first.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Sorted by file, line and column so that output is stable whatever order the work ran in.
    public var sorted: [Diagnostic] {
        diagnostics.sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.column ?? 0, $1.message)
        }
    }
}

/// Thrown when a stage cannot go on; carries everything that was found.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
