internal import Foundation
public import EvidenceCore
public import Store
public import Embedding

/// Each record's passages as the sentence encoder reads them, encoded and stored beside the index.
///
/// A record's passages are windows of `passageWords` words with `overlapWords` of overlap over its
/// summary, findings and practice line, each prefixed with the title, so every passage says what it is
/// from; a record scores as its best passage. Vectors are stored per record with the model's name and the
/// record's content hash, and kept across rebuilds: a rebuild or a re-import of unchanged records encodes
/// nothing. Records removed take their vectors with them (the table cascades).
public struct PassageVectors: Sendable {
    /// The model the vectors come from; vectors of another model are not used.
    public static let model = "all-MiniLM-L6-v2"
    public static let passageWords = 200
    public static let overlapWords = 50

    public let encoder: SentenceEncoder

    public init(encoder: SentenceEncoder) {
        self.encoder = encoder
    }

    /// The record's passages: title, then a window of the body's words. O(record size).
    public static func passages(of record: EvidenceRecord) -> [String] {
        let body = [record.summary, record.findings, record.practiceImplications].joined(separator: "\n")
        let words = body.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return [record.title] }
        var passages: [String] = []
        var start = 0
        while true {
            let end = min(start + passageWords, words.count)
            passages.append(record.title + ". " + words[start..<end].joined(separator: " "))
            if end == words.count { break }
            start = end - overlapWords
        }
        return passages
    }

    /// What a refresh did.
    public struct Report: Sendable {
        /// Records whose passages were encoded now.
        public var encoded = 0
        /// Records whose stored vectors were still current.
        public var kept = 0
        public var passages = 0
        public var seconds = 0.0
    }

    /// Encodes the passages of every record whose stored vectors are missing, from another model or from
    /// other content, and stores them, a batch of records per transaction (so a killed refresh keeps what
    /// it finished). `progress(done, total)` counts records to encode. Cost: the encoder's time for the
    /// changed records' passages (about 0.05–0.1 s a passage on one core); nothing for unchanged records.
    @discardableResult
    public func refresh(_ store: EvidenceStore, progress: ((Int, Int) -> Void)? = nil) throws -> Report {
        let started = Date()
        let (records, stamps) = try store.read { reader in (try reader.records(), try reader.passageVectorStamps()) }
        let stale = records.filter { record in
            guard let stamp = stamps[record.id] else { return true }
            return stamp.model != Self.model || stamp.contentHash != Self.hash(record)
        }
        var report = Report(kept: records.count - stale.count)
        progress?(0, stale.count)
        let batch = 32
        for start in stride(from: 0, to: stale.count, by: batch) {
            let slice = Array(stale[start..<min(start + batch, stale.count)])
            let texts = slice.map(Self.passages(of:))
            let vectors = encoder.encode(texts.flatMap { $0 })
            var offset = 0
            try store.write("store passage vectors in") { transaction in
                for (record, passages) in zip(slice, texts) {
                    let rows = vectors[offset..<(offset + passages.count)]
                    offset += passages.count
                    try transaction.putPassageVectors(
                        recordId: record.id, model: Self.model, contentHash: Self.hash(record),
                        passages: passages.count, vectors: rows.flatMap { $0 })
                }
            }
            report.encoded += slice.count
            report.passages += vectors.count
            progress?(report.encoded, stale.count)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    static func hash(_ record: EvidenceRecord) -> String { String(record.contentHash, radix: 16) }
}
