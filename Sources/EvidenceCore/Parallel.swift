internal import Dispatch

/// Work spread over every core.
public enum Parallel {
    /// `body(0) … body(count − 1)` run concurrently (`DispatchQueue.concurrentPerform`), the results in
    /// index order. Each task writes only its own slot, so no lock is needed. Best with `count` a few
    /// times the number of cores and each task big enough to outweigh starting it.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        nonisolated(unsafe) let shared = slots
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let task = body
            DispatchQueue.concurrentPerform(iterations: count) { index in shared[index] = task(index) }
        }
        return (0..<count).map { slots[$0]! }
    }
}
