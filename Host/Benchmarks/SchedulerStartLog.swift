import Foundation
import PluginKit
import Synchronization

/// What the scheduler benchmark observes while it runs: when each quiet job was enqueued and
/// when its plugin run began, and how many noisy jobs had begun by each of those moments.
///
/// The difference between the two noisy counts is the number of noisy jobs that started
/// while the quiet job was waiting: the "jobs ahead" figure deficit round robin bounds.
final class SchedulerStartLog: Sendable {
    /// One quiet job's two moments; either may be recorded first, since the scheduler can
    /// claim a quiet tenant's new job (it may still be in the rotation) before the enqueuer
    /// gets to record its commit.
    struct QuietJob: Sendable {
        var enqueuedAt: ContinuousClock.Instant?
        var noisyStartedAtCommit: Int?
        var startedAt: ContinuousClock.Instant?
        var noisyStartedAtStart: Int?
    }

    private struct State {
        var noisyStarted = 0
        var quiet: [Int: QuietJob] = [:]
        var warmUpStarted = 0
    }

    private let state = Mutex(State())

    /// Warm-up jobs whose plugin run has begun so far.
    var warmUpStarted: Int { state.withLock { $0.warmUpStarted } }

    /// Noisy jobs whose plugin run has begun so far.
    var noisyStarted: Int { state.withLock { $0.noisyStarted } }

    /// Quiet jobs whose plugin run has begun so far.
    var quietStarted: Int { state.withLock { $0.quiet.values.filter { $0.startedAt != nil }.count } }

    /// Every quiet job seen so far, by its number.
    var quietJobs: [Int: QuietJob] { state.withLock { $0.quiet } }

    func recordWarmUpStart() {
        state.withLock { $0.warmUpStarted += 1 }
    }

    func recordNoisyStart() {
        state.withLock { $0.noisyStarted += 1 }
    }

    /// Records that quiet job `number` was enqueued at `instant` and has just been committed.
    func recordQuietCommit(_ number: Int, enqueuedAt instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.quiet[number, default: QuietJob()].enqueuedAt = instant
            state.quiet[number, default: QuietJob()].noisyStartedAtCommit = state.noisyStarted
        }
    }

    func recordQuietStart(_ number: Int) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.quiet[number, default: QuietJob()].startedAt = now
            state.quiet[number, default: QuietJob()].noisyStartedAtStart = state.noisyStarted
        }
    }
}

/// The benchmark's plugin: notes when each job's run begins, then works for a fixed time
/// (a sleep, standing in for the vendor calls a real flow waits on).
struct TimedBenchmarkPlugin: FlowPlugin {
    /// Quiet jobs carry their number in their kind, after this prefix.
    static let quietKindPrefix = "quiet-"
    /// The kind of every noisy (backlog) job.
    static let noisyKind = "bulk"
    /// The kind of unmeasured jobs run before measuring; counted nowhere.
    static let warmUpKind = "warm-up"

    let descriptor = PluginDescriptor(id: "orders", summary: "scheduler benchmark: records starts, then sleeps")
    let work: Duration
    let log: SchedulerStartLog

    func handle(_ job: PluginJob, context: any FlowContext) async -> JobOutcome {
        if job.kind.hasPrefix(Self.quietKindPrefix), let number = Int(job.kind.dropFirst(Self.quietKindPrefix.count)) {
            log.recordQuietStart(number)
        } else if job.kind == Self.noisyKind {
            log.recordNoisyStart()
        } else if job.kind == Self.warmUpKind {
            log.recordWarmUpStart()
        }
        if work > .zero { try? await Task.sleep(for: work) }
        return .done()
    }
}
