import AsyncHTTPClient
import Foundation
import Logging
import PluginKit

/// The Admin GraphQL client for one store.
///
/// Every request passes through the store's ``ShopifyCostBucket``: the client waits until the
/// estimated bucket level covers the request's expected cost, learns the bucket from each
/// answer, and retries a `THROTTLED` answer after the delay the bucket computes (a bounded
/// number of times). Every failure is thrown as a classified ``ShopifyError``. The access
/// token goes into the request header and nowhere else: not in logs, not in errors.
///
/// ```swift
/// let client = ShopifyAdminClient(connection: ShopifyConnection(
///     shopDomain: "acme.myshopify.com", accessToken: Secret(token)))
/// let shop = try await client.shop()
/// ```
public struct ShopifyAdminClient: Sendable {
    /// Tunables of the client; every field has a sensible default.
    public struct Configuration: Sendable {
        /// How long one HTTP exchange may take.
        public var requestTimeout: Duration
        /// How many times a `THROTTLED` answer is retried before it is thrown as rate-limited.
        public var maximumThrottleRetries: Int
        /// Largest input list sent in one mutation or search; larger inputs are split.
        /// Shopify refuses input arrays over 250 items.
        public var maximumBatchSize: Int
        /// Largest answer body accepted.
        public var maximumResponseBytes: Int

        /// Creates a configuration.
        public init(
            requestTimeout: Duration = .seconds(30),
            maximumThrottleRetries: Int = 3,
            maximumBatchSize: Int = 250,
            maximumResponseBytes: Int = 16 * 1024 * 1024
        ) {
            self.requestTimeout = requestTimeout
            self.maximumThrottleRetries = maximumThrottleRetries
            self.maximumBatchSize = min(max(1, maximumBatchSize), 250)
            self.maximumResponseBytes = maximumResponseBytes
        }
    }

    /// The store and the credentials.
    public let connection: ShopifyConnection
    /// The store's cost bucket model (share one per store between clients).
    public let bucket: ShopifyCostBucket
    /// The tunables.
    public let configuration: Configuration
    let httpClient: HTTPClient
    let logger: Logger

    /// Creates a client. Pass the store's shared `bucket` when several clients talk to one store.
    public init(
        connection: ShopifyConnection,
        httpClient: HTTPClient = .shared,
        bucket: ShopifyCostBucket = ShopifyCostBucket(),
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "synchost.shopify")
    ) {
        self.connection = connection
        self.httpClient = httpClient
        self.bucket = bucket
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "shopify.shop"] = "\(connection.shopDomain)"
        self.logger = logger
    }

    /// Runs an operation through the cost bucket and returns its decoded `data`.
    ///
    /// Waits for the bucket first; retries `THROTTLED` answers up to
    /// ``Configuration/maximumThrottleRetries`` times after the computed delay.
    public func execute<Operation: ShopifyOperation>(_ operation: Operation) async throws -> Operation.Result {
        try await executeWithCost(operation).data
    }

    /// Like ``execute(_:)`` but also returns the cost Shopify charged.
    public func executeWithCost<Operation: ShopifyOperation>(_ operation: Operation) async throws -> ShopifyAnswer<Operation.Result> {
        do {
            return try await sendThroughBucket(operation)
        } catch let error as ShopifyError {
            logger.warning("shopify request failed", metadata: [
                "shopify.operation": "\(Operation.name)", "shopify.error": "\(error.code)",
            ])
            throw error
        }
    }

    private func sendThroughBucket<Operation: ShopifyOperation>(_ operation: Operation) async throws -> ShopifyAnswer<Operation.Result> {
        var throttledAnswers = 0
        while true {
            let reservation = try await bucket.acquire(costKey: operation.costKey, estimatedCost: operation.estimatedCost)
            if reservation.delay > .zero {
                logger.debug("waited for the cost bucket", metadata: [
                    "shopify.operation": "\(Operation.name)", "shopify.wait": "\(reservation.delay)",
                ])
            }
            let exchange: GraphQLExchange
            do {
                exchange = try await post(operation)
            } catch {
                bucket.release(reservation)
                throw error
            }
            bucket.record(exchange.head.cost, for: reservation)
            do {
                let answer: ShopifyAnswer<Operation.Result> = try decodeAnswer(exchange, of: operation)
                logger.debug("shopify request done", metadata: metadata(Operation.name, cost: answer.cost))
                return answer
            } catch let error as ShopifyError where error.code == "shopify_throttled" {
                throttledAnswers += 1
                logger.notice("shopify throttled the request", metadata: metadata(Operation.name, cost: exchange.head.cost))
                if throttledAnswers > configuration.maximumThrottleRetries { throw error }
                // Without a throttle status the bucket cannot compute the wait: use the error's.
                if exchange.head.cost == nil, case .rateLimited(let delay) = error.failureClass {
                    try await bucket.clock.sleep(for: delay)
                }
            }
        }
    }

    private func metadata(_ operation: String, cost: ShopifyQueryCost?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["shopify.operation": "\(operation)"]
        if let cost {
            metadata["shopify.cost.requested"] = "\(cost.requestedQueryCost)"
            metadata["shopify.bucket.available"] = "\(cost.throttleStatus.currentlyAvailable)"
        }
        return metadata
    }
}
