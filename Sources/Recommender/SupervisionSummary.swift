internal import EvidenceCore

/// "Take it to supervision": a short Markdown summary of chosen records with their citations. It holds
/// the records only, never the case description.
enum SupervisionSummary {
    static func markdown(_ records: [EvidenceRecord]) -> String {
        var lines = [
            "# Evidence to discuss in supervision", "",
            "From EvidenceEngine's corpus; read the sources before relying on a finding.", "",
        ]
        for (index, record) in records.enumerated() {
            lines.append("## \(index + 1). \(record.title)")
            lines.append("")
            lines.append(
                "*\(record.kind.label) · \(record.badge) · \(record.ukTested.label)\(record.sourcesDisagree ? " · sources disagree" : "")*"
            )
            lines.append("")
            lines.append(record.summary)
            if !record.practiceImplications.isEmpty {
                lines += ["", "**What this means for practice.** " + record.practiceImplications]
            }
            lines += ["", "Source: " + citation(record), ""]
        }
        return lines.joined(separator: "\n")
    }

    /// Authors (year). Title. Publisher. Link.
    static func citation(_ record: EvidenceRecord) -> String {
        let authors = record.authors.isEmpty ? record.publisher : record.authors.joined(separator: ", ")
        let year = record.year.map { " (\($0))" } ?? ""
        let publisher = record.authors.isEmpty || record.publisher.isEmpty ? "" : " \(record.publisher)."
        let link = record.sourceLink.isEmpty ? "" : " \(record.sourceLink)"
        return "\(authors)\(year). \(record.title).\(publisher)\(link)"
    }
}
