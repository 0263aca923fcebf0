import Foundation

/// What happens to an admitted request, drawn from the account's seeded generator.
struct FaultPlan: Sendable {
    enum Outcome: Sendable {
        case serve
        case serverError(status: Int)
        case hang
    }

    /// Delay before the outcome, in sandbox milliseconds.
    var latencyMilliseconds: Double
    var outcome: Outcome
}

/// The verdict of the account's governance on one request.
enum Admission: Sendable {
    case admitted(FaultPlan)
    case tooManyRequests
}

extension SandboxStore {
    /// Admits a request under the account's concurrency limit (shared by every token and client)
    /// or refuses it; an admitted request must be ended with ``release(account:)``.
    func admit(account: String, label: String) -> Admission? {
        withAccountIfPresent(account) { state in
            state.stats.requests += 1
            state.stats.requestsByLabel[label, default: 0] += 1
            guard state.stats.inFlight < state.concurrencyLimit else {
                state.stats.tooManyRequests += 1
                state.stats.tooManyRequestsByLabel[label, default: 0] += 1
                return .tooManyRequests
            }
            state.stats.inFlight += 1
            state.stats.concurrencyHighWaterMark = max(state.stats.concurrencyHighWaterMark, state.stats.inFlight)
            return .admitted(Self.drawFaults(state.faults, random: &state.random))
        }
    }

    func release(account: String) {
        _ = withAccountIfPresent(account) { state in state.stats.inFlight = max(0, state.stats.inFlight - 1) }
    }

    /// The account's maintenance window: the `Retry-After` in sandbox seconds, or nil when open.
    func maintenanceRetryAfter(account: String) -> Double? {
        guard let faults = accounts[account]?.faults, faults.maintenance else { return nil }
        return faults.maintenanceRetryAfterSeconds
    }

    func recordAnswer(account: String, status: Int) {
        _ = withAccountIfPresent(account) { state in
            if status >= 500 { state.stats.serverErrors += 1 }
            if status == 401 { state.stats.unauthorized += 1 }
        }
    }

    private static func drawFaults(_ faults: NetSuiteFaults, random: inout SeededRandom) -> FaultPlan {
        let latency: Double = switch faults.latency {
        case .none: 0
        case .fixed(let milliseconds): milliseconds
        case .uniform(let low, let high): low + (max(high, low) - low) * random.nextFraction()
        }
        let draw = random.nextFraction()
        if draw < faults.timeoutRate { return FaultPlan(latencyMilliseconds: latency, outcome: .hang) }
        if draw < faults.timeoutRate + faults.serverErrorRate {
            let statuses = [500, 502, 503]
            return FaultPlan(latencyMilliseconds: latency, outcome: .serverError(status: statuses[Int(random.next() % 3)]))
        }
        return FaultPlan(latencyMilliseconds: latency, outcome: .serve)
    }
}
