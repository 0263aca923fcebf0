/// Deficit round robin (Shreedhar & Varghese) over the keys that have work: each visit
/// credits a key with `quantum × weight`, and the key may dispatch while its credit covers
/// the cost. A key that joins is served within one round, however much work the others
/// have queued: a tenant with 50,000 jobs cannot delay a quiet tenant by more than one
/// job of each other busy tenant (times their weights).
///
/// A plain value: the scheduler that owns it serializes access.
struct DeficitRoundRobin<Key: Hashable & Sendable>: Sendable {
    private var ring: [Key] = []
    private var position = 0
    /// Whether the key at `position` already received its credit for the current visit.
    private var currentCredited = false
    private var credit: [Key: Double] = [:]
    private var weights: [Key: Double] = [:]
    /// Credit given per visit to a key of weight 1.
    let quantum: Double

    init(quantum: Double = 1) {
        precondition(quantum > 0, "the quantum must be positive")
        self.quantum = quantum
    }

    /// Keys with work, in service order.
    var activeKeys: [Key] { ring }

    func isActive(_ key: Key) -> Bool { credit[key] != nil }

    /// Marks `key` as having work; a new key joins at the end of the round.
    mutating func activate(_ key: Key, weight: Double = 1) {
        weights[key] = max(weight, 0.01)
        guard credit[key] == nil else { return }
        credit[key] = 0
        // Joining just behind the current position serves the newcomer after every key
        // already waiting has had its turn in this round, and no later.
        ring.insert(key, at: position)
        position += 1
        if position >= ring.count { position = 0 }
    }

    /// Marks `key` as having no work left; its unused credit is forfeited, as DRR requires,
    /// so an idle key cannot hoard a burst.
    mutating func deactivate(_ key: Key) {
        guard let index = ring.firstIndex(of: key) else { return }
        ring.remove(at: index)
        credit[key] = nil
        weights[key] = nil
        if index < position {
            position -= 1
        } else if index == position {
            currentCredited = false
        }
        if position >= ring.count { position = 0 }
    }

    /// The key that may dispatch one unit of work costing `cost`, charged for it, or nil if
    /// no active key is eligible. `eligible` says whether a key can take work right now (for
    /// example, below its concurrency cap); an ineligible key is passed over without credit.
    mutating func next(cost: Double = 1, eligible: (Key) -> Bool) -> Key? {
        guard !ring.isEmpty else { return nil }
        // Enough visits for any eligible key (weight >= 0.01) to earn `cost`, so this never spins
        // forever; and one full pass without an eligible key ends the search at once.
        let rounds = min(Int((cost / (quantum * 0.01)).rounded(.up)), 1_000) + 1
        var passedWithoutEligible = 0
        for _ in 0..<(ring.count * rounds) {
            let key = ring[position]
            if eligible(key) {
                passedWithoutEligible = 0
                if !currentCredited {
                    credit[key, default: 0] += quantum * weights[key, default: 1]
                    currentCredited = true
                }
                if credit[key, default: 0] >= cost {
                    credit[key, default: 0] -= cost
                    return key
                }
            } else {
                passedWithoutEligible += 1
                if passedWithoutEligible >= ring.count { return nil }
            }
            position = (position + 1) % ring.count
            currentCredited = false
        }
        return nil
    }
}
