// swift-tools-version:6.2
import PackageDescription

/// Every warning in the project's own code is an error (dependencies are built with their warnings suppressed),
/// so that a new warning fails the build in CI instead of scrolling past.
let strictSwift: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let strictC: [CSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "PlanSite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plansite", targets: ["plansite"]),
        .library(name: "PlanSite", targets: ["PlanSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        /// Debian's libcmark (CommonMark reference implementation), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        /// The system calls Foundation lacks: an atomic exchange of two folders (renameat2), and inotify.
        .target(name: "CPlatform", cSettings: strictC),
        /// The generator: load → resolve → render → write.
        .target(
            name: "PlanSite",
            dependencies: [
                "CCmark",
                "CPlatform",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),
        /// `plansite serve`: the live preview server (FlyingFox), kept apart from the generator.
        .target(
            name: "PlanSiteServe",
            dependencies: ["PlanSite", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strictSwift
        ),
        /// The `plansite` command-line tool.
        .executableTarget(
            name: "plansite",
            dependencies: [
                "PlanSite",
                "PlanSiteServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift,
            // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc for the whole process: a build makes
            // millions of short-lived strings and arrays on both cores, and is about a sixth faster on it.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "PlanSiteTests",
            dependencies: ["PlanSite", "plansite"],
            // Test data read from the source tree by path (TestSupport.fixtures), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
    ]
)
