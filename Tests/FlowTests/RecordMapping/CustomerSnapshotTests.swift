import Foundation
import RecordMapping
import Shopify
import Testing

@Suite struct CustomerSnapshotTests {
    static let payload = """
        {"id": 207119551, "email": "bob.norman@example.com", "first_name": "Bob", "last_name": "Norman",
         "phone": "  ", "state": "enabled", "tags": "", "created_at": "2026-01-02T10:00:00-05:00",
         "updated_at": "2026-01-03T10:00:00-05:00",
         "default_address": {"company": "Norman Supplies", "first_name": "Bob", "last_name": "Norman", "address1": "1 Main St"}}
        """

    @Test func takesTheFieldsFromTheWebhookPayload() throws {
        let decoded = try ShopifyWebhookPayloads.decode(ShopifyCustomerPayload.self, from: Data(Self.payload.utf8))
        let snapshot = CustomerSnapshot(decoded)
        #expect(snapshot == CustomerSnapshot(
            id: 207119551, email: "bob.norman@example.com", firstName: "Bob", lastName: "Norman", phone: nil,
            companyName: "Norman Supplies", updatedAt: Date(timeIntervalSince1970: 1_767_452_400)))
    }

    @Test func bodyHashFollowsSyncedFieldsOnly() {
        let base = CustomerSnapshot(id: 1, email: "a@example.com", firstName: "A", lastName: nil, phone: nil, companyName: nil, updatedAt: nil)
        var touched = base
        touched.updatedAt = Date()
        #expect(base.bodyHash == touched.bodyHash)
        var renamed = base
        renamed.lastName = "B"
        #expect(base.bodyHash != renamed.bodyHash)
        // Field boundaries matter.
        #expect(BodyFingerprint.of(["ab", nil]) != BodyFingerprint.of(["a", "b"]))
        #expect(BodyFingerprint.of(["a"]) != BodyFingerprint.of([nil]))
        #expect(BodyFingerprint.of(["x"]).count == 32)
    }

    @Test func describesDecodingProblemsWithoutValues() {
        let bad = Data(#"{"id": "not-a-number", "email": "secret@example.com"}"#.utf8)
        do {
            _ = try ShopifyWebhookPayloads.decode(ShopifyCustomerPayload.self, from: bad)
            Issue.record("decoded a customer with a string id")
        } catch {
            let text = PayloadProblem.describe(error)
            #expect(text.contains("id"))
            #expect(!text.contains("secret@example.com"))
        }
        do {
            _ = try ShopifyWebhookPayloads.decode(ShopifyCustomerPayload.self, from: Data("{".utf8))
        } catch {
            #expect(PayloadProblem.describe(error) == "not valid JSON")
        }
    }
}
