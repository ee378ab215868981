import Foundation
import Testing
@testable import PlanSite

@Suite("dates, slugs, text and front matter")
struct LoaderTests {
    @Test(arguments: [
        ("2023-11-08", "2023-11-08"), ("2022-04", "2022-04"), ("2026", "2026"), ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
    ])
    func validDates(_ text: String, _ iso: String) throws {
        let date = try PartialDate.parse(text).get()
        #expect(date.description == iso)
    }

    @Test func impossibleDatesAreRefused() {
        #expect(PartialDate.parse("2023-02-30") == .failure(.dayOutOfRange(day: 30, daysInMonth: 28)))
        #expect(PartialDate.parse("1900-02-29") == .failure(.dayOutOfRange(day: 29, daysInMonth: 28)))
        #expect(PartialDate.parse("2023-04-31") == .failure(.dayOutOfRange(day: 31, daysInMonth: 30)))
        #expect(PartialDate.parse("2023-13-01") == .failure(.monthOutOfRange(13)))
        #expect(PartialDate.parse("08/11/2023") == .failure(.malformed))
        #expect(PartialDate.parse("2023-1-8") == .failure(.malformed))
        #expect(PartialDate.parse("") == .failure(.malformed))
    }

    @Test func partialDatesSortBeforeFullOnesOfTheSamePeriod() throws {
        let april = try PartialDate.parse("2022-04").get()
        let day = try PartialDate.parse("2022-04-15").get()
        #expect(april < day)
        #expect(try PartialDate.parse("2023-12-12").get() > PartialDate.parse("2023-11-08").get())
    }

    @Test(arguments: [
        ("Hóc Môn", "hoc-mon"), ("Ba Đình", "ba-dinh"), ("194/KH-BTV", "194-kh-btv"), ("78-KH/ĐU", "78-kh-du"),
        ("09/2017/NĐ-CP", "09-2017-nd-cp"), ("Thông tin đối ngoại", "thong-tin-doi-ngoai"), ("  Quy Nhơn!  ", "quy-nhon"),
        ("Quảng bá hình ảnh", "quang-ba-hinh-anh"),
    ])
    func slugFolding(_ text: String, _ slug: String) {
        #expect(TextFolding.slug(text) == slug)
        #expect(TextFolding.isSlug(slug))
    }

    @Test func slugFoldingHandlesDecomposedInput() {
        #expect(TextFolding.slug("Ho\u{0301}c Mo\u{0302}n") == "hoc-mon")
        #expect(!TextFolding.isSlug("Hoc-Mon"))
        #expect(!TextFolding.isSlug("hoc--mon"))
    }

    /// `isSlug` reads the bytes instead of folding; it must say what `slug(text) == text` says.
    @Test(arguments: ["hoc-mon", "194-kh-btv-2023", "a", "7", "", "-a", "a-", "a--b", "A", "hóc-môn", "đ", "a b", "a_b",
                      "hoc-mon-", "x-1-y", "ｆｕｌｌ", "a\u{0301}", "İ", "ﬁ", "abc\n"])
    func isSlugAgreesWithSlugFolding(_ text: String) {
        #expect(TextFolding.isSlug(text) == (!text.isEmpty && TextFolding.slug(text) == text))
    }

    @Test func decodingSkipsBOMConvertsCRLFAndComposesNFD() throws {
        let nfd = "Ho\u{0301}c Mo\u{0302}n"
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\(nfd)\n".utf8)
        let text = try SourceText.decode(bytes).get()
        #expect(text == "a\nb\nHóc Môn\n")
        #expect(text.unicodeScalars.count == "a\nb\nHóc Môn\n".unicodeScalars.count)
        // A decomposed letter after thousands of composed ones (the check skips those without decoding), and
        // a mark right after a composed letter ("ệ" + U+0301 composes to nothing, so it stays two scalars).
        let long = String(repeating: "Thông tin đối ngoại, quảng bá hình ảnh đất nước. ", count: 200)
        #expect(try SourceText.decode(Array((long + "Mo\u{0302}n").utf8)).get().hasSuffix("M\u{00F4}n"))
        #expect(try SourceText.decode(Array((long + "Mo\u{0302}n").utf8)).get().unicodeScalars.count == long.unicodeScalars.count + 3)
        #expect(SourceText.mayNeedComposition("Việt Nam\u{0301}") && !SourceText.mayNeedComposition(long))
    }

