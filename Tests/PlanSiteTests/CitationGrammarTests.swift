import Testing
@testable import PlanSite

/// The symbol grammar on real strings from the seed documents and their translations, positive and negative.
@Suite("citation grammar")
struct CitationGrammarTests {
    /// Text → the symbols the scanner must find, in order ("symbol@date" when a date follows it).
    static let table: [(String, [String])] = [
        // Party symbols (hyphen), Vietnamese
        ("Triển khai thực hiện Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023 của Bộ Chính trị", ["57-KL/TW@2023-06-15"]),
        ("thực hiện Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị", ["57-KL/TW@2023-06-15"]),
        ("Chỉ thị số 28-CT/TU ngày 16 tháng 10 năm 2023 của Ban Thường vụ Thành ủy", ["28-CT/TU@2023-10-16"]),
        ("Kế hoạch số 228-KH/HU ngày 13 tháng 11 năm 2023 của Huyện ủy Hóc Môn", ["228-KH/HU@2023-11-13"]),
        ("Số 78-KH/ĐU", ["78-KH/ĐU"]),
        ("Số 78 -KH/ĐU", ["78 -KH/ĐU"]),
        ("Kế hoạch số 59-KH/TU, ngày 07/4/2026 của Bộ Chính trị", ["59-KH/TU@2026-04-07"]),
        ("(viết tắt là Kết luận số 57-KL/TW), Ban Thường vụ Đảng ủy ban hành", ["57-KL/TW"]),
        ("tổ chức thực hiện có hiệu quả Kết luận số 57-KL/TW.", ["57-KL/TW"]),
        ("Kết luận số 57-KL/TW và Chỉ thị số 28-CT/TU.", ["57-KL/TW", "28-CT/TU"]),
        ("Nghị quyết số 34-NQ/TW ngày 09 tháng 01 năm 2023 của Bộ Chính trị", ["34-NQ/TW@2023-01-09"]),
        ("Chỉ thị số 25-CT/TW ngày 08 tháng 8 năm 2018 của Ban Bí thư; Chỉ thị số 32-CT/TW ngày 18 tháng 2 năm 2019",
         ["25-CT/TW@2018-08-08", "32-CT/TW@2019-02-18"]),
        ("Kết luận số 85-KL/TW ngày 19 tháng 8 năm 2021 của Ban Bí thư", ["85-KL/TW@2021-08-19"]),
        ("Kế hoạch số 79-KH/TU ngày 24 tháng 11 năm 2021", ["79-KH/TU@2021-11-24"]),
        ("Kết luận số 59-KL/TU", ["59-KL/TU"]),
        // State and mass-organisation symbols (slashes), Vietnamese
        ("Nghị định số 09/2017/NĐ-CP ngày 09 tháng 02 năm 2017 của Chính phủ", ["09/2017/NĐ-CP@2017-02-09"]),
        ("Quyết định số 26/2020/QĐ-UBND ngày 21 tháng 9 năm 2020 của Ủy ban nhân dân Thành phố", ["26/2020/QĐ-UBND@2020-09-21"]),
        ("Kế hoạch số 1762/KH-UBND ngày 04 tháng 5 năm 2023", ["1762/KH-UBND@2023-05-04"]),
        ("Thông tư 22/2016/TT-BTTTT hướng dẫn quản lý", ["22/2016/TT-BTTTT"]),
        ("Nghị quyết số 98/2023/QH15 của Quốc hội", ["98/2023/QH15"]),
        ("Quyết định số 273/QĐ-TTg ngày 06 tháng 3 năm 2018", ["273/QĐ-TTg@2018-03-06"]),
        ("Quyết định số 2013/QĐ-TTg ngày 30 tháng 11 năm 2021 của Thủ tướng", ["2013/QĐ-TTg@2021-11-30"]),
        ("Nghị quyết số 18/NQ-BCH ngày 08/01/2021 của Ban Chấp hành Hội", ["18/NQ-BCH@2021-01-08"]),
        ("Thực hiện Kế hoạch số 94/KH-UBND ngày 25/3/2022 của UBND Thành phố", ["94/KH-UBND@2022-03-25"]),
        ("Căn cứ Hướng dẫn số 87/HD-BTV ngày 11 tháng 12 năm 2023 của Hội", ["87/HD-BTV@2023-12-11"]),
        ("Kế hoạch số 257/KH-BTV ngày 27 tháng 10 năm 2023", ["257/KH-BTV@2023-10-27"]),
        ("Nghị định 72/2015/NĐ-CP, Nghị định 88/2012/NĐ-CP;", ["72/2015/NĐ-CP", "88/2012/NĐ-CP"]),
        // English
        ("Conclusion No. 57-KL/TW dated 15 June 2023 of the Politburo", ["57-KL/TW@2023-06-15"]),
        ("Directive No. 28-CT/TU dated 16 October 2023", ["28-CT/TU@2023-10-16"]),
        ("Decree No. 09/2017/ND-CP of 9 February 2017", ["09/2017/ND-CP@2017-02-09"]),
        ("Plan No. 59-KH/TU dated 7 April 2026", ["59-KH/TU@2026-04-07"]),
        ("implementing Conclusion No.57-KL/TW.", ["57-KL/TW"]),
        ("(Decision No. 1178/QĐ-TTg)", ["1178/QĐ-TTg"]),
        ("Resolution 98/2023/QH15, dated 24 June 2023", ["98/2023/QH15@2023-06-24"]),
        // Negatives: dates, ranges, quantities, URLs, e-mail, words with slashes
        ("trước ngày 20/12/2022./.", []),
        ("ngày 15/6/2023 của Bộ Chính trị", []),
        ("giai đoạn 2021 - 2026 và 2021- 2030", []),
        ("Hội LHPN 12 xã, thị trấn và 03 đơn vị trực thuộc", []),
        ("phòng chống dịch Covid-19; Cách mạng công nghiệp 4.0", []),
        ("email: vhttt.hocmon@tphcm.gov.vn", []),
        ("https://vanban.chinhphu.vn/57-KL/TW", []),
        ("trong quý I/2024 và các Cổng/Trang thông tin điện tử", []),
        ("Mặt trận Tổ quốc và các tổ chức CT - XH phường", []),
        ("Số: /KH-UBND", []),
        ("Ban chỉ đạo 35 quận; Đề án 06", []),
        ("ISO 9001:2015 và TCVN 2021/ABC", []),
        ("x157-KL/TW và a57-KL/TW, /57-KL/TW", []),
    ]

