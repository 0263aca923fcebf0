import Foundation
import NetSuiteSandbox
import SandboxWorld
import ShopifySandbox
import ShopifySimulator
import Testing

@Suite struct DemoWorldTests {
    @Test func everyShopifySKUHasANetSuiteItemAndTwoClientsShareAnAccount() async throws {
        let world = try await DemoWorld.start()
        do {
            try await check(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    private func check(_ world: DemoWorld) async throws {
        #expect(world.tenants.map(\.tenantID) == ["acme-outdoor", "globex-gear", "initech-supply"])
        let accounts = Dictionary(grouping: world.tenants, by: \.netsuiteAccount.id)
        #expect(accounts["1234567_SB1"]?.count == 2)
        #expect(accounts["7654321"]?.count == 1)

        for tenant in world.tenants {
            let shopProducts = try await world.shopify.products(shop: tenant.shop.domain)
            let shopSKUs = Set(shopProducts.flatMap(\.variants).map(\.sku))
            #expect(shopSKUs == Set(tenant.catalog.variants.map(\.sku)))

            let items = await world.netsuite.records(account: tenant.netsuiteAccount.id, type: "inventoryItem")
            let kits = await world.netsuite.records(account: tenant.netsuiteAccount.id, type: "kitItem")
            let netsuiteSKUs = Set((items + kits).compactMap { $0["itemId"]?.stringValue })
            for variant in tenant.catalog.variants {
                #expect(netsuiteSKUs.contains(variant.sku), "\(tenant.tenantID): SKU \(variant.sku) has no NetSuite item")
            }
            for components in tenant.catalog.bundleComponents.values {
                for component in components {
                    #expect(netsuiteSKUs.contains(component.sku), "bundle component \(component.sku) has no NetSuite item")
                }
            }
            #expect(tenant.locationMap.count == tenant.catalog.locations.count)
        }
        #expect(world.tenants[0].subsidiaryID != world.tenants[1].subsidiaryID)
    }
}
