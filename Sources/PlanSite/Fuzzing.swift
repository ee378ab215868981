/// Entry points for the libFuzzer targets in Tests/Fuzz (`make fuzz`): each runs one parser on arbitrary
/// bytes and must return without crashing, whatever the input.
public enum FuzzEntryPoints {
    /// Decoding, front matter splitting and every field of a plan file.
    public static func planFile(_ bytes: [UInt8]) {
        var log = DiagnosticLog()
        _ = PlanLoader(contentDirectory: "/nonexistent", knownTypes: ["ke-hoach", "huong-dan"])
            .load(path: "fuzz.vi.md", bytes: bytes, log: &log)
    }

    /// The citation scanner, with the symbol key and the excerpt around each match.
    public static func citations(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalarText = ScalarText(text)
        for match in CitationGrammar.scan(text) {
            precondition(match.range.upperBound <= scalarText.scalars.count)
            precondition(scalarText.slice(match.range) == match.symbol, "the range must cover the symbol")
            _ = CitationGrammar.key(match.symbol)
            _ = CitationLinker.excerpt(scalarText, around: match.range)
        }
    }

    /// Slug folding: the result is always a slug (or empty).
    public static func slug(_ bytes: [UInt8]) {
        let slug = TextFolding.slug(String(decoding: bytes, as: UTF8.self))
        precondition(slug.isEmpty || TextFolding.isSlug(slug), "not a slug: \(slug)")
    }

    /// Search-term folding (the Swift side; search.js folds the same way): idempotent.
    public static func searchFolding(_ bytes: [UInt8]) {
        let folded = TextFolding.fold(String(decoding: bytes, as: UTF8.self))
        precondition(TextFolding.fold(folded) == folded, "folding is not idempotent")
    }
}
