internal import Foundation

/// Latencies of one query path, and the measures taken from them.
struct Latency: Codable {
    var name: String
    var milliseconds: [Double] = []

    /// The nearest-rank percentile: the smallest value with at least p% of the values at or below it.
    func percentile(_ p: Double) -> Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        return value
    }
}

enum Measure {
    /// Seconds `body` took, on the monotonic clock.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// This process's peak resident memory so far, in MB: `VmHWM` of /proc/self/status. (Not
    /// `getrusage`'s `ru_maxrss`, which Linux carries over from the parent across `execve`.)
    static func peakResidentMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return .nan }
        return kilobytes * 1024 / 1e6
    }

    /// The size of an SQLite database once its WAL has been folded into the main file.
    static func databaseBytes(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Each measuring step runs in a child process of its own, so that its peak memory is its own and a
/// cold start is really cold for the process. The child prints one JSON object as its last line.
enum ChildProcess {
    /// Runs this executable with `arguments` (and extra environment), decoding its last line as `T`.
    static func run<T: Decodable>(
        _ arguments: [String], environment extra: [String: String] = [:], as type: T.Type
    ) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last
        else {
            throw BenchmarkFailure(
                "corpus-growth \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(T.self, from: Data(last.utf8))
    }

    /// Prints `value` as one JSON line: what the parent reads.
    static func reply(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Measure {
    /// STREAM-like triad a[i] = b[i] + s·c[i] over arrays far larger than the caches, one thread; GB/s
    /// counting the 12 bytes each element moves (two float reads, one write). Best of five.
    static func triadBandwidth() -> Double {
        let count = 25_000_000
        var a = [Float](repeating: 0, count: count)
        let b = [Float](repeating: 1, count: count), c = [Float](repeating: 2, count: count)
        var best = 0.0
        for _ in 0..<5 {
            let seconds = Measure.seconds {
                a.withUnsafeMutableBufferPointer { out in
                    b.withUnsafeBufferPointer { x in
                        c.withUnsafeBufferPointer { y in
                            for index in 0..<count { out[index] = x[index] + 3 * y[index] }
                        }
                    }
                }
            }
            best = max(best, Double(count * 12) / seconds / 1e9)
        }
        precondition(a[count / 2] == 7)
        return best
    }
}
