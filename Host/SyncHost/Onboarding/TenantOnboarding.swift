import PluginKit
import TenantStore

/// Everything needed to bring a tenant onto the host: its catalog record, its secrets (by
/// vault name, see ``TenantSecretNames``), its non-secret connection settings (see
/// ``TenantConnectionSettings/Key``), the flows it enables and each flow's settings.
/// ``TenantProvisioner`` validates all of it before writing any of it.
///
/// ```swift
/// var onboarding = TenantOnboarding(id: try TenantID("acme"), displayName: "Acme", shopDomain: "acme.myshopify.com",
///                                   netsuiteAccountID: "1234567_SB1", subsidiaryID: "2", enabledFlows: ["orders"])
/// onboarding.setShopifyCredentials(accessToken: Secret(token), webhookSecret: Secret(webhookSecret))
/// onboarding.setNetSuiteTokenBased(consumerKey: key, consumerSecret: Secret(secret), tokenID: id, tokenSecret: Secret(tokenSecret))
/// try await provisioner.provision(onboarding)
/// ```
public struct TenantOnboarding: Sendable {
    public var id: TenantID
    public var displayName: String
    /// `name.myshopify.com`.
    public var shopDomain: String
    /// `1234567` or `1234567_SB1`.
    public var netsuiteAccountID: String
    /// The NetSuite subsidiary the shop's transactions belong to.
    public var subsidiaryID: String
    public var status: TenantRecord.Status
    /// Secrets by vault name (``TenantSecretNames``).
    public var secrets: [String: Secret]
    /// Connection settings by key (``TenantConnectionSettings/Key``): endpoints, `netsuite.auth`, `netsuite.weight`.
    public var connection: [String: String]
    /// The flows (plugin ids) the tenant runs.
    public var enabledFlows: Set<String>
    /// Settings by plugin id, then key, as declared by each plugin's descriptor.
    public var flowSettings: [String: [String: String]]

    public init(id: TenantID, displayName: String, shopDomain: String, netsuiteAccountID: String, subsidiaryID: String,
                status: TenantRecord.Status = .active, secrets: [String: Secret] = [:], connection: [String: String] = [:],
                enabledFlows: Set<String> = [], flowSettings: [String: [String: String]] = [:]) {
        self.id = id
        self.displayName = displayName
        self.shopDomain = shopDomain
        self.netsuiteAccountID = netsuiteAccountID
        self.subsidiaryID = subsidiaryID
        self.status = status
        self.secrets = secrets
        self.connection = connection
        self.enabledFlows = enabledFlows
        self.flowSettings = flowSettings
    }

    /// Sets the Shopify app's access token and webhook signing secret.
    public mutating func setShopifyCredentials(accessToken: Secret, webhookSecret: Secret) {
        secrets[TenantSecretNames.shopifyAccessToken] = accessToken
        secrets[TenantSecretNames.shopifyWebhookSecret] = webhookSecret
    }

    /// Chooses token-based authentication to NetSuite (`netsuite.auth = tba`) with these credentials.
    public mutating func setNetSuiteTokenBased(consumerKey: String, consumerSecret: Secret, tokenID: String, tokenSecret: Secret) {
        for name in TenantSecretNames.machineToMachine { secrets[name] = nil }
        secrets[TenantSecretNames.netSuiteConsumerKey] = Secret(consumerKey)
        secrets[TenantSecretNames.netSuiteConsumerSecret] = consumerSecret
        secrets[TenantSecretNames.netSuiteTokenID] = Secret(tokenID)
        secrets[TenantSecretNames.netSuiteTokenSecret] = tokenSecret
        connection[TenantConnectionSettings.Key.netSuiteAuth] = NetSuiteAuthMethod.tokenBased.rawValue
    }

    /// Chooses machine-to-machine authentication to NetSuite (`netsuite.auth = m2m`) with these credentials.
    public mutating func setNetSuiteMachineToMachine(clientID: String, certificateID: String, privateKeyPEM: Secret) {
        for name in TenantSecretNames.tokenBased { secrets[name] = nil }
        secrets[TenantSecretNames.netSuiteClientID] = Secret(clientID)
        secrets[TenantSecretNames.netSuiteCertificateID] = Secret(certificateID)
        secrets[TenantSecretNames.netSuitePrivateKey] = privateKeyPEM
        connection[TenantConnectionSettings.Key.netSuiteAuth] = NetSuiteAuthMethod.machineToMachine.rawValue
    }

    /// Sets the secret NetSuite's script signs pushed events with.
    public mutating func setNetSuiteEventsSecret(_ secret: Secret) {
        secrets[TenantSecretNames.netSuiteEventsSecret] = secret
    }
}
