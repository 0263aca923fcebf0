// swift-tools-version:6.2
import PackageDescription

// One settings list for every target: Swift 6 language mode is the package default,
// these add the upcoming features that keep imports and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// What both vendor clients (Plugins/Shopify, Plugins/NetSuite) are built on.
let vendorClientDependencies: [Target.Dependency] = [
    "PluginKit",
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "Logging", package: "swift-log"),
]

/// What every flow plugin is built on: the plugin API and both vendor clients.
let flowDependencies: [Target.Dependency] = [
    "PluginKit",
    "Shopify",
    "NetSuite",
    .product(name: "Logging", package: "swift-log"),
]

/// What both vendor sandboxes (Host/Sandbox/Shopify, Host/Sandbox/NetSuite) are built on:
/// an HTTP server, and a client for what they send out (webhooks, pushed events).
let sandboxServerDependencies: [Target.Dependency] = [
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "Logging", package: "swift-log"),
]

/// What the end-to-end tests need to talk HTTP to a sandbox and run small receivers.
let httpTestDependencies: [Target.Dependency] = [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
]

let package = Package(
    name: "synchost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "synchost", targets: ["synchost"]),
        .library(name: "PluginKit", targets: ["PluginKit"]),
        .library(name: "TenantStore", targets: ["TenantStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // MARK: Plugins

        .target(
            name: "PluginKit",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Plugins/PluginKit"
        ),
        .target(
            name: "Shopify",
            dependencies: vendorClientDependencies,
            path: "Plugins/Shopify"
        ),
        .target(
            name: "NetSuite",
            dependencies: vendorClientDependencies,
            path: "Plugins/NetSuite"
        ),
        // Mapping rules more than one flow follows (external ids, customers): not a flow,
        // so flows may share it without importing each other.
        .target(
            name: "RecordMapping",
            dependencies: flowDependencies,
            path: "Plugins/RecordMapping"
        ),
        .target(
            name: "Orders",
            dependencies: flowDependencies + ["RecordMapping"],
            path: "Plugins/Orders"
        ),
        .target(
            name: "Customers",
            dependencies: flowDependencies + ["RecordMapping"],
            path: "Plugins/Customers"
        ),

        // MARK: Tenants

        // zlib from the system (zlib1g-dev): we need deflateSetDictionary, which wrappers hide.
        .systemLibrary(
            name: "CZlib",
            path: "Tenants/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "TenantStore",
            dependencies: [
                "CZlib",
                "PluginKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tenants/TenantStore"
        ),

        // MARK: Host

        // The sandboxes are written from the vendors' documentation, never from our
        // clients: they must not depend on the Shopify or NetSuite plugin modules.
        .target(
            name: "ShopifySandbox",
            dependencies: sandboxServerDependencies + [
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Host/Sandbox/Shopify",
            resources: [.copy("Resources/shopify-admin-2026-01.graphql")]
        ),
        // Realistic store traffic (orders, refunds, fulfillments, payouts, flash sales)
        // played into the Shopify sandbox through its public API.
        .target(
            name: "ShopifySimulator",
            dependencies: [
                "ShopifySandbox",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Host/Sandbox/Simulator"
        ),
        // The demo's clients seeded on both sandboxes: `synchost sandbox`, the demo, end-to-end tests.
        .target(
            name: "SandboxWorld",
            dependencies: ["ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator"],
            path: "Host/Sandbox/World"
        ),
        .target(
            name: "NetSuiteSandbox",
            dependencies: sandboxServerDependencies,
            path: "Host/Sandbox/NetSuite"
        ),
        // The host runtime: scheduler, governors, ingress, workers.
        .target(
            name: "SyncHost",
            dependencies: [
                "PluginKit",
                "TenantStore",
                "Shopify",
                "NetSuite",
                "Orders",
                "Customers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Host/SyncHost"
        ),
        // The whole system on the sandboxes: onboarding of the demo clients, the flash sale,
        // progress and the per-tenant summary. `synchost demo` and the end-to-end tests use it.
        .target(
            name: "SyncHostDemo",
            dependencies: [
                "SyncHost", "TenantStore", "PluginKit", "Shopify", "NetSuite", "RecordMapping",
                "SandboxWorld", "ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Host/Demo"
        ),
        .target(
            name: "Benchmarks",
            dependencies: ["TenantStore", "SyncHost", "PluginKit", .product(name: "Logging", package: "swift-log")],
            path: "Host/Benchmarks"
        ),
        .executableTarget(
            name: "synchost",
            dependencies: [
                "TenantStore",
                "SyncHost",
                "SyncHostDemo",
                "PluginKit",
                "Benchmarks",
                "SandboxWorld",
                "ShopifySandbox",
                "NetSuiteSandbox",
                "ShopifySimulator",
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Host/synchost"
        ),

        // MARK: Tests

        .testTarget(
            name: "EndToEndTests",
            dependencies: ["SyncHostDemo", "SyncHost", "TenantStore", "PluginKit", "Shopify", "NetSuite", "RecordMapping",
                           "SandboxWorld", "ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator"] + httpTestDependencies
                + [.product(name: "UnixSignals", package: "swift-service-lifecycle")],
            path: "Tests/EndToEndTests"
        ),
        .testTarget(
            name: "FlowTests",
            dependencies: ["Orders", "Customers", "RecordMapping", "PluginKit", "Shopify", "NetSuite", "TenantStore",
                           "ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator", "SandboxWorld"] + httpTestDependencies
                + [.product(name: "InMemoryLogging", package: "swift-log")],
            path: "Tests/FlowTests"
        ),
        .testTarget(
            name: "PluginKitTests",
            dependencies: ["PluginKit"],
            path: "Tests/PluginKitTests"
        ),
        .testTarget(
            name: "TenantStoreTests",
            dependencies: [
                "TenantStore",
                "PluginKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            path: "Tests/TenantStoreTests"
        ),
        .testTarget(
            name: "SyncHostTests",
            dependencies: ["SyncHost", "PluginKit", "TenantStore", "Shopify", "NetSuite", "Orders", "Customers",
                           "ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator", "SandboxWorld"] + httpTestDependencies
                + [.product(name: "InMemoryLogging", package: "swift-log")],
            path: "Tests/SyncHostTests"
        ),
        .testTarget(
            name: "ShopifySandboxTests",
            dependencies: ["ShopifySandbox"] + httpTestDependencies,
            path: "Tests/ShopifySandboxTests"
        ),
        .testTarget(
            name: "ShopifySimulatorTests",
            dependencies: ["ShopifySimulator", "ShopifySandbox"] + httpTestDependencies,
            path: "Tests/ShopifySimulatorTests"
        ),
        .testTarget(
            name: "SandboxWorldTests",
            dependencies: ["SandboxWorld", "ShopifySandbox", "NetSuiteSandbox", "ShopifySimulator"],
            path: "Tests/SandboxWorldTests"
        ),
        .testTarget(
            name: "NetSuiteSandboxTests",
            dependencies: ["NetSuiteSandbox"] + httpTestDependencies,
            path: "Tests/NetSuiteSandboxTests"
        ),
        .testTarget(
            name: "ShopifyClientTests",
            dependencies: ["Shopify", "ShopifySandbox", "PluginKit"] + httpTestDependencies + [.product(name: "InMemoryLogging", package: "swift-log")],
            path: "Tests/ShopifyClientTests"
        ),
        .testTarget(
            name: "NetSuiteClientTests",
            dependencies: ["NetSuite", "NetSuiteSandbox", "PluginKit"] + httpTestDependencies + [.product(name: "InMemoryLogging", package: "swift-log")],
            path: "Tests/NetSuiteClientTests"
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
