// swift-tools-version:6.2
import PackageDescription

// One settings list for every target: Swift 6 language mode is the package default,
// these add the upcoming features that keep imports and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "synchost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "synchost", targets: ["synchost"]),
        .library(name: "TenantStore", targets: ["TenantStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
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
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tenants/TenantStore"
        ),
        .target(
            name: "Benchmarks",
            dependencies: ["TenantStore"],
            path: "Host/Benchmarks"
        ),
        .executableTarget(
            name: "synchost",
            dependencies: [
                "TenantStore",
                "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Host/synchost"
        ),
        .testTarget(
            name: "TenantStoreTests",
            dependencies: [
                "TenantStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            path: "Tests/TenantStoreTests"
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
