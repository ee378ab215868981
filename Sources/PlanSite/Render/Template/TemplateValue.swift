/// A value a template sees. Pages build plain Swift data (strings, lists, dictionaries); it is turned into
/// this once per page, so rendering never casts.
///
/// Truth in sections: null, `false`, an empty string and an empty list are false; everything else is true.
/// A key whose value is empty is still found, so an undated item never shows its parent's date.
enum TemplateValue: @unchecked Sendable {
    case null
    case bool(Bool)
    case string(String)
    /// UTF-8 text kept as bytes (rendered Markdown, an inner template): written without a `String` between.
    case bytes([UInt8])
    case list([TemplateValue])
    case object([String: TemplateValue])

    var isTrue: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .string(let text): !text.isEmpty
        case .bytes(let bytes): !bytes.isEmpty
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }

    /// Converts page data: `String`, `[UInt8]` (UTF-8 text), `Bool`, integers and decimals, arrays, `[String: Any]` dictionaries and values that
    /// already are `TemplateValue`. Anything else (`nil` included) is null.
    init(_ any: Any) {
        // The types pages are built of, known by their exact type first: a cast that fails to a collection
        // type looks at the elements, and an array of dictionaries went through six of those before it was
        // boxed element by element into `[Any]`. Each case gives what the cascade below gives, but for an
        // empty list, which the cascade took for empty bytes (`as [UInt8]` holds for any empty array): both
        // write nothing and are false in a section.
        let type = Swift.type(of: any)
        if type == String.self { self = .string(any as! String); return }
        if type == [String: Any].self { self = .object((any as! [String: Any]).mapValues(TemplateValue.init)); return }
        if type == TemplateValue.self { self = any as! TemplateValue; return }
        if type == [[String: Any]].self { self = .list((any as! [[String: Any]]).map { .object($0.mapValues(TemplateValue.init)) }); return }
        if type == [String: TemplateValue].self { self = .object(any as! [String: TemplateValue]); return }
        if type == [[String: TemplateValue]].self { self = .list((any as! [[String: TemplateValue]]).map { .object($0) }); return }
        if type == [Any].self { self = .list((any as! [Any]).map(TemplateValue.init)); return }
        if type == [TemplateValue].self { self = .list(any as! [TemplateValue]); return }
        if type == [String].self { self = .list((any as! [String]).map { .string($0) }); return }
        switch any {
        case let text as String: self = .string(text)  // the most common value: tried first
        case let value as TemplateValue: self = value
        case let bytes as [UInt8]: self = .bytes(bytes)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .string(String(number))
        case let number as Double: self = .string(String(number))  // shortest form that reads back: 1.21, not 1.2100
        case let strings as [String: String]: self = .object(strings.mapValues { .string($0) })
        case let dictionary as [String: Any]: self = .object(dictionary.mapValues(TemplateValue.init))
        case let strings as [String]: self = .list(strings.map { .string($0) })
        case let values as [TemplateValue]: self = .list(values)
        case let array as [Any]: self = .list(array.map(TemplateValue.init))
        default: self = .null
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