    /// The NFC check reads eight bytes at a time: a combining mark (or a Hangul vowel, lead byte 0xE1 0x85)
    /// at any offset within such a word, after ASCII or composed letters, is still seen.
    @Test(arguments: ["e\u{0301}", "\u{1100}\u{1161}", "o\u{0323}\u{0302}"])
    func theNFCCheckSeesAMarkAtEveryOffset(_ composing: String) {
        for prefix in ["", "abcdefg", "Việt Nam, ", "đất nước ", "—“”…"] {
            for offset in 0..<17 {
                let text = prefix + String(repeating: "x", count: offset) + composing + " hết."
                #expect(SourceText.mayNeedComposition(text), "\(prefix.count) + \(offset)")
                #expect(!SourceText.mayNeedComposition(text.precomposedStringWithCanonicalMapping))
            }
        }
    }

    @Test func invalidUTF8IsLocated() {
        let bytes: [UInt8] = Array("---\ntitle: ok\nbad: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(SourceText.decode(bytes) == .failure(.invalidUTF8(line: 3, column: 6)))
    }

    static let valid = """
    ---
    type: ke-hoach
    number: 194/KH-BTV
    system: mass-org
    issuer: Ban Thường vụ Hội LHPN huyện Hóc Môn
    place: Hóc Môn
    date: 2023-11-08
    title: Triển khai thực hiện Kết luận số 57-KL/TW
    signature:
      lines: [TM. BAN THƯỜNG VỤ, CHỦ TỊCH]
      name: Đặng Trần Trúc Dao
    ---
    Nội dung.

    """

    func load(_ text: String, file: String = "content/plans/x.vi.md") -> (PlanSource?, [Diagnostic]) {
        var log = DiagnosticLog()
        let plan = PlanLoader(contentDirectory: TestSupport.content.path, knownTypes: ["ke-hoach", "huong-dan"]).load(path: file, bytes: Array(text.utf8), log: &log)
        return (plan, log.diagnostics)
    }

    @Test func validFrontMatterLoads() throws {
        let (plan, diagnostics) = load(Self.valid)
        #expect(diagnostics.isEmpty)
        let source = try #require(plan)
        #expect(source.slug == "x" && source.language == .vi)
        #expect(source.number == "194/KH-BTV")
        #expect(source.system == .massOrganisation)
        #expect(source.signature.lines == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"])
        #expect(source.date?.description == "2023-11-08")
        #expect(source.body == "Nội dung.\n")
        #expect(source.bodyStartLine == 13)
    }

    @Test func headerNotesAndPrintedAppendixCellsLoad() throws {
        let text = Self.valid.replacingOccurrences(of: "place: Hóc Môn\n", with: """
            issuer_note: Suy ra từ nội dung.
            place: Hóc Môn
            place_note: Suy ra từ cơ quan ban hành.
            appendix:
              - title: PHỤ LỤC
                documents:
                  - 57-KL/TW
                  - {symbol: 72/2015/NĐ-CP, printed: Nghị định của Thủ tướng Chính phủ, notes: Ghi chú biên tập}

            """)
        let (plan, diagnostics) = load(text)
        #expect(diagnostics.isEmpty)
        let source = try #require(plan)
        #expect(source.issuerNote == "Suy ra từ nội dung." && source.placeNote == "Suy ra từ cơ quan ban hành.")
        let entries = try #require(source.appendices.first).entries
        #expect(entries.map(\.printed) == [nil, "Nghị định của Thủ tướng Chính phủ"])
        #expect(entries.map(\.notes) == ["", "Ghi chú biên tập"])
        // They are translated text: a change makes the English stale.
        let plain = try #require(load(Self.valid).0)
        #expect(TranslationStatus.fingerprint(of: source) != TranslationStatus.fingerprint(of: plain))
    }

    /// Fields added to the fingerprint later count only when written: a plan without them keeps the
    /// fingerprint recorded before they existed (the value below), so its translation does not turn stale.
    @Test func fingerprintOfAPlanWithoutTheLaterFieldsIsUnchanged() throws {
        #expect(TranslationStatus.fingerprint(of: try #require(load(Self.valid).0)) == "9973e9ed327c0323")
    }

    @Test func impossibleDateIsADiagnosticOnItsLine() {
        let (plan, diagnostics) = load(Self.valid.replacingOccurrences(of: "2023-11-08", with: "2023-02-30"))
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == [
            "content/plans/x.vi.md:7:7: error: `2023-02-30` is not a real date: that month has 28 days, not 30\n    hint: check the date on the signed document",
        ])
    }

