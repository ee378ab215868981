import Foundation
import Yams

/// "Nothing is lost": every character and every word of the extracted text is in the draft (a value of its
/// front matter or its body) or in a piece left out with a reason. `plansite import` checks each draft with
/// this before writing it; case is not compared (a title's first letter is put in capitals).
public enum ImportAccount {
    public struct Missing: Sendable, Equatable {
        /// Characters (other than white space) the draft has fewer of than the text, with how many fewer.
        public var characters: [Character: Int]
        /// Words (runs of letters and digits) likewise.
        public var words: [String: Int]
        public var isEmpty: Bool { characters.isEmpty && words.isEmpty }
    }

    public static func missing(extracted: String, draftText: String, dropped: [DroppedText]) -> Missing {
        let kept = values(of: draftText) + dropped.map(\.text)
        let source = extracted.precomposedStringWithCanonicalMapping.lowercased()
        let target = kept.joined(separator: "\n").precomposedStringWithCanonicalMapping.lowercased()
        return Missing(characters: shortfall(characterCounts(source), characterCounts(target)),
                       words: shortfall(wordCounts(source), wordCounts(target)))
    }

    /// The draft's text as a reader gets it: every string of the front matter (comments aside) and the body.
    static func values(of draftText: String) -> [String] {
        guard case .success(let file) = FrontMatterFile.split(draftText) else { return [draftText] }
        var strings: [String] = []
        func collect(_ value: Any) {
            switch value {
            case let text as String: strings.append(text)
            case let list as [Any]: list.forEach(collect)
            case let map as [String: Any]: map.keys.sorted().forEach { collect(map[$0]!) }
            default: strings.append("\(value)")
            }
        }
        if let fields = try? Yams.load(yaml: file.yaml) { collect(fields) }
        return strings + [file.body]
    }

    static func characterCounts(_ text: String) -> [Character: Int] {
        var counts: [Character: Int] = [:]
        for character in text where !character.isWhitespace { counts[character, default: 0] += 1 }
        return counts
    }

    static func wordCounts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { counts[String(word), default: 0] += 1 }
        return counts
    }

    private static func shortfall<Key>(_ needed: [Key: Int], _ present: [Key: Int]) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for (key, count) in needed where (present[key] ?? 0) < count { result[key] = count - (present[key] ?? 0) }
        return result
    }
}
