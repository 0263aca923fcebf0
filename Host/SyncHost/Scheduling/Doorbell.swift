import Synchronization

/// Wakes the scheduler's single loop early: ingress rings it after a commit, a finished job
/// rings it, a stop request rings it. Without it the loop would have to poll its queues.
///
/// A ring with nobody waiting is remembered once, so a signal sent just before the loop starts
/// to wait is not lost. Only one task waits at a time (the scheduler's loop).
final class Doorbell: Sendable {
    private let state = Mutex<(rung: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    /// Wakes the waiter, or the next one to wait.
    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns after a ring, after `timeout`, or when the calling task is cancelled.
    func wait(upTo timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            // A timer cancelled because the bell rang must not leave a stale ring behind.
            if !Task.isCancelled { self?.ring() }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ringAlready = state.withLock { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if ringAlready { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
        timer.cancel()
    }
}
