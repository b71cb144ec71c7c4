/// Term → postings list under construction, kept encoded (`PostingsCodec`) as it grows, in ascending
/// document order. Several accumulators built over consecutive ranges of documents (one per thread)
/// join into one with `append`, which only re-bases the first gap of each joined list.
/// Adding a posting is O(1) amortised; joining is O(distinct terms of the joined part + its bytes).
struct PostingsAccumulator {
    struct List {
        var bytes: [UInt8] = []
        var documentFrequency = 0
        var collectionFrequency = 0
        var lastDocNumber = 0
    }

    private(set) var lists: [String: List] = [:]

    mutating func add(_ term: String, _ posting: Posting) {
        lists[term, default: List()].add(posting)
    }

    /// Appends `other`, whose documents all come after this one's.
    mutating func append(_ other: PostingsAccumulator) {
        for (term, tail) in other.lists {
            guard var head = lists[term] else { lists[term] = tail; continue }
            // The tail's first gap counts from 0: decode it, and write it as a gap from our last document.
            var index = 0
            let first = (try? PostingsCodec.readVarint(tail.bytes, &index)) ?? 0
            PostingsCodec.appendVarint(first - head.lastDocNumber, to: &head.bytes)
            head.bytes.append(contentsOf: tail.bytes[index...])
            head.documentFrequency += tail.documentFrequency
            head.collectionFrequency += tail.collectionFrequency
            head.lastDocNumber = tail.lastDocNumber
            lists[term] = head
        }
    }
}

extension PostingsAccumulator.List {
    mutating func add(_ posting: Posting) {
        PostingsCodec.append(posting, to: &bytes, lastDocNumber: lastDocNumber)
        lastDocNumber = posting.docNumber
        documentFrequency += 1
        collectionFrequency += IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
    }
}
