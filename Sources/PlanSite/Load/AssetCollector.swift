import Foundation

/// Static files copied as they are: `templates/assets/` (CSS, JavaScript, the share image) to `/assets/`,
/// `content/images/` to `/images/`.
struct AssetCollector {
    let folder: String
    let publishedAs: String

    func collect(log: inout DiagnosticLog) -> [OutputFile] {
        let fileManager = FileManager.default
        let paths = (fileManager.subpaths(atPath: folder) ?? []).sorted()
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path + "/"
        var files: [OutputFile] = []
        for relative in paths {
            let path = (folder as NSString).appendingPathComponent(relative)
            if let problem = ContentLoader.outside(path, root: root) {
                log.report(problem)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            guard let data = fileManager.contents(atPath: path) else {
                log.report(.error(path, "cannot read the asset", hint: "check its permissions"))
                continue
            }
            files.append(OutputFile(path: publishedAs + "/" + relative, bytes: [UInt8](data)))
        }
        return files
    }
}
