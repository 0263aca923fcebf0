import Foundation

/// Writes dates as Shopify's REST documents do: ISO 8601 with the shop's UTC offset,
/// e.g. `2026-03-02T09:15:00-05:00`.
public struct ShopifyTimestamps: Sendable {
    /// The shop's offset from UTC in seconds (Shopify writes times in the shop's zone).
    public let utcOffsetSeconds: Int

    /// Creates a writer for a shop `utcOffsetSeconds` away from UTC.
    public init(utcOffsetSeconds: Int) {
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// `date` as `yyyy-MM-dd'T'HH:mm:ss±hh:mm`.
    public func timestamp(_ date: Date) -> String {
        let (day, time) = fields(date)
        let offset = abs(utcOffsetSeconds)
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        return "\(day)T\(time)\(sign)\(Self.twoDigits(offset / 3600)):\(Self.twoDigits(offset % 3600 / 60))"
    }

    /// `date` as the shop-local day `yyyy-MM-dd` (the form of a payout's `date`).
    public func day(_ date: Date) -> String {
        fields(date).day
    }

    private func fields(_ date: Date) -> (day: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = "\(parts.year ?? 1970)-\(Self.twoDigits(parts.month ?? 1))-\(Self.twoDigits(parts.day ?? 1))"
        let time = "\(Self.twoDigits(parts.hour ?? 0)):\(Self.twoDigits(parts.minute ?? 0)):\(Self.twoDigits(parts.second ?? 0))"
        return (day, time)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