    @Test func missingFieldWrongTypeAndUnknownKeyAreReported() {
        let text = Self.valid
            .replacingOccurrences(of: "place: Hóc Môn\n", with: "")
            .replacingOccurrences(of: "number: 194/KH-BTV", with: "number: 194/KH-BTV\nrecipients: một dòng\ntitel: x")
        let (plan, diagnostics) = load(text)
        #expect(plan == nil)
        let messages = diagnostics.map { "\($0.line ?? 0):\($0.message)" }
        #expect(messages.contains("2:missing required field `place`"))
        #expect(messages.contains("4:`recipients` must be a list, not a single value"))
        #expect(messages.contains("5:unknown field `titel`"))
    }

    @Test func malformedYAMLNamesTheLine() {
        let (plan, diagnostics) = load(Self.valid.replacingOccurrences(of: "place: Hóc Môn", with: "place: [Hóc Môn"))
        #expect(plan == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.hasPrefix("malformed YAML") == true)
        #expect((6...8).contains(diagnostics.first?.line ?? 0))
    }

    @Test func emptyFileAndMissingFenceAreErrors() {
        #expect(load("").1.first?.message == "the file is empty")
        #expect(load("title: x\n").1.first?.message == "the file must start with front matter: a line `---`")
        #expect(load("---\ntitle: x\n").1.first?.message == "the front matter is not closed")
    }

    @Test func crlfAndBOMFilesLoadLikeUnixOnes() throws {
        let windows = "\u{FEFF}" + Self.valid.replacingOccurrences(of: "\n", with: "\r\n")
        let (plan, diagnostics) = load(windows)
        #expect(diagnostics.isEmpty)
        #expect(try #require(plan).title == "Triển khai thực hiện Kết luận số 57-KL/TW")
    }

    @Test func vietnameseDatesFollowOfficialStyle() throws {
        var log = DiagnosticLog()
        let vi = try #require(Catalog.load(templatesDirectory: TestSupport.templates.path, language: .vi, log: &log))
        let en = try #require(Catalog.load(templatesDirectory: TestSupport.templates.path, language: .en, log: &log))
        #expect(log.diagnostics.isEmpty)
        #expect(vi.format(try PartialDate.parse("2023-11-08").get()) == "ngày 08 tháng 11 năm 2023")
        #expect(vi.format(try PartialDate.parse("2017-02-09").get()) == "ngày 09 tháng 02 năm 2017")
        #expect(vi.format(try PartialDate.parse("2023-06-15").get()) == "ngày 15 tháng 6 năm 2023")
        #expect(vi.format(try PartialDate.parse("2022-04").get()) == "tháng 4 năm 2022")
        #expect(en.format(try PartialDate.parse("2023-11-08").get()) == "8 November 2023")
        #expect(en.format(try PartialDate.parse("2023-06-15").get()) == "15 June 2023")
        #expect(en.format(try PartialDate.parse("2022-04").get()) == "April 2022")
        #expect(en.format(try PartialDate.parse("2026").get()) == "2026")
    }
}
