import Foundation

/// How the text of an imported document was obtained; the draft's report names it.
public enum ExtractionMethod: String, Sendable {
    case text = "plain text"
    case markdown = "Markdown"
    case pdfText = "the PDF's text layer (pdftotext)"
    case pdfOCR = "OCR of the PDF's page images (pdftoppm + Tesseract, Vietnamese)"
    case docx = "the Word document (pandoc)"

    /// Whether the text may hold Markdown that the editor meant (pasted text and Markdown files, and the
    /// seeds' extractions keep `**…**` and `*…*`); text from a PDF or Word file is escaped instead.
    var keepsInlineMarkup: Bool { self == .text || self == .markdown }
}

/// The text of a document, as extracted, before any recognition: what "nothing is lost" is measured against.
public struct ExtractedText: Sendable {
    public var text: String
    public var method: ExtractionMethod
    public var pages: Int
}

/// Reads a `.pdf`, `.docx`, `.txt`/`.md` file or standard input into text, with poppler, pandoc and
/// Tesseract. Every way a file can be unusable is a diagnostic that says what to do.
public struct DocumentReader {
    /// Larger files are refused: no plan is that long, and OCR of thousands of pages would take hours.
    public static let maximumBytes = 50 * 1024 * 1024
    /// A page whose text layer has fewer letters than this is taken as an image (a scan).
    static let lettersPerTextPage = 40

    public var path: String
    public init(path: String) { self.path = path }

