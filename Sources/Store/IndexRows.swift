/// One indexed record as the index tables hold it. The Indexing module decides what the numbers mean.
public struct IndexDocumentRow: Hashable, Sendable {
    /// Dense number used in postings; new records get the next number, so postings stay sorted.
    public var docNumber: Int
    public var recordId: String
    public var titleLength: Int
    public var bodyLength: Int
    public var uniqueTerms: Int
    /// The document's vector length under the index's default weighting, for cosine normalisation.
    public var norm: Double

    public init(docNumber: Int, recordId: String, titleLength: Int, bodyLength: Int, uniqueTerms: Int, norm: Double) {
        self.docNumber = docNumber
        self.recordId = recordId
        self.titleLength = titleLength
        self.bodyLength = bodyLength
        self.uniqueTerms = uniqueTerms
        self.norm = norm
    }
}

/// One term of the index: its statistics and its postings, encoded by the Indexing module.
public struct IndexTermRow: Hashable, Sendable {
    public var term: String
    public var documentFrequency: Int
    public var collectionFrequency: Int
    public var postings: [UInt8]

    public init(term: String, documentFrequency: Int, collectionFrequency: Int, postings: [UInt8]) {
        self.term = term
        self.documentFrequency = documentFrequency
        self.collectionFrequency = collectionFrequency
        self.postings = postings
    }
}
