import Dispatch

/// `map` over all cores, keeping the input order (so output never depends on scheduling).
/// `transform` must only read shared state.
func parallelMap<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
    if items.count < 2 { return items.map(transform) }
    var results = [Result?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        nonisolated(unsafe) let inputs = items
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = work(inputs[index])  // each index is written by one iteration only
            }
        }
    }
    return results.map { $0! }
}
