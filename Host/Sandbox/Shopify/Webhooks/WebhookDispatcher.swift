import AsyncHTTPClient
import Foundation
import Synchronization
import Logging
import NIOCore
import NIOHTTP1

/// Sends webhooks the way Shopify does: signed POSTs with Shopify's headers, a 1 s connect and
/// 5 s answer timeout, any non-2xx or timeout retried with exponential backoff over sandbox time,
/// and the configured faults (duplicate, out-of-order, late, dropped) drawn from a seeded generator.
actor WebhookDispatcher {
    private let clock: SandboxClock
    private let faults: WebhookFaults
    private let retries: Int
    private let baseBackoff: Double
    private let logger: Logger
    private var generator: SeededGenerator
    private var client: HTTPClient?
    private var records: [String: [SandboxWebhookDelivery]] = [:]
    /// Webhook id -> index of its record in `records[shop]`.
    private var positions: [String: Int] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]
    /// Deliveries held back to arrive after a later one (out-of-order fault), per shop.
    private var heldBack: [String: [(WebhookEvent, URL, String)]] = [:]
    private var stopped = false

    init(clock: SandboxClock, faults: WebhookFaults, retries: Int, baseBackoff: Double, logger: Logger) {
        self.clock = clock
        self.faults = faults
        self.retries = max(0, retries)
        self.baseBackoff = max(0, baseBackoff)
        self.logger = logger
        self.generator = SeededGenerator(seed: faults.seed)
    }

    /// Schedules the event's delivery to each URL. Faults apply only when `applyFaults` is set.
    func enqueue(_ event: WebhookEvent, to urls: [URL], applyFaults: Bool) {
        guard !stopped else { return }
        var releaseHeld = true
        for url in urls {
            if applyFaults && generator.chance(faults.dropped) {
                record(event, url: url, webhookID: RandomToken.uuid(), state: .dropped)
                event.shop.counters.withLock { $0.webhookDropped += 1 }
                continue
            }
            let copies = applyFaults && generator.chance(faults.duplicate) ? 2 : 1
            let delay = applyFaults && generator.chance(faults.late) ? faults.lateDelay : 0
            for _ in 0..<copies {
                let webhookID = RandomToken.uuid()
                record(event, url: url, webhookID: webhookID, state: .pending)
                if applyFaults && generator.chance(faults.outOfOrder) {
                    heldBack[event.shop.domain, default: []].append((event, url, webhookID))
                    releaseHeld = false
                    // If no later event comes, the held delivery still goes out after a while.
                    start(event, url: url, webhookID: webhookID, delay: max(delay, 60), heldBack: true)
                } else {
                    start(event, url: url, webhookID: webhookID, delay: delay, heldBack: false)
                }
            }
        }
        if releaseHeld, let held = heldBack.removeValue(forKey: event.shop.domain) {
            // The later delivery has started: now the held ones go, so they arrive after it.
            for (heldEvent, url, webhookID) in held {
                tasks[webhookID]?.cancel()
                start(heldEvent, url: url, webhookID: webhookID, delay: 0.001 * clock.timeScale, heldBack: false)
            }
        }
    }

    /// Every delivery of the shop, in creation order.
    func deliveries(shop: String) -> [SandboxWebhookDelivery] { records[shop] ?? [] }

    /// Cancels pending deliveries and closes the HTTP client.
    func stop() async {
        stopped = true
        let running = Array(tasks.values)
        tasks.removeAll()
        for task in running { task.cancel() }
        for task in running { await task.value }
        if let client {
            self.client = nil
            try? await client.shutdown()
        }
    }

    private func record(_ event: WebhookEvent, url: URL, webhookID: String, state: SandboxWebhookDelivery.State) {
        positions[webhookID] = records[event.shop.domain, default: []].count
        records[event.shop.domain, default: []].append(SandboxWebhookDelivery(
            topic: event.topic, webhookID: webhookID, eventID: event.eventID, url: url, attempts: 0,
            lastStatus: nil, state: state))
    }

    private func update(shop: String, webhookID: String, _ change: (inout SandboxWebhookDelivery) -> Void) {
        guard let index = positions[webhookID], index < records[shop, default: []].count else { return }
        change(&records[shop, default: []][index])
    }

    private func httpClient() -> HTTPClient {
        if let client { return client }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(1), read: .seconds(5))
        let created = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        client = created
        return created
    }

    private func start(_ event: WebhookEvent, url: URL, webhookID: String, delay: Double, heldBack: Bool) {
        let client = httpClient()
        tasks[webhookID] = Task { [clock] in
            if delay > 0 {
                do { try await Task.sleep(for: clock.realDuration(ofSandboxSeconds: delay)) } catch { return }
            }
            if heldBack { self.releaseFromHeld(shop: event.shop.domain, webhookID: webhookID) }
            await self.run(event, url: url, webhookID: webhookID, client: client)
        }
    }

    private func releaseFromHeld(shop: String, webhookID: String) {
        heldBack[shop]?.removeAll { $0.2 == webhookID }
    }

    private func run(_ event: WebhookEvent, url: URL, webhookID: String, client: HTTPClient) async {
        for attempt in 0...retries {
            if attempt > 0 {
                let backoff = baseBackoff * pow(2, Double(attempt - 1))
                do { try await Task.sleep(for: clock.realDuration(ofSandboxSeconds: backoff)) } catch { return }
            }
            if Task.isCancelled { return }
            let status = await send(event, url: url, webhookID: webhookID, client: client)
            // stop() cancelled this attempt: it says nothing about the receiver, so it is not recorded
            // (an answer that did arrive still counts as delivered).
            if Task.isCancelled, !(status.map { (200..<300).contains($0) } ?? false) { return }
            event.shop.counters.withLock { $0.webhookAttempts += 1 }
            update(shop: event.shop.domain, webhookID: webhookID) {
                $0.attempts += 1
                $0.lastStatus = status
            }
            if let status, (200..<300).contains(status) {
                update(shop: event.shop.domain, webhookID: webhookID) { $0.state = .delivered }
                event.shop.counters.withLock { $0.webhookSucceeded += 1 }
                tasks[webhookID] = nil
                return
            }
        }
        // A stop during the last attempt is not a failure: keep the subscription.
        if Task.isCancelled { return }
        update(shop: event.shop.domain, webhookID: webhookID) { $0.state = .failed }
        event.shop.counters.withLock { $0.webhookFailed += 1 }
        // Shopify deletes a subscription whose endpoint failed every retry.
        if let topic = event.subscriptionTopic {
            event.shop.state.withLock { state in
                state.subscriptions = state.subscriptions.filter { $0.value.topic != topic || $0.value.uri != url.absoluteString }
            }
        }
        tasks[webhookID] = nil
        logger.debug("webhook delivery failed after every retry", metadata: ["shop": "\(event.shop.domain)", "topic": "\(event.topic)"])
    }

    /// One attempt; the HTTP status, or nil when the receiver could not be reached in time.
    private func send(_ event: WebhookEvent, url: URL, webhookID: String, client: HTTPClient) async -> Int? {
        let secret = event.shop.secrets.withLock { $0.signingSecret(at: clock.now) }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Shopify-Captain-Hook")
        request.headers.add(name: "X-Shopify-Topic", value: event.topic)
        request.headers.add(name: "X-Shopify-Hmac-Sha256", value: WebhookSigner.signature(body: event.body, secret: secret))
        request.headers.add(name: "X-Shopify-Shop-Domain", value: event.shop.domain)
        request.headers.add(name: "X-Shopify-API-Version", value: event.apiVersion)
        request.headers.add(name: "X-Shopify-Webhook-Id", value: webhookID)
        request.headers.add(name: "X-Shopify-Event-Id", value: event.eventID)
        request.headers.add(name: "X-Shopify-Triggered-At", value: ISOTime.string(event.triggeredAt))
        request.body = .bytes(ByteBuffer(bytes: event.body))
        do {
            let response = try await client.execute(request, timeout: .seconds(6))
            // Drain the answer so the connection can be reused; Shopify ignores its content.
            _ = try? await response.body.collect(upTo: 1 << 16)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}
