import Foundation
import NetSuite
import NetSuiteSandbox
import RecordMapping
import SandboxWorld
import ShopifySandbox
import ShopifySimulator

/// Checks, on the NetSuite sandbox, that every order a demo store placed became one sales
/// order whose total is Shopify's total less the gift-card redemption, to the cent, in the
/// tenant's subsidiary. This is the demo's verdict: it reads NetSuite, not the host's books.
public struct SalesOrderCheck: Sendable {
    /// An order that did not sync as it should.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let orderID: Int64
        public let detail: String
        public var description: String { "order \(orderID): \(detail)" }
    }

    /// Orders checked and the problems found.
    public struct Result: Sendable {
        public var checked = 0
        public var problems: [Problem] = []
        public var passed: Bool { problems.isEmpty }
        public init() {}
    }

    public init() {}

    /// Checks `orderIDs` of `tenant`.
    public func check(_ orderIDs: [Int64], of tenant: DemoTenant, netsuite: NetSuiteSandbox) async -> Result {
        let records = await netsuite.records(account: tenant.netsuiteAccount.id, type: "salesOrder")
        var byExternalID: [String: [[String: SandboxJSON]]] = [:]
        for record in records {
            if let id = record["externalId"]?.stringValue { byExternalID[id, default: []].append(record) }
        }
        var result = Result()
        for orderID in orderIDs {
            result.checked += 1
            guard let externalID = try? ShopifyExternalID.order(shopDomain: tenant.shop.domain, orderID: orderID).rawValue else {
                result.problems.append(Problem(orderID: orderID, detail: "no external id can be formed"))
                continue
            }
            let matches = byExternalID[externalID] ?? []
            guard matches.count == 1, let record = matches.first else {
                result.problems.append(Problem(orderID: orderID, detail: "\(matches.count) sales orders with external id \(externalID)"))
                continue
            }
            guard let expected = await tenant.simulator.expectedTotals(orderID: orderID) else {
                result.problems.append(Problem(orderID: orderID, detail: "the simulator has no expected totals"))
                continue
            }
            let want = expected.totalPrice.shop - expected.giftCard.shop
            let got = record["total"]?.decimalValue
            if got != want {
                result.problems.append(Problem(
                    orderID: orderID, detail: "NetSuite total \(got.map { "\($0)" } ?? "missing"), expected \(want) \(expected.shopCurrency)"))
            }
            if record["subsidiary"]?["id"]?.stringValue != tenant.subsidiaryID {
                result.problems.append(Problem(orderID: orderID, detail: "booked in subsidiary \(record["subsidiary"]?["id"]?.stringValue ?? "none")"))
            }
        }
        return result
    }
}
