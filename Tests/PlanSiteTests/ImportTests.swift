import Foundation
import Testing
@testable import PlanSite

/// `plansite import` on the seeds (the text extracted from the five signed PDFs) against the plans the
/// editors made of them by hand, nothing lost on every input, and every bad input a diagnostic.
@Suite("import")
struct ImportTests {
    static let seeds = TestSupport.fixtures.appendingPathComponent("import/seeds")
    static let bad = TestSupport.fixtures.appendingPathComponent("import/bad")
    static let slugs = ["194-kh-btv-2023", "535-kh-ubnd-2023", "78-kh-du-2026", "hd-57-kl-tw-hoc-mon-2023", "kh-ubnd-ba-dinh-2022"]

    /// Fields the editors filled in from outside the seed: the import cannot know them and must not invent them.
    static let notInSeed: [String: [String: String]] = [
        "78-kh-du-2026": ["place": "the scan has no place-and-date line; the editors took the ward's name",
                          "date": "no date is printed; the editors took 2026 from the plan it implements"],
        "hd-57-kl-tw-hoc-mon-2023": ["place": "the seed never names Hóc Môn",
                                     "basis": "the editors added 28-CT/TU, which the text cites after its Căn cứ paragraph"],
    ]

    static func draft(_ slug: String) throws -> (DraftPlan, ExtractedText, String) {
        let url = seeds.appendingPathComponent("\(slug).txt")
        let (draft, extracted) = try PlanImporter.recognize([UInt8](try Data(contentsOf: url)), path: url.path)
        return (draft, extracted, DraftWriter.text(of: draft, source: url.lastPathComponent, method: extracted.method, pages: extracted.pages))
    }

