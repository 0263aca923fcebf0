/// Hands out Shopify-style numeric ids, unique within one simulated shop.
struct IDSequence: Sendable {
    private var next: Int64

    init(start: Int64) {
        next = start
    }

    mutating func take() -> Int64 {
        defer { next += 1 }
        return next
    }
}