    public func read(_ bytes: [UInt8]) throws(Diagnostic) -> ExtractedText {
        if let tooLarge = Self.sizeProblem(path: path, size: bytes.count) { throw tooLarge }
        guard bytes.contains(where: { !Self.isSpace($0) }) else {
            throw .error(path, "the file is empty", hint: "export the plan again from the signing office's file, or paste its text")
        }
        let lowered = path.lowercased()
        if bytes.starts(with: Array("%PDF-".utf8)) { return try readPDF() }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try readWord(bytes) }
        if lowered.hasSuffix(".pdf") {
            throw .error(path, "the file is named .pdf but is not a PDF (it does not start with %PDF-)",
                         hint: "the file may be damaged or renamed; export or scan the plan to PDF again")
        }
        if lowered.hasSuffix(".docx") {
            throw .error(path, "the file is named .docx but is not a Word document (it is not a zip archive)",
                         hint: "open it in Word or LibreOffice and save it as .docx, or export it to PDF")
        }
        return try readText(bytes, method: lowered.hasSuffix(".md") ? .markdown : .text)
    }

    /// The diagnostic for a file over `maximumBytes` (the command asks before it reads the file).
    public static func sizeProblem(path: String, size: Int) -> Diagnostic? {
        guard size > maximumBytes else { return nil }
        return .error(path, "the file is \(size / 1024 / 1024) MB; plansite import reads files up to \(maximumBytes / 1024 / 1024) MB",
                      hint: "import the plan itself, not a bundle of documents; a scan at 300 dpi in black and white is a few MB")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    private func readText(_ bytes: [UInt8], method: ExtractionMethod) throws(Diagnostic) -> ExtractedText {
        if bytes.contains(0) {
            throw .error(path, "the file is not text: it holds NUL bytes (a binary file)",
                         hint: "import the plan as .pdf, .docx, or UTF-8 text")
        }
        switch SourceText.decode(bytes) {
        case .success(let text):
            return ExtractedText(text: text, method: method, pages: 1 + text.filter { $0 == "\u{0C}" }.count)
        case .failure(.invalidUTF8(let line, let column)):
            throw .error(path, line: line, column: column, "the file is not UTF-8 text",
                         hint: "save it as UTF-8 (Unicode), or import the .pdf or .docx instead")
        }
    }

    // MARK: PDF

    private func readPDF() throws(Diagnostic) -> ExtractedText {
        let info = try ExternalProgram.pdfinfo.run([path], timeout: 60)
        let infoText = String(decoding: info.stdout, as: UTF8.self) + info.stderr
        guard info.status == 0 else {
            if infoText.lowercased().contains("password") {
                throw .error(path, "the PDF is encrypted with a password",
                             hint: "ask the office for a copy without a password, or open it and print it to a new PDF")
            }
            throw .error(path, "the PDF is damaged and cannot be read (pdfinfo: \(Self.firstLine(infoText)))",
                         hint: "download or scan the plan again")
        }
        let pages = Self.pageCount(infoText)
        guard pages > 0 else {
            throw .error(path, "the PDF has no pages", hint: "download or scan the plan again")
        }
        let layout = try ExternalProgram.pdftotext.run(["-layout", "-enc", "UTF-8", path, "-"], timeout: 120)
        guard layout.status == 0 else {
            throw .error(path, "the PDF's text cannot be read (pdftotext: \(Self.firstLine(layout.stderr)))",
                         hint: "download or scan the plan again")
        }
        let text = Self.normalized(String(decoding: layout.stdout, as: UTF8.self))
        if text.unicodeScalars.filter(\.properties.isAlphabetic).count >= Self.lettersPerTextPage * pages {
            return ExtractedText(text: text, method: .pdfText, pages: pages)
        }
        let recognized = try OpticalReader(path: path).read(pages: pages)
        guard recognized.unicodeScalars.filter(\.properties.isAlphabetic).count >= Self.lettersPerTextPage else {
            throw .error(path, "the PDF has neither a text layer nor page images Tesseract can read",
                         hint: "scan the signed plan again at 300 dpi, straight and in focus, or import its Word file")
        }
        return ExtractedText(text: Self.normalized(recognized), method: .pdfOCR, pages: pages)
    }

    static func pageCount(_ pdfinfo: String) -> Int {
        for line in pdfinfo.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    private static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "no message"
    }

    /// NFC and LF line ends; extraction gives both decomposed marks and CR at times.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").precomposedStringWithCanonicalMapping
    }

    // MARK: Word

    private func readWord(_ bytes: [UInt8]) throws(Diagnostic) -> ExtractedText {
        // A zip's local headers name its files uncompressed: a Word document has word/document.xml.
        guard Self.contains(bytes, Array("word/document.xml".utf8)) else {
            throw .error(path, "the file is a zip archive but not a Word document (it has no word/document.xml)",
                         hint: "import the plan's .docx, .pdf or text; other zip files (.odt, .xlsx, archives) are not plans")
        }
        let output = try ExternalProgram.pandoc.run(["-f", "docx", "-t", "plain", "--wrap=none", path], timeout: 120)
        guard output.status == 0 else {
            throw .error(path, "the Word document cannot be read (pandoc: \(Self.firstLine(output.stderr)))",
                         hint: "open it in Word or LibreOffice and save it again as .docx, or export it to PDF")
        }
        let text = Self.normalized(String(decoding: output.stdout, as: UTF8.self))
        guard text.contains(where: \.isLetter) else {
            throw .error(path, "the Word document has no text", hint: "if it holds a scanned image, import the scan as PDF")
        }
        return ExtractedText(text: text, method: .docx, pages: 1)
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

/// OCR of a scanned PDF: every page rendered at 300 dpi in grey by pdftoppm, read by Tesseract with its
/// Vietnamese model, two pages at a time, its words laid out as pdftotext lays out a PDF (`OCRLayout`).
/// Pages are joined with form feeds, as pdftotext joins them.
struct OpticalReader {
    let path: String

    func read(pages: Int) throws(Diagnostic) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-ocr-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .error(folder.path, "cannot create a scratch folder for OCR", hint: "check the free space of the temporary folder")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("page").path
        let render = try ExternalProgram.pdftoppm.run(["-r", "300", "-gray", "-png", path, prefix], timeout: 60 + 30 * Double(pages))
        guard render.status == 0 else {
            throw .error(path, "the PDF's pages cannot be rendered for OCR (pdftoppm: \(render.stderr.split(separator: "\n").first ?? ""))",
                         hint: "download or scan the plan again")
        }
        let images = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".png") }.sorted()
        guard ExternalProgram.tesseract.path != nil else { throw ExternalProgram.tesseract.missing }
        let languages = try ExternalProgram.tesseract.run(["--list-langs"], timeout: 30)
        guard String(decoding: languages.stdout, as: UTF8.self).split(separator: "\n").contains("vie") else {
            throw .error("tesseract", "Tesseract has no Vietnamese model (vie)",
                         hint: "run `make deps` (it installs Debian's tesseract-ocr-vie), or `apt-get install tesseract-ocr-vie`")
        }
        let results = parallelMap(images) { image -> Result<String, Diagnostic> in
            let imagePath = (folder.path as NSString).appendingPathComponent(image)
            do {
                // One thread per Tesseract: two pages run at once on two cores.
                let output = try ExternalProgram.tesseract.run([imagePath, "stdout", "-l", "vie", "--psm", "3", "tsv"], timeout: 300,
                                                               environment: ["OMP_THREAD_LIMIT": "1"])
                guard output.status == 0, !output.timedOut else {
                    return .failure(.error(path, "Tesseract could not read page \(image) (\(output.stderr.split(separator: "\n").last ?? ""))",
                                           hint: "scan the page again at 300 dpi"))
                }
                return .success(OCRLayout.repairingCase(OCRLayout.text(fromTSV: String(decoding: output.stdout, as: UTF8.self))))
            } catch let diagnostic as Diagnostic {
                return .failure(diagnostic)
            } catch {
                return .failure(.error(path, "Tesseract failed: \(error)", hint: "scan the page again at 300 dpi"))
            }
        }
        var pagesText: [String] = []
        for result in results {
            switch result {
            case .success(let text): pagesText.append(text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
            case .failure(let diagnostic): throw diagnostic
            }
        }
        return pagesText.joined(separator: "\u{0C}")
    }
}
