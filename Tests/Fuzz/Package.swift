// swift-tools-version:6.0
// libFuzzer targets for PlanSite's parsers. Built only by `make fuzz` (scripts/fuzz.sh adds the sanitizer flags).
import PackageDescription

let package = Package(
    name: "PlanSiteFuzz",
    dependencies: [.package(name: "PlanSite", path: "../..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzPlanFile", "FuzzCitations", "FuzzSlug", "FuzzSearchFolding"].map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "PlanSite", package: "PlanSite")])
    }
)
