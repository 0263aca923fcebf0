import Foundation

/// Renders the demo's progress lines and final summary: plain text, one line per tenant,
/// readable in a terminal and in a CI log alike.
enum DemoConsole {
    static func progressLine(elapsed: Duration, tallies: [(tenant: String, tally: TenantTally)]) -> String {
        let parts = tallies.map { entry in
            "\(entry.tenant) \(entry.tally.synced)/\(entry.tally.placed)"
                + (entry.tally.retried > 0 ? " (\(entry.tally.retried) retried)" : "")
                + (entry.tally.dead > 0 ? " (\(entry.tally.dead) dead)" : "")
        }
        return "[\(seconds(elapsed))] synced " + parts.joined(separator: " | ")
    }

    static func liveLine(elapsed: Duration, counts: [(tenant: String, received: Int, synced: Int)]) -> String {
        "[\(seconds(elapsed))] selling: " + counts.map { "\($0.tenant) \($0.synced) synced of \($0.received) received" }.joined(separator: " | ")
    }

    static func summary(_ summaries: [DemoTenantSummary], elapsed: Duration, dataDirectory: URL) -> String {
        var lines: [String] = []
        let header = ["tenant", "NetSuite account", "placed", "received", "synced", "retried", "dead", "verified"]
        var rows: [[String]] = []
        for summary in summaries {
            let tally = summary.tally
            rows.append([
                summary.tenantID, summary.netsuiteAccount, "\(tally.placed)", "\(tally.received)", "\(tally.synced)",
                "\(tally.retried)", "\(tally.dead)",
                summary.check.passed ? "\(summary.check.checked) ok" : "\(summary.check.problems.count) wrong",
            ])
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        // Names left-aligned, counts right-aligned.
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index < 2 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        lines.append(render(header))
        lines += rows.map(render)
        for summary in summaries {
            for problem in summary.check.problems.prefix(5) { lines.append("  \(summary.tenantID): \(problem)") }
            for reason in summary.tally.deadReasons.prefix(5) { lines.append("  \(summary.tenantID) dead: \(reason)") }
        }
        lines.append("")
        lines.append("finished in \(seconds(elapsed)); databases kept in \(dataDirectory.path)")
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        let tenths = components.attoseconds / 100_000_000_000_000_000
        return "\(components.seconds).\(tenths)s"
    }
}
