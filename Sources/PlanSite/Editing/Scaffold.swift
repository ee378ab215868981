/// The text of a new plan file with every front matter field, ready to fill.
public enum Scaffold {
    public static func plan(slug: String, language: Language, type: String) -> String {
        let vi = language == .vi
        return """
        ---
        # \(vi ? "Loại văn bản: ke-hoach (Kế hoạch) hoặc huong-dan (Hướng dẫn)" : "Document type: ke-hoach (Plan) or huong-dan (Guidance); not translated")
        type: \(type)
        # \(vi ? "Số ký hiệu như trên văn bản, ví dụ 194/KH-BTV; dự thảo chưa có số: \"/KH-UBND\"" : "The số ký hiệu, unchanged from the Vietnamese file")
        number: ""
        # \(vi ? "issued (đã ban hành) hoặc draft (dự thảo)" : "issued or draft, as in the Vietnamese file")
        status: issued
        # \(vi ? "party (Đảng), state (Nhà nước) hoặc mass-org (đoàn thể): quyết định phần tiêu đề văn bản" : "party, state or mass-org, as in the Vietnamese file")
        system: state
        # \(vi ? "Cơ quan chủ quản và cơ quan ban hành (hai dòng bên trái tiêu đề)" : "The parent body and the issuing body, translated")
        parent_issuer: ""
        issuer: ""
        # \(vi ? "Địa danh và ngày ban hành: YYYY-MM-DD, hoặc YYYY-MM / YYYY khi chưa đủ ngày" : "Place (Vietnamese name) and date, as in the Vietnamese file")
        place: ""
        date: ""
        # \(vi ? "Trích yếu" : "The title, translated")
        title: ""
        # \(vi ? "Số ký hiệu các văn bản căn cứ (Căn cứ…, Thực hiện…)" : "The basis documents' symbols, unchanged")
        basis: []
        signature:
          # \(vi ? "Các dòng thẩm quyền và chức vụ, ví dụ [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\", \"PHÓ CHỦ TỊCH\"]" : "Authority and position lines, translated")
          lines: []
          name: ""
        # \(vi ? "Nơi nhận, mỗi dòng một mục" : "Recipients, translated")
        recipients: []
        # \(vi ? "Chủ đề (mã ASCII), ví dụ [thong-tin-doi-ngoai, quang-ba-hinh-anh]" : "Topics, unchanged")
        topics: []
        # \(vi ? "Một hai câu tóm tắt cho danh sách và khi chia sẻ" : "One or two sentences for listings and sharing previews")
        summary: ""
        ---

        """
    }
}
