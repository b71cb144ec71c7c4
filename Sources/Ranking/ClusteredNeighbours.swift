internal import EvidenceCore

/// Approximate nearest neighbours of every row of a matrix of unit rows, for corpora too large for the
/// exact all-pairs product (O(N²·k): about 2·10¹⁴ flops at a million records). An inverted file over
/// spherical k-means clusters, as in Jégou, Douze and Schmid (2011) and FAISS's `IndexIVFFlat`:
///
/// 1. Clustering: c = ⌈√(probes·N)⌉ centroids (which balances the two costs below), trained on a seeded
///    sample of at most `samplePerCluster`·c rows: first c distinct sampled rows, then `iterations` rounds
///    of assigning each sampled row to the centroid of largest cosine (blocks of rows × centroids, one
///    `sgemm` each) and moving each centroid to the normalised mean of its rows (an emptied cluster keeps
///    its centroid); finally every row is assigned once.
/// 2. Search: for each cluster, the candidates are the rows of its `probes` nearest clusters (by centroid
///    cosine, itself first); the cosines of its rows with the candidates are one `sgemm` per block of rows,
///    and each row keeps its best `count` (ties by row, the row itself left out).
///
/// A row whose true neighbour sits in a cluster not probed misses it: the result is approximate, and a
/// seeded test measures its recall against the exact search. Cost: O(N·c·k) for the clustering (the
/// training sample adds O(iterations·samplePerCluster·c²·k)) and about O(probes·N²/c·k) for the search when
/// clusters are balanced: O(√probes·N^1.5·k) in all; memory O(N + block·candidates).
public struct ClusteredNeighbours: Sendable {
    public var iterations = 6
    public var probes = 8
    public var samplePerCluster = 32
    public var block = 512
    public var seed: UInt64 = 0xC1A5

    public init() {}

    /// For each row of `vectors` (unit rows), its `count` nearest other rows (row, cosine), closest first.
    public func neighbours(of vectors: DenseMatrix, count: Int) -> [[(row: Int, score: Float)]] {
        let n = vectors.rows
        guard n > 1 else { return Array(repeating: [], count: n) }
        let clusterCount = min(n, Int((Double(probes) * Double(n)).squareRoot().rounded(.up)))
        let sample = Self.gather(vectors, rows: sampledRows(n, count: min(n, samplePerCluster * clusterCount)))
        var centroids = Self.gather(sample, rows: Array(0..<clusterCount))
        for _ in 0..<iterations {
            centroids = Self.recentre(
                sample, assignment: Self.assign(sample, to: centroids, block: 4096), previous: centroids)
        }
        let assignment = Self.assign(vectors, to: centroids, block: 4096)
        var members = [[Int]](repeating: [], count: clusterCount)
        for (row, cluster) in assignment.enumerated() { members[cluster].append(row) }

        let centroidCosines = Kernels.multiplyByTranspose(centroids, centroids)
        var result = [[(row: Int, score: Float)]](repeating: [], count: n)
        for cluster in 0..<clusterCount where !members[cluster].isEmpty {
            let probed = Self.nearestClusters(to: cluster, cosines: centroidCosines, count: probes)
            let candidates = probed.flatMap { members[$0] }.sorted()
            let candidateMatrix = Self.gather(vectors, rows: candidates)
            var start = 0
            while start < members[cluster].count {
                let queryRows = Array(members[cluster][start..<min(members[cluster].count, start + block)])
                let cosines = Kernels.multiplyByTranspose(Self.gather(vectors, rows: queryRows), candidateMatrix)
                cosines.values.withUnsafeBufferPointer { values in
                    for (local, row) in queryRows.enumerated() {
                        let own = Self.position(of: row, in: candidates)
                        let slice = values[(local * candidates.count)..<((local + 1) * candidates.count)]
                        result[row] = SemanticSpace.best(count, of: slice, skipping: own).map {
                            (candidates[$0.row], $0.score)
                        }
                    }
                }
                start += queryRows.count
            }
        }
        return result
    }

    /// `count` distinct rows of `n`, by a seeded partial Fisher–Yates shuffle, in the order drawn.
    private func sampledRows(_ n: Int, count: Int) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var order = Array(0..<n)
        for index in 0..<count {
            order.swapAt(index, index + Int(generator.next() % UInt64(n - index)))
        }
        return Array(order.prefix(count))
    }

    /// Each row's centroid of largest cosine (ties by lower centroid), in blocks of `block` rows.
    static func assign(_ vectors: DenseMatrix, to centroids: DenseMatrix, block: Int) -> [Int] {
        var assignment = [Int](repeating: 0, count: vectors.rows)
        let c = centroids.rows
        var start = 0
        while start < vectors.rows {
            let rows = Array(start..<min(vectors.rows, start + block))
            let cosines = Kernels.multiplyByTranspose(gather(vectors, rows: rows), centroids)
            cosines.values.withUnsafeBufferPointer { values in
                for (local, row) in rows.enumerated() {
                    var best = 0, bestScore = -Float.infinity
                    for cluster in 0..<c where values[local * c + cluster] > bestScore {
                        best = cluster
                        bestScore = values[local * c + cluster]
                    }
                    assignment[row] = best
                }
            }
            start += rows.count
        }
        return assignment
    }

    /// Each centroid moved to the normalised mean of its rows; a cluster with no rows keeps its centroid.
    static func recentre(_ vectors: DenseMatrix, assignment: [Int], previous: DenseMatrix) -> DenseMatrix {
        let k = vectors.columns
        var sums = DenseMatrix(rows: previous.rows, columns: k)
        var sizes = [Int](repeating: 0, count: previous.rows)
        for (row, cluster) in assignment.enumerated() {
            sizes[cluster] += 1
            for j in 0..<k { sums.values[cluster * k + j] += vectors.values[row * k + j] }
        }
        for cluster in 0..<previous.rows where sizes[cluster] == 0 {
            for j in 0..<k { sums.values[cluster * k + j] = previous.values[cluster * k + j] }
        }
        sums.normaliseRows()
        return sums
    }

    /// The `count` clusters whose centroids are nearest `cluster`'s, itself first, ties by lower cluster.
    static func nearestClusters(to cluster: Int, cosines: DenseMatrix, count: Int) -> [Int] {
        let c = cosines.columns
        return cosines.values.withUnsafeBufferPointer { values in
            [cluster]
                + SemanticSpace.best(count - 1, of: values[(cluster * c)..<((cluster + 1) * c)], skipping: cluster).map(
                    \.row)
        }
    }

    /// The given rows of `vectors`, in that order, as one contiguous matrix.
    static func gather(_ vectors: DenseMatrix, rows: [Int]) -> DenseMatrix {
        let k = vectors.columns
        var result = DenseMatrix(rows: rows.count, columns: k)
        for (local, row) in rows.enumerated() {
            for j in 0..<k { result.values[local * k + j] = vectors.values[row * k + j] }
        }
        return result
    }

    /// Where `row` sits in the sorted `rows` (binary search); it is always there.
    static func position(of row: Int, in rows: [Int]) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle] < row { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
