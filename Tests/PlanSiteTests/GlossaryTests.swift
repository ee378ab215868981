import Foundation
import Testing

/// The fixed English terms of the editor's guide (section 8.5, one table in each language): English content
/// must not use a spelling the table rules out, and the table must list only terms the content uses.
@Suite("English glossary")
struct GlossaryTests {
    /// One row of the table: the Vietnamese term, its fixed English term and the spellings not used.
    struct Term: Equatable {
        var vietnamese: String
        var english: String
        var variants: [String]
    }

    /// A line of English content that uses a ruled-out spelling.
    struct Finding: CustomStringConvertible {
        var file: String
        var line: Int
        var variant: String
        var english: String

        var description: String { "\(file):\(line): `\(variant)` (use `\(english)`)" }
    }

    static let englishGuide = TestSupport.root.appendingPathComponent("docs/en/editors-guide.md")
    static let vietnameseGuide = TestSupport.root.appendingPathComponent("docs/vi/huong-dan-bien-tap.md")

    /// The rows of the first table after the heading `### 8.5 …` of a guide.
    static func terms(in guide: URL) -> [Term] {
        let lines = TestSupport.read(guide).components(separatedBy: "\n")
        guard let heading = lines.firstIndex(where: { $0.hasPrefix("### 8.5 ") }) else { return [] }
        let table = lines[(heading + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return table.dropFirst(2).map { row in
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let cell = { (index: Int) in index < cells.count ? cells[index] : "" }
            return Term(vietnamese: cell(0), english: codeSpans(cell(1)).first ?? "", variants: codeSpans(cell(2)))
        }
    }

    /// The texts between backquotes: `a`, `b` → [a, b].
    static func codeSpans(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Whether `line` contains `phrase` as whole words: no letter or digit just before or after it
    /// ("Vietnam" is in "Vietnam's" but not in "Vietnamese").
    static func contains(_ line: String, phrase: String) -> Bool {
        var searchStart = line.startIndex
        while let found = line.range(of: phrase, range: searchStart..<line.endIndex) {
            let before = found.lowerBound == line.startIndex ? nil : line[line.index(before: found.lowerBound)]
            let after = found.upperBound == line.endIndex ? nil : line[found.upperBound]
            let isWord = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWord(before), !isWord(after) { return true }
            searchStart = line.index(after: found.lowerBound)
        }
        return false
    }

    /// Every English text of the site, line by line: the English plan files and interface catalog whole, and
    /// the `en:` values of the registry.
    static func englishLines() throws -> [(file: String, line: Int, text: String)] {
        let plans = try FileManager.default.contentsOfDirectory(atPath: TestSupport.content.appendingPathComponent("plans").path)
            .filter { $0.hasSuffix(".en.md") }.sorted().map { "content/plans/\($0)" }
        var result: [(file: String, line: Int, text: String)] = []
        for file in plans + ["templates/i18n/en.yml", "content/legal/documents.yml"] {
            let lines = TestSupport.read(TestSupport.root.appendingPathComponent(file)).components(separatedBy: "\n")
            #expect(lines.count > 1, "\(file) is missing or empty")
            for (index, line) in lines.enumerated() {
                var text = line
                if file.hasSuffix("documents.yml") {
                    // `en: "…"` on its own line, or inside `{vi: "…", en: "…"}`.
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("en: ") {
                        text = String(trimmed.dropFirst(4))
                    } else if let inline = line.range(of: ", en: ") ?? line.range(of: "{en: ") {
                        text = String(line[inline.upperBound...])
                    } else {
                        continue
                    }
                }
                result.append((file, index + 1, text))
            }
        }
        return result
    }

    static func findings(_ terms: [Term], in lines: [(file: String, line: Int, text: String)]) -> [Finding] {
        terms.flatMap { term in
            term.variants.flatMap { variant in
                lines.filter { contains($0.text, phrase: variant) }
                    .map { Finding(file: $0.file, line: $0.line, variant: variant, english: term.english) }
            }
        }
    }

    @Test func theGuidesHaveTheSameGlossary() {
        let english = Self.terms(in: Self.englishGuide), vietnamese = Self.terms(in: Self.vietnameseGuide)
        #expect(english.count >= 10, "the glossary table of docs/en/editors-guide.md section 8.5 was not found")
        #expect(english.allSatisfy { !$0.vietnamese.isEmpty && !$0.english.isEmpty }, "a row lacks a term: \(english)")
        #expect(english.count == vietnamese.count, "docs/en lists \(english.count) glossary rows, docs/vi \(vietnamese.count)")
        let differing = zip(english, vietnamese).filter { $0.0 != $0.1 }
            .map { "\($0.0.vietnamese): en `\($0.0.english)` \($0.0.variants), vi `\($0.1.english)` \($0.1.variants)" }
        #expect(differing.isEmpty, "docs/en and docs/vi differ in their glossary rows")
        #expect(english.contains { $0.english == "Viet Nam" && $0.variants.contains("Vietnam") })
        #expect(english.contains { $0.english == "Propaganda and Education Committee"
            && $0.variants.contains("Propaganda and Education Board") })
    }

    @Test func englishContentUsesNoRuledOutSpelling() throws {
        let found = Self.findings(Self.terms(in: Self.englishGuide), in: try Self.englishLines())
        #expect(found.isEmpty, "English content uses spellings the glossary rules out:\n\(found.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyFixedTermIsUsedByTheEnglishContent() throws {
        let lines = try Self.englishLines()
        for term in Self.terms(in: Self.englishGuide) {
            #expect(lines.contains { Self.contains($0.text, phrase: term.english) },
                    "`\(term.english)` (\(term.vietnamese)) is in the glossary but not in the English content")
        }
    }

    /// The check itself: a variant is found as a whole word, with its file and line, and nowhere else.
    @Test func aVariantIsReportedWithItsFileAndLine() {
        let terms = [Term(vietnamese: "Việt Nam", english: "Viet Nam", variants: ["Vietnam"])]
        let lines: [(file: String, line: Int, text: String)] = [("a.en.md", 1, "the Vietnamese people"), ("a.en.md", 2, "Vietnam's image"),
                     ("a.en.md", 3, "Viet Nam"), ("a.en.md", 4, "in Vietnam.")]
        #expect(Self.findings(terms, in: lines).map(\.description)
            == ["a.en.md:2: `Vietnam` (use `Viet Nam`)", "a.en.md:4: `Vietnam` (use `Viet Nam`)"])
        #expect(!Self.contains("Vietnamese", phrase: "Vietnam"))
        #expect(Self.contains("Archived: Records Office", phrase: "Archived:"))
    }
}
