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

    /// Appends `other`, whose documents all come after this one's. Each list grows in place: copying a
    /// list out of the dictionary and back would copy its bytes on every join (quadratic in its length).
    mutating func append(_ other: PostingsAccumulator) {
        for (term, tail) in other.lists {
            if lists[term] == nil { lists[term] = tail } else { lists[term]!.join(tail) }
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

    /// Appends a list whose documents all come after this one's. The tail's first gap counts from 0:
    /// it is decoded and written again as a gap from this list's last document.
    mutating func join(_ tail: PostingsAccumulator.List) {
        var index = 0
        let first = (try? PostingsCodec.readVarint(tail.bytes, &index)) ?? 0
        PostingsCodec.appendVarint(first - lastDocNumber, to: &bytes)
        bytes.append(contentsOf: tail.bytes[index...])
        documentFrequency += tail.documentFrequency
        collectionFrequency += tail.collectionFrequency
        lastDocNumber = tail.lastDocNumber
    }
}
