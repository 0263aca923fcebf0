import Foundation
import GRDB
import Testing
@testable import TenantStore

@Suite struct PayloadArchiveTests {
    let order = Data(#"{"id":820982911946154508,"email":"jon@example.com","customer":{"id":115310627314723954,"email":"jon@example.com"},"line_items":[{"sku":"TEE-1","price":"19.99"}],"total_price":"21.99"}"#.utf8)

    @Test func roundTripIsByteExactForAnyBody() async throws {
        let fixture = try TenantFixture()
        let archive = fixture.database.archive
        var random = SystemRandomNumberGenerator()
        let bodies = [
            order, Data(), Data("not json at all \u{0} \u{7f}".utf8),
            Data((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }),
            Data(String(repeating: "{\"a\":1}", count: 20_000).utf8),
        ]
        for (index, body) in bodies.enumerated() {
            for source in ["shopify", "netsuite"] {
                let stored = try await archive.store(NewPayload(body: body, topic: "orders/create", source: source))
                #expect(try await archive.body(id: stored.id) == body, "body \(index) from \(source)")
            }
        }
    }

    @Test func identicalBodiesAreStoredOnce() async throws {
        let fixture = try TenantFixture()
        let archive = fixture.database.archive
        let first = try await archive.store(NewPayload(body: order, topic: "orders/create", source: "shopify"))
        let again = try await archive.store(NewPayload(body: order, topic: "orders/create", source: "shopify"))
        let other = try await archive.store(NewPayload(body: order + Data(" ".utf8), topic: "orders/create", source: "shopify"))
        #expect(!first.wasDuplicate)
        #expect(again.wasDuplicate)
        #expect(again.id == first.id)
        #expect(other.id != first.id)
        #expect(try await archive.stats().payloads == 2)
        let metadata = try #require(try await archive.metadata(id: first.id))
        #expect(metadata.rawSize == order.count)
        #expect(metadata.codec == "zlib+shopify-v1")
        #expect(metadata.sha256.count == 64)
    }

    @Test func payloadAndJobsCommitTogether() async throws {
        let fixture = try TenantFixture()
        let prepared = try PreparedPayload(NewPayload(body: order, topic: "orders/create", source: "shopify"))
        await #expect(throws: TenantStoreError.self) {
            try await fixture.database.transaction { tx in
                let payload = try tx.store(prepared)
                _ = try tx.enqueue(NewJob(flow: "orders", kind: "orders/create", payloadID: payload.id))
                _ = try tx.enqueue(NewJob(flow: "", kind: "invalid"))  // fails: the whole transaction rolls back
            }
        }
        #expect(try await fixture.database.archive.stats().payloads == 0)
        #expect(try await fixture.database.jobs.jobs().isEmpty)

        let jobID = try await fixture.database.transaction { tx in
            let payload = try tx.store(prepared)
            return try tx.enqueue(NewJob(flow: "orders", kind: "orders/create", payloadID: payload.id)).job.id
        }
        let job = try #require(try await fixture.database.jobs.job(id: jobID))
        #expect(try await fixture.database.archive.body(id: try #require(job.payloadID)) == order)
    }

