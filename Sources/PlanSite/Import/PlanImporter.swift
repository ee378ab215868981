import Foundation
import Yams

/// `plansite import`: a signed plan (PDF, scanned PDF, Word, text) read, recognised and written as a draft
/// `content/plans/<slug>.vi.md`, with registry stubs for the documents it cites that the registry lacks.
/// Nothing is written unless everything before succeeded.
public struct PlanImporter {
    public var contentDirectory: String
    public var slug: String?
    public var force: Bool
    /// Where to write the text as extracted, before recognition (to see what a PDF or a scan gave).
    public var extractedTextPath: String?

    public init(contentDirectory: String, slug: String? = nil, force: Bool = false, extractedTextPath: String? = nil) {
        self.contentDirectory = contentDirectory
        self.slug = slug
        self.force = force
        self.extractedTextPath = extractedTextPath
    }

    public struct Result: Sendable {
        public var draft: DraftPlan
        public var extracted: ExtractedText
        public var draftPath: String
        public var draftText: String
        public var stubs: Int
        public var registryPath: String
        /// A warning for each piece of the text that is not in the draft, with why.
        public var warnings: [Diagnostic]
    }

    /// Reads and recognises a document without writing anything.
    public static func recognize(_ bytes: [UInt8], path: String, keepingTextAt textPath: String? = nil) throws(Diagnostic) -> (DraftPlan, ExtractedText) {
        let extracted = try DocumentReader(path: path).read(bytes)
        if let textPath {
            do {
                try Data(extracted.text.utf8).write(to: URL(fileURLWithPath: textPath), options: .atomic)
            } catch {
                throw .error(textPath, "cannot write the extracted text: \(error.localizedDescription)", hint: "check the folder's permissions")
            }
        }
        var recognizer = PlanRecognizer(path: path, method: extracted.method, lines: ImportLines(extracted))
        return (try recognizer.recognize(), extracted)
    }

