/// The family of bodies a document comes from; it decides the official header.
public enum IssuingSystem: String, Sendable, CaseIterable {
    /// Communist Party bodies: "ĐẢNG CỘNG SẢN VIỆT NAM" opposite the issuer.
    case party
    /// State bodies (People's Committees, ministries): the national name and motto.
    case state
    /// Mass organisations such as the Women's Union: the national name and motto.
    case massOrganisation = "mass-org"
}

/// Where a value sits in its source file, for diagnostics.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The signature block: authority and position lines ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH") and the signer.
public struct Signature: Sendable, Hashable {
    public var lines: [String]
    public var name: String
}

/// One row of an appendix table: a document of the registry, named by its symbol, and the Ghi chú column.
/// Date, kind, issuer and title come from the registry, so both languages render from the same data.
public struct AppendixEntry: Sendable, Hashable {
    public var symbol: String
    public var notes: String
    /// Line of the entry in the front matter, for diagnostics.
    public var line: Int
}

/// A phụ lục: a titled table of legal documents.
public struct Appendix: Sendable, Hashable {
    public var title: String
    public var note: String?
    public var entries: [AppendixEntry]
}

/// One language version of a plan, as read from `content/plans/<slug>.<lang>.md`.
public struct PlanSource: Sendable {
    public var slug: String
    public var language: Language
    /// Path relative to the working directory, for diagnostics.
    public var path: String
    /// Document type code (`ke-hoach`, `huong-dan`, …); the catalogs name it.
    public var type: String
    /// Số ký hiệu as printed; `/KH-UBND` for an unnumbered draft, empty when none is known.
    public var number: String
    public var numberNote: String?
    public var status: String
    public var system: IssuingSystem
    public var parentIssuer: String?
    public var issuer: String
    public var place: String
    public var date: PartialDate?
    public var dateNote: String?
    public var title: String
    public var basis: [String]
    public var signature: Signature
    public var recipients: [String]
    public var topics: [String]
    public var summary: String?
    /// A sharing image for this plan, relative to content/ (e.g. `images/hoc-mon.jpg`).
    public var image: String?
    /// English files: the fingerprint of the Vietnamese version this translates (see `TranslationStatus`).
    public var translatedFrom: String?
    public var appendices: [Appendix]
    /// The Markdown body, and the line of the file it starts on (for diagnostics inside the body).
    public var body: String
    public var bodyStartLine: Int
    /// The file line of each front matter field, for diagnostics.
    public var fieldLines: [String: Int]
}

/// A plan with its language versions paired.
public struct Plan: Sendable {
    public var slug: String
    public var versions: [Language: PlanSource]

    public func version(_ language: Language) -> PlanSource? { versions[language] }
}