    @Test func redactionErasesACustomersPayloadsAndLeavesTombstones() async throws {
        let fixture = try TenantFixture()
        let archive = fixture.database.archive
        let marker = "redact-me-\(UUID().uuidString)"
        let mine = try await archive.store(NewPayload(
            body: Data(#"{"customer":{"id":42,"email":"\#(marker)@example.com"}}"#.utf8), topic: "orders/create",
            source: "shopify", subjects: [.customer("42"), .order("1001")]))
        let myOtherOrder = try await archive.store(NewPayload(
            body: Data(#"{"order_id":1002,"note":"\#(marker)"}"#.utf8), topic: "refunds/create", source: "shopify",
            subjects: [.order("1002")]))
        let someoneElse = try await archive.store(NewPayload(
            body: Data(#"{"customer":{"id":7}}"#.utf8), topic: "orders/create", source: "shopify", subjects: [.customer("7")]))

        #expect(try await archive.payloads(about: [.customer("42")]).map(\.id) == [mine.id])
        // The bytes as stored (compressed), to look for in the files once they are erased.
        let storedBlobs = try await fixture.database.connection.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM payloads WHERE id IN (?, ?)", arguments: [mine.id, myOtherOrder.id])
        }
        #expect(storedBlobs.count == 2 && storedBlobs.allSatisfy { $0.count > 20 })
        let result = try await archive.redact(customerID: "42", orderIDs: ["1002"])
        #expect(result.erasedPayloads == 2)

        for id in [mine.id, myOtherOrder.id] {
            await #expect(throws: TenantStoreError.self) { try await archive.body(id: id) }
            let tombstone = try #require(try await archive.metadata(id: id))
            #expect(tombstone.redactedAt == fixture.clock.now())
            #expect(tombstone.compressedSize == 0)
        }
        #expect(try await archive.payloads(about: [.customer("42")]).isEmpty)
        #expect(try await archive.body(id: someoneElse.id) == Data(#"{"customer":{"id":7}}"#.utf8))
        #expect(try await archive.redact(customerID: "42").erasedPayloads == 0)

        // Nothing of the erased bodies is left anywhere in the database's files.
        try fixture.database.close()
        for suffix in ["", "-wal"] {
            let url = URL(fileURLWithPath: fixture.database.fileURL.path + suffix)
            guard let bytes = FileManager.default.contents(atPath: url.path) else { continue }
            for blob in storedBlobs {
                #expect(bytes.range(of: blob) == nil, "an erased body is still in \(url.lastPathComponent)")
            }
        }
    }

    @Test func aBodyErasedBeforeIsStoredAnewWhenDeliveredAgain() async throws {
        let fixture = try TenantFixture()
        let archive = fixture.database.archive
        let body = Data(#"{"order_id":1002,"customer":{"id":42}}"#.utf8)
        let first = try await archive.store(NewPayload(body: body, topic: "refunds/create", source: "shopify", subjects: [.customer("42")]))
        #expect(try await archive.redact(customerID: "42").erasedPayloads == 1)
        let again = try await archive.store(NewPayload(body: body, topic: "refunds/create", source: "shopify"))
        #expect(!again.wasDuplicate)
        #expect(again.id != first.id)
        #expect(try await archive.body(id: again.id) == body)
    }

    @Test func pruningKeepsPayloadsThatJobsStillNeed() async throws {
        let fixture = try TenantFixture()
        let db = fixture.database
        func payloadWithJob(_ name: String) async throws -> (payload: Int64, job: Int64) {
            let payload = try await db.archive.store(NewPayload(body: Data(name.utf8), topic: "orders/create", source: "shopify"))
            let job = try await db.jobs.enqueue(NewJob(flow: "orders", kind: name, payloadID: payload.id))
            return (payload.id, job.job.id)
        }
        let waiting = try await payloadWithJob("waiting")
        let finished = try await payloadWithJob("finished")
        let deadOne = try await payloadWithJob("dead")
        let orphan = try await db.archive.store(NewPayload(body: Data("orphan".utf8), topic: "orders/create", source: "shopify"))
        for job in try await db.jobs.claim(limit: 10) where job.id != waiting.job {
            if job.id == finished.job { try await db.jobs.complete(job) } else if job.id == deadOne.job {
                try await db.jobs.fail(job, .permanent(code: "x", message: "x"))
            } else { try await db.jobs.release(job) }
        }
        fixture.clock.advance(by: .seconds(100))
        #expect(try await db.archive.prune(olderThan: .seconds(200)) == 0, "nothing is old enough yet")
        fixture.clock.advance(by: .seconds(200))
        #expect(try await db.archive.prune(olderThan: .seconds(200)) == 2)
        #expect(try await db.archive.metadata(id: orphan.id) == nil)
        #expect(try await db.archive.metadata(id: finished.payload) == nil)
        #expect(try await db.archive.body(id: waiting.payload) == Data("waiting".utf8))
        #expect(try await db.archive.body(id: deadOne.payload) == Data("dead".utf8), "a dead job may be replayed")
    }

    @Test func wrongDictionaryOrDamagedBytesAreCaught() throws {
        let body = Data(#"{"line_items":[{"sku":"A"}],"total_price":"1.00"}"#.utf8)
        let packed = try ZlibCodec.compress(body, dictionary: CompressionDictionary.shopifyV1.bytes)
        #expect(try ZlibCodec.decompress(packed, expectedSize: body.count, dictionary: CompressionDictionary.shopifyV1.bytes) == body)
        #expect(throws: TenantStoreError.self) { try ZlibCodec.decompress(packed, expectedSize: body.count, dictionary: nil) }
        #expect(throws: TenantStoreError.self) {
            try ZlibCodec.decompress(packed, expectedSize: body.count, dictionary: Array("something else".utf8))
        }
        var damaged = packed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: TenantStoreError.self) {
            try ZlibCodec.decompress(damaged, expectedSize: body.count, dictionary: CompressionDictionary.shopifyV1.bytes)
        }
    }
}
