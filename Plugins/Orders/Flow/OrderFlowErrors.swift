import Foundation
import PluginKit

/// NetSuite's total of the upserted sales order differs from Shopify's total less the gift
/// card: NetSuite computed something the mapping did not foresee (a tax engine adding tax,
/// a price level overriding a rate). The sales order must be looked at before replaying.
struct NetSuiteTotalMismatch: ClassifiedError {
    let orderName: String
    let internalID: String
    let expected: Money
    let netsuiteTotal: Money?

    var failureClass: FailureClass { .permanent }
    var code: String { "total_mismatch" }
    var message: String {
        let actual = netsuiteTotal.map { "\($0)" } ?? "no total"
        let difference = netsuiteTotal.map { " difference \(Money(amount: expected.amount - $0.amount, currencyCode: expected.currencyCode))" } ?? ""
        return "order \(orderName): NetSuite sales order \(internalID) totals \(actual), but Shopify's total less gift card is \(expected);\(difference)"
    }
}

/// The order names the gift-card gateway but Shopify shows no successful gift-card payment
/// yet (the transaction is still being recorded): try again shortly.
struct GiftCardPaymentPending: ClassifiedError {
    let orderName: String

    var failureClass: FailureClass { .transient(retryAfter: .seconds(30)) }
    var code: String { "gift_card_payment_pending" }
    var message: String { "order \(orderName) was paid with a gift card but Shopify shows no gift-card payment yet" }
}
