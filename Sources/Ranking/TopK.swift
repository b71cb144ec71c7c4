internal import HeapModule

/// The k best of N scores with a bounded heap: O(N log k). Ties break by the smaller identifier, so
/// rankings are deterministic.
public enum TopK {
    public static func select(_ scores: [Double], identifiers: [String], k: Int) -> [(index: Int, score: Double)] {
        precondition(scores.count == identifiers.count)
        guard k > 0 else { return [] }
        /// Ordered so that the heap's minimum is the worst kept entry: lower score, then larger identifier.
        struct Entry: Comparable {
            var score: Double
            var index: Int
            var identifier: String
            static func < (a: Entry, b: Entry) -> Bool { a.score != b.score ? a.score < b.score : a.identifier > b.identifier }
        }
        var heap = Heap<Entry>()
        for (index, score) in scores.enumerated() {
            let entry = Entry(score: score, index: index, identifier: identifiers[index])
            if heap.count < k { heap.insert(entry) } else if let worst = heap.min, worst < entry { _ = heap.replaceMin(with: entry) }
        }
        return heap.unordered.sorted { $1 < $0 }.map { ($0.index, $0.score) }
    }
}
