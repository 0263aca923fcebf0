import Foundation
import RecordMapping

extension OrderSnapshot {
    /// A fingerprint of everything the sales order is mapped from, for the ledger's
    /// "unchanged" check. `updatedAt` is left out (a touch that changes nothing mapped is not
    /// worth a write); the gift-card amount too, since it is fetched only after deciding
    /// (the gateways it follows from are in).
    public var bodyHash: String {
        func text(_ amount: OrderAmount) -> String { "\(amount.shop)/\(amount.presentment.map { "\($0)" } ?? "-")" }
        func texts(_ amounts: [OrderAmount]) -> String { amounts.map(text).joined(separator: ";") }
        var fields: [String?] = [
            String(id), name, cancelledAt.map { "\($0.timeIntervalSince1970)" }, financialStatus, fulfillmentStatus,
            shopCurrency, presentmentCurrency, taxesIncluded ? "incl" : "excl", text(totalPrice),
            discountCodes.joined(separator: ","), paymentGatewayNames.joined(separator: ","), customer?.bodyHash,
        ]
        for line in lines {
            fields += ["line", line.sku, String(line.quantity), text(line.unitPrice), texts(line.discountAllocations), texts(line.taxes)]
        }
        for shipping in shippingLines {
            fields += ["shipping", shipping.title, shipping.code, text(shipping.price), texts(shipping.discountAllocations), texts(shipping.taxes)]
        }
        return BodyFingerprint.of(fields)
    }
}
