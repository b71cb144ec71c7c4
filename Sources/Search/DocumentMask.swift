/// Which document numbers a search may return: one flag per slot of the score vectors. Built from a
/// record filter before ranking, so the filter narrows the candidates before the best k are picked and
/// the answer never depends on k.
public struct DocumentMask: Sendable, Equatable {
    private let allowed: [Bool]
    /// How many documents are allowed.
    public let count: Int

    /// Allows `docNumbers` among `slots` slots (numbers outside the slots are ignored). O(slots).
    public init(allowing docNumbers: [Int], slots: Int) {
        var allowed = [Bool](repeating: false, count: slots)
        var count = 0
        for doc in docNumbers where doc >= 0 && doc < slots && !allowed[doc] {
            allowed[doc] = true
            count += 1
        }
        self.allowed = allowed
        self.count = count
    }

    public func allows(_ docNumber: Int) -> Bool { docNumber < allowed.count && allowed[docNumber] }

    /// Calls `body` with each slot that is not allowed. O(slots).
    func forEachExcluded(_ body: (Int) -> Void) {
        allowed.withUnsafeBufferPointer { allowed in
            for slot in 0..<allowed.count where !allowed[slot] { body(slot) }
        }
    }
}
