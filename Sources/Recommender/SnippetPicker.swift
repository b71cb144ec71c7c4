internal import Foundation
internal import EvidenceCore
internal import Analysis
internal import Indexing

/// Picks the sentence of a record that best shows why it matched, from exactly the text the index reads
/// for the record's body (summary, findings, practice line, outcome names and topic labels), so a match
/// anywhere in it can be shown and marked.
///
/// Each record's body is analysed once per index version and kept (at most `capacity` records, then
/// started afresh), so a search's snippets cost a pass over the kept terms instead of a new analysis.
/// Safe to share between threads.
final class SnippetPicker: @unchecked Sendable {
    /// A record's body, cut into sentences, with its terms and where they were written.
    struct AnalysedBody {
        var bytes: [UInt8]
        var sentences: [Range<Int>]
        /// Terms in text order with their UTF-8 ranges.
        var terms: [(term: String, range: Range<Int>)]
    }

    static let capacity = 4_000

    private let lock = NSLock()
    private var version = ""
    private var bodies: [String: AnalysedBody] = [:]

    /// The sentence with the most distinct shared terms (the first such sentence on a tie; the first
    /// sentence when none matches), with those terms' words marked. O(terms of the body) once the body
    /// is kept; one analysis (O(text)) the first time in an index version.
    func pick(
        _ record: EvidenceRecord, shared: Set<String>, version: String, analyzer: Analyzer, cache: inout TermCache
    ) -> Snippet {
        let body = analysedBody(record, version: version, analyzer: analyzer, cache: &cache)
        guard !body.sentences.isEmpty else { return Snippet(text: record.summary, highlights: []) }
        let hits = shared.isEmpty ? [] : body.terms.filter { shared.contains($0.term) }

        var best = 0, bestCount = 0
        var hitIndex = 0
        for (index, sentence) in body.sentences.enumerated() {
            while hitIndex < hits.count && hits[hitIndex].range.lowerBound < sentence.lowerBound { hitIndex += 1 }
            var terms = Set<String>()
            var next = hitIndex
            while next < hits.count && hits[next].range.upperBound <= sentence.upperBound {
                terms.insert(hits[next].term)
                next += 1
            }
            if terms.count > bestCount { best = index; bestCount = terms.count }
        }
        let range = body.sentences[best]
        let highlights = hits.filter {
            $0.range.lowerBound >= range.lowerBound && $0.range.upperBound <= range.upperBound
        }
        .map { ($0.range.lowerBound - range.lowerBound)..<($0.range.upperBound - range.lowerBound) }
        return Snippet(text: String(decoding: body.bytes[range], as: UTF8.self), highlights: highlights)
    }

    private func analysedBody(
        _ record: EvidenceRecord, version: String, analyzer: Analyzer, cache: inout TermCache
    ) -> AnalysedBody {
        lock.lock()
        if self.version != version {
            self.version = version
            bodies.removeAll(keepingCapacity: true)
        }
        let kept = bodies[record.id]
        lock.unlock()
        if let kept { return kept }

        let text = DocumentTerms.bodyText(of: record)
        let bytes = Array(text.utf8)
        let body = AnalysedBody(
            bytes: bytes, sentences: Self.sentenceRanges(bytes),
            terms: analyzer.analyze(text, cache: &cache).map { ($0.term, $0.startOffset..<$0.endOffset) })
        lock.lock()
        defer { lock.unlock() }
        if self.version == version {
            if bodies.count >= Self.capacity { bodies.removeAll(keepingCapacity: true) }
            bodies[record.id] = body
        }
        return body
    }

    /// The text cut at line breaks and after ". ", each piece without the list markers and spaces around
    /// it; empty pieces left out. UTF-8 byte ranges.
    static func sentenceRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, index = 0
        func close(_ end: Int) {
            var lower = start, upper = end
            while lower < upper, [0x20, 0x09, 0x0D, 0x2D, 0x2A].contains(bytes[lower]) { lower += 1 }
            if upper - lower >= 3, bytes[lower] == 0xE2, bytes[lower + 1] == 0x80, bytes[lower + 2] == 0xA2 {
                lower += 3
            }  // •
            while lower < upper, bytes[lower] == 0x20 { lower += 1 }
            while upper > lower, [0x20, 0x09, 0x0D].contains(bytes[upper - 1]) { upper -= 1 }
            if upper > lower { ranges.append(lower..<upper) }
        }
        while index < bytes.count {
            if bytes[index] == 0x0A {
                close(index)
                start = index + 1
            } else if bytes[index] == 0x2E, index + 1 < bytes.count, bytes[index + 1] == 0x20 {
                close(index + 1)
                start = index + 2
                index += 1
            }
            index += 1
        }
        close(bytes.count)
        return ranges
    }
}
