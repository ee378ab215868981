/// A plan version as Akoma Ntoso 3.0 (OASIS LegalDocML), `/<lang>/plans/<slug>/plan.akn.xml`: a `<doc>` with
/// its FRBR identification (the ELI identifiers of `ELI`), a TLC reference per cited document, the header as
/// the preface, the body's headings as nested `hcontainer`s, every citation as a `<ref>` to the cited
/// document's ELI, and the signature and recipients as the conclusions. Valid against the OASIS schema kept in
/// `Tests/opendata/akn/` (checked by `make opendata-test`).
struct AkomaNtoso {
    let source: PlanSource
    let body: PlanBody
    let eli: ELI
    let index: DocumentIndex
    let urls: SiteURLs
    let catalog: Catalog
    /// `allow_raw_html` of the site: then links keep any URL, as on the page.
    var allowUnsafeURLs = false

    static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

    func document() -> [UInt8] {
        let work = eli.target(.plan(slug: source.slug), index: index)
        let expression = ELI.expression(work, source.language)
        let manifestation = urls.absolute(PlanData.aknPath(source.slug, source.language))
        let (date, dateName) = Self.date(source.date)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<akomaNtoso xmlns=\"\(Self.namespace)\">\n"
        out += "<doc name=\(attr(source.type))>\n<meta>\n"
        out += "<identification source=\"#plansite\">\n"
        out += "<FRBRWork>\n<FRBRthis value=\(attr(work))/>\n<FRBRuri value=\(attr(work))/>\n"
        if !source.number.isEmpty { out += "<FRBRalias value=\(attr(source.number)) name=\"number\"/>\n" }
        out += "<FRBRdate date=\"\(date)\" name=\(attr(dateName))/>\n<FRBRauthor href=\"#issuer\"/>\n<FRBRcountry value=\"vn\"/>\n"
        if !source.number.isEmpty { out += "<FRBRnumber value=\(attr(source.number))/>\n" }
        out += "<FRBRname value=\(attr(catalog["kind_\(source.type)"]))/>\n"
        out += "</FRBRWork>\n<FRBRExpression>\n<FRBRthis value=\(attr(expression))/>\n<FRBRuri value=\(attr(expression))/>\n"
        out += "<FRBRdate date=\"\(date)\" name=\(attr(dateName))/>\n<FRBRauthor href=\"#\(source.language == .vi ? "issuer" : "plansite")\"/>\n"
        out += "<FRBRlanguage language=\"\(source.language.iso639_2)\"/>\n"
        out += "</FRBRExpression>\n<FRBRManifestation>\n<FRBRthis value=\(attr(manifestation))/>\n<FRBRuri value=\(attr(manifestation))/>\n"
        out += "<FRBRdate date=\"\(date)\" name=\(attr(dateName))/>\n<FRBRauthor href=\"#plansite\"/>\n<FRBRformat value=\"application/akn+xml\"/>\n"
        out += "</FRBRManifestation>\n</identification>\n"
        out += "<references source=\"#plansite\">\n"
        out += "<TLCOrganization eId=\"plansite\" href=\(attr(urls.absolute("/"))) showAs=\(attr(catalog["site_name"]))/>\n"
        out += "<TLCOrganization eId=\"issuer\" href=\(attr(work + "#issuer")) showAs=\(attr(source.issuer))/>\n"
        if !source.place.isEmpty { out += "<TLCLocation eId=\"place\" href=\(attr(work + "#place")) showAs=\(attr(source.place))/>\n" }
        if !source.signature.name.isEmpty { out += "<TLCPerson eId=\"signer\" href=\(attr(work + "#signer")) showAs=\(attr(source.signature.name))/>\n" }
        if !source.signature.lines.isEmpty { out += "<TLCRole eId=\"signer-role\" href=\(attr(work + "#signer-role")) showAs=\(attr(source.signature.lines.joined(separator: " ")))/>\n" }
        for (position, target) in citedTargets.enumerated() {
            out += "<TLCReference eId=\"cited-\(position + 1)\" href=\(attr(eli.target(target, index: index))) showAs=\(attr(index.symbol(of: target))) name=\"cited\"/>\n"
        }
        out += "</references>\n</meta>\n"
        out += preface(date: date)
        out += "<mainBody>\n"
        var xml = XMLBytes(capacity: 2 * source.body.utf8.count + 8192)
        xml += out
        var counter = SectionCounter()
        let before = xml.count
        write(body.blocks[...], counter: &counter, to: &xml)
        if xml.count == before { xml += "<p/>\n" }
        xml += "</mainBody>\n"
        xml += conclusions()
        xml += "</doc>\n</akomaNtoso>\n"
        return xml.bytes
    }

    /// The cited documents, each once, in the order first cited.
    var citedTargets: [DocumentTarget] {
        var seen: Set<DocumentTarget> = []
        return body.citations.map(\.target).filter { seen.insert($0).inserted }
    }

    private func preface(date: String) -> String {
        var out = "<preface>\n"
        if let parent = source.parentIssuer, !parent.isEmpty { out += "<p class=\"parent-issuer\">\(text(parent))</p>\n" }
        out += "<p class=\"issuer\"><docAuthority>\(text(source.issuer))</docAuthority></p>\n"
        if !source.number.isEmpty { out += "<p class=\"number\"><docNumber>\(text(source.number))</docNumber></p>\n" }
        var placeDate = ""
        if !source.place.isEmpty { placeDate += "<location refersTo=\"#place\">\(text(source.place))</location>" }
        if let known = source.date {
            if !placeDate.isEmpty { placeDate += ", " }
            placeDate += "<docDate date=\"\(date)\">\(text(catalog.format(known, officialDraft: true)))</docDate>"
        }
        if !placeDate.isEmpty { out += "<p class=\"place-date\">\(placeDate)</p>\n" }
        out += "<p class=\"title\"><docType>\(text(catalog["type_\(source.type)"]))</docType> <docTitle>\(inlines(titleInlines))</docTitle></p>\n"
        return out + "</preface>\n"
    }

    /// The title with its citations, as on the page.
    private var titleInlines: [PlanBody.Inline] {
        var result: [PlanBody.Inline] = []
        let titleCitations = body.citations.enumerated().filter { $0.element.field == "title" }
        let scalars = Array(source.title)
        var cursor = 0
        for (position, citation) in titleCitations {
            let start = citation.column - 1, end = start + citation.written.count
            guard start >= cursor, end <= scalars.count else { continue }
            result.append(.text(Array(String(scalars[cursor..<start]).utf8)))
            result.append(.citation(position, [.text(Array(citation.written.utf8))]))
            cursor = end
        }
        result.append(.text(Array(String(scalars[cursor...]).utf8)))
        return result
    }

    private func conclusions() -> String {
        var out = "<conclusions>\n<blockContainer eId=\"signature\" class=\"signature\">\n<p><signature>"
        out += source.signature.lines.map { "<role refersTo=\"#signer-role\">\(text($0))</role>" }.joined(separator: " ")
        if !source.signature.name.isEmpty {
            out += (source.signature.lines.isEmpty ? "" : " ") + "<person refersTo=\"#signer\">\(text(source.signature.name))</person>"
        }
        out += "</signature></p>\n</blockContainer>\n"
        if !source.recipients.isEmpty {
            out += "<blockContainer eId=\"recipients\" class=\"recipients\">\n<blockList eId=\"recipients__list\">\n"
            out += "<listIntroduction>\(text(catalog["recipients_label"]))</listIntroduction>\n"
            for (position, recipient) in source.recipients.enumerated() {
                out += "<item eId=\"recipients__item_\(position + 1)\"><p>\(text(recipient))</p></item>\n"
            }
            out += "</blockList>\n</blockContainer>\n"
        }
        return out + "</conclusions>\n"
    }

    /// Numbers the containers and lists so that every `eId` is unique.
    private struct SectionCounter {
        var sections = 0
        var lists = 0
    }

    /// `blocks`, appended to `out` (one buffer for the whole body), the headings opening nested `hcontainer`s:
    /// a heading holds what follows it up to the next heading of its level or higher.
    private func write(_ blocks: ArraySlice<PlanBody.Block>, counter: inout SectionCounter, to out: inout XMLBytes) {
        var position = blocks.startIndex
        while position < blocks.endIndex {
            guard case let .heading(level, heading) = blocks[position] else {
                write(blocks[position], counter: &counter, to: &out)
                position += 1
                continue
            }
            var end = position + 1
            while end < blocks.endIndex {
                if case let .heading(other, _) = blocks[end], other <= level { break }
                end += 1
            }
            counter.sections += 1
            let id = "sec_\(counter.sections)"
            let (num, title) = Self.split(heading)
            out += "<hcontainer eId=\"\(id)\" name=\"\(level <= 2 ? "section" : "subsection")\">\n"
            if let num {
                out += "<num>"
                out.text(num)
                out += "</num>\n"
            }
            out += "<heading>"
            write(title, to: &out)
            out += "</heading>\n"
            let inner = blocks[(position + 1)..<end]
            let leading = inner.prefix { if case .heading = $0 { false } else { true } }
            if leading.count == inner.count {
                out += "<content>\n"
                if inner.isEmpty { out += "<p/>\n" } else { write(inner, counter: &counter, to: &out) }
                out += "</content>\n"
            } else {
                if !leading.isEmpty {
                    out += "<intro>\n"
                    write(leading, counter: &counter, to: &out)
                    out += "</intro>\n"
                }
                write(inner.dropFirst(leading.count), counter: &counter, to: &out)
            }
            out += "</hcontainer>\n"
            position = end
        }
    }

    private func write(_ block: PlanBody.Block, counter: inout SectionCounter, to out: inout XMLBytes) {
        switch block {
        case .paragraph(let content), .heading(_, let content):
            out += "<p>"
            write(content, to: &out)
            out += "</p>\n"
        case .code(let code):
            out += "<p>"
            for (position, line) in code.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                if position > 0 { out += "<br/>" }
                out.text(utf8: line)
            }
            out += "</p>\n"
        case .rule: break
        case .quote(let inner):
            counter.lists += 1
            out += "<blockContainer eId=\"quote_\(counter.lists)\" class=\"quote\">\n"
            let before = out.count
            for block in inner { write(block, counter: &counter, to: &out) }
            if out.count == before { out += "<p/>\n" }
            out += "</blockContainer>\n"
        case let .list(ordered, start, items):
            counter.lists += 1
            let id = "list_\(counter.lists)"
            out += "<blockList eId=\"\(id)\" class=\"\(ordered ? "ordered" : "bullets")\">\n"
            for (position, item) in items.enumerated() {
                out += "<item eId=\"\(id)__item_\(position + 1)\">"
                if ordered { out += "<num>\(start + position).</num>" }
                out += "\n"
                let before = out.count
                for block in item { write(block, counter: &counter, to: &out) }
                if out.count == before { out += "<p/>\n" }
                out += "</item>\n"
            }
            out += "</blockList>\n"
        }
    }

    private func inlines(_ pieces: [PlanBody.Inline]) -> String {
        var out = XMLBytes(capacity: 256)
        write(pieces, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private func write(_ pieces: [PlanBody.Inline], to out: inout XMLBytes) {
        for piece in pieces {
            switch piece {
            case .text(let run), .code(let run): out.text(utf8: run)
            case .lineBreak: out += "<br/>"
            case .emphasis(let inner):
                out += "<i>"
                write(inner, to: &out)
                out += "</i>"
            case .strong(let inner):
                out += "<b>"
                write(inner, to: &out)
                out += "</b>"
            case let .link(url, inner):
                if url.isEmpty || (!allowUnsafeURLs && Self.isDangerous(url)) {
                    write(inner, to: &out)
                } else {
                    out += "<a href="
                    out.attribute(url)
                    out += ">"
                    write(inner, to: &out)
                    out += "</a>"
                }
            case let .citation(position, inner):
                out += "<ref eId=\"ref_\(position + 1)\" href="
                out.attribute(eli.target(body.citations[position].target, index: index))
                out += ">"
                write(inner, to: &out)
                out += "</ref>"
            }
        }
    }

    /// The URLs cmark empties on the page unless raw HTML is allowed (`javascript:`, `vbscript:`, `file:`,
    /// and `data:` other than PNG, GIF, JPEG and WebP images): their links keep only their text here.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        guard lower.hasPrefix("data:") else { return false }
        return !["image/png", "image/gif", "image/jpeg", "image/webp"].contains { lower.dropFirst(5).hasPrefix($0) }
    }

    /// A heading's number ("I.", "1.", "a)") and the rest, when it starts with one.
    static func split(_ heading: [PlanBody.Inline]) -> (String?, [PlanBody.Inline]) {
        guard case .text(let firstBytes) = heading.first else { return (nil, heading) }
        let first = String(decoding: firstBytes, as: UTF8.self)
        let words = first.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard words.count == 2, let token = words.first, token.count <= 8,
              token.last == "." || token.last == ")",
              token.dropLast().allSatisfy({ $0.isNumber || "IVXLCDM".contains($0) || ($0.isLetter && $0.isLowercase) || $0 == "." }),
              !token.dropLast().isEmpty else { return (nil, heading) }
        return (String(token), [.text(Array(words[1].utf8))] + heading.dropFirst())
    }

    /// An `xsd:date` for a possibly partial date, and the `name` that says how much of it is known. An
    /// undated plan gets the first day of year 1 named `unknown` (the schema needs a date).
    static func date(_ date: PartialDate?) -> (String, String) {
        guard let date else { return ("0001-01-01", "unknown") }
        let value = "\(date.year)-\(PartialDate.twoDigits(date.month ?? 1))-\(PartialDate.twoDigits(date.day ?? 1))"
        return (value, date.day != nil ? "signature" : date.month != nil ? "signature-month-known" : "signature-year-known")
    }

    private func text(_ value: String) -> String { XMLText.escape(value) }
    private func attr(_ value: String) -> String { "\"" + XMLText.escape(value) + "\"" }
}
