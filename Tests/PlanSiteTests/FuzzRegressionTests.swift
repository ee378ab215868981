import Foundation
import Testing
@testable import PlanSite

/// Inputs the fuzzers found (Tests/PlanSiteTests/Fixtures/fuzz/), kept as regression tests.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let folder = TestSupport.fixtures.appendingPathComponent("fuzz")

    /// FuzzSearchFolding, 2026-11-23: folding was not idempotent when lower-casing produced a combining mark
    /// after the marks had been removed (the input mixes invalid UTF-8, Vietnamese and rare marks).
    @Test func searchFoldingIsIdempotentOnTheCrashInput() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("search-folding-not-idempotent.bin")))
        let folded = TextFolding.fold(String(decoding: bytes, as: UTF8.self))
        #expect(TextFolding.fold(folded) == folded)
        FuzzEntryPoints.searchFolding(bytes)
    }

    @Test(arguments: ["İstanbul", "Ǆ", "ẞ", "ﬁ", "Ǉǈǉ", "ΐ", "\u{1E9E}\u{0301}", "Ω\u{0345}"])
    func foldingIsIdempotent(_ text: String) {
        let folded = TextFolding.fold(text)
        #expect(TextFolding.fold(folded) == folded, "\(text) → \(folded)")
        #expect(!folded.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark })
    }

    /// Every input any fuzzer kept as a crash, run through its entry point (each must return).
    @Test func everySavedCrashInputRuns() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() {
            let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            FuzzEntryPoints.planFile(bytes)
            FuzzEntryPoints.citations(bytes)
            FuzzEntryPoints.slug(bytes)
            FuzzEntryPoints.searchFolding(bytes)
        }
    }
}