    @Test(arguments: slugs)
    func eachSeedAgreesWithItsPublishedPlan(_ slug: String) throws {
        let (_, _, text) = try Self.draft(slug)
        let reference = TestSupport.read(TestSupport.content.appendingPathComponent("plans/\(slug).vi.md"))
        let comparison = PlanComparison(imported: text, reference: reference)
        let exceptions = Self.notInSeed[slug] ?? [:]
        for field in comparison.fields {
            if exceptions[field.field] != nil {
                #expect(!field.agree, "\(slug) \(field.field) now agrees: drop it from notInSeed")
                if field.field == "place" { #expect(field.imported.isEmpty, "\(slug): the place is not printed, so none may be invented") }
            } else {
                #expect(field.agree, "\(slug) \(field.field): imported “\(field.imported)”, published “\(field.reference)”")
            }
        }
        #expect(comparison.ratio >= 0.95, "\(slug): \(comparison.agreeing) of \(comparison.referenceBlocks.count) blocks agree")
        print(String(format: "import %@: %d/8 fields, %d of %d blocks (%.1f %%, %d exact)", slug,
                     comparison.fields.filter(\.agree).count, comparison.agreeing, comparison.referenceBlocks.count,
                     comparison.ratio * 100, comparison.exact))
    }

    @Test func theSlugFollowsTheReadmeRule() throws {
        // The editors named three of the plans by the rule; the other two had neither number nor date to go by.
        for slug in ["194-kh-btv-2023", "535-kh-ubnd-2023", "kh-ubnd-ba-dinh-2022"] {
            #expect(try PlanImporter.slug(for: Self.draft(slug).0, path: slug) == slug)
        }
        #expect(try PlanImporter.slug(for: Self.draft("78-kh-du-2026").0, path: "x") == "78-kh-du")
    }

    // MARK: Nothing is lost

    /// Inputs made to hit each rule: bullets of every kind, a footnote, roman sections with a dash, a
    /// hyphenated symbol, page numbers, a running head, noise lines, a page break inside a sentence.
    static let synthetic: [String: String] = [
        "layout": """
              ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            HUYỆN CỦ CHI                            Độc lập - Tự do - Hạnh phúc
                 ______
           Số: 12 /KH-UBND                  Củ Chi, ngày 05 tháng 3 năm 2024

                                     KẾ HOẠCH
                    Tuyên truyền đối ngoại năm 2024 theo Kết luận số 57-
                                      KL/TW của Bộ Chính trị

        Căn cứ Kế hoạch số 1762/KH-UBND ngày 04 tháng 5 năm 2023 của Ủy ban nhân dân Thành phố,
        Ủy ban nhân dân huyện Củ Chi xây dựng kế hoạch như sau:

        I - MỤC ĐÍCH

        • Quảng bá hình ảnh huyện¹ với bạn bè quốc tế;
        + Giới thiệu địa đạo Củ Chi.
        a) Tổ chức triển lãm ảnh.

                                          2
        \u{0C}Kế hoạch tuyên truyền đối ngoại năm 2024
        II. NỘI DUNG

        1. Công tác tuyên truyền

        Các đơn vị phối hợp thực hiện việc giới thiệu, quảng bá hình ảnh của huyện trong và ngoài
        \u{0C}Kế hoạch tuyên truyền đối ngoại năm 2024
        nước; báo cáo về Phòng Văn hóa và Thông tin./.

        ¹ Theo Kế hoạch số 99/KH-UBND ngày 01 tháng 02 năm 2024 của Ủy ban nhân dân huyện.

        Nơi nhận:                                   KT. CHỦ TỊCH
        - UBND Thành phố;                            PHÓ CHỦ TỊCH
        - Lưu: VT.
                                                  Nguyễn Văn An
        """,
        "plain": "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TU\n\nThực hiện Chỉ thị số 28-CT/TU ngày 16 tháng 10 năm 2023, Ban Thường vụ Đảng ủy ban hành kế hoạch.\n\n1. Nội dung\n\n- Tuyên truyền *rộng rãi* <b>đến</b> hội viên.\n\nNơi nhận:\n- Như trên.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Thị Hoa\n",
    ]

    static func allInputs() throws -> [(name: String, bytes: [UInt8])] {
        try slugs.map { ($0, [UInt8](try Data(contentsOf: seeds.appendingPathComponent("\($0).txt")))) }
            + synthetic.keys.sorted().map { ($0, Array(synthetic[$0]!.utf8)) }
    }

    @Test func nothingIsLostFromAnyInput() throws {
        for (name, bytes) in try Self.allInputs() {
            let (draft, extracted) = try PlanImporter.recognize(bytes, path: name)
            let text = DraftWriter.text(of: draft, source: name, method: extracted.method, pages: extracted.pages)
            let missing = ImportAccount.missing(extracted: extracted.text, draftText: text, dropped: draft.dropped)
            #expect(missing.isEmpty, "\(name): lost words \(missing.words.keys.sorted()), characters \(missing.characters.keys.sorted())")
        }
    }

    @Test func theAccountNoticesALostWord() throws {
        // The check itself must be able to fail: take one word out of a draft's body.
        let (draft, extracted, text) = try Self.draft("194-kh-btv-2023")
        let damaged = text.replacingOccurrences(of: "phồn vinh", with: "vinh")
        #expect(damaged != text)
        let missing = ImportAccount.missing(extracted: extracted.text, draftText: damaged, dropped: draft.dropped)
        #expect(missing.words["phồn"] == 1)
        // And a dropped piece that names a word accounts for it.
        let accounted = ImportAccount.missing(extracted: extracted.text, draftText: damaged,
                                              dropped: draft.dropped + [DroppedText(line: 1, text: "phồn", reason: "test")])
        #expect(accounted.isEmpty)
    }

    @Test func theSyntheticLayoutIsRecognised() throws {
        let (draft, _) = try PlanImporter.recognize(Array(Self.synthetic["layout"]!.utf8), path: "layout.txt")
        #expect(draft.number == "12/KH-UBND")
        #expect(draft.place == "Củ Chi")
        #expect(draft.date == PartialDate(year: 2024, month: 3, day: 5))
        // One body on two lines: "HUYỆN CỦ CHI" does not begin a body's name.
        #expect(draft.parentIssuer == "")
        #expect(draft.issuer == "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI")
        #expect(draft.title == "Tuyên truyền đối ngoại năm 2024 theo Kết luận số 57-KL/TW của Bộ Chính trị")
        #expect(draft.basis == ["1762/KH-UBND"])
        #expect(draft.system == "state")
        #expect(draft.signatureLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(draft.signatureName == "Nguyễn Văn An")
        #expect(draft.recipients == ["UBND Thành phố", "Lưu: VT."])
        let blocks = draft.blocks.map(\.markdown)
        #expect(blocks.contains("## I - MỤC ĐÍCH"))
        #expect(blocks.contains("- Quảng bá hình ảnh huyện¹ với bạn bè quốc tế;"))
        #expect(blocks.contains("+ Giới thiệu địa đạo Củ Chi."))
        #expect(blocks.contains("### 1. Công tác tuyên truyền"))
        #expect(blocks.contains { $0.hasSuffix("trong và ngoài nước; báo cáo về Phòng Văn hóa và Thông tin./.") }, "\(blocks)")
        #expect(draft.footnotes.count == 1)
        #expect(draft.dropped.contains { $0.text == "2" && $0.reason == "a page number" })
        #expect(draft.dropped.filter { $0.reason.hasPrefix("a running head") }.count == 2)
        #expect(draft.dropped.contains { $0.text == "______" })
    }

    @Test func markdownInTheTextIsEscapedWhereItWouldChangeThePage() throws {
        let (draft, _) = try PlanImporter.recognize(Array(Self.synthetic["plain"]!.utf8), path: "plain.txt")
        #expect(draft.system == "party")
        #expect(draft.blocks.map(\.markdown).contains("- Tuyên truyền *rộng rãi* \\<b>đến\\</b> hội viên."))
        #expect(draft.signatureLines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"])
    }

    // MARK: The command

    static func importCommand(_ arguments: [String], in site: URL, stdin: Data? = nil) throws -> TestSupport.ProcessResult {
        try TestSupport.run(TestSupport.plansite.path, ["import"] + arguments, stdin: stdin, cwd: site)
    }

    @Test func anImportedDraftBuildsItsCitationsLinkAndStubsAreReportedUnfinished() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let input = site.appendingPathComponent("cu-chi.txt")
        try Self.synthetic["layout"]!.write(to: input, atomically: true, encoding: .utf8)
        let result = try Self.importCommand(["cu-chi.txt"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = String(decoding: result.stdout, as: UTF8.self)
        #expect(summary.range(of: #"^imported cu-chi\.txt into content/plans/12-kh-ubnd-2024\.vi\.md: \d+ fields to check, 1 registry stub added to content/legal/documents\.yml, \d+ pieces left out \(\d+\.\d\d s\)\n$"#,
                              options: .regularExpression) != nil, "\(summary)")
        #expect(result.stderr.contains("cu-chi.txt:19: warning: left out “2”: a page number"), "\(result.stderr)")
        let registry = TestSupport.read(site.appendingPathComponent("content/legal/documents.yml"))
        #expect(registry.contains("- symbol: \"99/KH-UBND\"\n  type: ke-hoach\n  date: \"2024-02-01\"\n  stub: true\n"), "\(registry.suffix(600))")
        // 1762/KH-UBND and 57-KL/TW are in the registry: no stub for them.
        #expect(registry.components(separatedBy: "\n  stub: true\n").count == 2)

        let build = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(build.status == 0, "\(build.stderr)")
        let stubLine = try #require(registry.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  stub: true" }) + 1
        #expect(build.stderr.contains("content/legal/documents.yml:\(stubLine):9: warning: registry entry `99/KH-UBND` is an unfinished stub added by plansite import"),
                "\(build.stderr)")
        let page = TestSupport.read(site.appendingPathComponent("public/vi/plans/12-kh-ubnd-2024/index.html"))
        #expect(page.contains("href=\"/vi/documents/57-kl-tw-2023/\""))
        #expect(page.contains("href=\"/vi/documents/99-kh-ubnd-2024/\""))
        let check = try TestSupport.run(TestSupport.plansite.path, ["check", "--strict"], cwd: site)
        #expect(check.status == 1)
        #expect(check.stderr.contains("documents.yml:\(stubLine):9: error: registry entry `99/KH-UBND` is an unfinished stub"), "\(check.stderr)")
    }

    @Test func anExistingPlanIsNotReplacedWithoutForce() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let seed = Self.seeds.appendingPathComponent("194-kh-btv-2023.txt").path
        let before = TestSupport.snapshot(site.appendingPathComponent("content"))
        let refused = try Self.importCommand([seed], in: site)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("content/plans/194-kh-btv-2023.vi.md: error: a plan with this slug exists already"), "\(refused.stderr)")
        #expect(TestSupport.snapshot(site.appendingPathComponent("content")) == before)
        let forced = try Self.importCommand([seed, "--force"], in: site)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(TestSupport.read(site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")).contains("# plansite import: bản nháp"))
    }

    @Test func standardInputIsRead() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let text = try Data(contentsOf: Self.seeds.appendingPathComponent("78-kh-du-2026.txt"))
        let result = try Self.importCommand(["-", "--slug", "tu-ban-dan"], in: site, stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TestSupport.read(site.appendingPathComponent("content/plans/tu-ban-dan.vi.md")).contains("number: \"78-KH/ĐU\""))
    }

    @Test(arguments: [
        ("empty.txt", "the file is empty"),
        ("binary.txt", "the file is not text: it holds NUL bytes (a binary file)"),
        ("not-a-plan.txt", "this does not look like a plan: no KẾ HOẠCH or HƯỚNG DẪN heading"),
        ("renamed.docx", "the file is a zip archive but not a Word document (it has no word/document.xml)"),
        ("fake.pdf", "the file is named .pdf but is not a PDF (it does not start with %PDF-)"),
        ("corrupt.pdf", "the PDF is damaged and cannot be read"),
        ("encrypted.pdf", "the PDF is encrypted with a password"),
        ("blank.pdf", "the PDF has neither a text layer nor page images Tesseract can read"),
    ])
    func aBadInputIsADiagnosticAndNothingIsWritten(_ fixture: String, _ message: String) throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let before = TestSupport.snapshot(site.appendingPathComponent("content"))
        let result = try Self.importCommand([Self.bad.appendingPathComponent(fixture).path], in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(fixture): error: \(message)"), "\(result.stderr)")
        #expect(result.stderr.contains("    hint: "))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "import failed: nothing was written\n")
        #expect(TestSupport.snapshot(site.appendingPathComponent("content")) == before)
    }

    @Test func aVeryLargeFileIsRefusedBeforeItIsRead() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let large = site.appendingPathComponent("large.pdf")
        _ = FileManager.default.createFile(atPath: large.path, contents: Data("%PDF-1.7\n".utf8))
        let handle = try FileHandle(forWritingTo: large)
        try handle.truncate(atOffset: UInt64(DocumentReader.maximumBytes) + 1)  // sparse: no 50 MB written
        try handle.close()
        let result = try Self.importCommand(["large.pdf"], in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("large.pdf: error: the file is 50 MB; plansite import reads files up to 50 MB"), "\(result.stderr)")
    }

    @Test(arguments: [
        ("latin1.txt", Data([0x4B, 0xC9, 0x20, 0x48, 0x4F, 0x1E, 0x43, 0x48, 0x0A, 0xE0, 0x0A]), ["latin1.txt"], "latin1.txt:1:2: error: the file is not UTF-8 text"),
        ("plan.docx", Data("KẾ HOẠCH\n".utf8), ["plan.docx"], "plan.docx: error: the file is named .docx but is not a Word document (it is not a zip archive)"),
        ("untitled.txt", Data("Số: 5/KH-UBND\n\nKẾ HOẠCH\n".utf8), ["untitled.txt"], "untitled.txt:3: error: no trích yếu follows the KẾ HOẠCH line"),
        ("ok.txt", Data("KẾ HOẠCH\nTổ chức hội nghị\n".utf8), ["ok.txt", "--slug", "Hóc Môn"], "ok.txt: error: `Hóc Môn` is not a slug"),
        ("ok.txt", Data("KẾ HOẠCH\nTổ chức hội nghị\n".utf8), ["missing.txt"], "missing.txt: error: the file does not exist"),
    ])
    func otherBadInputsAreDiagnostics(_ name: String, _ bytes: Data, _ arguments: [String], _ message: String) throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try bytes.write(to: site.appendingPathComponent(name))
        let before = TestSupport.snapshot(site.appendingPathComponent("content"))
        let result = try Self.importCommand(arguments, in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(TestSupport.snapshot(site.appendingPathComponent("content")) == before)
    }

    /// Tesseract reads two columns as one line; the layout parts them as pdftotext -layout would.
    @Test func ocrWordsAreLaidOutInColumnsWithBlankLinesAtGaps() {
        let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        func word(_ line: Int, _ index: Int, _ left: Int, _ top: Int, _ text: String, paragraph: Int = 1) -> String {
            "5\t1\t1\t\(paragraph)\t\(line)\t\(index)\t\(left)\t\(top)\t\(text.count * 30)\t50\t95\t\(text)\n"
        }
        let tsv = header + word(1, 1, 100, 100, "Nơi") + word(1, 2, 220, 100, "nhận:") + word(1, 3, 1200, 102, "KT.") + word(1, 4, 1310, 102, "CHỦ")
            + word(2, 1, 100, 175, "-") + word(2, 2, 160, 175, "Như") + word(2, 3, 280, 175, "trên;")
            + word(3, 1, 100, 330, "Lưu:", paragraph: 2) + word(3, 2, 250, 330, "VT.", paragraph: 2)
        let lines = OCRLayout.text(fromTSV: tsv).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(ImportLines.segments(of: lines[0]).map(\.text) == ["Nơi nhận:", "KT. CHỦ"], "\(lines)")
        #expect(ImportLines.segments(of: lines[1]).map(\.text) == ["- Như trên;"])
        #expect(lines[2] == "", "a gap of more than a line's height is a blank line: \(lines)")
        #expect(lines[3].trimmingCharacters(in: .whitespaces) == "Lưu: VT.")
    }

    @Test func ocrCaseSlipsInsideWordsAreRepaired() {
        #expect(OCRLayout.repairingCase("quán triỆt đỐi ngoại, LHPN, QĐ-TTg, Việt Nam") == "quán triệt đối ngoại, LHPN, QĐ-TTg, Việt Nam")
    }
}