    @Test(arguments: table)
    func scans(_ text: String, _ expected: [String]) {
        let found = CitationGrammar.scan(text).map { match in
            match.date.map { "\(match.symbol)@\($0)" } ?? match.symbol
        }
        #expect(found == expected, "in: \(text)")
    }

    @Test func tableIsLargeEnoughAndMixed() {
        #expect(Self.table.count >= 40)
        #expect(Self.table.filter { $0.1.isEmpty }.count >= 10)
    }

    @Test func rangesPointAtTheSymbolInUnicodeScalars() {
        let text = "Căn cứ Kết luận số 57-KL/TW."
        let match = CitationGrammar.scan(text)[0]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[match.range])) == "57-KL/TW")
    }

    @Test func keysIgnoreLeadingZerosSpacesAndTheStrokeOfĐ() {
        #expect(CitationGrammar.key("09/2017/NĐ-CP") == CitationGrammar.key("9/2017/ND-CP"))
        #expect(CitationGrammar.key("78 -KH/ĐU") == CitationGrammar.key("78-KH/DU"))
        #expect(CitationGrammar.key("273/QĐ-TTg") == CitationGrammar.key("273/QD-TTG"))
        #expect(CitationGrammar.key("57-KL/TW") != CitationGrammar.key("57-KL/TU"))
        #expect(CitationGrammar.key("2013/QĐ-TTg") != CitationGrammar.key("213/QĐ-TTg"))
    }
}