    public func run(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Result {
        let (draft, extracted) = try Self.recognize(bytes, path: path, keepingTextAt: extractedTextPath)
        let slug: String
        if let given = self.slug { slug = given } else { slug = try Self.slug(for: draft, path: path) }
        guard TextFolding.isSlug(slug) else {
            throw .error(path, "`\(slug)` is not a slug", hint: "use lowercase ASCII letters, digits and hyphens, e.g. `\(TextFolding.slug(slug))`")
        }
        let plans = (contentDirectory as NSString).appendingPathComponent("plans")
        let draftPath = (plans as NSString).appendingPathComponent("\(slug).vi.md")
        if FileManager.default.fileExists(atPath: draftPath), !force {
            throw .error(draftPath, "a plan with this slug exists already",
                         hint: "choose another slug with `--slug`, or pass `--force` to replace the file")
        }
        let source = path == "-" ? "standard input" : (path as NSString).lastPathComponent
        let text = DraftWriter.text(of: draft, source: source, method: extracted.method, pages: extracted.pages)
        try checkLoads(text, path: draftPath)
        let missing = ImportAccount.missing(extracted: extracted.text, draftText: text, dropped: draft.dropped)
        guard missing.isEmpty else {
            let words = missing.words.keys.sorted().prefix(12).map { "“\($0)”" }.joined(separator: ", ")
            let characters = missing.characters.keys.sorted().prefix(12).map { "“\($0)”" }.joined(separator: " ")
            throw .error(path, "the draft would lose text of the document (words \(words); characters \(characters)); nothing was written",
                         hint: "this is a fault of plansite import: please report it with the file, and add the plan by hand meanwhile")
        }
        let registryPath = (contentDirectory as NSString).appendingPathComponent(RegistryLoader.relativePath)
        let stubs = RegistryStubs(known: knownSymbols(registryPath: registryPath, plans: plans, except: draftPath))
            .stubs(for: Self.citingTexts(draft), appendixSymbols: draft.appendices.flatMap { $0.rows.map(\.symbol) }, own: draft.number)
        try write(text, to: draftPath)
        if !stubs.isEmpty {
            let existing = FileManager.default.contents(atPath: registryPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            do throws(Diagnostic) {
                try write(existing + separator + RegistryStubs.yaml(stubs, source: source), to: registryPath)
            } catch {
                try? FileManager.default.removeItem(atPath: draftPath)
                throw error
            }
        }
        let warnings = draft.droppedGroups.map { group in
            Diagnostic.warning(path, line: group.lines[0], "left out “\(group.text)”" + (group.lines.count > 1 ? " (\(DraftPlan.describe(lines: group.lines)))" : "")
                                   + ": \(group.reason)",
                               hint: "nothing to do if that is right; otherwise add it to the draft by hand")
        }
        return Result(draft: draft, extracted: extracted, draftPath: draftPath, draftText: text, stubs: stubs.count,
                      registryPath: registryPath, warnings: warnings)
    }

    /// The README's rule: the symbol and the year (`194-kh-btv-2023`); an unnumbered draft `/KH-UBND` of
    /// Ba Đình, 2022 is `kh-ubnd-ba-dinh-2022`; a plan without a number takes its type, the document it
    /// implements, its place and year (`hd-57-kl-tw-hoc-mon-2023`).
    static func slug(for draft: DraftPlan, path: String) throws(Diagnostic) -> String {
        let year = draft.date.map { String($0.year) }
        let figure = draft.number.first?.isNumber == true
        var parts: [String]
        if figure {
            parts = [draft.number]
            if let year, !draft.number.contains(year) { parts.append(year) }
        } else {
            let code = draft.type == "huong-dan" ? "hd" : "kh"
            parts = draft.number.isEmpty ? [code] + draft.basis.suffix(1) : [draft.number]
            parts += [draft.place, year ?? ""]
        }
        let slug = TextFolding.slug(parts.joined(separator: " "))
        guard slug.count > 2 else {
            throw .error(path, "cannot make a slug: the plan has no number, date or place",
                         hint: "pass `--slug <slug>`, e.g. `--slug kh-ubnd-hoc-mon-2024`")
        }
        return slug
    }

    /// Every text of the draft that may cite a document.
    static func citingTexts(_ draft: DraftPlan) -> [String] {
        [draft.title, draft.numberNote, draft.dateNote, draft.issuerNote, draft.placeNote].compactMap { $0 }
            + draft.blocks.map(\.markdown) + draft.footnotes
            + draft.appendices.flatMap { [$0.title, $0.note] + $0.rows.flatMap { [$0.printed, $0.notes] } }
    }

    /// The draft must load like any plan: a problem here is the importer's, reported rather than written.
    private func checkLoads(_ text: String, path: String) throws(Diagnostic) {
        var log = DiagnosticLog()
        _ = PlanLoader(contentDirectory: contentDirectory, knownTypes: Set(PlanRecognizer.types.map(\.code)))
            .load(path: path, bytes: Array(text.utf8), log: &log)
        if let problem = log.diagnostics.first(where: { $0.severity == .error }) {
            throw .error(path, "the draft would not load (\(problem.message)); nothing was written",
                         hint: "this is a fault of plansite import: please report it with the file")
        }
    }

    /// Registry symbols and aliases, and the numbers of the published plans (a citation of a published plan
    /// links to its page, so it needs no stub).
    private func knownSymbols(registryPath: String, plans: String, except draftPath: String) -> Set<String> {
        var known: Set<String> = []
        if let data = FileManager.default.contents(atPath: registryPath),
           let entries = (try? Yams.load(yaml: String(decoding: data, as: UTF8.self))) as? [[String: Any]] {
            for entry in entries {
                if let symbol = entry["symbol"] as? String { known.insert(symbol) }
                for alias in entry["aliases"] as? [String] ?? [] { known.insert(alias) }
            }
        }
        for name in (FileManager.default.subpaths(atPath: plans) ?? []).sorted() where name.hasSuffix(".md") {
            let path = (plans as NSString).appendingPathComponent(name)
            guard path != draftPath, let data = FileManager.default.contents(atPath: path) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n").prefix(40) where line.hasPrefix("number:") {
                known.insert(line.dropFirst("number:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
            }
        }
        return known
    }

    private func write(_ text: String, to path: String) throws(Diagnostic) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .error(path, "cannot write the file: \(error.localizedDescription)", hint: "check the folder's permissions and free space")
        }
    }
}
