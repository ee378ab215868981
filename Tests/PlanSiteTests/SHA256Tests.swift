import Foundation
import Testing
@testable import PlanSite

/// The hand-written SHA-256 against the standard test vectors (FIPS 180-2, appendix B, and the NIST
/// examples), and against coreutils' `sha256sum` at every length around the padding boundaries.
@Suite("SHA-256")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: [
        ("empty input", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc (one block)", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("448 bits (two blocks: the length no longer fits)", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("896 bits", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func standardVectors(_ name: String, _ message: String, _ digest: String) {
        #expect(Self.hex(Array(message.utf8)) == digest, "\(name)")
        #expect(SHA256.hex(message) == digest, "\(name), through the String form")
    }

    @Test func aMillionAs() {
        #expect(Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func vietnameseTextIsHashedAsUTF8() {
        // "Đ" is two bytes (C4 90); a hash of the characters rather than the bytes would differ.
        #expect(SHA256.hex("Đ") == Self.hex([0xC4, 0x90]))
        #expect(SHA256.hex("Đ") != SHA256.hex("D"))
    }

    /// Every length from 0 to 200 bytes (the padding cases 55, 56, 63, 64, 119, 120 …) of non-ASCII bytes,
    /// compared with `sha256sum`, an implementation this code does not share.
    @Test func everyLengthAroundTheBlockBoundariesAgreesWithSha256sum() throws {
        let tool = try #require(["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) })
        var mismatches: [Int] = []
        for length in 0...200 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
            let result = try TestSupport.run(tool, [], stdin: Data(bytes))
            let expected = String(decoding: result.stdout, as: UTF8.self).prefix(64)
            if Self.hex(bytes) != expected { mismatches.append(length) }
        }
        #expect(mismatches.isEmpty, "lengths differing from sha256sum: \(mismatches)")
    }
}
