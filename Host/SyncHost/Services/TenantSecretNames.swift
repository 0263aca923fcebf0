/// The names under which a tenant's secrets are sealed in its ``CredentialVault``: the one
/// place that lists them. Secrets never go in the settings store.
public enum TenantSecretNames {
    /// The Shopify app's offline Admin API access token for the shop.
    public static let shopifyAccessToken = "shopify.access-token"
    /// The secret Shopify signs webhooks with (see ``WebhookSecretNames``, which also keeps
    /// the previous one through a rotation).
    public static let shopifyWebhookSecret = WebhookSecretNames.current
    /// The webhook secret before the last rotation, accepted for an hour.
    public static let shopifyPreviousWebhookSecret = WebhookSecretNames.previous

    /// Token-based authentication (OAuth 1.0a): the integration record's consumer key.
    public static let netSuiteConsumerKey = "netsuite.tba.consumer-key"
    /// Token-based authentication: the integration record's consumer secret.
    public static let netSuiteConsumerSecret = "netsuite.tba.consumer-secret"
    /// Token-based authentication: the access token's id.
    public static let netSuiteTokenID = "netsuite.tba.token-id"
    /// Token-based authentication: the access token's secret.
    public static let netSuiteTokenSecret = "netsuite.tba.token-secret"

    /// Machine-to-machine (OAuth 2.0 client credentials): the integration's client id.
    public static let netSuiteClientID = "netsuite.m2m.client-id"
    /// Machine-to-machine: the id NetSuite gave the uploaded certificate.
    public static let netSuiteCertificateID = "netsuite.m2m.certificate-id"
    /// Machine-to-machine: the certificate's P-256 private key, in PEM.
    public static let netSuitePrivateKey = "netsuite.m2m.private-key"

    /// The secret the SuiteScript signs the events it pushes to the host with.
    public static let netSuiteEventsSecret = "netsuite.events-secret"

    /// The secrets token-based authentication needs.
    public static let tokenBased: [String] = [netSuiteConsumerKey, netSuiteConsumerSecret, netSuiteTokenID, netSuiteTokenSecret]
    /// The secrets machine-to-machine authentication needs.
    public static let machineToMachine: [String] = [netSuiteClientID, netSuiteCertificateID, netSuitePrivateKey]

    /// Every name provisioning may write (the previous webhook secret is written only by a rotation).
    public static let all: Set<String> = Set([shopifyAccessToken, shopifyWebhookSecret, netSuiteEventsSecret] + tokenBased + machineToMachine)
}
