internal import Foundation
internal import Store

/// The index rows of the terms searched so far in one index version, shared by every search of that
/// version: a term's row (its postings) is read from SQLite once, however many searches use it.
///
/// Holds at most `byteBudget` bytes of postings and starts afresh when a new row would pass it, so a
/// long-running server's memory stays bounded. Safe to share between threads.
final class TermRowCache: @unchecked Sendable {
    static let byteBudget = 64 << 20

    private let lock = NSLock()
    /// A term with no row in the index is remembered as `nil`, so it is not looked up again.
    private var rows: [String: IndexTermRow?] = [:]
    private var bytes = 0

    /// The rows of those of `terms` that are in the index, in the order of `terms`. O(1) per known term;
    /// one indexed look-up per new term.
    func rows(_ terms: [String], reader: StoreReader) throws -> [IndexTermRow] {
        var known: [String: IndexTermRow?] = [:]
        var missing: [String] = []
        lock.lock()
        for term in terms {
            if let row = rows[term] { known[term] = row } else { missing.append(term) }
        }
        lock.unlock()
        if !missing.isEmpty {
            let found = Dictionary(
                try reader.indexTerms(missing).map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
            lock.lock()
            defer { lock.unlock() }
            for term in missing {
                let row = found[term]
                known[term] = .some(row)
                let size = row?.postings.count ?? 0
                if bytes + size > Self.byteBudget {
                    rows.removeAll(keepingCapacity: true)
                    bytes = 0
                }
                rows[term] = .some(row)
                bytes += size
            }
        }
        return terms.compactMap { known[$0] ?? nil }
    }
}
