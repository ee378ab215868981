/// Whether an English file still matches the Vietnamese text it was translated from.
///
/// Each English file records, in `translated_from`, the fingerprint of the Vietnamese version it translates:
/// SHA-256 over what a translator translates (title, summary, issuers, place, notes, signature, recipients,
/// appendix titles, notes and printed cells, and the body), not over fields that are the same in both
/// languages (number, dates, basis, topics …), so fixing a topic does not make every translation stale.
/// `plansite translations --mark <slug>` writes the current fingerprint.
public enum TranslationStatus: String, Sendable, Equatable {
    case upToDate = "up to date"
    case stale = "stale"
    case notRecorded = "not recorded"
    case missing = "missing"

    /// A 16-hex-digit fingerprint of the translatable parts of a Vietnamese version.
    public static func fingerprint(of source: PlanSource) -> String {
        var parts = [source.title, source.summary ?? "", source.parentIssuer ?? "", source.issuer, source.place,
                     source.numberNote ?? "", source.dateNote ?? "", source.signature.lines.joined(separator: "\n"),
                     source.recipients.joined(separator: "\n")]
        for appendix in source.appendices {
            parts += [appendix.title, appendix.note ?? ""] + appendix.entries.map(\.notes)
        }
        parts.append(source.body.trimmingCharacters(in: .whitespacesAndNewlines))
        // Fields added later count only when they are written, named, so that the fingerprints recorded before
        // they existed stay valid.
        let later = [("issuer_note", source.issuerNote), ("place_note", source.placeNote)]
            + source.appendices.flatMap { $0.entries.map { ("printed", $0.printed) } }
        parts += later.compactMap { name, value in value.map { "\(name): \($0)" } }
        return String(SHA256.hex(parts.joined(separator: "\u{1F}")).prefix(16))
    }

    public static func of(_ plan: Plan) -> TranslationStatus {
        guard let vietnamese = plan.version(.vi), let english = plan.version(.en) else { return .missing }
        guard let recorded = english.translatedFrom else { return .notRecorded }
        return recorded == fingerprint(of: vietnamese) ? .upToDate : .stale
    }
}

import Foundation
