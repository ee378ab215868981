/// The regular expressions of the import, made once: a regex literal is parsed anew each time it is
/// evaluated, which cost more than all the rest of an import of a long plan.
enum ImportPatterns {
    /// Any marker with the space after it (after a roman numeral, the space may be missing in OCR).
    nonisolated(unsafe) static let anyMarker = #/(?:X{0,3}(?:IX|IV|V?I{1,3}|V|X)\s*(?:\.|-|–)\s*|(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?(?:\s*-)?|[-–+•*])\s+)/#
    nonisolated(unsafe) static let appendixHeading = #/phu[c]?\s+luc(\s+(so\s+)?[0-9ivx]+)?/#
    nonisolated(unsafe) static let authorityLine = #/(TM|T/M|KT|Q|TL|TUQ)\.?\s+\p{Lu}/#
    nonisolated(unsafe) static let bulletMarker = #/([-–+•*])\s+\S/#
    nonisolated(unsafe) static let footnoteMarker = #/[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S/#
    nonisolated(unsafe) static let headingMarks = #/#{1,6}\s+/#
    nonisolated(unsafe) static let initials = #/\s*\*[a-zđ]{1,4}\*$/#
    nonisolated(unsafe) static let letterMarker = #/[a-zđ]\)\s/#
    nonisolated(unsafe) static let markdownHeading = #/#{1,6} /#
    nonisolated(unsafe) static let numberLine = #/S[ốỐ]\s*:?\s*(.*)/#
    nonisolated(unsafe) static let numberMarker = #/(\d{1,2}\.)\s+\S/#
    nonisolated(unsafe) static let orderedListStart = #/(\d{1,9})([.)])(\s|$)/#
    nonisolated(unsafe) static let pageNumber = #/[-–—]?\s*\d{1,3}\s*[-–—]?|(Trang|Page)\s+\d{1,3}(\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}/#
    nonisolated(unsafe) static let partySymbol = #/\d{1,5}\s?-\s?\p{Lu}[\p{L}\d]*/.+/#
    nonisolated(unsafe) static let placeDate = #/(.*?),?\s*(?:ngày\s*(\d{1,2})?\s*)?(?:tháng\s*(\d{1,2})?\s*)?năm\s*(\d{4})\s*\.?/#
    nonisolated(unsafe) static let recipientBullet = #/[-–•+]\s*/#
    nonisolated(unsafe) static let recipientsLabel = #/no[i]\s*nha[nm]\s*:?.{0,8}/#
    /// "I. MỤC ĐÍCH", "II - NỘI DUNG", and as OCR reads it, "I.MỤC ĐÍCH".
    nonisolated(unsafe) static let romanMarker = #/(X{0,3}(?:IX|IV|V?I{1,3}|V|X))\s*(\.|-|–)(?:\s+\S|(?=\p{Lu}))/#
    nonisolated(unsafe) static let rowNumber = #/\d{1,3}\.?/#
    nonisolated(unsafe) static let subNumberMarker = #/(\d{1,2}(?:\.\d{1,2}){1,3}\.?(?:\s*-)?)\s+\S/#
}
