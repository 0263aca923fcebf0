import ArgumentParser
import Foundation
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import UnixSignals

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local Shopify and NetSuite sandboxes with the demo clients, until stopped.",
        discussion: """
            Starts both sandboxes on 127.0.0.1, seeds three demo client stores (two on subsidiaries \
            of one NetSuite account, one on its own account) with matching catalogs, prints their URLs \
            and demo credentials, and serves until SIGINT or SIGTERM.
            """
    )

    @Option(help: "Port of the Shopify sandbox (0 picks a free port).")
    var shopifyPort = 8081

    @Option(help: "Port of the NetSuite sandbox (0 picks a free port).")
    var netsuitePort = 8082

    @Option(help: "Sandbox seconds per real second: token expiry, bucket restore and webhook retries run this much faster.")
    var timeScale = 1.0

    @Option(help: "Seed for the demo catalogs and traffic.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard (0...65_535).contains(shopifyPort), (0...65_535).contains(netsuitePort) else {
            throw ValidationError("ports must be between 0 and 65535")
        }
        guard timeScale > 0, timeScale.isFinite else { throw ValidationError("--time-scale must be a positive number") }
    }

    func run() async throws {
        let world = try await DemoWorld.start(DemoWorld.Configuration(
            shopifyPort: shopifyPort, netsuitePort: netsuitePort, timeScale: timeScale, seed: seed))
        var lines: [String] = []
        lines.append("Shopify sandbox:  \(world.shopify.baseURL.absoluteString)")
        lines.append("NetSuite sandbox: \(world.netsuite.baseURL.absoluteString)")
        lines.append("")
        for tenant in world.tenants {
            lines.append("\(tenant.displayName) (tenant \(tenant.tenantID))")
            lines.append("  shop            \(tenant.shop.domain)  [\(tenant.shopCurrency)]")
            lines.append("  GraphQL         \(world.shopify.graphQLURL(shop: tenant.shop.domain).absoluteString)")
            lines.append("  access token    \(tenant.shop.accessToken)")
            lines.append("  webhook secret  \(tenant.shop.webhookSecret)")
            lines.append("  NetSuite        account \(tenant.netsuiteAccount.id), subsidiary \(tenant.subsidiaryID)")
            lines.append("  REST base       \(tenant.netsuiteAccount.restBaseURL.absoluteString)")
            lines.append("  TBA             consumer \(tenant.tba.consumerKey) / \(tenant.tba.consumerSecret)")
            lines.append("                  token    \(tenant.tba.tokenID) / \(tenant.tba.tokenSecret)")
            lines.append("  catalog         \(tenant.catalog.variants.count) variants, \(tenant.catalog.bundleVariants.count) bundles, \(tenant.catalog.locations.count) locations")
            lines.append("")
        }
        lines.append("These are sandbox credentials for local testing only. Press Ctrl-C to stop.")
        // One unbuffered write: the listing must show up even when stdout is a pipe.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
        print("stopping...")
        await world.stop()
    }
}
