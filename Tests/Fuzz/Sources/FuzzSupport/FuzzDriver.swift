// SwiftPM owns each fuzz executable's main, so libFuzzer is linked without its own main (fuzzer_no_main)
// and started here through LLVMFuzzerRunDriver.
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The function under test; a C callback cannot capture it, so it waits here.
nonisolated(unsafe) private var target: ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer with the process's arguments on `body`, then exits with libFuzzer's status.
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv) { data, size in
        if let data { target(Array(UnsafeBufferPointer(start: data, count: size))) }
        return 0
    })
}
