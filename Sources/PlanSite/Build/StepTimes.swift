import Dispatch

/// How long each step of a rebuild took, in the order the steps ran (`plansite bench-rebuild` prints the
/// medians, so that the cost of an edit can be read step by step rather than guessed).
public struct StepTimes: Sendable {
    /// Each step's name and its duration in seconds.
    public private(set) var steps: [(name: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Ends the step that ran since the last lap (or since `init`) and names it.
    public mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        steps.append((name, Double(now - last) / 1e9))
        last = now
    }
}
