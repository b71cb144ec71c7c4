internal import Foundation

/// Turns OpenBLAS's own worker threads off while the encoder runs BLAS on several threads of its
/// own, and back on afterwards.
///
/// Measured on this project's 2-core machines with 200-word passages: two encoder threads each
/// calling a multi-threaded OpenBLAS ran at 3–4 passages/s, against 11–17 for one encoder thread
/// (OpenBLAS's threads spin and preempt each other); two encoder threads on single-threaded
/// OpenBLAS were the fastest arrangement, up to 21 passages/s. OpenBLAS's thread count is
/// process-wide, so this is a global change for the duration of a batch: other BLAS users in the
/// process run single-threaded meanwhile. Overlapping batches share one change,
/// and the count that was in force before the first is restored when the last ends. The functions
/// are looked up at run time, so with another BLAS (the reference library, Accelerate) this does
/// nothing.
enum BLASThreading {
    private typealias GetThreadCount = @convention(c) () -> Int32
    private typealias SetThreadCount = @convention(c) (Int32) -> Void

    /// OpenBLAS's `openblas_get_num_threads` and `openblas_set_num_threads`, if they are loaded.
    private struct Control {
        var get: GetThreadCount
        var set: SetThreadCount
    }

    private static let control: Control? = {
        guard let process = dlopen(nil, RTLD_NOW),
            let get = dlsym(process, "openblas_get_num_threads"),
            let set = dlsym(process, "openblas_set_num_threads")
        else { return nil }
        return Control(
            get: unsafeBitCast(get, to: GetThreadCount.self), set: unsafeBitCast(set, to: SetThreadCount.self))
    }()

    private static let lock = NSLock()
    /// Batches now running with single-threaded BLAS, and the count to restore after them; guarded by `lock`.
    nonisolated(unsafe) private static var activeScopes = 0
    nonisolated(unsafe) private static var savedThreadCount: Int32 = 1

    /// Runs `body` with OpenBLAS limited to one thread of its own.
    static func withSingleThreadedBLAS<Result>(_ body: () -> Result) -> Result {
        guard let control else { return body() }
        lock.withLock {
            if activeScopes == 0 {
                savedThreadCount = control.get()
                if savedThreadCount != 1 { control.set(1) }
            }
            activeScopes += 1
        }
        defer {
            lock.withLock {
                activeScopes -= 1
                if activeScopes == 0 && savedThreadCount != 1 { control.set(savedThreadCount) }
            }
        }
        return body()
    }
}
