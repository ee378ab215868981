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
/// Date, kind, issuer and title come from the registry, so both languages render from the same data, unless
/// the plan prints the Nội dung cell otherwise: then `printed` holds that cell as printed (translated in the
/// English file) and the page shows it, while the registry keeps the document's correct data.
public struct AppendixEntry: Sendable, Hashable {
    public var symbol: String
    public var notes: String
    /// The Nội dung cell as the signed document prints it, when it differs from the registry's description.
    public var printed: String? = nil
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
/// A class, immutable: it is shared by the site's stages and pages without copying its two dozen fields.
public final class PlanSource: Sendable {
    public let slug: String
    public let language: Language
    /// Path relative to the working directory, for diagnostics.
    public let path: String
    /// Document type code (`ke-hoach`, `huong-dan`, …); the catalogs name it.
    public let type: String
    /// Số ký hiệu as printed; `/KH-UBND` for an unnumbered draft, empty when none is known.
    public let number: String
    public let numberNote: String?
    public let status: String
    public let system: IssuingSystem
    public let parentIssuer: String?
    public let issuer: String
    /// How the issuing body (both header lines) is known when the header does not print it.
    public let issuerNote: String?
    public let place: String
    /// How the place is known when the place-and-date line does not print it.
    public let placeNote: String?
    public let date: PartialDate?
    public let dateNote: String?
    public let title: String
    public let basis: [String]
    public let signature: Signature
    public let recipients: [String]
    public let topics: [String]
    public let summary: String?
    /// A sharing image for this plan, relative to content/ (e.g. `images/hoc-mon.jpg`).
    public let image: String?
    /// English files: the fingerprint of the Vietnamese version this translates (see `TranslationStatus`).
    public let translatedFrom: String?
    public let appendices: [Appendix]
    /// The Markdown body, and the line of the file it starts on (for diagnostics inside the body). Empty in
    /// a source loaded without its body (`withoutBody()`), which a streaming build reads again when it links.
    public let body: String
    public let bodyStartLine: Int
    /// Where the body starts in the file's decoded text (UTF-8 offset), and that text's UTF-8 length: how a
    /// streaming build finds the body again, and tells that the file changed meanwhile.
    public let bodyOffset: Int
    public let textLength: Int
    /// The file line of each front matter field, for diagnostics.
    public let fieldLines: FieldLines

    public init(slug: String,
                language: Language,
                path: String,
                type: String,
                number: String,
                numberNote: String?,
                status: String,
                system: IssuingSystem,
                parentIssuer: String?,
                issuer: String,
                issuerNote: String? = nil,
                place: String,
                placeNote: String? = nil,
                date: PartialDate?,
                dateNote: String?,
                title: String,
                basis: [String],
                signature: Signature,
                recipients: [String],
                topics: [String],
                summary: String?,
                image: String?,
                translatedFrom: String?,
                appendices: [Appendix],
                body: String,
                bodyStartLine: Int,
                bodyOffset: Int = 0,
                textLength: Int = 0,
                fieldLines: FieldLines) {
        self.slug = slug
        self.language = language
        self.path = path
        self.type = type
        self.number = number
        self.numberNote = numberNote
        self.status = status
        self.system = system
        self.parentIssuer = parentIssuer
        self.issuer = issuer
        self.issuerNote = issuerNote
        self.place = place
        self.placeNote = placeNote
        self.date = date
        self.dateNote = dateNote
        self.title = title
        self.basis = basis
        self.signature = signature
        self.recipients = recipients
        self.topics = topics
        self.summary = summary
        self.image = image
        self.translatedFrom = translatedFrom
        self.appendices = appendices
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.bodyOffset = bodyOffset
        self.textLength = textLength
        self.fieldLines = fieldLines
    }

    /// The same source with another body: `""` to hold a corpus without its bodies, or the body read again.
    public func replacingBody(_ body: String) -> PlanSource {
        PlanSource(slug: slug, language: language, path: path, type: type, number: number, numberNote: numberNote,
                   status: status, system: system, parentIssuer: parentIssuer, issuer: issuer, issuerNote: issuerNote,
                   place: place, placeNote: placeNote, date: date, dateNote: dateNote, title: title, basis: basis,
                   signature: signature, recipients: recipients, topics: topics, summary: summary, image: image,
                   translatedFrom: translatedFrom, appendices: appendices, body: body, bodyStartLine: bodyStartLine,
                   bodyOffset: bodyOffset, textLength: textLength, fieldLines: fieldLines)
    }
}

/// The file line of each front-matter field of a plan file: a line per known field in a small array, not a
/// dictionary (a national corpus holds 200,000 of them).
public struct FieldLines: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Every field a plan file may have, in the order of `lines`.
    public static let names = ["type", "number", "number_note", "status", "system", "parent_issuer", "issuer", "issuer_note",
                               "place", "place_note", "date", "date_note", "title", "basis", "signature", "recipients",
                               "topics", "summary", "appendix", "image", "translated_from"]
    private static let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    /// 0 where the field is not written.
    private var lines: [Int32]

    /// The lines of the fields named in `lines`; names that are not fields are left out.
    public init(_ lines: [String: Int]) {
        self.lines = [Int32](repeating: 0, count: Self.names.count)
        for (name, line) in lines { if let position = Self.positions[name] { self.lines[position] = Int32(clamping: line) } }
    }

    public init(dictionaryLiteral elements: (String, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    public subscript(_ name: String) -> Int? {
        guard let position = Self.positions[name], lines[position] > 0 else { return nil }
        return Int(lines[position])
    }
}

/// A plan with its language versions paired.
public struct Plan: Sendable {
    public var slug: String
    public var versions: [Language: PlanSource]

    public func version(_ language: Language) -> PlanSource? { versions[language] }
}
