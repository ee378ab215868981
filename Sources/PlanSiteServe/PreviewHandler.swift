import FlyingFox
import Foundation

/// Serves the output folder like a static host (index.html for folders, 404.html when missing), adds the
/// live-reload script to HTML pages, and answers the script's status requests.
struct PreviewHandler: HTTPHandler {
    let outputDirectory: String
    let state: PreviewState

    static let statusPath = "/__plansite/status"
    static let scriptPath = "/__plansite/live.js"

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "svg": "image/svg+xml", "txt": "text/plain; charset=utf-8", "webmanifest": "application/manifest+json",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch request.path {
        case Self.statusPath:
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"],
                                body: await state.statusJSON())
        case Self.scriptPath:
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: Data(Self.script.utf8))
        default:
            // The target keeps a trailing slash, which `path` drops: folders must end in "/".
            return serveFile(request.target.path(percentEncoded: false))
        }
    }

    private func serveFile(_ requestPath: String) -> HTTPResponse {
        let decoded = requestPath
        let components = decoded.split(separator: "/").map(String.init)
        guard !components.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return notFound()
        }
        var path = (outputDirectory as NSString).appendingPathComponent(components.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard decoded.hasSuffix("/") else {
                let headers: HTTPHeaders = [.location: decoded + "/"]
                return HTTPResponse(statusCode: .movedPermanently, headers: headers)
            }
            path = (path as NSString).appendingPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return notFound() }
        return response(.ok, path: path, data: data)
    }

    private func notFound() -> HTTPResponse {
        let path = (outputDirectory as NSString).appendingPathComponent("404.html")
        return response(.notFound, path: path, data: FileManager.default.contents(atPath: path) ?? Data("Not found".utf8))
    }

    private func response(_ status: HTTPStatusCode, path: String, data: Data) -> HTTPResponse {
        let type = Self.types[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
        var body = data
        if type.hasPrefix("text/html") {
            let html = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: "</head>", with: "<script src=\"\(Self.scriptPath)\" defer></script>\n</head>")
            body = Data(html.utf8)
        }
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .init("Cache-Control"): "no-store"], body: body)
    }

    /// Polls the status; reloads when a new build is out; shows the errors of a failed build in a banner.
    static let script = """
    (function () {
      "use strict";
      var version = null;
      function banner(text) {
        var box = document.getElementById("plansite-errors");
        if (!text) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("pre");
          box.id = "plansite-errors";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;margin:0;padding:1rem;" +
            "background:#2b0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647";
          document.body.appendChild(box);
        }
        box.textContent = "plansite: the last build failed; this is the last good version.\\n\\n" + text;
      }
      function poll() {
        fetch("\(statusPath)", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (status) {
          if (version !== null && status.version !== version) { window.location.reload(); return; }
          version = status.version;
          banner(status.errors);
        }).catch(function () {}).then(function () { setTimeout(poll, 700); });
      }
      poll();
    })();
    """
}
