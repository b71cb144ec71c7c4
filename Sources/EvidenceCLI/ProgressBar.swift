internal import Foundation

/// A one-line progress bar on standard error for work that takes over a second, drawn only when
/// standard error is a terminal (quiet when piped or logged). At most ten redraws a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    init(_ label: String, enabled: Bool = Terminal.standardErrorIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(started) >= 1, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else {
            return
        }
        lastDraw = now
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        Terminal.standardError("\r\(label) [\(bar)] \(done)/\(total)")
        drawn = true
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { Terminal.standardError("\r\u{1B}[2K") }
        drawn = false
    }
}
