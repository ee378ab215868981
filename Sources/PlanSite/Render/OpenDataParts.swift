/// How the plan records of the open data are cut into files. A site of at most `size` plans (`data_part_plans`
/// in site.yml, 500 by default) has one file of each: `data/plans.json`, `data/plans.csv`,
/// `data/citations.csv`. A larger one has parts of `size` plans each, in slug order —
/// `data/plans-0001.json`, `data/plans-0001.csv`, `data/citations-0001.csv`, … — so that no file grows with
/// the corpus (each CSV stays far under a spreadsheet's 1,048,576 rows) and an edit of one plan makes one
/// part again. Each part is a whole file of the same schema as the single file.
struct OpenDataParts {
    /// The plans' slugs, sorted.
    let slugs: [String]
    /// Plans per part.
    let size: Int

    /// The files of one part.
    struct Part {
        /// 1-based, 0 for the single file of a site that is not split.
        var number: Int
        /// The number as written in the file names, `0001` (empty for the single file).
        var name: String
        var slugs: ArraySlice<String>
        var plansJSON: String
        var plansCSV: String
        var citationsCSV: String
        var paths: [String] { [plansJSON, plansCSV, citationsCSV] }
    }

    init(slugs: [String], size: Int) {
        self.slugs = slugs
        self.size = max(1, size)
    }

    var isSplit: Bool { slugs.count > size }

    var count: Int { isSplit ? (slugs.count + size - 1) / size : 1 }

    /// Part numbers are written with at least four digits (and more past 9,999 parts), so that the files sort
    /// by name in part order.
    private var digits: Int { max(4, String(count).count) }

    func part(_ number: Int) -> Part {
        guard isSplit else {
            return Part(number: 0, name: "", slugs: slugs[...], plansJSON: "data/plans.json", plansCSV: "data/plans.csv",
                        citationsCSV: "data/citations.csv")
        }
        let start = (number - 1) * size
        let name = String(repeating: "0", count: max(0, digits - String(number).count)) + String(number)
        return Part(number: number, name: name, slugs: slugs[start..<min(start + size, slugs.count)], plansJSON: "data/plans-\(name).json",
                    plansCSV: "data/plans-\(name).csv", citationsCSV: "data/citations-\(name).csv")
    }

    var parts: [Part] { isSplit ? (1...count).map(part) : [part(0)] }

    /// The number of the part that holds `slug` (0 when the site is not split), nil for a slug not on the site.
    func number(of slug: String) -> Int? {
        var low = 0, high = slugs.count
        while low < high {
            let middle = (low + high) / 2
            if slugs[middle] < slug { low = middle + 1 } else { high = middle }
        }
        guard low < slugs.count, slugs[low] == slug else { return nil }
        return isSplit ? low / size + 1 : 0
    }
}
