internal import HeapModule

/// The k best of N scores with a bounded heap: O(N log k). Ties break by the smaller identifier, so
/// rankings are deterministic.
public enum TopK {
    public static func select(_ scores: [Double], identifiers: [String], k: Int) -> [(index: Int, score: Double)] {
        precondition(scores.count == identifiers.count)
        return select(scores, k: k) { identifiers[$0] }
    }

    /// The same, the identifier of position i given by `identifier(i)`, asked only for the few scores
    /// that may enter the heap.
    public static func select(_ scores: [Double], k: Int, identifier: (Int) -> String) -> [(index: Int, score: Double)]
    {
        guard k > 0 else { return [] }
        /// Ordered so that the heap's minimum is the worst kept entry: lower score, then larger identifier.
        struct Entry: Comparable {
            var score: Double
            var index: Int
            var identifier: String
            static func < (a: Entry, b: Entry) -> Bool {
                a.score != b.score ? a.score < b.score : a.identifier > b.identifier
            }
        }
        var heap = Heap<Entry>()
        for (index, score) in scores.enumerated() {
            // Most scores lose to the worst kept one on the score alone: skip them before touching the id.
            if heap.count == k, let worst = heap.min, score < worst.score { continue }
            let entry = Entry(score: score, index: index, identifier: identifier(index))
            if heap.count < k {
                heap.insert(entry)
            } else if let worst = heap.min, worst < entry {
                _ = heap.replaceMin(with: entry)
            }
        }
        return heap.unordered.sorted { $1 < $0 }.map { ($0.index, $0.score) }
    }
}
